using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Rapport.Core.Automation;

/// <summary>The trigger's settings; which ones apply depends on the trigger (see <see cref="RuleValidator"/>).</summary>
public sealed class TriggerSettings
{
    /// <summary>*.changed: fire only when this field changed (optional).</summary>
    public string? Field { get; set; }
    /// <summary>score.crossed: churn_risk, clv or p_alive.</summary>
    public string? Kind { get; set; }
    public double? Threshold { get; set; }
    /// <summary>score.crossed: "above" (went from ≤ to &gt; threshold) or "below" (from ≥ to &lt;).</summary>
    public string? Direction { get; set; }
    /// <summary>ticket.sla-due-soon: fire when the SLA is due within this many minutes.</summary>
    public int? Minutes { get; set; }
    /// <summary>schedule: every N hours …</summary>
    public int? EveryHours { get; set; }
    /// <summary>… or daily at HH:mm (UTC).</summary>
    public string? DailyAt { get; set; }
}

/// <summary>One condition: the record's <see cref="Field"/> compared by <see cref="Op"/> with <see cref="Value"/>.</summary>
public sealed class RuleCondition
{
    public string? Field { get; set; }
    public string? Op { get; set; }
    public string? Value { get; set; }
}

/// <summary>One action; which parameters apply depends on <see cref="Type"/> (see <see cref="RuleActionTypes"/>).</summary>
public sealed class RuleAction
{
    public string? Type { get; set; }
    /// <summary>create_task: the task title.</summary>
    public string? Title { get; set; }
    /// <summary>create_task: due this many days after the firing (none = no date).</summary>
    public int? DueInDays { get; set; }
    /// <summary>assign: the new owner/assignee; create_task / notify: the user (default: the record's owner).</summary>
    public long? UserId { get; set; }
    /// <summary>set_field: which field and its new value (as text).</summary>
    public string? Field { get; set; }
    public string? Value { get; set; }
    /// <summary>add_to_campaign.</summary>
    public long? CampaignId { get; set; }
    /// <summary>notify: the message.</summary>
    public string? Message { get; set; }
    /// <summary>webhook: where to POST the event (http/https).</summary>
    public string? Url { get; set; }
}

public static class RuleActionTypes
{
    public const string CreateTask = "create_task";
    public const string Assign = "assign";
    public const string SetField = "set_field";
    public const string AddToCampaign = "add_to_campaign";
    public const string Notify = "notify";
    public const string Webhook = "webhook";
    public static readonly IReadOnlyList<string> All = [CreateTask, Assign, SetField, AddToCampaign, Notify, Webhook];
}

/// <summary>JSON (camelCase) for the settings, conditions and actions stored on a rule.</summary>
public static class RuleJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Read<T>(string? json) where T : new()
        => string.IsNullOrWhiteSpace(json) ? new T() : JsonSerializer.Deserialize<T>(json, Options) ?? new T();

    /// <summary>A value for display in a condition or error (invariant culture).</summary>
    public static string Show(object? value) => value switch
    {
        null => "",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
