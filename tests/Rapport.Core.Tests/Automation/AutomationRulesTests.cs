using System.Text;
using Rapport.Core.Automation;

namespace Rapport.Core.Tests.Automation;

public sealed class WebhookSignatureTests
{
    // RFC 4231 (HMAC-SHA256 test vectors), test cases 1 and 2, as printed in the RFC.
    [Fact]
    public void Matches_rfc_4231_test_case_1()
        => Assert.Equal("sha256=b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
            WebhookSignature.Compute(Enumerable.Repeat((byte)0x0b, 20).ToArray(), Encoding.ASCII.GetBytes("Hi There")));

    [Fact]
    public void Matches_rfc_4231_test_case_2()
        => Assert.Equal("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
            WebhookSignature.Compute("Jefe", "what do ya want for nothing?"));

    [Fact]
    public void Verify_accepts_the_signed_body_only()
    {
        var body = Encoding.UTF8.GetBytes("{\"id\":1,\"type\":\"deal.created\"}");
        var header = WebhookSignature.Compute(Encoding.UTF8.GetBytes("s3cret"), body);
        Assert.True(WebhookSignature.Verify("s3cret", body, header));
        Assert.False(WebhookSignature.Verify("other", body, header));
        Assert.False(WebhookSignature.Verify("s3cret", Encoding.UTF8.GetBytes("{\"id\":2,\"type\":\"deal.created\"}"), header));
        Assert.False(WebhookSignature.Verify("s3cret", body, null));
    }

    [Fact]
    public void New_secrets_are_long_and_different()
    {
        var a = WebhookSignature.NewSecret();
        Assert.StartsWith("whsec_", a);
        Assert.True(a.Length >= 40);
        Assert.NotEqual(a, WebhookSignature.NewSecret());
    }
}

public sealed class RetryScheduleTests
{
    [Fact]
    public void Doubles_from_the_base_and_stops_after_the_last_attempt()
    {
        var schedule = new RetrySchedule(5, TimeSpan.FromSeconds(30), TimeSpan.FromHours(1));
        Assert.Equal(TimeSpan.FromSeconds(30), schedule.DelayAfter(1));
        Assert.Equal(TimeSpan.FromSeconds(60), schedule.DelayAfter(2));
        Assert.Equal(TimeSpan.FromSeconds(120), schedule.DelayAfter(3));
        Assert.Equal(TimeSpan.FromSeconds(240), schedule.DelayAfter(4));
        Assert.Null(schedule.DelayAfter(5));
        Assert.Null(schedule.DelayAfter(6));
    }

    [Fact]
    public void Is_capped_at_the_maximum_delay()
    {
        var schedule = new RetrySchedule(10, TimeSpan.FromMinutes(20), TimeSpan.FromHours(1));
        Assert.Equal(TimeSpan.FromMinutes(40), schedule.DelayAfter(2));
        Assert.Equal(TimeSpan.FromHours(1), schedule.DelayAfter(3));   // 80 min capped
        Assert.Equal(TimeSpan.FromHours(1), schedule.DelayAfter(9));
    }

    [Fact]
    public void One_attempt_means_no_retry() => Assert.Null(new RetrySchedule(1, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)).DelayAfter(1));
}

public sealed class ScoreCrossingTests
{
    [Theory]
    [InlineData(0.69, 0.71, "above", true)]
    [InlineData(0.70, 0.71, "above", true)]    // at the threshold before, above after
    [InlineData(0.71, 0.90, "above", false)]   // already above: no new crossing
    [InlineData(0.60, 0.70, "above", false)]   // reaching it is not going above it
    [InlineData(0.80, 0.65, "below", true)]
    [InlineData(0.65, 0.50, "below", false)]
    [InlineData(0.60, 0.80, "sideways", false)]
    public void Crosses_only_when_moving_over_the_threshold(double before, double after, string direction, bool expected)
        => Assert.Equal(expected, ScoreCrossing.Crossed(before, after, 0.7, direction));

    [Fact]
    public void A_first_score_crosses_nothing() => Assert.False(ScoreCrossing.Crossed(null, 0.95, 0.7, "above"));
}

public sealed class ScheduleClockTests
{
    private static DateTime Utc(int day, int hour, int minute = 0) => new(2026, 11, day, hour, minute, 0, DateTimeKind.Utc);

    [Fact]
    public void Every_n_hours_counts_from_the_last_firing()
    {
        var settings = new TriggerSettings { EveryHours = 6 };
        Assert.Equal(Utc(24, 9), ScheduleClock.NextAfter(settings, Utc(24, 3)));
        Assert.False(ScheduleClock.IsDue(settings, Utc(24, 3), Utc(24, 8, 59)));
        Assert.True(ScheduleClock.IsDue(settings, Utc(24, 3), Utc(24, 9)));
    }

    [Fact]
    public void Daily_fires_at_the_next_occurrence_of_the_time()
    {
        var settings = new TriggerSettings { DailyAt = "08:30" };
        Assert.Equal(Utc(24, 8, 30), ScheduleClock.NextAfter(settings, Utc(24, 7)));
        Assert.Equal(Utc(25, 8, 30), ScheduleClock.NextAfter(settings, Utc(24, 8, 30)));
        Assert.Equal(Utc(25, 8, 30), ScheduleClock.NextAfter(settings, Utc(24, 9)));
    }
}

public sealed class RuleValidatorTests
{
    [Fact]
    public void Errors_name_the_part_of_the_rule()
    {
        var errors = RuleValidator.Validate("Big deals", "deal.changed", new TriggerSettings { Field = "colour" },
            [new RuleCondition { Field = "amount", Op = "contains", Value = "1" }, new RuleCondition { Field = "title", Op = "changed" }],
            [new RuleAction { Type = "set_field", Field = "title", Value = "" }, new RuleAction { Type = "create_task" }, new RuleAction { Type = "add_to_campaign" }]);
        Assert.Equal(["actions[0].value", "actions[1].title", "actions[2].campaignId", "conditions[0].op", "triggerSettings.field"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_valid_rule_has_no_errors()
        => Assert.Empty(RuleValidator.Validate("Urgent to Ann", "ticket.created", new TriggerSettings(),
            [new RuleCondition { Field = "priority", Op = "eq", Value = "urgent" }],
            [new RuleAction { Type = "assign", UserId = 3 }, new RuleAction { Type = "set_field", Field = "category", Value = "VIP" }, new RuleAction { Type = "webhook", Url = "https://hooks.example.com/x" }]));

    [Fact]
    public void Schedules_have_no_record_to_test_or_change()
    {
        var errors = RuleValidator.Validate("Daily", "schedule", new TriggerSettings { DailyAt = "07:00" },
            [new RuleCondition { Field = "amount", Op = "gt", Value = "1" }],
            [new RuleAction { Type = "assign", UserId = 1 }, new RuleAction { Type = "notify", Message = "hi" }]);
        Assert.Equal(["actions[0].type", "actions[1].userId", "conditions[0]"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("https://example.com/hook", null)]
    [InlineData("http://127.0.0.1:8080/x", null)]
    [InlineData("ftp://example.com/x", "must be an absolute http or https URL")]
    [InlineData("file:///etc/passwd", "must be an absolute http or https URL")]
    [InlineData("/relative", "must be an absolute http or https URL")]
    [InlineData("", "is required")]
    public void Webhook_urls_are_http_or_https_only(string url, string? problem) => Assert.Equal(problem, WebhookUrl.Problem(url));
}
