using Rapport.Analytics.Marketing;

namespace Rapport.Analytics.Tests;

public class MarketingUpliftTests
{
    /// <summary>
    /// Newcombe (1998), "Interval estimation for the difference between independent proportions", Statistics in
    /// Medicine 17:873–890, Table II, method 10 (hybrid score, no continuity correction), 95% intervals.
    /// </summary>
    [Theory]
    [InlineData(56, 70, 48, 80, 0.0524, 0.3339)]
    [InlineData(9, 10, 3, 10, 0.1705, 0.8090)]
    [InlineData(5, 56, 0, 29, -0.0381, 0.1926)]
    [InlineData(0, 10, 0, 10, -0.2775, 0.2775)]
    public void Interval_matches_Newcombes_published_examples(int treatedResponders, int treated, int holdoutResponders, int holdout, double lower, double upper)
    {
        var result = UpliftCalculator.Compute(new GroupOutcome(treated, treatedResponders, 0), new GroupOutcome(holdout, holdoutResponders, 0));

        Assert.Equal((double)treatedResponders / treated - (double)holdoutResponders / holdout, result.Uplift, 12);
        Assert.Equal(lower, result.UpliftLower, 4);
        Assert.Equal(upper, result.UpliftUpper, 4);
    }

    [Fact]
    public void Revenue_per_member_and_incremental_revenue_are_hand_checked()
    {
        // 1,000 sent: 80 bought for 4,000 in total; 100 held out: 5 bought for 200.
        var result = UpliftCalculator.Compute(new GroupOutcome(1000, 80, 4000), new GroupOutcome(100, 5, 200));

        Assert.Equal(0.08, result.TreatedRate, 12);
        Assert.Equal(0.05, result.HoldoutRate, 12);
        Assert.Equal(0.03, result.Uplift, 12);
        Assert.Equal(4.0, result.TreatedRevenuePerMember, 12);
        Assert.Equal(2.0, result.HoldoutRevenuePerMember, 12);
        Assert.Equal(2000.0, result.IncrementalRevenue, 9);
        Assert.True(result.UpliftLower < 0.03 && result.UpliftUpper > 0.03);
        // 100 held out is small: the interval spans zero, so this campaign has not shown an effect yet.
        Assert.True(result.UpliftLower < 0);
    }

    [Fact]
    public void A_wider_confidence_gives_a_wider_interval()
    {
        var treated = new GroupOutcome(500, 60, 0);
        var holdout = new GroupOutcome(500, 35, 0);

        var ninety = UpliftCalculator.Compute(treated, holdout, 0.90);
        var ninetyNine = UpliftCalculator.Compute(treated, holdout, 0.99);

        Assert.True(ninetyNine.UpliftLower < ninety.UpliftLower && ninetyNine.UpliftUpper > ninety.UpliftUpper);
    }

    [Fact]
    public void An_empty_group_is_refused_with_its_name()
    {
        var error = Assert.Throws<ArgumentException>(() => UpliftCalculator.Compute(new GroupOutcome(10, 1, 0), new GroupOutcome(0, 0, 0)));
        Assert.Equal("holdout", error.ParamName);
    }

    [Fact]
    public void More_responders_than_members_is_refused()
        => Assert.Throws<ArgumentException>(() => UpliftCalculator.Compute(new GroupOutcome(10, 11, 0), new GroupOutcome(10, 1, 0)));

    [Fact]
    public void Wilson_interval_matches_the_textbook_value()
    {
        // 81 successes in 263 trials: Wilson 95% interval 0.2553 to 0.3662 (Newcombe 1998b, Table I).
        var (lower, upper) = UpliftCalculator.Wilson(81, 263, 1.959963984540054);

        Assert.Equal(0.2553, lower, 4);
        Assert.Equal(0.3662, upper, 4);
    }
}

public class MarketingHoldoutTests
{
    [Fact]
    public void The_same_campaign_and_customer_always_land_in_the_same_group()
    {
        var first = Enumerable.Range(1, 1000).Select(id => HoldoutAssignment.IsHoldout(7, id, 0.2)).ToList();
        var second = Enumerable.Range(1, 1000).Select(id => HoldoutAssignment.IsHoldout(7, id, 0.2)).ToList();

        Assert.Equal(first, second);
    }

    [Fact]
    public void About_the_requested_share_is_held_out()
    {
        var held = Enumerable.Range(1, 100_000).Count(id => HoldoutAssignment.IsHoldout(3, id, 0.10));

        // Binomial(100,000, 0.1) has a standard deviation of ~95; ±600 is over six of them.
        Assert.InRange(held, 9_400, 10_600);
    }

    [Fact]
    public void Different_campaigns_draw_different_holdouts()
    {
        var a = Enumerable.Range(1, 10_000).Where(id => HoldoutAssignment.IsHoldout(1, id, 0.5)).ToHashSet();
        var b = Enumerable.Range(1, 10_000).Where(id => HoldoutAssignment.IsHoldout(2, id, 0.5)).ToHashSet();

        // Independent draws overlap on about a quarter of the customers, not on all of them.
        Assert.InRange(a.Intersect(b).Count(), 2_200, 2_800);
    }

    [Fact]
    public void Zero_and_one_are_the_limits()
    {
        Assert.DoesNotContain(Enumerable.Range(1, 1000), id => HoldoutAssignment.IsHoldout(9, id, 0));
        Assert.All(Enumerable.Range(1, 1000), id => Assert.True(HoldoutAssignment.IsHoldout(9, id, 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => HoldoutAssignment.IsHoldout(9, 1, 1.5));
    }
}
