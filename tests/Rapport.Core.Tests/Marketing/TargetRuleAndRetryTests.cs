using Rapport.Core.Marketing;

namespace Rapport.Core.Tests.Marketing;

public sealed class TargetRuleTextTests
{
    [Fact]
    public void A_rule_in_words_reads_into_the_segment_rule()
    {
        var parse = TargetRuleText.Parse("p_alive < 0.5 and clv > 300");
        Assert.True(parse.IsValid);
        Assert.Equal("p_alive < 0.5 AND clv > 300", parse.Rule!.ToString());
        Assert.Equal("p_alive < 0.8 AND country = \"GB\"", TargetRuleText.Parse("p_alive<0.8 AND country = 'GB'").Rule!.ToString());
        // The stored JSON form reads back the same.
        Assert.Equal("p_alive < 0.5 AND clv > 300", TargetRuleText.Parse(parse.Rule.ToJson()).Rule!.ToString());
    }

    [Fact]
    public void Problems_are_named()
    {
        Assert.Contains("targetRule", TargetRuleText.Parse("p_alive is low").Errors.Keys);
        Assert.Contains("conditions[1].field", TargetRuleText.Parse("p_alive < 0.5 and wealth > 3").Errors.Keys);
        Assert.Contains("conditions[0].value", TargetRuleText.Parse("clv > lots").Errors.Keys);
        Assert.False(TargetRuleText.Parse(" ").IsValid);
    }
}

public sealed class OutboxRetryTests
{
    [Fact]
    public void The_wait_doubles_after_each_failure_until_the_attempts_run_out()
    {
        var retry = new OutboxRetry(MaxAttempts: 4, BaseDelay: TimeSpan.FromSeconds(30));
        var now = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        Assert.Equal(now.AddSeconds(30), retry.NextAttempt(1, now));
        Assert.Equal(now.AddSeconds(60), retry.NextAttempt(2, now));
        Assert.Equal(now.AddSeconds(120), retry.NextAttempt(3, now));
        Assert.Null(retry.NextAttempt(4, now));
    }
}
