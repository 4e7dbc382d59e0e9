using Rapport.Analytics.Transactions;

namespace Rapport.Analytics.Forecasting;

/// <summary>What is summed per period.</summary>
public enum SeriesMeasure
{
    /// <summary>Net amount of the lines (returns negative): demand in money.</summary>
    Revenue,
    /// <summary>Units on the lines (returns negative): demand in units, the natural measure per item.</summary>
    Quantity,
}

/// <summary>One series per what.</summary>
public enum SeriesGrouping { Total, Item, Category }

/// <summary>How transaction lines became series.</summary>
public sealed record TransactionAggregation
{
    public required string Measure { get; init; }
    public required string By { get; init; }
    public required string Frequency { get; init; }
    public long LinesUsed { get; init; }
    /// <summary>Lines left out by reason: <c>noItem</c> (grouping by item or category, the line has none), <c>noCategory</c> (item missing from the category file).</summary>
    public required IReadOnlyDictionary<string, long> LinesSkipped { get; init; }
    public int Periods { get; init; }
    public DateOnly FirstPeriod { get; init; }
    public DateOnly LastPeriod { get; init; }
    /// <summary>The data start inside the first period (its first day lies before the first date): it is dropped.</summary>
    public DateOnly? PartialFirstPeriodDropped { get; init; }
    /// <summary>The data stop inside the last period (its last day lies after the last date): it is dropped.</summary>
    public DateOnly? PartialLastPeriodDropped { get; init; }
    public int Series { get; init; }
    /// <summary>Series dropped by <c>--top</c> (smallest totals).</summary>
    public int SeriesNotForecast { get; init; }
    /// <summary>Periods without any line, filled with 0, summed over the series forecast.</summary>
    public long PeriodsFilledWithZero { get; init; }
}

/// <summary>
/// Sums transaction lines per period (day, ISO week or month) into one series, or one per item or category, over the
/// common range from the first to the last period with data; periods without lines are 0 (no sales).
/// </summary>
public static class TransactionSeriesBuilder
{
    public static (List<TimeSeries> Series, List<int> Filled, TransactionAggregation Report) Build(
        ITransactionSource source, ForecastFrequency frequency, SeriesMeasure measure, SeriesGrouping grouping,
        IReadOnlyDictionary<string, string>? categories = null, int? top = null, bool keepPartialPeriods = false)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (grouping == SeriesGrouping.Category && categories is null) throw new ArgumentException("grouping by category needs an item → category table.");
        // Per group: period start day number → sum.
        var groupIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var groupNames = new List<string>();
        var sums = new List<Dictionary<int, double>>();
        var counted = new List<Dictionary<int, bool>>();
        long used = 0, noItem = 0, noCategory = 0;
        int minDay = int.MaxValue, maxDay = int.MinValue;
        string[]? itemGroup = null; // item index → group name (null = no category), filled lazily
        foreach (var line in source.ReadLines())
        {
            string group;
            if (grouping == SeriesGrouping.Total) group = measure == SeriesMeasure.Revenue ? "revenue" : "quantity";
            else
            {
                if (line.Item < 0) { noItem++; continue; }
                var key = source.ItemKeys[line.Item];
                if (key.Length == 0) { noItem++; continue; }
                if (grouping == SeriesGrouping.Item) group = key;
                else
                {
                    if (itemGroup is null || line.Item >= itemGroup.Length) Array.Resize(ref itemGroup, Math.Max(source.ItemKeys.Count, line.Item + 1));
                    var name = itemGroup[line.Item] ??= categories!.TryGetValue(key, out var c) ? c : "";
                    if (name.Length == 0) { noCategory++; continue; }
                    group = name;
                }
            }
            if (!groupIndex.TryGetValue(group, out var g))
            {
                g = groupNames.Count;
                groupIndex[group] = g;
                groupNames.Add(group);
                sums.Add([]);
                counted.Add([]);
            }
            var start = PeriodCalendar.PeriodStart(line.Date, frequency).DayNumber;
            var value = measure == SeriesMeasure.Revenue ? line.Amount : line.Quantity;
            sums[g][start] = sums[g].GetValueOrDefault(start) + value;
            counted[g][start] = true;
            minDay = Math.Min(minDay, line.Day);
            maxDay = Math.Max(maxDay, line.Day);
            used++;
        }
        if (used == 0) throw new InvalidDataException("no transaction lines left to aggregate (see dataQuality).");

        var first = PeriodCalendar.PeriodStart(DateOnly.FromDayNumber(minDay), frequency);
        var lastPeriod = PeriodCalendar.PeriodStart(DateOnly.FromDayNumber(maxDay), frequency);
        var lastDayOfLastPeriod = PeriodCalendar.Add(lastPeriod, 1, frequency).AddDays(-1);
        DateOnly? partial = null, partialFirst = null;
        if (!keepPartialPeriods && DateOnly.FromDayNumber(maxDay) < lastDayOfLastPeriod && lastPeriod > first)
        {
            partial = lastPeriod;
            lastPeriod = PeriodCalendar.Add(lastPeriod, -1, frequency);
        }
        if (!keepPartialPeriods && DateOnly.FromDayNumber(minDay) > first && lastPeriod > first)
        {
            partialFirst = first;
            first = PeriodCalendar.Add(first, 1, frequency);
        }
        var length = PeriodCalendar.Index(first, lastPeriod, frequency) + 1;

        var order = Enumerable.Range(0, groupNames.Count)
            .Select(g => (g, total: sums[g].Where(kv => kv.Key >= first.DayNumber && kv.Key <= lastPeriod.DayNumber).Sum(kv => kv.Value)))
            .OrderByDescending(x => x.total).ThenBy(x => groupNames[x.g], StringComparer.Ordinal).ToList();
        var keep = top is { } t ? order.Take(t).ToList() : order;
        var series = new List<TimeSeries>(keep.Count);
        var filled = new List<int>(keep.Count);
        long filledTotal = 0;
        foreach (var (g, _) in keep)
        {
            var values = new double[length];
            var zeros = 0;
            for (var i = 0; i < length; i++)
            {
                var day = PeriodCalendar.Add(first, i, frequency).DayNumber;
                if (counted[g].ContainsKey(day)) values[i] = sums[g][day];
                else zeros++;
            }
            series.Add(new TimeSeries(groupNames[g], frequency, first, values));
            filled.Add(zeros);
            filledTotal += zeros;
        }
        var report = new TransactionAggregation
        {
            Measure = measure == SeriesMeasure.Revenue ? "revenue" : "quantity",
            By = grouping switch { SeriesGrouping.Item => "item", SeriesGrouping.Category => "category", _ => "total" },
            Frequency = PeriodCalendar.Name(frequency),
            LinesUsed = used,
            LinesSkipped = new Dictionary<string, long> { ["noItem"] = noItem, ["noCategory"] = noCategory },
            Periods = length,
            FirstPeriod = first,
            LastPeriod = lastPeriod,
            PartialFirstPeriodDropped = partialFirst,
            PartialLastPeriodDropped = partial,
            Series = groupNames.Count,
            SeriesNotForecast = groupNames.Count - keep.Count,
            PeriodsFilledWithZero = filledTotal,
        };
        return (series, filled, report);
    }

    /// <summary>
    /// Reads an item → category table (CSV with a header): the key column is the first of sku, item, stockcode,
    /// product, code (else the first column), the category column is <c>category</c> (else the second column).
    /// </summary>
    public static Dictionary<string, string> ReadCategories(string path)
    {
        var table = Prediction.TableReader.Read(path);
        var key = new[] { "sku", "item", "stockcode", "stock_code", "product", "code" }.Select(table.IndexOf).FirstOrDefault(i => i >= 0, 0);
        var category = table.IndexOf("category");
        if (category < 0) category = key == 0 ? 1 : 0;
        if (category >= table.Columns.Count || category == key)
            throw new InvalidDataException($"{path}: a category file needs an item column and a 'category' column; the columns are {string.Join(", ", table.Columns)}.");
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in table.Rows) map.TryAdd(row[key].Trim(), row[category].Trim());
        return map;
    }
}
