namespace Rapport.Core.Domain;

/// <summary>
/// A workflow rule an admin builds: when <see cref="Trigger"/> happens (with its settings), and every condition holds on
/// the record, run the actions in order. Conditions and actions are JSON (see <c>Rapport.Core.Automation.RuleDefinition</c>).
/// </summary>
public class AutomationRule
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public bool Enabled { get; set; } = true;
    /// <summary>Trigger type, e.g. "deal.created", "score.crossed", "ticket.sla-due-soon", "schedule" (see <c>AutomationTriggers</c>).</summary>
    public string Trigger { get; set; } = "";
    /// <summary>The trigger's settings as JSON: changed field, score kind/threshold/direction, minutes, schedule.</summary>
    public string TriggerSettings { get; set; } = "{}";
    /// <summary>JSON array of {field, op, value}; all must hold.</summary>
    public string Conditions { get; set; } = "[]";
    /// <summary>JSON array of actions: {type, …parameters}.</summary>
    public string Actions { get; set; } = "[]";
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>When a schedule trigger last fired (UTC).</summary>
    public DateTime? LastScheduledAt { get; set; }
}

/// <summary>An outgoing webhook: record events of the listed types are POSTed to <see cref="Url"/>, signed with the secret.</summary>
public class WebhookSubscription
{
    public long Id { get; set; }
    public string Url { get; set; } = "";
    /// <summary>Event types, e.g. "customer.created", "deal.changed"; "*" for all.</summary>
    public List<string> Events { get; set; } = [];
    /// <summary>The signing secret, encrypted at rest (ASP.NET Core data protection); never shown again after creation.</summary>
    public string Secret { get; set; } = "";
    public bool Enabled { get; set; } = true;
    public DateTime CreatedAt { get; set; }
}
