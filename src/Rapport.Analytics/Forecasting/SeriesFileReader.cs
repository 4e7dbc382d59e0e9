using System.Globalization;
using System.Text;
using Rapport.Analytics.Prediction;
using Rapport.Analytics.Transactions.Parsing;

namespace Rapport.Analytics.Forecasting;

/// <summary>What reading a series file did: rows read, skipped by reason, periods merged and filled.</summary>
public sealed record SeriesDataQuality
{
    public required string File { get; init; }
    public required string DateColumn { get; init; }
    public required string ValueColumn { get; init; }
    public required string Frequency { get; init; }
    /// <summary><c>option</c> (given) or <c>inferred</c> (from the median gap between dates).</summary>
    public required string FrequencyFoundBy { get; init; }
    public string? DateFormat { get; init; }
    public long RowsRead { get; init; }
    public long RowsUsed { get; init; }
    public long RowsSkipped { get; init; }
    /// <summary>Skipped rows by reason: <c>blankValue</c> (no value: the period is treated as missing).</summary>
    public required IReadOnlyDictionary<string, long> Skipped { get; init; }
    /// <summary>Rows whose period already had a value: values of one period are summed.</summary>
    public long RowsMergedIntoPeriod { get; init; }
    public int Periods { get; init; }
    /// <summary>Periods inside the range with no value, filled by linear interpolation between their neighbours.</summary>
    public int MissingPeriodsInterpolated { get; init; }
    public DateOnly FirstPeriod { get; init; }
    public DateOnly LastPeriod { get; init; }
}

/// <summary>
/// Reads a series from a CSV file with a date column and a value column. Dates are ISO 8601 (or the given format),
/// values invariant-culture numbers; a date or value that does not parse stops the read with the file, row and
/// column named. A blank value is skipped (counted); values falling in one period are summed; periods missing inside
/// the range are interpolated linearly (counted).
/// </summary>
public static class SeriesFileReader
{
    public static (TimeSeries Series, SeriesDataQuality Quality) Read(string path, string dateColumn, string valueColumn,
        ForecastFrequency? frequency = null, string? dateFormat = null)
    {
        RawTable table;
        try
        {
            table = TableReader.Read(path);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
        return Read(table, path, dateColumn, valueColumn, frequency, dateFormat);
    }

    public static (TimeSeries Series, SeriesDataQuality Quality) Read(RawTable table, string file, string dateColumn, string valueColumn,
        ForecastFrequency? frequency = null, string? dateFormat = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        var dateIndex = table.IndexOf(dateColumn);
        var valueIndex = table.IndexOf(valueColumn);
        if (dateIndex < 0) throw new InvalidDataException($"{file}: no column '{dateColumn}' (--date); the columns are {string.Join(", ", table.Columns)}.");
        if (valueIndex < 0) throw new InvalidDataException($"{file}: no column '{valueColumn}' (--value); the columns are {string.Join(", ", table.Columns)}.");
        DateParser parser;
        try
        {
            parser = new DateParser(dateFormat, Encoding.UTF8);
        }
        catch (FormatException e)
        {
            throw new InvalidDataException($"date format '{dateFormat}' is not valid: {e.Message}", e);
        }

        var days = new List<int>(table.Rows.Count);
        var values = new List<double>(table.Rows.Count);
        long blank = 0;
        for (var r = 0; r < table.Rows.Count; r++)
        {
            var row = table.Rows[r];
            var dateText = row[dateIndex].Trim();
            var valueText = row[valueIndex].Trim();
            if (!parser.TryParse(Encoding.UTF8.GetBytes(dateText), out var day))
                throw new InvalidDataException($"{file}: row {r + 1}, column '{table.Columns[dateIndex]}': '{dateText}' is not a date{(dateFormat is null ? " (ISO 8601 yyyy-MM-dd expected; see --date-format)" : $" of the form {dateFormat}")}.");
            if (valueText.Length == 0)
            {
                blank++;
                continue;
            }
            if (!double.TryParse(valueText, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
                throw new InvalidDataException($"{file}: row {r + 1}, column '{table.Columns[valueIndex]}': '{valueText}' is not a number.");
            days.Add(day);
            values.Add(value);
        }
        if (days.Count == 0) throw new InvalidDataException($"{file}: no rows with a date and a value.");

        var foundBy = "option";
        if (frequency is null)
        {
            var distinct = days.Distinct().Order().Select(DateOnly.FromDayNumber).ToList();
            frequency = PeriodCalendar.Infer(distinct)
                        ?? throw new InvalidDataException($"{file}: the dates are neither daily, weekly nor monthly; pass --frequency.");
            foundBy = "inferred";
        }
        var f = frequency.Value;
        var starts = days.Select(d => PeriodCalendar.PeriodStart(DateOnly.FromDayNumber(d), f)).ToList();
        var first = starts.Min();
        var last = starts.Max();
        var length = PeriodCalendar.Index(first, last, f) + 1;
        var sums = new double[length];
        var seen = new bool[length];
        long merged = 0;
        for (var i = 0; i < starts.Count; i++)
        {
            var index = PeriodCalendar.Index(first, starts[i], f);
            if (seen[index]) merged++;
            seen[index] = true;
            sums[index] += values[i];
        }
        var missing = Interpolate(sums, seen);
        var quality = new SeriesDataQuality
        {
            File = file,
            DateColumn = table.Columns[dateIndex],
            ValueColumn = table.Columns[valueIndex],
            Frequency = PeriodCalendar.Name(f),
            FrequencyFoundBy = foundBy,
            DateFormat = dateFormat,
            RowsRead = table.Rows.Count,
            RowsUsed = days.Count,
            RowsSkipped = blank,
            Skipped = new Dictionary<string, long> { ["blankValue"] = blank },
            RowsMergedIntoPeriod = merged,
            Periods = length,
            MissingPeriodsInterpolated = missing,
            FirstPeriod = first,
            LastPeriod = last,
        };
        return (new TimeSeries(table.Columns[valueIndex], f, first, sums), quality);
    }

    /// <summary>Fills the gaps (not seen) by linear interpolation between the nearest seen neighbours; returns how many.</summary>
    private static int Interpolate(double[] values, bool[] seen)
    {
        var filled = 0;
        var previous = -1;
        for (var i = 0; i < values.Length; i++)
        {
            if (!seen[i]) continue;
            if (previous >= 0 && i - previous > 1)
            {
                for (var k = previous + 1; k < i; k++)
                {
                    values[k] = values[previous] + (values[i] - values[previous]) * (k - previous) / (i - previous);
                    filled++;
                }
            }
            previous = i;
        }
        return filled;
    }
}
