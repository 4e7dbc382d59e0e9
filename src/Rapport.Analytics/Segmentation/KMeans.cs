using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text.Json.Serialization;

namespace Rapport.Analytics.Segmentation;

/// <summary>Options of <see cref="KMeans.Fit"/>.</summary>
/// <param name="K">Number of clusters, 1 ≤ K ≤ rows.</param>
/// <param name="Seed">Seed of the k-means++ seeding; the same seed gives the same model, bit for bit.</param>
/// <param name="MaxIterations">Maximum number of Lloyd iterations per run (scikit-learn's max_iter, 300).</param>
/// <param name="Tolerance">
/// Relative tolerance, as scikit-learn's tol: a run stops when the sum of squared centroid moves is at most
/// Tolerance × the mean of the columns' variances (or, earlier, when no label changes).
/// </param>
/// <param name="NInit">Number of runs with different seedings; the one with the lowest inertia is kept
/// (scikit-learn's n_init; its default "auto" means 1 run for k-means++).</param>
/// <param name="Algorithm">How each Lloyd iteration finds the nearest centroids (same result, different speed).</param>
public sealed record KMeansOptions(int K, int Seed = 0, int MaxIterations = 300, double Tolerance = 1e-4, int NInit = 1, KMeansAlgorithm Algorithm = KMeansAlgorithm.Hamerly);

/// <summary>How k-means iterations find each row's nearest centroid.</summary>
public enum KMeansAlgorithm
{
    /// <summary>
    /// Hamerly (2010), "Making k-means even faster": one upper bound (distance to the own centroid) and one lower
    /// bound (distance to the second nearest) per row, moved by the centroids' shifts each iteration; a row whose
    /// upper bound stays below max(lower bound, half the distance from its centroid to the nearest other) cannot
    /// change cluster and is skipped. Same iterations as <see cref="Lloyd"/> (up to exact distance ties), much
    /// less work once few rows move; O(n) extra memory.
    /// </summary>
    Hamerly,
    /// <summary>Plain Lloyd: every row is compared with every centroid in every iteration.</summary>
    Lloyd,
}

/// <summary>A fitted k-means model.</summary>
/// <param name="K">Number of clusters.</param>
/// <param name="Dimensions">Number of features.</param>
/// <param name="Centroids">K × Dimensions centroids, row-major (centroid c, feature j at <c>c * Dimensions + j</c>).</param>
/// <param name="Labels">Cluster of each training row (0 … K−1), nearest centroid of the final centroids.</param>
/// <param name="Inertia">Sum of squared distances of the rows to their centroid.</param>
/// <param name="Iterations">Lloyd iterations of the kept run.</param>
/// <param name="Converged">Whether the kept run stopped before <see cref="KMeansOptions.MaxIterations"/> ran out.</param>
public sealed record KMeansModel(int K, int Dimensions, double[] Centroids, int[] Labels, double Inertia, int Iterations, bool Converged)
{
    private CentroidAssigner? _assigner;

    private CentroidAssigner Assigner => _assigner ??= new CentroidAssigner(Centroids, K, Dimensions);

    /// <summary>The coordinates of centroid <paramref name="cluster"/>.</summary>
    public ReadOnlySpan<double> Centroid(int cluster) => Centroids.AsSpan(cluster * Dimensions, Dimensions);

    /// <summary>The nearest centroid of one row (ties go to the lower cluster number).</summary>
    public int Predict(ReadOnlySpan<double> row)
    {
        if (row.Length != Dimensions) throw new ArgumentException($"The model has {Dimensions} features, the row has {row.Length}.", nameof(row));
        var assigner = Assigner;
        Span<double> scratch = stackalloc double[assigner.PaddedK];
        return assigner.Nearest(row, scratch, out _);
    }

    /// <summary>The nearest centroid of every row of <paramref name="matrix"/>.</summary>
    public int[] Predict(FeatureMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        if (matrix.Columns != Dimensions) throw new ArgumentException($"The model has {Dimensions} features, the matrix has {matrix.Columns}.", nameof(matrix));
        var labels = new int[matrix.Rows];
        KMeans.Assign(matrix, Assigner, labels);
        return labels;
    }
}

/// <summary>The silhouette and inertia of one candidate k in <see cref="KMeans.ChooseK"/>.</summary>
/// <param name="K">The candidate number of clusters.</param>
/// <param name="Silhouette">Mean silhouette of its clustering; null when undefined (fewer than 2 distinct clusters).</param>
/// <param name="Inertia">Within-cluster sum of squares.</param>
/// <param name="Iterations">Lloyd iterations of the kept run (0 for a dendrogram cut).</param>
public sealed record KScore(
    [property: JsonPropertyName("k")] int K,
    [property: JsonPropertyName("silhouette")] double? Silhouette,
    [property: JsonPropertyName("inertia")] double Inertia,
    [property: JsonPropertyName("iterations")] int Iterations);

/// <summary>Options of <see cref="KMeans.ChooseK"/>: the k range, the k-means settings used for every k, and the silhouette sample.</summary>
/// <param name="MinK">Smallest k tried (≥ 2: the silhouette needs two clusters).</param>
/// <param name="MaxK">Largest k tried (capped at rows − 1).</param>
/// <param name="SilhouetteSampleSize">
/// Rows on which each k's silhouette is computed; <c>null</c> = all rows up to
/// <see cref="Silhouette.DefaultExactLimit"/>, else a seeded sample of that many. The same sample is used for
/// every k, so the scores are comparable.
/// </param>
public sealed record KSelectionOptions(
    int MinK = 2,
    int MaxK = 10,
    int Seed = 0,
    int NInit = 1,
    int MaxIterations = 300,
    double Tolerance = 1e-4,
    int? SilhouetteSampleSize = null);

/// <summary>The result of <see cref="KMeans.ChooseK"/>: the chosen k, its model, and every k's score.</summary>
public sealed record KSelection(int BestK, KMeansModel Best, IReadOnlyList<KScore> Scores);

/// <summary>
/// k-means with greedy k-means++ seeding, as scikit-learn's <c>KMeans(init="k-means++")</c>: the first centre is
/// a uniformly drawn row; every further centre is the best, by resulting potential, of 2 + ⌊ln k⌋ rows drawn with
/// probability proportional to the squared distance to the nearest centre chosen so far. Then Lloyd iterations
/// (assign every row to its nearest centroid, move every centroid to its rows' mean), by default with Hamerly's
/// bounds, which skip the rows that provably keep their centroid and give the same iterations. Empty clusters
/// are moved to the rows farthest from their centres, and convergence is scikit-learn's (no label changes, or a
/// total squared centroid shift ≤ tol × mean column variance). Each pass runs in parallel over fixed row chunks
/// whose partial sums are combined in order, so a seed gives the same model, bit for bit, on any number of cores.
/// </summary>
public static class KMeans
{
    /// <summary>Fits k-means on <paramref name="matrix"/> (usually standardised features, see <see cref="FeatureScaler"/>).</summary>
    public static KMeansModel Fit(FeatureMatrix matrix, KMeansOptions options)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(options);
        if (options.K < 1) throw new ArgumentOutOfRangeException(nameof(options), $"K must be at least 1, got {options.K}.");
        if (matrix.Rows < options.K) throw new ArgumentException($"k-means with K = {options.K} needs at least {options.K} rows, got {matrix.Rows}.", nameof(matrix));
        if (options.NInit < 1) throw new ArgumentOutOfRangeException(nameof(options), $"NInit must be at least 1, got {options.NInit}.");
        if (options.MaxIterations < 1) throw new ArgumentOutOfRangeException(nameof(options), $"MaxIterations must be at least 1, got {options.MaxIterations}.");
        if (!(options.Tolerance >= 0)) throw new ArgumentOutOfRangeException(nameof(options), $"Tolerance must be ≥ 0, got {options.Tolerance}.");

        var tolerance = options.Tolerance * MeanColumnVariance(matrix);
        var seeds = new Random(options.Seed);
        KMeansModel? best = null;
        for (var run = 0; run < options.NInit; run++)
        {
            var rng = new Random(seeds.Next());
            var model = RunOnce(matrix, options.K, rng, options.MaxIterations, tolerance, options.Algorithm);
            if (best is null || model.Inertia < best.Inertia) best = model;
        }

        return best!;
    }

    /// <summary>
    /// Fits k-means for every k in [MinK, MaxK] and keeps the k with the highest mean silhouette (ties go to the
    /// smaller k). Every k's silhouette and inertia are reported, so a caller can show the curve.
    /// </summary>
    public static KSelection ChooseK(FeatureMatrix matrix, KSelectionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        options ??= new KSelectionOptions();
        if (options.MinK < 2) throw new ArgumentOutOfRangeException(nameof(options), $"MinK must be at least 2 (the silhouette needs two clusters), got {options.MinK}.");
        var maxK = Math.Min(options.MaxK, matrix.Rows - 1);
        if (maxK < options.MinK)
            throw new ArgumentException($"Choosing k in {options.MinK}..{options.MaxK} needs at least {options.MinK + 1} rows, got {matrix.Rows}.", nameof(matrix));

        var sample = Silhouette.SampleRows(matrix.Rows, options.SilhouetteSampleSize, options.Seed);
        var sampled = sample is null ? matrix : matrix.SelectRows(sample);
        var scores = new List<KScore>();
        KMeansModel? best = null;
        var bestScore = double.NegativeInfinity;
        for (var k = options.MinK; k <= maxK; k++)
        {
            var model = Fit(matrix, new KMeansOptions(k, options.Seed, options.MaxIterations, options.Tolerance, options.NInit));
            int[] labels;
            if (sample is null)
            {
                labels = model.Labels;
            }
            else
            {
                labels = new int[sample.Length];
                for (var i = 0; i < sample.Length; i++) labels[i] = model.Labels[sample[i]];
            }

            var score = Silhouette.TryScoreExact(sampled, labels);
            scores.Add(new KScore(k, score, model.Inertia, model.Iterations));
            if (score is { } value && value > bestScore)
            {
                bestScore = value;
                best = model;
            }
        }

        if (best is null)
            throw new ArgumentException("No k gave at least two clusters (are all rows identical?).", nameof(matrix));
        return new KSelection(best.K, best, scores);
    }

    internal static double MeanColumnVariance(FeatureMatrix matrix)
    {
        int n = matrix.Rows, d = matrix.Columns;
        var x = matrix.Values;
        var total = 0.0;
        for (var j = 0; j < d; j++)
        {
            var mean = 0.0;
            for (var i = 0; i < n; i++) mean += x[i * d + j];
            mean /= n;
            var ss = 0.0;
            for (var i = 0; i < n; i++)
            {
                var e = x[i * d + j] - mean;
                ss += e * e;
            }

            total += ss / n;
        }

        return total / d;
    }

    private static KMeansModel RunOnce(FeatureMatrix matrix, int k, Random rng, int maxIterations, double tolerance, KMeansAlgorithm algorithm)
    {
        int n = matrix.Rows, d = matrix.Columns;
        var centers = PlusPlus(matrix, k, rng);
        var labels = new int[n];
        Array.Fill(labels, -1);
        var state = new IterationState(RowChunks.Count(n), k, d);
        var (iterations, converged) = algorithm == KMeansAlgorithm.Lloyd
            ? RunLloyd(matrix, ref centers, labels, state, maxIterations, tolerance)
            : RunHamerly(matrix, ref centers, labels, state, maxIterations, tolerance);

        // Final assignment to the final centroids (a no-op for labels after strict convergence) and the inertia.
        var inertia = Assign(matrix, new CentroidAssigner(centers, k, d), labels);
        return new KMeansModel(k, d, centers, labels, inertia, iterations, converged);
    }

    /// <summary>Per-chunk partial sums of one iteration and their ordered total.</summary>
    private sealed class IterationState(int chunks, int k, int d)
    {
        public readonly double[] ChunkSums = new double[chunks * k * d];
        public readonly int[] ChunkCounts = new int[chunks * k];
        public readonly double[] Sums = new double[k * d];
        public readonly long[] Counts = new long[k];
        public readonly int Chunks = chunks;

        public void Combine()
        {
            Array.Clear(Sums);
            Array.Clear(Counts);
            var k = Counts.Length;
            var kd = Sums.Length;
            for (var c = 0; c < Chunks; c++)
            {
                var s = ChunkSums.AsSpan(c * kd, kd);
                for (var t = 0; t < kd; t++) Sums[t] += s[t];
                for (var t = 0; t < k; t++) Counts[t] += ChunkCounts[c * k + t];
            }
        }
    }

    /// <summary>New centroids from the combined sums (after moving rows into empty clusters); returns them and the total squared shift.</summary>
    private static (double[] Centers, double Shift) UpdateCenters(FeatureMatrix matrix, double[] centers, int[] labels, IterationState state)
    {
        state.Combine();
        RelocateEmptyClusters(matrix, centers, labels, state.Sums, state.Counts);
        int k = state.Counts.Length, d = matrix.Columns;
        var newCenters = new double[k * d];
        var shift = 0.0;
        for (var c = 0; c < k; c++)
        {
            for (var j = 0; j < d; j++)
            {
                var value = state.Counts[c] > 0 ? state.Sums[c * d + j] / state.Counts[c] : centers[c * d + j];
                newCenters[c * d + j] = value;
                var delta = value - centers[c * d + j];
                shift += delta * delta;
            }
        }

        return (newCenters, shift);
    }

    private static (int Iterations, bool Converged) RunLloyd(FeatureMatrix matrix, ref double[] centers, int[] labels, IterationState state, int maxIterations, double tolerance)
    {
        int k = state.Counts.Length, d = matrix.Columns;
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            var changed = AssignAndAccumulate(matrix, new CentroidAssigner(centers, k, d), labels, state.ChunkSums, state.ChunkCounts);
            var (next, shift) = UpdateCenters(matrix, centers, labels, state);
            centers = next;
            if (!changed || shift <= tolerance) return (iteration + 1, true);
        }

        return (maxIterations, false);
    }

    private static (int Iterations, bool Converged) RunHamerly(FeatureMatrix matrix, ref double[] centers, int[] labels, IterationState state, int maxIterations, double tolerance)
    {
        int n = matrix.Rows, d = matrix.Columns, k = state.Counts.Length;
        var x = matrix.Values;
        var upper = new double[n];
        var lower = new double[n];
        var moves = new double[k];
        var halfGap = new double[k];
        double maxMove = 0, secondMove = 0;
        var argMaxMove = -1;
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            var current = centers;
            var assigner = new CentroidAssigner(current, k, d);
            if (iteration > 0) HalfGaps(current, k, d, halfGap);
            var first = iteration == 0;
            var changed = 0;
            RowChunks.For(n, (chunk, start, end) =>
            {
                Span<double> scratch = stackalloc double[assigner.PaddedK];
                var sums = state.ChunkSums.AsSpan(chunk * k * d, k * d);
                var counts = state.ChunkCounts.AsSpan(chunk * k, k);
                sums.Clear();
                counts.Clear();
                var anyChange = false;
                ref var target = ref MemoryMarshal.GetReference(sums);
                for (var i = start; i < end; i++)
                {
                    var row = x.AsSpan(i * d, d);
                    var label = labels[i];
                    if (first)
                    {
                        label = assigner.NearestTwo(row, scratch, out upper[i], out lower[i]);
                    }
                    else
                    {
                        // Move the bounds by the last centroid shifts (triangle inequality).
                        var u = upper[i] + moves[label];
                        var l = lower[i] - (label == argMaxMove ? secondMove : maxMove);
                        var bound = Math.Max(halfGap[label], l);
                        // A small relative slack keeps rounding from ever skipping a row that could move.
                        if (u > bound * (1 - 1e-12))
                        {
                            u = Math.Sqrt(SquaredDistance(row, current.AsSpan(label * d, d)));
                            if (u > bound * (1 - 1e-12)) label = assigner.NearestTwo(row, scratch, out u, out l);
                        }

                        upper[i] = u;
                        lower[i] = l;
                    }

                    if (labels[i] != label)
                    {
                        labels[i] = label;
                        anyChange = true;
                    }

                    counts[label]++;
                    ref var sum = ref Unsafe.Add(ref target, label * d);
                    for (var j = 0; j < row.Length; j++) Unsafe.Add(ref sum, j) += row[j];
                }

                if (anyChange) Volatile.Write(ref changed, 1);
            });

            var (next, shift) = UpdateCenters(matrix, current, labels, state);
            centers = next;
            if (changed == 0 || shift <= tolerance) return (iteration + 1, true);

            maxMove = secondMove = 0;
            argMaxMove = -1;
            for (var c = 0; c < k; c++)
            {
                moves[c] = Math.Sqrt(SquaredDistance(next.AsSpan(c * d, d), current.AsSpan(c * d, d)));
                if (moves[c] > maxMove)
                {
                    secondMove = maxMove;
                    maxMove = moves[c];
                    argMaxMove = c;
                }
                else if (moves[c] > secondMove)
                {
                    secondMove = moves[c];
                }
            }
        }

        return (maxIterations, false);
    }

    /// <summary>halfGap[c] = ½ · distance from centroid c to the nearest other centroid (+∞ when k = 1).</summary>
    private static void HalfGaps(double[] centers, int k, int d, double[] halfGap)
    {
        for (var c = 0; c < k; c++)
        {
            var nearest = double.PositiveInfinity;
            for (var o = 0; o < k; o++)
            {
                if (o != c) nearest = Math.Min(nearest, SquaredDistance(centers.AsSpan(c * d, d), centers.AsSpan(o * d, d)));
            }

            halfGap[c] = 0.5 * Math.Sqrt(nearest);
        }
    }

    /// <summary>Assigns every row to its nearest centroid and returns the inertia (sum of squared distances).</summary>
    internal static double Assign(FeatureMatrix matrix, CentroidAssigner assigner, int[] labels)
    {
        int n = matrix.Rows, d = matrix.Columns;
        var x = matrix.Values;
        var partial = new double[RowChunks.Count(n)];
        RowChunks.For(n, (chunk, start, end) =>
        {
            Span<double> scratch = stackalloc double[assigner.PaddedK];
            var sum = 0.0;
            for (var i = start; i < end; i++)
            {
                labels[i] = assigner.Nearest(x.AsSpan(i * d, d), scratch, out var dist);
                sum += dist;
            }

            partial[chunk] = sum;
        });
        var inertia = 0.0;
        foreach (var p in partial) inertia += p;
        return inertia;
    }

    /// <summary>One Lloyd assignment: updates labels, fills per-chunk sums and counts; returns whether any label changed.</summary>
    private static bool AssignAndAccumulate(FeatureMatrix matrix, CentroidAssigner assigner, int[] labels, double[] chunkSums, int[] chunkCounts)
    {
        int n = matrix.Rows, d = matrix.Columns, k = assigner.K;
        var x = matrix.Values;
        var changed = 0;
        RowChunks.For(n, (chunk, start, end) =>
        {
            Span<double> scratch = stackalloc double[assigner.PaddedK];
            var sums = chunkSums.AsSpan(chunk * k * d, k * d);
            var counts = chunkCounts.AsSpan(chunk * k, k);
            sums.Clear();
            counts.Clear();
            var anyChange = false;
            ref var target = ref MemoryMarshal.GetReference(sums);
            for (var i = start; i < end; i++)
            {
                var row = x.AsSpan(i * d, d);
                var label = assigner.Nearest(row, scratch, out _);
                if (labels[i] != label)
                {
                    labels[i] = label;
                    anyChange = true;
                }

                counts[label]++;
                ref var sum = ref Unsafe.Add(ref target, label * d);
                for (var j = 0; j < row.Length; j++) Unsafe.Add(ref sum, j) += row[j];
            }

            if (anyChange) Volatile.Write(ref changed, 1);
        });
        return changed != 0;
    }

    /// <summary>
    /// scikit-learn's <c>_relocate_empty_clusters</c>: each empty cluster takes, in order, one of the rows
    /// farthest from their current centre (ties to the lower row index), which leaves its old cluster.
    /// </summary>
    private static void RelocateEmptyClusters(FeatureMatrix matrix, double[] centers, int[] labels, double[] sums, long[] counts)
    {
        int k = counts.Length, d = matrix.Columns, n = matrix.Rows;
        var empty = new List<int>();
        for (var c = 0; c < k; c++)
        {
            if (counts[c] == 0) empty.Add(c);
        }

        if (empty.Count == 0) return;
        var x = matrix.Values;
        var distances = new double[n];
        for (var i = 0; i < n; i++) distances[i] = SquaredDistance(x.AsSpan(i * d, d), centers.AsSpan(labels[i] * d, d));
        var taken = new HashSet<int>();
        foreach (var cluster in empty)
        {
            var far = -1;
            for (var i = 0; i < n; i++)
            {
                if (!taken.Contains(i) && (far < 0 || distances[i] > distances[far])) far = i;
            }

            if (far < 0) return;
            taken.Add(far);
            var old = labels[far];
            var row = x.AsSpan(far * d, d);
            for (var j = 0; j < d; j++)
            {
                sums[old * d + j] -= row[j];
                sums[cluster * d + j] = row[j];
            }

            counts[old]--;
            counts[cluster] = 1;
        }
    }

    /// <summary>Greedy k-means++ (scikit-learn's <c>_kmeans_plusplus</c> with n_local_trials = 2 + ⌊ln k⌋).</summary>
    internal static double[] PlusPlus(FeatureMatrix matrix, int k, Random rng)
    {
        int n = matrix.Rows, d = matrix.Columns;
        var x = matrix.Values;
        var centers = new double[k * d];
        var first = rng.Next(n);
        x.AsSpan(first * d, d).CopyTo(centers);
        var closest = new double[n];
        RowChunks.For(n, (_, start, end) =>
        {
            var c0 = centers.AsSpan(0, d);
            for (var i = start; i < end; i++) closest[i] = SquaredDistance(x.AsSpan(i * d, d), c0);
        });

        var trials = 2 + (int)Math.Log(k);
        var cumulative = new double[n];
        var candidates = new int[trials];
        var chunkCount = RowChunks.Count(n);
        var partial = new double[chunkCount * trials];
        for (var c = 1; c < k; c++)
        {
            var running = 0.0;
            for (var i = 0; i < n; i++)
            {
                running += closest[i];
                cumulative[i] = running;
            }

            for (var t = 0; t < trials; t++)
            {
                var target = rng.NextDouble() * running;
                var index = LowerBound(cumulative, target);
                candidates[t] = Math.Min(index, n - 1);
            }

            // Potential (sum of min squared distances) if each candidate were added.
            RowChunks.For(n, (chunk, start, end) =>
            {
                for (var t = 0; t < trials; t++)
                {
                    var candidate = x.AsSpan(candidates[t] * d, d);
                    var sum = 0.0;
                    for (var i = start; i < end; i++) sum += Math.Min(closest[i], SquaredDistance(x.AsSpan(i * d, d), candidate));
                    partial[chunk * trials + t] = sum;
                }
            });
            var bestTrial = 0;
            var bestPotential = double.PositiveInfinity;
            for (var t = 0; t < trials; t++)
            {
                var potential = 0.0;
                for (var chunk = 0; chunk < chunkCount; chunk++) potential += partial[chunk * trials + t];
                if (potential < bestPotential)
                {
                    bestPotential = potential;
                    bestTrial = t;
                }
            }

            var chosen = candidates[bestTrial];
            x.AsSpan(chosen * d, d).CopyTo(centers.AsSpan(c * d, d));
            RowChunks.For(n, (_, start, end) =>
            {
                var center = centers.AsSpan(c * d, d);
                for (var i = start; i < end; i++) closest[i] = Math.Min(closest[i], SquaredDistance(x.AsSpan(i * d, d), center));
            });
        }

        return centers;
    }

    /// <summary>First index whose value is ≥ <paramref name="target"/> (numpy's searchsorted, side="left").</summary>
    private static int LowerBound(double[] sorted, double target)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            if (sorted[mid] < target) lo = mid + 1;
            else hi = mid;
        }

        return lo;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double SquaredDistance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var sum = 0.0;
        for (var j = 0; j < a.Length; j++)
        {
            var e = a[j] - b[j];
            sum += e * e;
        }

        return sum;
    }
}

/// <summary>
/// Nearest-centroid search with the centroids stored transposed (feature-major, padded to a multiple of the
/// vector width with +∞, which is never nearest), so that the squared distances to 4 centroids are computed
/// at once with AVX. Each lane does exactly the scalar sequence of operations, and ties go to the lowest
/// centroid number on both paths, so results do not depend on vector support.
/// </summary>
internal sealed class CentroidAssigner
{
    private readonly double[] _transposed;
    private readonly int _dimensions;

    public CentroidAssigner(double[] centroids, int k, int dimensions)
    {
        K = k;
        _dimensions = dimensions;
        PaddedK = (k + 3) & ~3;
        _transposed = new double[dimensions * PaddedK];
        Array.Fill(_transposed, double.PositiveInfinity);
        for (var c = 0; c < k; c++)
        {
            for (var j = 0; j < dimensions; j++) _transposed[j * PaddedK + c] = centroids[c * dimensions + j];
        }
    }

    public int K { get; }

    public int PaddedK { get; }

    /// <summary>Index of the nearest centroid (the lowest on ties) and its squared distance.</summary>
    public int Nearest(ReadOnlySpan<double> row, Span<double> scratch, out double squaredDistance)
    {
        if (Vector256.IsHardwareAccelerated)
        {
            if (PaddedK == 4) return Nearest4(row, out squaredDistance);
            if (PaddedK == 8) return Nearest8(row, out squaredDistance);
        }

        return NearestGeneral(row, scratch, out squaredDistance);
    }

    /// <summary>
    /// Index of the nearest centroid (lowest on ties) with the Euclidean distances to the nearest and the second
    /// nearest (+∞ when K = 1).
    /// </summary>
    public int NearestTwo(ReadOnlySpan<double> row, Span<double> scratch, out double nearest, out double second)
    {
        if (Vector256.IsHardwareAccelerated && PaddedK <= 8)
        {
            ref var t = ref MemoryMarshal.GetArrayDataReference(_transposed);
            ref var x = ref MemoryMarshal.GetReference(row);
            var pk = PaddedK;
            var acc0 = Vector256<double>.Zero;
            var acc1 = Vector256.Create(double.PositiveInfinity);
            if (pk == 4)
            {
                for (var j = 0; j < _dimensions; j++)
                {
                    var d0 = Vector256.Create(Unsafe.Add(ref x, j)) - Vector256.LoadUnsafe(ref t, (nuint)(j * 4));
                    acc0 += d0 * d0;
                }
            }
            else
            {
                acc1 = Vector256<double>.Zero;
                for (var j = 0; j < _dimensions; j++)
                {
                    var xj = Vector256.Create(Unsafe.Add(ref x, j));
                    var d0 = xj - Vector256.LoadUnsafe(ref t, (nuint)(j * 8));
                    var d1 = xj - Vector256.LoadUnsafe(ref t, (nuint)(j * 8 + 4));
                    acc0 += d0 * d0;
                    acc1 += d1 * d1;
                }
            }

            var min = HorizontalMin(Vector256.Min(acc0, acc1));
            var mask0 = Vector256.Equals(acc0, min).ExtractMostSignificantBits();
            int best;
            var lanes = Vector256.Create(0L, 1, 2, 3);
            if (mask0 != 0)
            {
                best = BitOperations.TrailingZeroCount(mask0);
                acc0 = Vector256.ConditionalSelect(Vector256.Equals(lanes, Vector256.Create((long)best)).AsDouble(), Vector256.Create(double.PositiveInfinity), acc0);
            }
            else
            {
                var lane = BitOperations.TrailingZeroCount(Vector256.Equals(acc1, min).ExtractMostSignificantBits());
                best = 4 + lane;
                acc1 = Vector256.ConditionalSelect(Vector256.Equals(lanes, Vector256.Create((long)lane)).AsDouble(), Vector256.Create(double.PositiveInfinity), acc1);
            }

            nearest = Math.Sqrt(min.GetElement(0));
            second = Math.Sqrt(HorizontalMin(Vector256.Min(acc0, acc1)).GetElement(0));
            return best;
        }

        var index = NearestGeneral(row, scratch, out var bestSquared);
        var secondSquared = double.PositiveInfinity;
        for (var c = 0; c < K; c++)
        {
            if (c != index && scratch[c] < secondSquared) secondSquared = scratch[c];
        }

        nearest = Math.Sqrt(bestSquared);
        second = Math.Sqrt(secondSquared);
        return index;
    }

    /// <summary>Every lane set to the minimum of the four lanes.</summary>
    private static Vector256<double> HorizontalMin(Vector256<double> v)
    {
        v = Vector256.Min(v, Vector256.Shuffle(v, Vector256.Create(1L, 0, 3, 2)));
        return Vector256.Min(v, Vector256.Shuffle(v, Vector256.Create(2L, 3, 0, 1)));
    }

    private int Nearest4(ReadOnlySpan<double> row, out double squaredDistance)
    {
        ref var t = ref MemoryMarshal.GetArrayDataReference(_transposed);
        ref var x = ref MemoryMarshal.GetReference(row);
        var acc = Vector256<double>.Zero;
        for (var j = 0; j < _dimensions; j++)
        {
            var diff = Vector256.Create(Unsafe.Add(ref x, j)) - Vector256.LoadUnsafe(ref t, (nuint)(j * 4));
            acc += diff * diff;
        }

        var min = Vector256.Min(acc, Vector256.Shuffle(acc, Vector256.Create(1L, 0, 3, 2)));
        min = Vector256.Min(min, Vector256.Shuffle(min, Vector256.Create(2L, 3, 0, 1)));
        var best = BitOperations.TrailingZeroCount(Vector256.Equals(acc, min).ExtractMostSignificantBits());
        squaredDistance = min.GetElement(0);
        return best;
    }

    private int Nearest8(ReadOnlySpan<double> row, out double squaredDistance)
    {
        ref var t = ref MemoryMarshal.GetArrayDataReference(_transposed);
        ref var x = ref MemoryMarshal.GetReference(row);
        var acc0 = Vector256<double>.Zero;
        var acc1 = Vector256<double>.Zero;
        for (var j = 0; j < _dimensions; j++)
        {
            var xj = Vector256.Create(Unsafe.Add(ref x, j));
            var d0 = xj - Vector256.LoadUnsafe(ref t, (nuint)(j * 8));
            var d1 = xj - Vector256.LoadUnsafe(ref t, (nuint)(j * 8 + 4));
            acc0 += d0 * d0;
            acc1 += d1 * d1;
        }

        var min = Vector256.Min(acc0, acc1);
        min = Vector256.Min(min, Vector256.Shuffle(min, Vector256.Create(1L, 0, 3, 2)));
        min = Vector256.Min(min, Vector256.Shuffle(min, Vector256.Create(2L, 3, 0, 1)));
        var mask0 = Vector256.Equals(acc0, min).ExtractMostSignificantBits();
        squaredDistance = min.GetElement(0);
        return mask0 != 0
            ? BitOperations.TrailingZeroCount(mask0)
            : 4 + BitOperations.TrailingZeroCount(Vector256.Equals(acc1, min).ExtractMostSignificantBits());
    }

    private int NearestGeneral(ReadOnlySpan<double> row, Span<double> scratch, out double squaredDistance)
    {
        var pk = PaddedK;
        var t = _transposed;
        if (Vector256.IsHardwareAccelerated)
        {
            ref var tr = ref MemoryMarshal.GetArrayDataReference(t);
            for (var b = 0; b < pk; b += 4)
            {
                var acc = Vector256<double>.Zero;
                for (var j = 0; j < _dimensions; j++)
                {
                    var diff = Vector256.Create(row[j]) - Vector256.LoadUnsafe(ref tr, (nuint)(j * pk + b));
                    acc += diff * diff;
                }

                acc.StoreUnsafe(ref scratch[0], (nuint)b);
            }
        }
        else
        {
            for (var c = 0; c < K; c++)
            {
                var acc = 0.0;
                for (var j = 0; j < _dimensions; j++)
                {
                    var diff = row[j] - t[j * pk + c];
                    acc += diff * diff;
                }

                scratch[c] = acc;
            }
        }

        var best = 0;
        var bestDistance = scratch[0];
        for (var c = 1; c < K; c++)
        {
            if (scratch[c] < bestDistance)
            {
                bestDistance = scratch[c];
                best = c;
            }
        }

        squaredDistance = bestDistance;
        return best;
    }
}
