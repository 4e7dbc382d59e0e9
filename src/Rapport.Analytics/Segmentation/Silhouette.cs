using System.Runtime.Intrinsics;

namespace Rapport.Analytics.Segmentation;

/// <summary>
/// The silhouette coefficient (Rousseeuw 1987) with Euclidean distances, as scikit-learn's
/// <c>silhouette_score</c> / <c>silhouette_samples</c>: for row i in cluster A, a(i) is the mean distance to
/// the other members of A, b(i) the smallest mean distance to the members of another cluster, and
/// s(i) = (b − a) / max(a, b), with s(i) = 0 when A has one member. The score is the mean of s(i).
/// </summary>
/// <remarks>
/// <para>Cost is O(n² d): exact up to <see cref="DefaultExactLimit"/> rows (10 000 rows ≈ 10⁸ distances),
/// on a seeded uniform sample of that many rows above it (scikit-learn's <c>sample_size</c>): the sampled
/// rows are clustered with their own labels and scored among themselves.</para>
/// <para>Rows with a negative label (DBSCAN noise) are left out, both as points and as a cluster; the score is
/// then scikit-learn's score on the non-noise rows.</para>
/// </remarks>
public static class Silhouette
{
    /// <summary>Above this many (non-noise) rows, <see cref="Score"/> works on a sample unless told otherwise.</summary>
    public const int DefaultExactLimit = 10_000;

    /// <summary>
    /// Mean silhouette of <paramref name="labels"/> on <paramref name="matrix"/>.
    /// </summary>
    /// <param name="matrix">The features the clustering used (standardised).</param>
    /// <param name="labels">Cluster of each row; negative = noise, ignored.</param>
    /// <param name="sampleSize">Rows to score: <c>null</c> = exact up to <see cref="DefaultExactLimit"/> rows and a
    /// sample of that size above; a number ≥ the row count = exact; otherwise a seeded sample of that size.</param>
    /// <param name="seed">Seed of the sample.</param>
    /// <exception cref="ArgumentException">Fewer than 2 or more than n − 1 clusters among the scored rows.</exception>
    public static double Score(FeatureMatrix matrix, ReadOnlySpan<int> labels, int? sampleSize = null, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        CheckLength(matrix, labels);
        var valid = new List<int>(matrix.Rows);
        for (var i = 0; i < labels.Length; i++)
        {
            if (labels[i] >= 0) valid.Add(i);
        }

        var sample = SampleRows(valid.Count, sampleSize, seed);
        int[] rows;
        if (sample is null)
        {
            rows = valid.ToArray();
        }
        else
        {
            rows = new int[sample.Length];
            for (var i = 0; i < sample.Length; i++) rows[i] = valid[sample[i]];
        }

        var subset = rows.Length == matrix.Rows ? matrix : matrix.SelectRows(rows);
        var subsetLabels = new int[rows.Length];
        for (var i = 0; i < rows.Length; i++) subsetLabels[i] = labels[rows[i]];
        var values = ComputeSamples(subset, subsetLabels, throwOnBadLabelCount: true)!;
        var sum = 0.0;
        foreach (var v in values) sum += v;
        return sum / values.Length;
    }

    /// <summary>
    /// The silhouette of every row (exact, O(n² d)); NaN for rows with a negative label.
    /// </summary>
    public static double[] Samples(FeatureMatrix matrix, ReadOnlySpan<int> labels)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        CheckLength(matrix, labels);
        var valid = new List<int>(matrix.Rows);
        for (var i = 0; i < labels.Length; i++)
        {
            if (labels[i] >= 0) valid.Add(i);
        }

        var rows = valid.ToArray();
        var subset = rows.Length == matrix.Rows ? matrix : matrix.SelectRows(rows);
        var subsetLabels = new int[rows.Length];
        for (var i = 0; i < rows.Length; i++) subsetLabels[i] = labels[rows[i]];
        var values = ComputeSamples(subset, subsetLabels, throwOnBadLabelCount: true)!;
        var result = new double[matrix.Rows];
        Array.Fill(result, double.NaN);
        for (var i = 0; i < rows.Length; i++) result[rows[i]] = values[i];
        return result;
    }

    /// <summary>Exact mean silhouette of all rows (no noise expected), or null when the label count is not in 2..n−1.</summary>
    internal static double? TryScoreExact(FeatureMatrix matrix, int[] labels)
    {
        var values = ComputeSamples(matrix, labels, throwOnBadLabelCount: false);
        if (values is null) return null;
        var sum = 0.0;
        foreach (var v in values) sum += v;
        return sum / values.Length;
    }

    /// <summary>
    /// Sorted indexes of a seeded uniform sample of <paramref name="sampleSize"/> rows out of
    /// <paramref name="rows"/> (partial Fisher–Yates), or null when every row is to be used.
    /// </summary>
    internal static int[]? SampleRows(int rows, int? sampleSize, int seed)
    {
        var size = sampleSize ?? DefaultExactLimit;
        if (size < 2) throw new ArgumentOutOfRangeException(nameof(sampleSize), $"A silhouette sample needs at least 2 rows, got {size}.");
        if (size >= rows) return null;
        var permutation = new int[rows];
        for (var i = 0; i < rows; i++) permutation[i] = i;
        var rng = new Random(seed);
        for (var i = 0; i < size; i++)
        {
            var j = rng.Next(i, rows);
            (permutation[i], permutation[j]) = (permutation[j], permutation[i]);
        }

        var sample = permutation.AsSpan(0, size).ToArray();
        Array.Sort(sample);
        return sample;
    }

    private static void CheckLength(FeatureMatrix matrix, ReadOnlySpan<int> labels)
    {
        if (labels.Length != matrix.Rows)
            throw new ArgumentException($"{labels.Length} labels for {matrix.Rows} rows.", nameof(labels));
    }

    /// <summary>
    /// Silhouette of every row of <paramref name="matrix"/> (all labels ≥ 0). Rows are grouped by cluster in a
    /// feature-major copy, so the distance sums to each cluster are contiguous vector reductions.
    /// </summary>
    private static double[]? ComputeSamples(FeatureMatrix matrix, int[] labels, bool throwOnBadLabelCount)
    {
        int n = matrix.Rows, d = matrix.Columns;
        // Dense cluster ids in order of first appearance.
        var ids = new Dictionary<int, int>();
        var dense = new int[n];
        for (var i = 0; i < n; i++)
        {
            if (!ids.TryGetValue(labels[i], out var id))
            {
                id = ids.Count;
                ids.Add(labels[i], id);
            }

            dense[i] = id;
        }

        var clusters = ids.Count;
        if (clusters < 2 || clusters > n - 1)
        {
            if (!throwOnBadLabelCount) return null;
            throw new ArgumentException($"The silhouette needs between 2 and n − 1 = {n - 1} clusters among the scored rows; there are {clusters}.", nameof(labels));
        }

        // Order rows by cluster (stable), remember each cluster's range.
        var sizes = new int[clusters];
        foreach (var c in dense) sizes[c]++;
        var starts = new int[clusters + 1];
        for (var c = 0; c < clusters; c++) starts[c + 1] = starts[c] + sizes[c];
        var order = new int[n];
        var fill = (int[])starts.Clone();
        for (var i = 0; i < n; i++) order[fill[dense[i]]++] = i;

        // Feature-major copy of the rows in cluster order, padded to a multiple of 4 with copies of row 0 (never summed).
        var padded = (n + 3) & ~3;
        var xt = new double[d * padded];
        var x = matrix.Values;
        for (var p = 0; p < n; p++)
        {
            var i = order[p];
            for (var j = 0; j < d; j++) xt[j * padded + p] = x[i * d + j];
        }

        var result = new double[n];
        Parallel.For(0, n, () => new double[clusters], (p, _, clusterSums) =>
        {
            var i = order[p];
            var row = x.AsSpan(i * d, d);
            for (var c = 0; c < clusters; c++) clusterSums[c] = DistanceSum(xt, padded, d, row, starts[c], starts[c + 1]);
            var own = dense[i];
            var ownSize = sizes[own];
            if (ownSize <= 1)
            {
                result[i] = 0;
                return clusterSums;
            }

            // The distance of the row to itself is 0 (up to rounding of identical values), so it adds nothing.
            var a = clusterSums[own] / (ownSize - 1);
            var b = double.PositiveInfinity;
            for (var c = 0; c < clusters; c++)
            {
                if (c != own) b = Math.Min(b, clusterSums[c] / sizes[c]);
            }

            var denominator = Math.Max(a, b);
            result[i] = denominator > 0 ? (b - a) / denominator : 0;
            return clusterSums;
        }, _ => { });
        return result;
    }

    /// <summary>Sum of Euclidean distances from <paramref name="row"/> to the (cluster-ordered) rows start..end−1.</summary>
    private static double DistanceSum(double[] xt, int padded, int d, ReadOnlySpan<double> row, int start, int end)
    {
        var p = start;
        var total = 0.0;
        if (Vector256.IsHardwareAccelerated)
        {
            // Scalar head up to a multiple of 4, then 4 distances at a time.
            for (; p < end && (p & 3) != 0; p++) total += ScalarDistance(xt, padded, d, row, p);
            var acc = Vector256<double>.Zero;
            ref var basis = ref xt[0];
            for (; p + 4 <= end; p += 4)
            {
                var sq = Vector256<double>.Zero;
                for (var j = 0; j < d; j++)
                {
                    var diff = Vector256.LoadUnsafe(ref basis, (nuint)(j * padded + p)) - Vector256.Create(row[j]);
                    sq += diff * diff;
                }

                acc += Vector256.Sqrt(sq);
            }

            total += Vector256.Sum(acc);
        }

        for (; p < end; p++) total += ScalarDistance(xt, padded, d, row, p);
        return total;
    }

    private static double ScalarDistance(double[] xt, int padded, int d, ReadOnlySpan<double> row, int p)
    {
        var sq = 0.0;
        for (var j = 0; j < d; j++)
        {
            var diff = xt[j * padded + p] - row[j];
            sq += diff * diff;
        }

        return Math.Sqrt(sq);
    }
}
