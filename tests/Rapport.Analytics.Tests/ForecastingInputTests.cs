using Rapport.Analytics.Forecasting;
using Rapport.Analytics.Transactions;

namespace Rapport.Analytics.Tests;

/// <summary>Series files, transaction aggregation, accuracy measures and bad input.</summary>
public sealed class ForecastingInputTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rapport-forecast-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string WriteFile(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Unparsable_date_names_file_row_and_column()
    {
        var path = WriteFile("bad-date.csv", "month,sales\n2024-01-01,10\n2024-02-01,12\n2024-13-01,9\n");
        var e = Assert.Throws<InvalidDataException>(() => SeriesFileReader.Read(path, "month", "sales"));
        Assert.Contains(path, e.Message);
        Assert.Contains("row 3", e.Message);
        Assert.Contains("'month'", e.Message);
        Assert.Contains("2024-13-01", e.Message);
    }

    [Fact]
    public void Unparsable_value_names_file_row_and_column()
    {
        var path = WriteFile("bad-value.csv", "month,sales\n2024-01-01,10\n2024-02-01,twelve\n");
        var e = Assert.Throws<InvalidDataException>(() => SeriesFileReader.Read(path, "month", "sales"));
        Assert.Contains(path, e.Message);
        Assert.Contains("row 2", e.Message);
        Assert.Contains("'sales'", e.Message);
        Assert.Contains("'twelve' is not a number", e.Message);
    }

    [Fact]
    public void Missing_column_lists_the_columns()
    {
        var path = WriteFile("cols.csv", "month,sales\n2024-01-01,10\n");
        var e = Assert.Throws<InvalidDataException>(() => SeriesFileReader.Read(path, "date", "sales"));
        Assert.Contains("no column 'date'", e.Message);
        Assert.Contains("month, sales", e.Message);
    }

    [Fact]
    public void Series_file_merges_a_period_skips_blanks_and_interpolates_gaps()
    {
        var path = WriteFile("gaps.csv", "d,v\n2024-01-15,10\n2024-02-01,20\n2024-02-20,5\n2024-03-01,\n2024-05-01,55\n");
        var (series, quality) = SeriesFileReader.Read(path, "d", "v", ForecastFrequency.Month);
        Assert.Equal("option", quality.FrequencyFoundBy);
        Assert.Equal(new DateOnly(2024, 1, 1), series.Start);
        // Jan 10, Feb 20+5, Mar and Apr missing → interpolated between 25 and 55, May 55.
        Assert.Equal([10, 25, 35, 45, 55], series.Values);
        Assert.Equal(5, quality.RowsRead);
        Assert.Equal(4, quality.RowsUsed);
        Assert.Equal(1, quality.Skipped["blankValue"]);
        Assert.Equal(1, quality.RowsMergedIntoPeriod);
        Assert.Equal(2, quality.MissingPeriodsInterpolated);
    }

    [Theory]
    [InlineData("2024-01-01,2024-02-01,2024-03-01,2024-05-01", ForecastFrequency.Month)]
    [InlineData("2024-01-01,2024-01-08,2024-01-15,2024-01-29", ForecastFrequency.Week)]
    [InlineData("2024-01-01,2024-01-02,2024-01-03,2024-01-05", ForecastFrequency.Day)]
    public void Series_file_infers_the_frequency_from_the_usual_gap(string dates, ForecastFrequency expected)
    {
        var path = WriteFile("infer.csv", "d,v\n" + string.Concat(dates.Split(',').Select((d, i) => $"{d},{i + 1}\n")));
        var (series, quality) = SeriesFileReader.Read(path, "d", "v");
        Assert.Equal(expected, series.Frequency);
        Assert.Equal("inferred", quality.FrequencyFoundBy);
        Assert.Equal(1, quality.MissingPeriodsInterpolated);
    }

    [Fact]
    public void Too_short_series_gives_a_clear_error()
    {
        var series = new TimeSeries("sales", ForecastFrequency.Month, new DateOnly(2024, 1, 1), [.. Enumerable.Range(1, 20).Select(i => (double)i)]);
        var e = Assert.Throws<SeriesTooShortException>(() => Forecaster.Run(series, new ForecastOptions { Horizon = 12, Season = 12 }));
        Assert.Contains("'sales' has 20 periods", e.Message);
        Assert.Contains("needs at least 25", e.Message);
        // Enough for the baseline but not for Holt-Winters: the seasonal models are skipped with a reason, not an error.
        var ok = Forecaster.Run(series, new ForecastOptions { Horizon = 6, Season = 12 });
        Assert.NotNull(ok.Models.Single(m => m.Model == "holt-winters-additive").Skipped);
        Assert.Null(ok.Models.Single(m => m.Model == "seasonal-naive").Skipped);
    }

    [Fact]
    public void Multiplicative_season_is_skipped_for_zero_values()
    {
        var values = Enumerable.Range(0, 48).Select(i => i % 12 == 3 ? 0.0 : 50 + 10 * Math.Sin(i * Math.PI / 6)).ToArray();
        var result = Forecaster.Run(new TimeSeries("x", ForecastFrequency.Month, new DateOnly(2020, 1, 1), values), new ForecastOptions { Horizon = 6, Season = 12 });
        Assert.Contains("above zero", result.Models.Single(m => m.Model == "holt-winters-multiplicative").Skipped);
        Assert.NotEqual("holt-winters-multiplicative", result.Chosen);
    }

    [Fact]
    public void Mase_and_smape_match_hand_computation()
    {
        double[] training = [1, 2, 3, 5, 4, 6]; // lag-2 differences: 2, 3, 1, 1 → scale 7/4
        Assert.Equal(1.75, ForecastAccuracy.MaseScale(training, 2)!.Value, 12);
        Assert.Equal(1.0 / 1.75, ForecastAccuracy.Mase([7, 8], [6, 9], 1.75), 12);
        // sMAPE: 100/2 · (2·1/13 + 2·1/17).
        Assert.Equal(50 * (2.0 / 13 + 2.0 / 17), ForecastAccuracy.Smape([7, 8], [6, 9]), 12);
        Assert.Equal(0, ForecastAccuracy.Smape([0], [0]));
        Assert.Null(ForecastAccuracy.MaseScale([3, 3, 3], 2));
    }

    [Fact]
    public void Transactions_are_summed_per_period_with_zero_filled_gaps()
    {
        var source = new ListSource(
            ["a", "b"],
            [
                new(0, new DateOnly(2024, 1, 1).DayNumber, 10, -1, 0, 2),
                new(1, new DateOnly(2024, 1, 20).DayNumber, 5, -1, 1, 1),
                new(0, new DateOnly(2024, 3, 31).DayNumber, 7, -1, 0, 3),
                new(0, new DateOnly(2024, 4, 30).DayNumber, -2, -1, 0, -1),
            ]);
        var (total, filled, report) = TransactionSeriesBuilder.Build(source, ForecastFrequency.Month, SeriesMeasure.Revenue, SeriesGrouping.Total);
        Assert.Equal([15, 0, 7, -2], total.Single().Values);
        Assert.Equal(1, filled.Single());
        Assert.Null(report.PartialLastPeriodDropped);

        var (items, itemFilled, itemReport) = TransactionSeriesBuilder.Build(source, ForecastFrequency.Month, SeriesMeasure.Quantity, SeriesGrouping.Item);
        Assert.Equal(["a", "b"], items.Select(s => s.Name));
        Assert.Equal([2, 0, 3, -1], items[0].Values);
        Assert.Equal([1, 0, 0, 0], items[1].Values);
        Assert.Equal([1, 3], itemFilled);
        Assert.Equal(4, itemReport.PeriodsFilledWithZero);

        var categories = new Dictionary<string, string> { ["a"] = "toys" };
        var (byCategory, _, categoryReport) = TransactionSeriesBuilder.Build(source, ForecastFrequency.Month, SeriesMeasure.Revenue, SeriesGrouping.Category, categories);
        Assert.Equal("toys", byCategory.Single().Name);
        Assert.Equal(1, categoryReport.LinesSkipped["noCategory"]);
    }

    [Fact]
    public void First_and_last_periods_cut_short_are_dropped()
    {
        var source = new ListSource(["a"],
        [
            new(0, new DateOnly(2024, 1, 3).DayNumber, 10, -1, 0, 1),
            new(0, new DateOnly(2024, 2, 1).DayNumber, 7, -1, 0, 1),
            new(0, new DateOnly(2024, 3, 31).DayNumber, 6, -1, 0, 1),
            new(0, new DateOnly(2024, 4, 10).DayNumber, 5, -1, 0, 1),
        ]);
        var (series, _, report) = TransactionSeriesBuilder.Build(source, ForecastFrequency.Month, SeriesMeasure.Revenue, SeriesGrouping.Total);
        Assert.Equal([7, 6], series.Single().Values);
        Assert.Equal(new DateOnly(2024, 2, 1), series.Single().Start);
        Assert.Equal(new DateOnly(2024, 1, 1), report.PartialFirstPeriodDropped);
        Assert.Equal(new DateOnly(2024, 4, 1), report.PartialLastPeriodDropped);
        var (kept, _, _) = TransactionSeriesBuilder.Build(source, ForecastFrequency.Month, SeriesMeasure.Revenue, SeriesGrouping.Total, keepPartialPeriods: true);
        Assert.Equal([10, 7, 6, 5], kept.Single().Values);
    }

    [Fact]
    public void Weeks_start_on_monday()
    {
        Assert.Equal(new DateOnly(2024, 1, 1), PeriodCalendar.PeriodStart(new DateOnly(2024, 1, 7), ForecastFrequency.Week));
        Assert.Equal(new DateOnly(2024, 1, 8), PeriodCalendar.PeriodStart(new DateOnly(2024, 1, 8), ForecastFrequency.Week));
        Assert.Equal(3, PeriodCalendar.Index(new DateOnly(2024, 1, 1), new DateOnly(2024, 1, 22), ForecastFrequency.Week));
        Assert.Equal(14, PeriodCalendar.Index(new DateOnly(2023, 11, 1), new DateOnly(2025, 1, 1), ForecastFrequency.Month));
    }

    private sealed class ListSource(IReadOnlyList<string> items, IReadOnlyList<TransactionLine> lines) : ITransactionSource
    {
        public IReadOnlyList<string> CustomerKeys { get; } = ["c0", "c1"];
        public IReadOnlyList<string> OrderKeys { get; } = [];
        public IReadOnlyList<string> ItemKeys => items;
        public IEnumerable<TransactionLine> ReadLines() => lines;
    }
}
