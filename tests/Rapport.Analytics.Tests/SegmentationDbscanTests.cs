using Rapport.Analytics.Segmentation;
using static Rapport.Analytics.Tests.SegmentationTestData;

namespace Rapport.Analytics.Tests;

public class SegmentationDbscanTests
{
    [Fact]
    public void Two_moons_labels_equal_scikit_learn_and_outliers_are_noise()
    {
        var x = Matrix(SegmentationFixtures.MoonsData);
        var model = Dbscan.Fit(x, 0.2, 5);
        Assert.Equal(Ints(SegmentationFixtures.MoonsDbscanLabels), model.Labels);
        Assert.Equal(2, model.ClusterCount);
        // The 8 planted outliers (last rows) are noise; the moons are recovered.
        Assert.All(model.Labels[^8..], l => Assert.Equal(Dbscan.Noise, l));
        Assert.Equal(1.0, AdjustedRandIndex.Compute(model.Labels, Ints(SegmentationFixtures.MoonsTruth)), 12);
    }

    [Fact]
    public void Blobs_with_uniform_noise_are_found_with_the_suggested_eps()
    {
        var (blobs, truth) = Blobs([[0, 0, 0], [6, 0, 0], [0, 6, 0]], 1000, 0.5, seed: 3);
        var rng = new Random(8);
        const int noise = 60;
        var values = blobs.Values.Concat(Enumerable.Range(0, noise * 3).Select(_ => -6 + 18 * rng.NextDouble())).ToArray();
        var x = new FeatureMatrix(values, blobs.Rows + noise, 3);
        var fullTruth = truth.Concat(Enumerable.Repeat(-1, noise)).ToArray();

        var suggestion = Dbscan.SuggestEps(x, 6);
        // Between the spacing inside a blob and the gap between blobs.
        Assert.InRange(suggestion.Eps, 0.15, 1.5);
        Assert.Equal(x.Rows, suggestion.SortedKDistances.Length);
        Assert.Equal(suggestion.Eps, suggestion.SortedKDistances[suggestion.KneeIndex]);

        var model = Dbscan.Fit(x, suggestion.Eps, 6);
        Assert.Equal(3, model.ClusterCount);
        // Blob rows: the three clusters, nearly all of them clustered.
        var blobRows = Enumerable.Range(0, blobs.Rows).Where(i => model.Labels[i] >= 0).ToArray();
        Assert.True(blobRows.Length > 0.97 * blobs.Rows, $"{blobRows.Length} of {blobs.Rows} blob rows clustered");
        Assert.Equal(1.0, AdjustedRandIndex.Compute(blobRows.Select(i => model.Labels[i]).ToArray(), blobRows.Select(i => truth[i]).ToArray()), 12);
        // Uniform noise far from every blob is marked −1.
        for (var i = blobs.Rows; i < x.Rows; i++)
        {
            var row = x.Row(i).ToArray();
            var far = Enumerable.Range(0, 3).All(c => DistanceToCentre(row, c) > 3.5);
            if (far) Assert.Equal(Dbscan.Noise, model.Labels[i]);
        }

        Assert.True(AdjustedRandIndex.Compute(model.Labels, fullTruth) > 0.95);
    }

    [Fact]
    public void Equals_a_brute_force_dbscan_on_tied_grid_data()
    {
        // Integer coordinates in 2-d: many exact ties at distance eps (inclusive) and duplicate rows.
        var rng = new Random(11);
        var n = 1500;
        var values = Enumerable.Range(0, n * 2).Select(_ => (double)rng.Next(0, 40)).ToArray();
        var x = new FeatureMatrix(values, n, 2);
        foreach (var (eps, minPts) in new[] { (1.0, 3), (1.5, 4), (2.0, 8), (3.0, 5) })
        {
            Assert.Equal(BruteForce(x, eps, minPts), Dbscan.Fit(x, eps, minPts).Labels);
        }
    }

    [Fact]
    public void Knee_is_where_a_flat_curve_turns_steep()
    {
        var curve = Enumerable.Range(0, 100).Select(i => i < 80 ? 1 + i * 0.001 : 1.08 + (i - 79) * 0.5).ToArray();
        Assert.Equal(79, Dbscan.Knee(curve));
        Assert.Equal(2, Dbscan.Knee([1.0, 1.0, 1.0]));
    }

    [Fact]
    public void Bad_parameters_are_refused()
    {
        var x = new FeatureMatrix([0, 1, 2, 3], 4, 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => Dbscan.Fit(x, 0, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => Dbscan.Fit(x, 1, 0));
        Assert.Throws<ArgumentException>(() => Dbscan.SuggestEps(x, 5));
    }

    private static double DistanceToCentre(ReadOnlySpan<double> row, int c)
    {
        double[][] centres = [[0, 0, 0], [6, 0, 0], [0, 6, 0]];
        return Math.Sqrt(KMeansTestMath.SquaredDistance(row, centres[c]));
    }

    /// <summary>Textbook DBSCAN with an O(n²) neighbourhood scan and scikit-learn's conventions.</summary>
    private static int[] BruteForce(FeatureMatrix x, double eps, int minPts)
    {
        var n = x.Rows;
        var v = x.Values;
        var neighbours = new List<int>[n];
        for (var i = 0; i < n; i++) neighbours[i] = [];
        for (var i = 0; i < n; i++)
        {
            for (var j = i; j < n; j++)
            {
                double dx = v[2 * i] - v[2 * j], dy = v[2 * i + 1] - v[2 * j + 1];
                if (Math.Sqrt(dx * dx + dy * dy) > eps) continue;
                neighbours[i].Add(j);
                if (j != i) neighbours[j].Add(i);
            }
        }

        var labels = Enumerable.Repeat(-1, n).ToArray();
        var cluster = 0;
        for (var i = 0; i < n; i++)
        {
            if (labels[i] != -1 || neighbours[i].Count < minPts) continue;
            var queue = new Queue<int>([i]);
            labels[i] = cluster;
            while (queue.Count > 0)
            {
                var p = queue.Dequeue();
                if (neighbours[p].Count < minPts) continue;
                foreach (var q in neighbours[p])
                {
                    if (labels[q] != -1) continue;
                    labels[q] = cluster;
                    queue.Enqueue(q);
                }
            }

            cluster++;
        }

        return labels;
    }
}
