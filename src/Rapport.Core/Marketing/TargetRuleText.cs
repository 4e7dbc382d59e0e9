using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Rapport.Core.Segments;

namespace Rapport.Core.Marketing;

/// <summary>
/// A campaign's target rule as people write it — <c>p_alive &lt; 0.5 and clv &gt; 300</c> — or as segment-rule JSON; read
/// into the same <see cref="SegmentRule"/> the segment builder uses, with problems named as the parser names them.
/// "Repeat-purchase probability below 80 %" is <c>p_alive &lt; 0.8</c> (P(alive) is the chance the customer buys again).
/// </summary>
public static partial class TargetRuleText
{
    [GeneratedRegex(@"^\s*(?<field>[A-Za-z_]+)\s*(?<op>>=|<=|!=|≠|>|<|=)\s*(?<value>.+?)\s*$")]
    private static partial Regex ConditionPattern();

    [GeneratedRegex(@"\s+(?:and|AND|And)\s+")]
    private static partial Regex AndPattern();

    public static SegmentRuleParse Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return SegmentRuleParser.Parse(null);
        if (text.TrimStart().StartsWith('{')) return SegmentRuleParser.Parse(text);
        var conditions = new List<(string? Field, string? Op, JsonElement? Value)>();
        foreach (var part in AndPattern().Split(text.Trim()))
        {
            var match = ConditionPattern().Match(part);
            if (!match.Success)
                return new SegmentRuleParse(null, new Dictionary<string, string[]> { ["targetRule"] = [$"cannot read '{part.Trim()}': write field operator value, e.g. p_alive < 0.5"] });
            var raw = match.Groups["value"].Value.Trim().Trim('"', '\'');
            JsonElement value = double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
                ? JsonSerializer.SerializeToElement(d) : JsonSerializer.SerializeToElement(raw);
            conditions.Add((match.Groups["field"].Value, match.Groups["op"].Value, value));
        }
        return SegmentRuleParser.Validate(conditions);
    }
}
