using System.Globalization;

namespace Rapport.Analytics.Prediction;

/// <summary>How rows are divided into training and test parts, and the training part into validation folds.</summary>
internal static class PredictionSplits
{
    /// <summary>Stratified split: in each class, a seeded shuffle, the first round(fraction × count) rows to test.</summary>
    public static (List<int> Train, List<int> Test) Stratified(IReadOnlyList<int> rows, Func<int, bool> isPositive, double fraction, int seed)
    {
        var rng = new Random(seed);
        var train = new List<int>();
        var test = new List<int>();
        foreach (var cls in new[] { true, false })
        {
            var members = rows.Where(r => isPositive(r) == cls).ToArray();
            rng.Shuffle(members);
            var nTest = (int)Math.Round(fraction * members.Length);
            test.AddRange(members.Take(nTest));
            train.AddRange(members.Skip(nTest));
        }
        train.Sort();
        test.Sort();
        return (train, test);
    }

    /// <summary>
    /// Out-of-time split: the latest <paramref name="fraction"/> of rows by <paramref name="time"/> are the test part
    /// (rows tied with the first test time go to test too), so the model is judged on a later period than it learnt from.
    /// </summary>
    public static (List<int> Train, List<int> Test, string TestFrom) ByTime(IReadOnlyList<int> rows, double[] time, double fraction, Func<double, string> format)
    {
        var ordered = rows.OrderBy(r => time[r]).ThenBy(r => r).ToList();
        var firstTest = Math.Clamp(ordered.Count - (int)Math.Round(fraction * ordered.Count), 1, ordered.Count - 1);
        var boundary = time[ordered[firstTest]];
        var train = ordered.Where(r => time[r] < boundary).Order().ToList();
        var test = ordered.Where(r => time[r] >= boundary).Order().ToList();
        return (train, test, format(boundary));
    }

    /// <summary>
    /// Parses the time column: ISO-like dates (as day numbers) or plain numbers (e.g. a period index).
    /// A cell that is neither is an error naming its data row.
    /// </summary>
    public static (double[] Values, Func<double, string> Format) ParseTimes(RawTable table, int column, IEnumerable<int> rows)
    {
        var values = new double[table.Rows.Count];
        bool? dates = null;
        foreach (var r in rows)
        {
            var cell = table.Rows[r][column].Trim();
            if ((dates ?? true) && DateTime.TryParse(cell, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var when)
                && !ColumnTyper.TryNumber(cell, out _))
            {
                dates = true;
                values[r] = when.Ticks / (double)TimeSpan.TicksPerDay;
            }
            else if (dates != true && ColumnTyper.TryNumber(cell, out var number))
            {
                dates = false;
                values[r] = number;
            }
            else
            {
                throw new ArgumentException($"Row {r + 1}, time column '{table.Columns[column]}': '{cell}' is not a " + (dates == false ? "number" : "date") + ".");
            }
        }
        return dates == true
            ? (values, v => new DateTime((long)(v * TimeSpan.TicksPerDay), DateTimeKind.Utc).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture).Replace(" 00:00:00", "", StringComparison.Ordinal))
            : (values, v => v.ToString("0.####", CultureInfo.InvariantCulture));
    }

    /// <summary>Stratified k-fold: (fit, hold) index pairs into the training part.</summary>
    public static List<(int[] Fit, int[] Hold)> StratifiedFolds(bool[] y, int k, int seed)
    {
        var rng = new Random(seed + 1);
        var fold = new int[y.Length];
        foreach (var cls in new[] { true, false })
        {
            var members = Enumerable.Range(0, y.Length).Where(i => y[i] == cls).ToArray();
            rng.Shuffle(members);
            for (var j = 0; j < members.Length; j++) fold[members[j]] = j % k;
        }
        return Enumerable.Range(0, k)
            .Select(f => (Enumerable.Range(0, y.Length).Where(i => fold[i] != f).ToArray(), Enumerable.Range(0, y.Length).Where(i => fold[i] == f).ToArray()))
            .ToList();
    }

    /// <summary>
    /// Forward-chaining folds for time-ordered training rows: the part is cut into k + 1 blocks by time and fold f
    /// learns from blocks 0…f and is validated on block f + 1, so validation never looks into the past.
    /// </summary>
    public static List<(int[] Fit, int[] Hold)> ForwardChaining(double[] trainTimes, int k)
    {
        var order = Enumerable.Range(0, trainTimes.Length).OrderBy(i => trainTimes[i]).ThenBy(i => i).ToArray();
        var block = new int[trainTimes.Length];
        for (var j = 0; j < order.Length; j++) block[order[j]] = (int)((long)j * (k + 1) / order.Length);
        return Enumerable.Range(0, k)
            .Select(f => (Enumerable.Range(0, block.Length).Where(i => block[i] <= f).ToArray(), Enumerable.Range(0, block.Length).Where(i => block[i] == f + 1).ToArray()))
            .ToList();
    }
}
