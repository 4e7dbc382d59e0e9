namespace Rapport.Core.Sales;

/// <summary>An open deal as the forecast sees it: its amount, the probability used to weight it and when it should close.</summary>
public sealed record ForecastDeal(decimal Amount, double Probability, DateOnly? ExpectedClose);

/// <summary>One month of the forecast: the deals expected to close in it, their total and the weighted value.</summary>
public sealed record ForecastMonth(DateOnly Month, int Deals, decimal Amount, decimal Weighted);

/// <summary>
/// Pipeline value by month: for every open deal, amount × probability, summed by the month of its expected close.
/// Deals without an expected close are counted in the month of <c>today</c> (they should close now); months before
/// today's are folded into today's month too (an overdue deal still counts, but not in the past).
/// </summary>
public static class PipelineForecast
{
    public static IReadOnlyList<ForecastMonth> ByMonth(IEnumerable<ForecastDeal> deals, DateOnly today)
    {
        var current = new DateOnly(today.Year, today.Month, 1);
        return deals
            .Select(d => (Deal: d, Month: Month(d.ExpectedClose, current)))
            .GroupBy(x => x.Month)
            .OrderBy(g => g.Key)
            .Select(g => new ForecastMonth(g.Key, g.Count(), g.Sum(x => x.Deal.Amount),
                Math.Round(g.Sum(x => x.Deal.Amount * (decimal)Math.Clamp(x.Deal.Probability, 0, 1)), 2)))
            .ToList();
    }

    private static DateOnly Month(DateOnly? expected, DateOnly current)
    {
        if (expected is not { } e) return current;
        var month = new DateOnly(e.Year, e.Month, 1);
        return month < current ? current : month;
    }
}
