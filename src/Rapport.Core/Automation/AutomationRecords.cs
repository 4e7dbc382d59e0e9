namespace Rapport.Core.Automation;

// Operational rows of the automation engine. They live outside Rapport.Core.Domain on purpose: the audit hook records
// domain records only, and the outbox, run log and delivery log are themselves the log of what automation did.

/// <summary>
/// One record event in the outbox, written in the same transaction as the change that caused it (or by the score,
/// SLA and schedule scanners), then processed by the automation worker.
/// </summary>
public class AutomationEvent
{
    public long Id { get; set; }
    /// <summary>"customer.created", "deal.changed", "score.crossed", "ticket.sla-due-soon", "schedule" …</summary>
    public string Type { get; set; } = "";
    /// <summary>"Customer", "Deal", "Ticket"; null for schedule events.</summary>
    public string? EntityType { get; set; }
    public long? EntityId { get; set; }
    /// <summary>JSON object field → {before, after} (personal values masked, as in the audit trail).</summary>
    public string Changes { get; set; } = "{}";
    public DateTime OccurredAt { get; set; }
    public DateTime? ProcessedAt { get; set; }
    /// <summary>Set for events meant for one rule only (SLA and schedule scanners).</summary>
    public long? TargetRuleId { get; set; }
    /// <summary>Comma-separated ids of the rules whose actions caused this change (loop guard); empty for user changes.</summary>
    public string CausedByRules { get; set; } = "";
}

public enum AutomationRunStatus { Running, Retrying, Succeeded, Failed }

/// <summary>One firing of a rule for one event: each action's outcome, retried with backoff until done or out of attempts.</summary>
public class AutomationRun
{
    public long Id { get; set; }
    public long RuleId { get; set; }
    public string RuleName { get; set; } = "";
    public long EventId { get; set; }
    public string EventType { get; set; } = "";
    public string? EntityType { get; set; }
    public long? EntityId { get; set; }
    public AutomationRunStatus Status { get; set; }
    /// <summary>How many times the run's pending actions were attempted.</summary>
    public int Attempts { get; set; }
    public DateTime? NextAttemptAt { get; set; }
    public List<ActionOutcome> Outcomes { get; set; } = [];
    public string? Error { get; set; }
    public string CausedByRules { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
}

/// <summary>What became of one action of a run.</summary>
public sealed class ActionOutcome
{
    public int Index { get; set; }
    public string Type { get; set; } = "";
    /// <summary>"pending", "succeeded", "failed".</summary>
    public string Status { get; set; } = "pending";
    public int Attempts { get; set; }
    public string? Result { get; set; }
    public string? Error { get; set; }
}

/// <summary>An in-app notification for one user (the bell in the app bar).</summary>
public class Notification
{
    public long Id { get; set; }
    public long UserId { get; set; }
    public string Message { get; set; } = "";
    /// <summary>App-relative link to the record, e.g. "deals/12".</summary>
    public string? Link { get; set; }
    public long? RuleId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ReadAt { get; set; }
}

public enum WebhookDeliveryStatus { Pending, Succeeded, Failed }

/// <summary>One attempt to deliver an event to a subscription (or a rule's webhook action is logged in its run instead).</summary>
public class WebhookDelivery
{
    public long Id { get; set; }
    public long SubscriptionId { get; set; }
    public long EventId { get; set; }
    public string EventType { get; set; } = "";
    public int Attempt { get; set; } = 1;
    public WebhookDeliveryStatus Status { get; set; }
    public DateTime DueAt { get; set; }
    public int? StatusCode { get; set; }
    public long? DurationMs { get; set; }
    public string? Error { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? AttemptedAt { get; set; }
}

/// <summary>The score of a customer as of the previous insights refresh: what "crossed a threshold" compares against.</summary>
public class ScoreSnapshot
{
    public long CustomerId { get; set; }
    public string Kind { get; set; } = "";
    public double Value { get; set; }
}
