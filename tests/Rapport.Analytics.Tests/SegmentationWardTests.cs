using Rapport.Analytics.Segmentation;
using static Rapport.Analytics.Tests.SegmentationTestData;

namespace Rapport.Analytics.Tests;

public class SegmentationWardTests
{
    [Theory]
    [InlineData(4)]
    [InlineData(7)]
    public void Labels_match_scikit_learn_agglomerative_ward(int k)
    {
        var x = Matrix(SegmentationFixtures.WardData);
        var expected = Ints(k == 4 ? SegmentationFixtures.WardLabels4 : SegmentationFixtures.WardLabels7);
        var model = Agglomerative.Ward(x, k);
        Assert.Equal(k, model.Labels.Distinct().Count());
        Assert.Equal(1.0, AdjustedRandIndex.Compute(model.Labels, expected), 12);
    }

    [Fact]
    public void Dendrogram_matches_scipy_linkage_heights_and_sizes()
    {
        var x = Matrix(SegmentationFixtures.WardData);
        var merges = Agglomerative.Linkage(x);
        var heights = Doubles(SegmentationFixtures.WardHeights);
        var sizes = Ints(SegmentationFixtures.WardSizes);
        Assert.Equal(x.Rows - 1, merges.Length);
        for (var m = 0; m < merges.Length; m++)
        {
            Assert.Equal(heights[m], merges[m].Distance, 1e-9 * Math.Max(1, heights[m]));
            Assert.Equal(sizes[m], merges[m].Size);
        }
    }

    [Fact]
    public void Equals_the_naive_ward_algorithm_on_random_data()
    {
        var rng = new Random(21);
        var n = 60;
        var x = new FeatureMatrix(Enumerable.Range(0, n * 3).Select(_ => Normal(rng)).ToArray(), n, 3);
        var expected = NaiveWardHeights(x);
        var actual = Agglomerative.Linkage(x).Select(m => m.Distance).ToArray();
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 1e-10);
    }

    [Fact]
    public void Recovers_separated_blobs_and_cuts_are_consistent()
    {
        var (x, truth) = Blobs([[0, 0], [10, 0], [0, 10], [10, 10]], 250, 1.0, seed: 4);
        var model = Agglomerative.Ward(x, 4);
        Assert.Equal(1.0, AdjustedRandIndex.Compute(model.Labels, truth), 12);
        Assert.Equal(model.Labels, model.Cut(4));
        Assert.Equal(Agglomerative.Ward(x, 6).Labels, model.Cut(6));
        Assert.Single(model.Cut(1).Distinct());
        Assert.Equal(x.Rows, model.Cut(x.Rows).Distinct().Count());
        // Labels are numbered by first appearance.
        Assert.Equal(0, model.Labels[0]);
    }

    [Fact]
    public void Refuses_more_rows_than_the_limit_with_a_clear_message()
    {
        var x = new FeatureMatrix(new double[Agglomerative.DefaultMaxRows + 1], Agglomerative.DefaultMaxRows + 1, 1);
        var ex = Assert.Throws<ArgumentException>(() => Agglomerative.Ward(x, 3));
        Assert.Contains("limited to 20,000 rows", ex.Message);
        Assert.Contains("k-means", ex.Message);
    }

    [Fact]
    public void Duplicate_rows_merge_at_height_zero()
    {
        var x = new FeatureMatrix([0, 0, 0, 5, 5, 5], 6, 1);
        var model = Agglomerative.Ward(x, 2);
        Assert.Equal(new[] { 0, 0, 0, 1, 1, 1 }, model.Labels);
        Assert.Equal(0, model.Merges[0].Distance);
        Assert.Equal(6, model.Merges[^1].Size);
    }

    /// <summary>O(n³) Ward: merge the pair with the smallest Ward distance, recompute centroids, repeat.</summary>
    private static double[] NaiveWardHeights(FeatureMatrix x)
    {
        var clusters = Enumerable.Range(0, x.Rows).Select(i => (Centroid: x.Row(i).ToArray(), Size: 1.0)).ToList();
        var heights = new List<double>();
        while (clusters.Count > 1)
        {
            int bestA = 0, bestB = 1;
            var best = double.PositiveInfinity;
            for (var a = 0; a < clusters.Count; a++)
            {
                for (var b = a + 1; b < clusters.Count; b++)
                {
                    var (ca, sa) = clusters[a];
                    var (cb, sb) = clusters[b];
                    var cost = 2 * sa * sb / (sa + sb) * KMeansTestMath.SquaredDistance(ca, cb);
                    if (cost < best)
                    {
                        best = cost;
                        bestA = a;
                        bestB = b;
                    }
                }
            }

            heights.Add(Math.Sqrt(best));
            var (c1, s1) = clusters[bestA];
            var (c2, s2) = clusters[bestB];
            var merged = c1.Select((v, j) => (s1 * v + s2 * c2[j]) / (s1 + s2)).ToArray();
            clusters.RemoveAt(bestB);
            clusters[bestA] = (merged, s1 + s2);
        }

        heights.Sort();
        return heights.ToArray();
    }
}
