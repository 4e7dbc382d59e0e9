using System.Text.Json;

namespace Rapport.Core.Segments;

/// <summary>The rule, or the problems that stop it, each keyed by the JSON path of the part at fault ("conditions[1].field").</summary>
public sealed record SegmentRuleParse(SegmentRule? Rule, IReadOnlyDictionary<string, string[]> Errors)
{
    public bool IsValid => Rule is not null && Errors.Count == 0;
}

/// <summary>Reads and validates a rule's JSON: unknown fields and operators, wrong value types and empty rules are named.</summary>
public static class SegmentRuleParser
{
    public const int MaxConditions = 20;

    public static SegmentRuleParse Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return Fail("conditions", "the rule is empty: give at least one condition");
        SegmentRule.RuleJson? raw;
        try
        {
            raw = JsonSerializer.Deserialize<SegmentRule.RuleJson>(json, SegmentRule.Options);
        }
        catch (JsonException ex)
        {
            return Fail("rule", $"not valid JSON: {ex.Message}");
        }
        return Validate(raw?.Conditions?.Select(c => (c.Field, c.Op, c.Value)).ToList());
    }

    /// <summary>Validates conditions given as field name, operator symbol and JSON value (the API and the UI builder).</summary>
    public static SegmentRuleParse Validate(IReadOnlyList<(string? Field, string? Op, JsonElement? Value)>? conditions)
    {
        if (conditions is null || conditions.Count == 0) return Fail("conditions", "the rule is empty: give at least one condition");
        if (conditions.Count > MaxConditions) return Fail("conditions", $"at most {MaxConditions} conditions");
        var errors = new Dictionary<string, string[]>();
        var parsed = new List<RuleCondition>();
        for (var i = 0; i < conditions.Count; i++)
        {
            var (name, symbol, value) = conditions[i];
            var at = $"conditions[{i}]";
            var field = RuleFields.Find(name);
            if (field is null)
            {
                errors[$"{at}.field"] = [$"unknown field '{name}'; known fields: {string.Join(", ", RuleFields.All.Select(f => f.Name))}"];
                continue;
            }
            if (!RuleOperators.TryParse(symbol, out var op))
            {
                errors[$"{at}.op"] = [$"unknown operator '{symbol}'; known operators: {string.Join(" ", RuleOperators.Symbols)}"];
                continue;
            }
            if (field.IsText)
            {
                if (op is not (RuleOperator.Equal or RuleOperator.NotEqual))
                    errors[$"{at}.op"] = [$"operator '{symbol}' does not apply to the text field '{field.Name}'; use = or ≠"];
                else if (value is not { ValueKind: JsonValueKind.String } text || string.IsNullOrWhiteSpace(text.GetString()))
                    errors[$"{at}.value"] = [$"'{field.Name}' needs a text value"];
                else parsed.Add(new RuleCondition(field, op, 0, text.GetString()!.Trim()));
            }
            else if (value is not { ValueKind: JsonValueKind.Number } number || !number.TryGetDouble(out var d) || !double.IsFinite(d))
                errors[$"{at}.value"] = [$"'{field.Name}' needs a number"];
            else parsed.Add(new RuleCondition(field, op, d, null));
        }
        return errors.Count > 0 ? new SegmentRuleParse(null, errors) : new SegmentRuleParse(new SegmentRule(parsed), errors);
    }

    private static SegmentRuleParse Fail(string key, string message) => new(null, new Dictionary<string, string[]> { [key] = [message] });
}
