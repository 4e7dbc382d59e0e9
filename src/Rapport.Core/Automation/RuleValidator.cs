using System.Globalization;

namespace Rapport.Core.Automation;

/// <summary>
/// Checks a rule's trigger, settings, conditions and actions without touching the database; each error names its
/// part the way the API shows it ("triggerSettings.threshold", "conditions[0].value", "actions[1].field").
/// Whether a user or campaign exists is checked by the caller.
/// </summary>
public static class RuleValidator
{
    public static readonly IReadOnlyList<string> ScoreKinds = ["churn_risk", "clv", "p_alive"];

    public static Dictionary<string, string[]> Validate(string? name, string? trigger, TriggerSettings settings,
        IReadOnlyList<RuleCondition> conditions, IReadOnlyList<RuleAction> actions)
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string key, string message) => errors[key] = [message];

        if (string.IsNullOrWhiteSpace(name)) Add("name", "is required");
        else if (name.Trim().Length > 200) Add("name", "at most 200 characters");
        if (string.IsNullOrWhiteSpace(trigger) || !AutomationTriggers.All.Contains(trigger))
        {
            Add("trigger", "one of " + string.Join(", ", AutomationTriggers.All));
            return errors;
        }
        var entity = AutomationTriggers.EntityOf(trigger);
        ValidateSettings(trigger, entity, settings, Add);

        for (var i = 0; i < conditions.Count; i++)
        {
            var c = conditions[i];
            var key = $"conditions[{i}]";
            if (entity is null) { Add(key, "a schedule has no record to test: leave conditions out"); break; }
            var field = AutomationFields.Find(entity, c.Field);
            if (field is null) { Add($"{key}.field", $"one of {string.Join(", ", AutomationFields.Of(entity).Select(f => f.Name))}"); continue; }
            if (c.Op is null || !ConditionOps.All.Contains(c.Op)) { Add($"{key}.op", "one of " + string.Join(", ", ConditionOps.All)); continue; }
            if (!ConditionOps.AppliesTo(c.Op, field.Kind)) { Add($"{key}.op", $"'{c.Op}' does not apply to {field.Name}"); continue; }
            if (c.Op == ConditionOps.Changed && !AutomationTriggers.IsChangeTrigger(trigger)) { Add($"{key}.op", "'changed' needs a *.changed trigger"); continue; }
            if (ConditionOps.IsUnary(c.Op) || c.Op == ConditionOps.Contains)
            {
                if (c.Op == ConditionOps.Contains && string.IsNullOrWhiteSpace(c.Value)) Add($"{key}.value", "is required");
                continue;
            }
            if (string.IsNullOrWhiteSpace(c.Value) && c.Op is not (ConditionOps.Equal or ConditionOps.NotEqual)) Add($"{key}.value", "is required");
            else if (!string.IsNullOrWhiteSpace(c.Value) && !field.TryParse(c.Value, out _)) Add($"{key}.value", $"must be {field.Expected}");
        }

        if (actions.Count == 0) Add("actions", "at least one action is required");
        for (var i = 0; i < actions.Count; i++) ValidateAction(entity, actions[i], $"actions[{i}]", Add);
        return errors;
    }

    private static void ValidateSettings(string trigger, string? entity, TriggerSettings s, Action<string, string> add)
    {
        const string key = "triggerSettings";
        switch (trigger)
        {
            case AutomationTriggers.ScoreCrossed:
                if (s.Kind is null || !ScoreKinds.Contains(s.Kind)) add($"{key}.kind", "one of " + string.Join(", ", ScoreKinds));
                if (s.Threshold is not { } t || !double.IsFinite(t)) add($"{key}.threshold", "a number is required");
                else if (s.Kind is "churn_risk" or "p_alive" && t is < 0 or > 1) add($"{key}.threshold", "between 0 and 1 for a probability");
                if (s.Direction is not ("above" or "below")) add($"{key}.direction", "above or below");
                break;
            case AutomationTriggers.SlaDueSoon:
                if (s.Minutes is not (>= 1 and <= 10080)) add($"{key}.minutes", "between 1 and 10080 (a week)");
                break;
            case AutomationTriggers.Schedule:
                var hasEvery = s.EveryHours is not null;
                var hasDaily = !string.IsNullOrWhiteSpace(s.DailyAt);
                if (hasEvery == hasDaily) add(key, "give everyHours or dailyAt (one of them)");
                else if (hasEvery && s.EveryHours is not (>= 1 and <= 720)) add($"{key}.everyHours", "between 1 and 720");
                else if (hasDaily && !TimeOnly.TryParseExact(s.DailyAt!.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                    add($"{key}.dailyAt", "a time HH:mm (UTC)");
                break;
            default:
                if (s.Field is not null && AutomationTriggers.IsChangeTrigger(trigger) && AutomationFields.Find(entity, s.Field) is null)
                    add($"{key}.field", $"one of {string.Join(", ", AutomationFields.Of(entity).Select(f => f.Name))}");
                break;
        }
    }

    private static void ValidateAction(string? entity, RuleAction a, string key, Action<string, string> add)
    {
        if (a.Type is null || !RuleActionTypes.All.Contains(a.Type)) { add($"{key}.type", "one of " + string.Join(", ", RuleActionTypes.All)); return; }
        switch (a.Type)
        {
            case RuleActionTypes.CreateTask:
                if (string.IsNullOrWhiteSpace(a.Title)) add($"{key}.title", "is required");
                else if (a.Title.Trim().Length > 300) add($"{key}.title", "at most 300 characters");
                if (a.DueInDays is < 0 or > 365) add($"{key}.dueInDays", "between 0 and 365");
                if (entity is null && a.UserId is null) add($"{key}.userId", "is required for a schedule (no record owner)");
                break;
            case RuleActionTypes.Assign:
                if (entity is null) add($"{key}.type", "a schedule has no record to assign");
                else if (a.UserId is null) add($"{key}.userId", "is required");
                break;
            case RuleActionTypes.SetField:
                if (entity is null) { add($"{key}.type", "a schedule has no record to change"); break; }
                var field = AutomationFields.Find(entity, a.Field);
                if (field is not { Settable: true })
                    add($"{key}.field", "one of " + string.Join(", ", AutomationFields.Of(entity).Where(f => f.Settable).Select(f => f.Name)));
                else if (!field.TryParse(a.Value, out _)) add($"{key}.value", $"must be {field.Expected}");
                break;
            case RuleActionTypes.AddToCampaign:
                if (entity != AutomationFields.Customer && entity != AutomationFields.Deal && entity != AutomationFields.Ticket)
                    add($"{key}.type", "needs a record with a customer");
                if (a.CampaignId is null) add($"{key}.campaignId", "is required");
                break;
            case RuleActionTypes.Notify:
                if (string.IsNullOrWhiteSpace(a.Message)) add($"{key}.message", "is required");
                else if (a.Message.Trim().Length > 500) add($"{key}.message", "at most 500 characters");
                if (entity is null && a.UserId is null) add($"{key}.userId", "is required for a schedule (no record owner)");
                break;
            case RuleActionTypes.Webhook:
                if (WebhookUrl.Problem(a.Url) is { } problem) add($"{key}.url", problem);
                break;
        }
    }
}

/// <summary>Webhook targets: absolute http or https URLs only (no file:, ftp:, javascript: …).</summary>
public static class WebhookUrl
{
    public static string? Problem(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return "is required";
        if (url.Length > 2000) return "at most 2000 characters";
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host))
            return "must be an absolute http or https URL";
        return null;
    }
}
