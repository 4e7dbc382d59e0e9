using System.Text.Json.Serialization;

namespace Rapport.Analytics.Segmentation;

/// <summary>The clustering method of a segmentation.</summary>
public enum SegmentationMethod
{
    /// <summary>k-means++ (<see cref="KMeans"/>); k by silhouette when not given.</summary>
    KMeans,
    /// <summary>DBSCAN (<see cref="Dbscan"/>); eps from the k-distance knee when not given; k is what it finds.</summary>
    Dbscan,
    /// <summary>Agglomerative Ward (<see cref="Agglomerative"/>), up to 20 000 customers; k by silhouette over the dendrogram's cuts when not given.</summary>
    Hierarchical,
}

/// <summary>Options of <see cref="Segmenter"/>.</summary>
/// <param name="Method">Clustering method.</param>
/// <param name="K">Number of segments; <c>null</c> = "auto": the k in [MinK, MaxK] with the highest silhouette (k-means, Ward). DBSCAN ignores it.</param>
/// <param name="MinK">Smallest k tried by "auto".</param>
/// <param name="MaxK">Largest k tried by "auto".</param>
/// <param name="Seed">Seed of k-means++ and of the silhouette and eps samples.</param>
/// <param name="NInit">k-means runs per k (best inertia kept). 3 rather than scikit-learn's 1 so that segments are
/// stable from one refresh to the next; the cost is linear.</param>
/// <param name="Eps">DBSCAN radius in standardised units; <c>null</c> = <see cref="Dbscan.SuggestEps"/>.</param>
/// <param name="MinPts">DBSCAN MinPts; <c>null</c> = <see cref="Dbscan.DefaultMinPts"/> (2 × features, at least 4).</param>
/// <param name="SilhouetteSampleSize">Rows for silhouettes; <c>null</c> = exact up to 10 000 rows, a sample of 10 000 above.</param>
/// <param name="Scaling">Feature transformation (default: log1p where skewness &gt; 1, then z-scores).</param>
/// <param name="Naming">Column roles for the segment names.</param>
public sealed record SegmentationOptions(
    SegmentationMethod Method = SegmentationMethod.KMeans,
    int? K = null,
    int MinK = 2,
    int MaxK = 10,
    int Seed = 0,
    int NInit = 3,
    double? Eps = null,
    int? MinPts = null,
    int? SilhouetteSampleSize = null,
    FeatureScalingOptions? Scaling = null,
    SegmentNamingOptions? Naming = null);

/// <summary>The clustering part of a segmentation: labels and how they were obtained (no names, no revenue).</summary>
/// <param name="Method">"kmeans", "dbscan" or "hierarchical".</param>
/// <param name="K">Number of segments (DBSCAN: clusters found, noise excluded).</param>
/// <param name="Labels">Segment of each row (−1 = DBSCAN noise).</param>
/// <param name="Silhouette">Mean silhouette of the labels on the standardised features (noise excluded), null when undefined (fewer than 2 clusters).</param>
/// <param name="Scaler">The fitted feature transformation.</param>
/// <param name="KScores">Every k's silhouette when k was chosen automatically, else null.</param>
/// <param name="Eps">DBSCAN's eps, else null.</param>
/// <param name="MinPts">DBSCAN's MinPts, else null.</param>
public sealed record SegmentationFit(
    string Method,
    int K,
    int[] Labels,
    double? Silhouette,
    FeatureScaler Scaler,
    IReadOnlyList<KScore>? KScores,
    double? Eps,
    int? MinPts);

/// <summary>One customer's segment in <see cref="SegmentationResult"/>.</summary>
public sealed record CustomerSegment(
    [property: JsonPropertyName("customer")] string Customer,
    [property: JsonPropertyName("segment")] int Segment);

/// <summary>How one feature was transformed before clustering.</summary>
public sealed record FeatureTransform(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("skewness")] double Skewness,
    [property: JsonPropertyName("logTransformed")] bool LogTransformed,
    [property: JsonPropertyName("mean")] double Mean,
    [property: JsonPropertyName("std")] double Std);

/// <summary>
/// The output of <c>rapport analyze segments</c>, shaped for JSON (camelCase names fixed by attributes, so any
/// <see cref="System.Text.Json.JsonSerializerOptions"/> gives the same shape):
/// <c>method, k, silhouette, segments[], customers[]</c>, plus how the features were transformed, every k's
/// silhouette when k was chosen, and DBSCAN's eps and MinPts.
/// </summary>
public sealed record SegmentationResult(
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("k")] int K,
    [property: JsonPropertyName("silhouette")] double? Silhouette,
    [property: JsonPropertyName("segments")] IReadOnlyList<SegmentProfile> Segments,
    [property: JsonPropertyName("customers")] IReadOnlyList<CustomerSegment> Customers,
    [property: JsonPropertyName("features")] IReadOnlyList<FeatureTransform> Features,
    [property: JsonPropertyName("kScores"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<KScore>? KScores,
    [property: JsonPropertyName("eps"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Eps,
    [property: JsonPropertyName("minPts"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? MinPts);

/// <summary>
/// Customer segmentation end to end: original-unit features → transformation (<see cref="FeatureScaler"/>) →
/// clustering → named segment profiles (<see cref="SegmentProfiler"/>).
/// <see cref="Fit"/> is the pure "feature matrix → labels" step (what a test of recovered segments needs);
/// <see cref="Run"/> adds profiles and the per-customer list.
/// </summary>
public static class Segmenter
{
    /// <summary>Transforms the features and clusters them.</summary>
    /// <param name="originalUnits">One row per customer, features in original units (e.g. recency_days, frequency, monetary, tenure_days, avg_order_value).</param>
    /// <param name="options">Method, k and their settings.</param>
    public static SegmentationFit Fit(FeatureMatrix originalUnits, SegmentationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(originalUnits);
        options ??= new SegmentationOptions();
        if (originalUnits.Rows < 3) throw new ArgumentException($"Segmentation needs at least 3 customers, got {originalUnits.Rows}.", nameof(originalUnits));
        var (scaler, x) = FeatureScaler.FitTransform(originalUnits, options.Scaling);
        switch (options.Method)
        {
            case SegmentationMethod.KMeans when options.K is { } k:
            {
                var model = KMeans.Fit(x, new KMeansOptions(k, options.Seed, NInit: options.NInit));
                return new SegmentationFit("kmeans", k, model.Labels, SafeSilhouette(x, model.Labels, options), scaler, null, null, null);
            }

            case SegmentationMethod.KMeans:
            {
                var selection = KMeans.ChooseK(x, new KSelectionOptions(options.MinK, options.MaxK, options.Seed, options.NInit, SilhouetteSampleSize: options.SilhouetteSampleSize));
                var best = selection.Scores.First(s => s.K == selection.BestK);
                return new SegmentationFit("kmeans", selection.BestK, selection.Best.Labels, best.Silhouette, scaler, selection.Scores, null, null);
            }

            case SegmentationMethod.Hierarchical:
                return FitWard(x, scaler, options);

            case SegmentationMethod.Dbscan:
            {
                var minPts = options.MinPts ?? Dbscan.DefaultMinPts(x.Columns);
                var eps = options.Eps ?? Dbscan.SuggestEps(x, minPts, seed: options.Seed).Eps;
                var model = Dbscan.Fit(x, eps, minPts);
                return new SegmentationFit("dbscan", model.ClusterCount, model.Labels, SafeSilhouette(x, model.Labels, options), scaler, null, eps, minPts);
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(options), $"Unknown segmentation method {options.Method}.");
        }
    }

    /// <summary>Clusters, profiles and names the segments, and lists every customer's segment.</summary>
    /// <param name="originalUnits">One row per customer, features in original units.</param>
    /// <param name="customers">Customer keys, one per row.</param>
    /// <param name="revenue">Revenue of each customer (for revenue shares).</param>
    /// <param name="options">Method, k and their settings.</param>
    /// <param name="profileFeatures">Features the segments are described and named by (original units, same rows), when
    /// they should be more than the clustered ones — e.g. cluster on shopping habits, describe by RFM too; default: <paramref name="originalUnits"/>.</param>
    public static SegmentationResult Run(FeatureMatrix originalUnits, IReadOnlyList<string> customers, ReadOnlySpan<double> revenue, SegmentationOptions? options = null, FeatureMatrix? profileFeatures = null)
    {
        ArgumentNullException.ThrowIfNull(originalUnits);
        ArgumentNullException.ThrowIfNull(customers);
        if (customers.Count != originalUnits.Rows) throw new ArgumentException($"{customers.Count} customer keys for {originalUnits.Rows} rows.", nameof(customers));
        options ??= new SegmentationOptions();
        var fit = Fit(originalUnits, options);
        if (profileFeatures is not null && profileFeatures.Rows != originalUnits.Rows)
            throw new ArgumentException($"{profileFeatures.Rows} profile rows for {originalUnits.Rows} customers.", nameof(profileFeatures));
        var profiles = SegmentProfiler.Profile(profileFeatures ?? originalUnits, fit.Labels, revenue, options.Naming);
        var list = new CustomerSegment[customers.Count];
        for (var i = 0; i < list.Length; i++) list[i] = new CustomerSegment(customers[i], fit.Labels[i]);
        var features = Enumerable.Range(0, originalUnits.Columns)
            .Select(j => new FeatureTransform(fit.Scaler.ColumnNames[j], fit.Scaler.Skewness[j], fit.Scaler.LogTransformed[j], fit.Scaler.Means[j], fit.Scaler.StdDevs[j]))
            .ToArray();
        return new SegmentationResult(fit.Method, fit.K, fit.Silhouette, profiles, list, features, fit.KScores, fit.Eps, fit.MinPts);
    }

    private static SegmentationFit FitWard(FeatureMatrix x, FeatureScaler scaler, SegmentationOptions options)
    {
        if (options.K is { } k)
        {
            var model = Agglomerative.Ward(x, k);
            return new SegmentationFit("hierarchical", k, model.Labels, SafeSilhouette(x, model.Labels, options), scaler, null, null, null);
        }

        if (options.MinK < 2) throw new ArgumentOutOfRangeException(nameof(options), $"MinK must be at least 2, got {options.MinK}.");
        var maxK = Math.Min(options.MaxK, x.Rows - 1);
        var dendrogram = Agglomerative.Ward(x, Math.Min(options.MinK, x.Rows));
        var sample = Silhouette.SampleRows(x.Rows, options.SilhouetteSampleSize, options.Seed);
        var sampled = sample is null ? x : x.SelectRows(sample);
        var scores = new List<KScore>();
        int[]? bestLabels = null;
        var bestK = 0;
        var bestScore = double.NegativeInfinity;
        for (var c = options.MinK; c <= maxK; c++)
        {
            var labels = dendrogram.Cut(c);
            var scored = sample is null ? labels : sample.Select(i => labels[i]).ToArray();
            var score = Silhouette.TryScoreExact(sampled, scored);
            scores.Add(new KScore(c, score, WithinSumOfSquares(x, labels, c), 0));
            if (score is { } value && value > bestScore)
            {
                bestScore = value;
                bestLabels = labels;
                bestK = c;
            }
        }

        if (bestLabels is null) throw new ArgumentException("No k gave at least two clusters (are all rows identical?).", nameof(x));
        return new SegmentationFit("hierarchical", bestK, bestLabels, bestScore, scaler, scores, null, null);
    }

    private static double? SafeSilhouette(FeatureMatrix x, int[] labels, SegmentationOptions options)
    {
        if (labels.Where(l => l >= 0).Distinct().Count() < 2) return null;
        try
        {
            return Silhouette.Score(x, labels, options.SilhouetteSampleSize, options.Seed);
        }
        catch (ArgumentException)
        {
            // Too few rows per cluster, or a sample that misses all but one cluster: undefined.
            return null;
        }
    }

    /// <summary>Sum of squared distances of the rows to their cluster's centroid (the inertia of a labeling).</summary>
    internal static double WithinSumOfSquares(FeatureMatrix x, int[] labels, int k)
    {
        int n = x.Rows, d = x.Columns;
        var sums = new double[k * d];
        var counts = new int[k];
        for (var i = 0; i < n; i++)
        {
            counts[labels[i]]++;
            for (var j = 0; j < d; j++) sums[labels[i] * d + j] += x.Values[i * d + j];
        }

        var total = 0.0;
        for (var i = 0; i < n; i++)
        {
            var c = labels[i];
            for (var j = 0; j < d; j++)
            {
                var e = x.Values[i * d + j] - sums[c * d + j] / counts[c];
                total += e * e;
            }
        }

        return total;
    }
}
