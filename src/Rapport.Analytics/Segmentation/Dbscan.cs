namespace Rapport.Analytics.Segmentation;

/// <summary>A DBSCAN clustering.</summary>
/// <param name="Labels">Cluster of each row, 0 … ClusterCount−1, or <see cref="Dbscan.Noise"/> (−1).</param>
/// <param name="ClusterCount">Number of clusters found.</param>
/// <param name="NoiseCount">Number of rows labelled noise.</param>
/// <param name="IsCore">Whether each row is a core point (at least MinPts rows, itself included, within Eps).</param>
/// <param name="Eps">Neighbourhood radius used.</param>
/// <param name="MinPts">Minimum neighbourhood size used.</param>
public sealed record DbscanModel(int[] Labels, int ClusterCount, int NoiseCount, bool[] IsCore, double Eps, int MinPts);

/// <summary>An eps suggested from the k-distance curve.</summary>
/// <param name="Eps">The k-distance at the knee.</param>
/// <param name="MinPts">The MinPts the curve was computed for.</param>
/// <param name="SortedKDistances">Each (sampled) row's distance to its MinPts-th nearest row, itself counted first, in ascending order (the "k-distance plot").</param>
/// <param name="KneeIndex">Position of the knee in <see cref="SortedKDistances"/>.</param>
public sealed record EpsSuggestion(double Eps, int MinPts, double[] SortedKDistances, int KneeIndex);

/// <summary>
/// DBSCAN (Ester, Kriegel, Sander, Xu 1996) with scikit-learn's conventions: a row is a core point when at
/// least <c>minPts</c> rows, <b>itself included</b>, lie within distance ≤ eps; clusters are the
/// eps-connected components of core points plus the border rows they reach; every other row is noise (−1).
/// Clusters are numbered in order of their first core row, and a border row reachable from two clusters
/// goes to the lower-numbered one, so labels equal scikit-learn's <c>DBSCAN(eps, min_samples)</c> exactly.
/// Neighbourhoods come from a k-d tree (<see cref="KdTree"/>), made for low dimension (d ≲ 10):
/// O(n log n) for a sensible eps, O(n²) at worst (an eps so large that every row neighbours every other).
/// </summary>
public static class Dbscan
{
    /// <summary>The label of noise rows.</summary>
    public const int Noise = -1;

    /// <summary>Rows whose k-distance <see cref="SuggestEps"/> computes before it samples (neighbours are always searched among all rows).</summary>
    public const int DefaultEpsSampleSize = 50_000;

    /// <summary>The usual rule of thumb MinPts = 2 × dimensions (Sander et al. 1998), at least 4.</summary>
    public static int DefaultMinPts(int dimensions) => Math.Max(4, 2 * dimensions);

    /// <summary>Clusters the rows of <paramref name="matrix"/>.</summary>
    public static DbscanModel Fit(FeatureMatrix matrix, double eps, int minPts)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        if (!(eps > 0) || double.IsInfinity(eps)) throw new ArgumentOutOfRangeException(nameof(eps), $"eps must be a positive number, got {eps}.");
        ArgumentOutOfRangeException.ThrowIfLessThan(minPts, 1);
        int n = matrix.Rows, d = matrix.Columns;
        var x = matrix.Values;
        var tree = new KdTree(matrix);
        var r2 = eps * eps;
        var core = new bool[n];
        RowChunks.For(n, (_, start, end) =>
        {
            for (var i = start; i < end; i++) core[i] = tree.CountWithin(x.AsSpan(i * d, d), r2, minPts) >= minPts;
        }, 1024);

        var labels = new int[n];
        Array.Fill(labels, Noise);
        var clusters = 0;
        var stack = new Stack<int>();
        var neighbours = new List<int>();
        for (var i = 0; i < n; i++)
        {
            if (labels[i] != Noise || !core[i]) continue;
            labels[i] = clusters;
            stack.Push(i);
            while (stack.Count > 0)
            {
                var p = stack.Pop();
                neighbours.Clear();
                tree.Within(x.AsSpan(p * d, d), r2, neighbours);
                foreach (var q in neighbours)
                {
                    if (labels[q] != Noise) continue;
                    labels[q] = clusters;
                    if (core[q]) stack.Push(q);
                }
            }

            clusters++;
        }

        var noise = 0;
        foreach (var label in labels)
        {
            if (label == Noise) noise++;
        }

        return new DbscanModel(labels, clusters, noise, core, eps, minPts);
    }

    /// <summary>
    /// Suggests eps for <paramref name="minPts"/> from the sorted k-distance curve (Ester et al. 1996, §4.2):
    /// every row's distance to its minPts-th nearest row (itself counted first — so the k-distance of a row is
    /// the smallest eps that makes it a core point) is sorted ascending, and eps is taken at the curve's knee,
    /// found with Kneedle (Satopää et al. 2011): both axes are scaled to [0, 1] and the knee is the point where
    /// the scaled curve lies farthest below the diagonal from its first to its last point (for an increasing
    /// convex curve, the point of maximum x − y). Rows before the knee sit in dense regions; the steep part after
    /// it is sparse rows that become noise.
    /// </summary>
    /// <param name="matrix">Standardised features.</param>
    /// <param name="minPts">The MinPts that will be used with the eps.</param>
    /// <param name="sampleSize">Rows whose k-distance is computed: null = all up to <see cref="DefaultEpsSampleSize"/>, a seeded sample of that size above.</param>
    /// <param name="seed">Seed of the sample.</param>
    public static EpsSuggestion SuggestEps(FeatureMatrix matrix, int minPts, int? sampleSize = null, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentOutOfRangeException.ThrowIfLessThan(minPts, 2);
        if (matrix.Rows < minPts + 2)
            throw new ArgumentException($"Suggesting eps for MinPts = {minPts} needs at least {minPts + 2} rows, got {matrix.Rows}.", nameof(matrix));
        int n = matrix.Rows, d = matrix.Columns;
        var x = matrix.Values;
        var tree = new KdTree(matrix);
        var size = sampleSize ?? DefaultEpsSampleSize;
        int[] rows;
        if (size >= n)
        {
            rows = new int[n];
            for (var i = 0; i < n; i++) rows[i] = i;
        }
        else
        {
            rows = Silhouette.SampleRows(n, Math.Max(size, minPts + 2), seed) ?? Enumerable.Range(0, n).ToArray();
        }

        var kd = new double[rows.Length];
        RowChunks.For(rows.Length, (_, start, end) =>
        {
            for (var r = start; r < end; r++) kd[r] = Math.Sqrt(tree.KthNearestSquared(x.AsSpan(rows[r] * d, d), minPts));
        }, 1024);
        Array.Sort(kd);
        var knee = Knee(kd);
        return new EpsSuggestion(kd[knee] > 0 ? kd[knee] : FirstPositive(kd), minPts, kd, knee);
    }

    /// <summary>
    /// Kneedle knee of an ascending sequence: the index maximising x̂ − ŷ with x̂ = i / (m − 1) and
    /// ŷ = (y − y₀) / (y_last − y₀); the first index on ties; the last index when the curve is flat.
    /// </summary>
    public static int Knee(ReadOnlySpan<double> ascending)
    {
        var m = ascending.Length;
        if (m < 3) return m - 1;
        var y0 = ascending[0];
        var range = ascending[m - 1] - y0;
        if (!(range > 0)) return m - 1;
        var best = 0;
        var bestGap = double.NegativeInfinity;
        for (var i = 0; i < m; i++)
        {
            var gap = (double)i / (m - 1) - (ascending[i] - y0) / range;
            if (gap > bestGap)
            {
                bestGap = gap;
                best = i;
            }
        }

        return best;
    }

    private static double FirstPositive(double[] sorted)
    {
        foreach (var v in sorted)
        {
            if (v > 0) return v;
        }

        return 1e-12;
    }
}
