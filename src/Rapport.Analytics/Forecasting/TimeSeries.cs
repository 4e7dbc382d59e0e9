namespace Rapport.Analytics.Forecasting;

/// <summary>An equally spaced series: value i belongs to the period starting <c>Start + i periods</c>.</summary>
/// <param name="Name">What the series measures (e.g. "revenue", an item or a category).</param>
public sealed record TimeSeries(string Name, ForecastFrequency Frequency, DateOnly Start, double[] Values)
{
    public int Length => Values.Length;

    /// <summary>The start of period <paramref name="index"/> (may lie beyond the data, for forecasts).</summary>
    public DateOnly DateAt(int index) => PeriodCalendar.Add(Start, index, Frequency);
}
