using Rapport.Core.Sales;

namespace Rapport.Core.Tests.Sales;

public sealed class PipelineForecastTests
{
    private static readonly DateOnly Today = new(2026, 11, 24);

    [Fact]
    public void Weighted_value_is_amount_times_probability_summed_by_close_month()
    {
        var deals = new[]
        {
            new ForecastDeal(1000m, 0.25, new DateOnly(2026, 12, 3)),   // 250 in December
            new ForecastDeal(4000m, 0.50, new DateOnly(2026, 12, 31)),  // 2000 in December
            new ForecastDeal(2000m, 0.75, new DateOnly(2027, 1, 15)),   // 1500 in January
        };
        var months = PipelineForecast.ByMonth(deals, Today);
        Assert.Equal(2, months.Count);
        Assert.Equal(new ForecastMonth(new DateOnly(2026, 12, 1), 2, 5000m, 2250m), months[0]);
        Assert.Equal(new ForecastMonth(new DateOnly(2027, 1, 1), 1, 2000m, 1500m), months[1]);
    }

    [Fact]
    public void Overdue_and_undated_deals_count_in_the_current_month()
    {
        var deals = new[]
        {
            new ForecastDeal(800m, 0.5, new DateOnly(2026, 9, 30)),  // overdue → November: 400
            new ForecastDeal(300m, 0.1, null),                        // undated → November: 30
            new ForecastDeal(100m, 1.5, new DateOnly(2026, 11, 2)),   // probability clamped to 1 → 100
        };
        var month = Assert.Single(PipelineForecast.ByMonth(deals, Today));
        Assert.Equal(new ForecastMonth(new DateOnly(2026, 11, 1), 3, 1200m, 530m), month);
    }

    [Fact]
    public void Moving_a_deal_to_a_later_stage_raises_its_month()
    {
        ForecastDeal Deal(double p) => new(2000m, p, new DateOnly(2026, 12, 10));
        var before = PipelineForecast.ByMonth([Deal(0.25), new ForecastDeal(1000m, 0.5, new DateOnly(2026, 12, 1))], Today).Single().Weighted;
        var after = PipelineForecast.ByMonth([Deal(0.75), new ForecastDeal(1000m, 0.5, new DateOnly(2026, 12, 1))], Today).Single().Weighted;
        Assert.Equal(1000m, before);   // 2000 × 0.25 + 1000 × 0.5
        Assert.Equal(2000m, after);    // 2000 × 0.75 + 1000 × 0.5
    }
}

public sealed class StaleDealsTests
{
    private static readonly DateTime Now = new(2026, 11, 24, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void The_latest_of_creation_stage_change_and_activity_counts()
    {
        var created = Now.AddDays(-60);
        Assert.Equal(created, StaleDeals.LastTouched(created, null, null));
        Assert.Equal(Now.AddDays(-30), StaleDeals.LastTouched(created, Now.AddDays(-30), Now.AddDays(-45)));
        Assert.Equal(Now.AddDays(-5), StaleDeals.LastTouched(created, Now.AddDays(-30), Now.AddDays(-5)));
    }

    [Theory]
    [InlineData(20.9, 21, true, false)]   // not yet 21 days
    [InlineData(21, 21, true, true)]      // exactly 21 days
    [InlineData(40, 21, false, false)]    // closed deals are never stale
    [InlineData(8, 7, true, true)]        // a shorter setting
    [InlineData(400, 0, true, false)]     // 0 turns the flag off
    public void Stale_after_the_configured_days_of_nothing(double daysAgo, int setting, bool open, bool stale)
        => Assert.Equal(stale, StaleDeals.IsStale(open, Now.AddDays(-daysAgo), Now, setting));
}
