namespace Rapport.Analytics.Forecasting;

/// <summary>The spacing of a series' periods.</summary>
public enum ForecastFrequency
{
    Day,
    /// <summary>ISO weeks: a period starts on a Monday.</summary>
    Week,
    /// <summary>Calendar months: a period starts on the 1st.</summary>
    Month,
}

/// <summary>Period arithmetic for <see cref="ForecastFrequency"/>: period starts, stepping and indexes.</summary>
public static class PeriodCalendar
{
    public static ForecastFrequency Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "day" or "daily" or "d" => ForecastFrequency.Day,
        "week" or "weekly" or "w" => ForecastFrequency.Week,
        "month" or "monthly" or "m" => ForecastFrequency.Month,
        _ => throw new ArgumentException($"frequency '{text}' is not day, week or month."),
    };

    public static string Name(ForecastFrequency frequency) => frequency switch
    {
        ForecastFrequency.Day => "day",
        ForecastFrequency.Week => "week",
        _ => "month",
    };

    /// <summary>The usual seasonal period: 7 days a week, 52 weeks a year, 12 months a year.</summary>
    public static int DefaultSeason(ForecastFrequency frequency) => frequency switch
    {
        ForecastFrequency.Day => 7,
        ForecastFrequency.Week => 52,
        _ => 12,
    };

    /// <summary>The first day of the period that contains <paramref name="date"/>.</summary>
    public static DateOnly PeriodStart(DateOnly date, ForecastFrequency frequency) => frequency switch
    {
        ForecastFrequency.Day => date,
        ForecastFrequency.Week => date.AddDays(-(((int)date.DayOfWeek + 6) % 7)),
        _ => new DateOnly(date.Year, date.Month, 1),
    };

    /// <summary>The start of the period <paramref name="periods"/> after the period starting at <paramref name="start"/>.</summary>
    public static DateOnly Add(DateOnly start, int periods, ForecastFrequency frequency) => frequency switch
    {
        ForecastFrequency.Day => start.AddDays(periods),
        ForecastFrequency.Week => start.AddDays(7 * periods),
        _ => start.AddMonths(periods),
    };

    /// <summary>How many periods the period starting at <paramref name="periodStart"/> lies after the one at <paramref name="origin"/>.</summary>
    public static int Index(DateOnly origin, DateOnly periodStart, ForecastFrequency frequency) => frequency switch
    {
        ForecastFrequency.Day => periodStart.DayNumber - origin.DayNumber,
        ForecastFrequency.Week => (periodStart.DayNumber - origin.DayNumber) / 7,
        _ => (periodStart.Year - origin.Year) * 12 + periodStart.Month - origin.Month,
    };

    /// <summary>
    /// The frequency suggested by the gaps between distinct dates (median gap: 1 day, 7 days or 28–31 days), or null
    /// when the gaps fit none of them.
    /// </summary>
    public static ForecastFrequency? Infer(IReadOnlyList<DateOnly> sortedDistinctDates)
    {
        if (sortedDistinctDates.Count < 2) return null;
        var gaps = new int[sortedDistinctDates.Count - 1];
        for (var i = 1; i < sortedDistinctDates.Count; i++) gaps[i - 1] = sortedDistinctDates[i].DayNumber - sortedDistinctDates[i - 1].DayNumber;
        Array.Sort(gaps);
        var median = gaps[gaps.Length / 2];
        return median switch
        {
            1 => ForecastFrequency.Day,
            7 => ForecastFrequency.Week,
            >= 28 and <= 31 => ForecastFrequency.Month,
            _ => null,
        };
    }
}
