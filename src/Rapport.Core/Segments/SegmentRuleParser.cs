using System.Text.Json;

namespace Rapport.Core.Segments;

/// <summary>The rule, or the problems that stop it, each keyed by the JSON path of the part at fault ("conditions[1].field").</summary>
public sealed record SegmentRuleParse(SegmentRule? Rule, IReadOnlyDictionary<string, string[]> Errors)
{
    public bool IsValid => Rule is not null && Errors.Count == 0;

    /// <summary>The same problems with a code and arguments (same keys as <see cref="Errors"/>), for screens that show them in their language.</summary>
    public IReadOnlyDictionary<string, SegmentRuleProblem> Problems { get; init; } = new Dictionary<string, SegmentRuleProblem>();

    internal static SegmentRuleParse Of(SegmentRule? rule, Dictionary<string, SegmentRuleProblem> problems) =>
        new(problems.Count > 0 ? null : rule, problems.ToDictionary(p => p.Key, p => new[] { p.Value.English })) { Problems = problems };
}

/// <summary>
/// One rule problem: a stable <see cref="Code"/> (screens look up their own text for it, e.g. resource key
/// <c>SegmentRule_UnknownField</c> with <see cref="Args"/> as {0}, {1}) and the English text the API answers.
/// </summary>
public sealed record SegmentRuleProblem(string Code, params string[] Args)
{
    public const string Empty = "Empty", TooMany = "TooMany", NotJson = "NotJson", UnknownField = "UnknownField", UnknownOperator = "UnknownOperator",
        TextOperator = "TextOperator", NeedsText = "NeedsText", NeedsNumber = "NeedsNumber";

    /// <summary>English templates by code; {0}, {1} are <see cref="Args"/>.</summary>
    public static readonly IReadOnlyDictionary<string, string> EnglishTemplates = new Dictionary<string, string>
    {
        [Empty] = "the rule is empty: give at least one condition",
        [TooMany] = "at most {0} conditions",
        [NotJson] = "not valid JSON: {0}",
        [UnknownField] = "unknown field '{0}'; known fields: {1}",
        [UnknownOperator] = "unknown operator '{0}'; known operators: {1}",
        [TextOperator] = "operator '{0}' does not apply to the text field '{1}'; use = or ≠",
        [NeedsText] = "'{0}' needs a text value",
        [NeedsNumber] = "'{0}' needs a number",
    };

    public string English => string.Format(System.Globalization.CultureInfo.InvariantCulture, EnglishTemplates[Code], Args);
}

/// <summary>Reads and validates a rule's JSON: unknown fields and operators, wrong value types and empty rules are named.</summary>
public static class SegmentRuleParser
{
    public const int MaxConditions = 20;

    public static SegmentRuleParse Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return Fail("conditions", new(SegmentRuleProblem.Empty));
        SegmentRule.RuleJson? raw;
        try
        {
            raw = JsonSerializer.Deserialize<SegmentRule.RuleJson>(json, SegmentRule.Options);
        }
        catch (JsonException ex)
        {
            return Fail("rule", new(SegmentRuleProblem.NotJson, ex.Message));
        }
        return Validate(raw?.Conditions?.Select(c => (c.Field, c.Op, c.Value)).ToList());
    }

    /// <summary>Validates conditions given as field name, operator symbol and JSON value (the API and the UI builder).</summary>
    public static SegmentRuleParse Validate(IReadOnlyList<(string? Field, string? Op, JsonElement? Value)>? conditions)
    {
        if (conditions is null || conditions.Count == 0) return Fail("conditions", new(SegmentRuleProblem.Empty));
        if (conditions.Count > MaxConditions) return Fail("conditions", new(SegmentRuleProblem.TooMany, MaxConditions.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var errors = new Dictionary<string, SegmentRuleProblem>();
        var parsed = new List<RuleCondition>();
        for (var i = 0; i < conditions.Count; i++)
        {
            var (name, symbol, value) = conditions[i];
            var at = $"conditions[{i}]";
            var field = RuleFields.Find(name);
            if (field is null)
            {
                errors[$"{at}.field"] = new(SegmentRuleProblem.UnknownField, name ?? "", string.Join(", ", RuleFields.All.Select(f => f.Name)));
                continue;
            }
            if (!RuleOperators.TryParse(symbol, out var op))
            {
                errors[$"{at}.op"] = new(SegmentRuleProblem.UnknownOperator, symbol ?? "", string.Join(" ", RuleOperators.Symbols));
                continue;
            }
            if (field.IsText)
            {
                if (op is not (RuleOperator.Equal or RuleOperator.NotEqual))
                    errors[$"{at}.op"] = new(SegmentRuleProblem.TextOperator, symbol ?? "", field.Name);
                else if (value is not { ValueKind: JsonValueKind.String } text || string.IsNullOrWhiteSpace(text.GetString()))
                    errors[$"{at}.value"] = new(SegmentRuleProblem.NeedsText, field.Name);
                else parsed.Add(new RuleCondition(field, op, 0, text.GetString()!.Trim()));
            }
            else if (value is not { ValueKind: JsonValueKind.Number } number || !number.TryGetDouble(out var d) || !double.IsFinite(d))
                errors[$"{at}.value"] = new(SegmentRuleProblem.NeedsNumber, field.Name);
            else parsed.Add(new RuleCondition(field, op, d, null));
        }
        return SegmentRuleParse.Of(errors.Count > 0 ? null : new SegmentRule(parsed), errors);
    }

    private static SegmentRuleParse Fail(string key, SegmentRuleProblem problem) => SegmentRuleParse.Of(null, new() { [key] = problem });
}
