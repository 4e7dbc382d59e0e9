using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Rapport.Core.Segments;

/// <summary>
/// A rule-based segment's definition: customers for whom every condition holds (AND). Stored as JSON in
/// <c>Segment.Definition</c>, e.g. <c>{"conditions":[{"field":"churn_risk","op":"&gt;","value":0.6},{"field":"clv","op":"&gt;","value":500}]}</c>.
/// </summary>
public sealed record SegmentRule(IReadOnlyList<RuleCondition> Conditions)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public string ToJson() => JsonSerializer.Serialize(new RuleJson
    {
        Conditions = Conditions.Select(c => new ConditionJson
        {
            Field = c.Field.Name, Op = c.Operator.Symbol(),
            Value = c.Field.IsText ? JsonSerializer.SerializeToElement(c.Text) : JsonSerializer.SerializeToElement(c.Number),
        }).ToList(),
    }, Json);

    /// <summary>The rule in words, e.g. "churn_risk &gt; 0.6 AND clv &gt; 500".</summary>
    public override string ToString() => string.Join(" AND ", Conditions);

    internal sealed class RuleJson
    {
        public List<ConditionJson>? Conditions { get; set; }
    }

    internal sealed class ConditionJson
    {
        public string? Field { get; set; }
        public string? Op { get; set; }
        public JsonElement? Value { get; set; }
    }

    internal static JsonSerializerOptions Options => Json;
}

/// <summary>One comparison: a field, an operator and a number (numeric fields) or a text (text fields).</summary>
public sealed record RuleCondition(RuleField Field, RuleOperator Operator, double Number, string? Text)
{
    public override string ToString()
        => $"{Field.Name} {Operator.Symbol()} {(Field.IsText ? $"\"{Text}\"" : Number.ToString("0.####", CultureInfo.InvariantCulture))}";
}

public enum RuleOperator { Greater, GreaterOrEqual, Less, LessOrEqual, Equal, NotEqual }

public static class RuleOperators
{
    /// <summary>The spellings accepted; "≠" and "!=" are the same operator.</summary>
    private static readonly Dictionary<string, RuleOperator> BySymbol = new(StringComparer.Ordinal)
    {
        [">"] = RuleOperator.Greater, [">="] = RuleOperator.GreaterOrEqual, ["<"] = RuleOperator.Less, ["<="] = RuleOperator.LessOrEqual,
        ["="] = RuleOperator.Equal, ["≠"] = RuleOperator.NotEqual, ["!="] = RuleOperator.NotEqual,
    };

    public static IReadOnlyList<string> Symbols { get; } = [">", ">=", "<", "<=", "=", "≠"];

    public static bool TryParse(string? symbol, out RuleOperator op) => BySymbol.TryGetValue(symbol?.Trim() ?? "", out op);

    public static string Symbol(this RuleOperator op) => op switch
    {
        RuleOperator.Greater => ">", RuleOperator.GreaterOrEqual => ">=", RuleOperator.Less => "<", RuleOperator.LessOrEqual => "<=",
        RuleOperator.Equal => "=", _ => "≠",
    };
}
