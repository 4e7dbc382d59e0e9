using Rapport.Core.Segments;

namespace Rapport.Core.Tests.Segments;

public sealed class SegmentRuleParserTests
{
    [Fact]
    public void A_valid_rule_reads_back_the_same_after_saving()
    {
        var parse = SegmentRuleParser.Parse("""{"conditions":[{"field":"churn_risk","op":">","value":0.6},{"field":"CLV","op":"!=","value":500},{"field":"country","op":"=","value":" GB "}]}""");
        Assert.True(parse.IsValid);
        var rule = parse.Rule!;
        Assert.Equal("churn_risk > 0.6 AND clv ≠ 500 AND country = \"GB\"", rule.ToString());
        Assert.Equal(RuleOperator.NotEqual, rule.Conditions[1].Operator);
        var again = SegmentRuleParser.Parse(rule.ToJson());
        Assert.Equal(rule.ToString(), again.Rule!.ToString());
    }

    [Fact]
    public void Unknown_fields_and_operators_are_named_with_their_position()
    {
        var parse = SegmentRuleParser.Parse("""{"conditions":[{"field":"shoe_size","op":">","value":1},{"field":"clv","op":"~","value":1},{"field":"clv","op":">","value":"lots"}]}""");
        Assert.False(parse.IsValid);
        Assert.Contains("unknown field 'shoe_size'", parse.Errors["conditions[0].field"][0]);
        Assert.Contains("unknown operator '~'", parse.Errors["conditions[1].op"][0]);
        Assert.Contains("'clv' needs a number", parse.Errors["conditions[2].value"][0]);
    }

    [Theory]
    [InlineData("", "conditions")]
    [InlineData("""{"conditions":[]}""", "conditions")]
    [InlineData("{not json", "rule")]
    [InlineData("""{"conditions":[{"field":"country","op":">","value":"GB"}]}""", "conditions[0].op")]
    [InlineData("""{"conditions":[{"field":"segment","op":"=","value":3}]}""", "conditions[0].value")]
    public void Empty_broken_and_mistyped_rules_are_refused(string json, string key)
    {
        var parse = SegmentRuleParser.Parse(json);
        Assert.False(parse.IsValid);
        Assert.True(parse.Errors.ContainsKey(key), string.Join(", ", parse.Errors.Keys));
    }
}
