namespace Rapport.Core.Automation;

/// <summary>The trigger and event types automation knows, and which record each is about.</summary>
public static class AutomationTriggers
{
    public const string ScoreCrossed = "score.crossed";
    public const string SlaDueSoon = "ticket.sla-due-soon";
    public const string Schedule = "schedule";

    /// <summary>Record events the audit hook writes to the outbox (created / changed per entity).</summary>
    public static readonly IReadOnlyList<string> RecordEvents =
        ["customer.created", "customer.changed", "deal.created", "deal.changed", "ticket.created", "ticket.changed"];

    public static readonly IReadOnlyList<string> All = [.. RecordEvents, ScoreCrossed, SlaDueSoon, Schedule];

    /// <summary>What webhooks may subscribe to: every event with a record ("*" = all of them).</summary>
    public static readonly IReadOnlyList<string> WebhookEvents = [.. RecordEvents, ScoreCrossed, SlaDueSoon];

    /// <summary>The record type an event of <paramref name="trigger"/> is about; null for schedules (no record).</summary>
    public static string? EntityOf(string trigger) => trigger switch
    {
        ScoreCrossed => AutomationFields.Customer,
        SlaDueSoon => AutomationFields.Ticket,
        Schedule => null,
        _ when trigger.StartsWith("customer.", StringComparison.Ordinal) => AutomationFields.Customer,
        _ when trigger.StartsWith("deal.", StringComparison.Ordinal) => AutomationFields.Deal,
        _ when trigger.StartsWith("ticket.", StringComparison.Ordinal) => AutomationFields.Ticket,
        _ => null,
    };

    /// <summary>The outbox event type for a created/changed record of <paramref name="entityType"/>, or null when not an automation entity.</summary>
    public static string? RecordEventType(string entityType, bool created)
        => AutomationFields.Entities.Contains(entityType) ? $"{entityType.ToLowerInvariant()}.{(created ? "created" : "changed")}" : null;

    public static bool IsChangeTrigger(string trigger) => trigger.EndsWith(".changed", StringComparison.Ordinal);
}
