namespace Rapport.Analytics.Segmentation;

/// <summary>
/// The adjusted Rand index (Hubert and Arabie 1985) of two labelings of the same rows, as scikit-learn's
/// <c>adjusted_rand_score</c>: 1 for identical partitions (whatever the label numbers), about 0 for
/// independent ones, negative when worse than chance. Labels are arbitrary integers (−1 is an ordinary label).
/// </summary>
public static class AdjustedRandIndex
{
    /// <summary>ARI of <paramref name="labelsA"/> and <paramref name="labelsB"/> (symmetric).</summary>
    public static double Compute(ReadOnlySpan<int> labelsA, ReadOnlySpan<int> labelsB)
    {
        var table = Contingency.Build(labelsA, labelsB);
        double n = table.Rows;
        double sumSquares = 0, sumA = 0, sumB = 0;
        foreach (var count in table.Cells) sumSquares += (double)count * count;
        foreach (var count in table.RowTotals) sumA += (double)count * count;
        foreach (var count in table.ColumnTotals) sumB += (double)count * count;
        // Pair confusion matrix (scikit-learn's pair_confusion_matrix, counting ordered pairs).
        var tp = sumSquares - n;
        var fp = sumB - sumSquares;
        var fn = sumA - sumSquares;
        var tn = n * n - fp - fn - sumSquares;
        if (fn == 0 && fp == 0) return 1.0;
        return 2.0 * (tp * tn - fn * fp) / ((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn));
    }
}

/// <summary>
/// Normalized mutual information with the arithmetic mean of the entropies, as scikit-learn's
/// <c>normalized_mutual_info_score</c> (average_method="arithmetic"): 1 for identical partitions, 0 for
/// independent ones.
/// </summary>
public static class NormalizedMutualInformation
{
    /// <summary>NMI of <paramref name="labelsA"/> and <paramref name="labelsB"/> (symmetric).</summary>
    public static double Compute(ReadOnlySpan<int> labelsA, ReadOnlySpan<int> labelsB)
    {
        var table = Contingency.Build(labelsA, labelsB);
        if (table.RowTotals.Length == table.ColumnTotals.Length && table.RowTotals.Length <= 1) return 1.0;
        double n = table.Rows;
        var mi = 0.0;
        foreach (var ((a, b), count) in table.CellsByPosition)
        {
            mi += count / n * (Math.Log(count) + Math.Log(n) - Math.Log(table.RowTotals[a]) - Math.Log(table.ColumnTotals[b]));
        }

        mi = Math.Max(mi, 0.0);
        if (mi == 0) return 0.0;
        var normaliser = Math.Max((Entropy(table.RowTotals, n) + Entropy(table.ColumnTotals, n)) / 2, double.Epsilon);
        return mi / normaliser;
    }

    private static double Entropy(long[] totals, double n)
    {
        var h = 0.0;
        foreach (var t in totals)
        {
            if (t > 0) h -= t / n * Math.Log(t / n);
        }

        return h;
    }
}

/// <summary>A sparse contingency table of two labelings.</summary>
internal sealed class Contingency
{
    private Contingency(int rows, long[] rowTotals, long[] columnTotals, Dictionary<(int, int), long> cells)
    {
        Rows = rows;
        RowTotals = rowTotals;
        ColumnTotals = columnTotals;
        CellsByPosition = cells;
    }

    /// <summary>Number of labelled rows.</summary>
    public int Rows { get; }

    /// <summary>Size of each cluster of the first labeling.</summary>
    public long[] RowTotals { get; }

    /// <summary>Size of each cluster of the second labeling.</summary>
    public long[] ColumnTotals { get; }

    /// <summary>Non-zero cells keyed by (cluster of A, cluster of B), both dense.</summary>
    public Dictionary<(int, int), long> CellsByPosition { get; }

    public IEnumerable<long> Cells => CellsByPosition.Values;

    public static Contingency Build(ReadOnlySpan<int> labelsA, ReadOnlySpan<int> labelsB)
    {
        if (labelsA.Length != labelsB.Length)
            throw new ArgumentException($"Labelings of different lengths: {labelsA.Length} and {labelsB.Length}.", nameof(labelsB));
        var idsA = new Dictionary<int, int>();
        var idsB = new Dictionary<int, int>();
        var totalsA = new List<long>();
        var totalsB = new List<long>();
        var cells = new Dictionary<(int, int), long>();
        for (var i = 0; i < labelsA.Length; i++)
        {
            if (!idsA.TryGetValue(labelsA[i], out var a))
            {
                a = idsA.Count;
                idsA.Add(labelsA[i], a);
                totalsA.Add(0);
            }

            if (!idsB.TryGetValue(labelsB[i], out var b))
            {
                b = idsB.Count;
                idsB.Add(labelsB[i], b);
                totalsB.Add(0);
            }

            totalsA[a]++;
            totalsB[b]++;
            cells[(a, b)] = cells.GetValueOrDefault((a, b)) + 1;
        }

        return new Contingency(labelsA.Length, totalsA.ToArray(), totalsB.ToArray(), cells);
    }
}
