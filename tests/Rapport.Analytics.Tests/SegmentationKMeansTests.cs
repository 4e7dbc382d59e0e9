using Rapport.Analytics.Segmentation;
using static Rapport.Analytics.Tests.SegmentationTestData;

namespace Rapport.Analytics.Tests;

public class SegmentationKMeansTests
{
    private static readonly double[][] FourCentres = [[0, 0, 0], [8, 0, 0], [0, 8, 0], [0, 0, 8]];

    [Fact]
    public void Recovers_well_separated_blobs_exactly()
    {
        // 20 000 rows: several parallel chunks.
        var (x, truth) = Blobs(FourCentres, 5000, 1.0, seed: 1);
        var model = KMeans.Fit(x, new KMeansOptions(4, Seed: 3));
        Assert.Equal(1.0, AdjustedRandIndex.Compute(model.Labels, truth), 12);
        Assert.True(model.Converged);
        Assert.Equal(4, model.Labels.Distinct().Count());
        // Centroids sit on the true centres.
        foreach (var centre in FourCentres)
        {
            var nearest = Enumerable.Range(0, 4).Min(c => Math.Sqrt(KMeansTestMath.SquaredDistance(model.Centroid(c), centre)));
            Assert.True(nearest < 0.05, $"centroid off by {nearest}");
        }
    }

    [Fact]
    public void Inertia_matches_scikit_learn_on_separated_blobs()
    {
        var x = Matrix(SegmentationFixtures.KMeansData);
        var model = KMeans.Fit(x, new KMeansOptions(4, Seed: 0, NInit: 10));
        Assert.Equal(Double(SegmentationFixtures.KMeansInertia), model.Inertia, 6);
        Assert.Equal(1.0, AdjustedRandIndex.Compute(model.Labels, Ints(SegmentationFixtures.KMeansTruth)), 12);
    }

    [Fact]
    public void Inertia_is_as_good_as_scikit_learn_on_overlapping_blobs()
    {
        // 6 overlapping blobs fitted with k = 5: local optima exist; the best of 10 runs must reach
        // scikit-learn's best of 10 runs (to 1e-6 relative).
        var x = Matrix(SegmentationFixtures.KMeansOverlapData);
        var model = KMeans.Fit(x, new KMeansOptions(5, Seed: 0, NInit: 10));
        var reference = Double(SegmentationFixtures.KMeansOverlapInertia);
        Assert.True(model.Inertia <= reference * (1 + 1e-6), $"inertia {model.Inertia} vs scikit-learn {reference}");
    }

    [Fact]
    public void Inertia_equals_the_sum_of_squared_distances_to_the_assigned_centroids()
    {
        var x = Matrix(SegmentationFixtures.KMeansOverlapData);
        var model = KMeans.Fit(x, new KMeansOptions(5, Seed: 2));
        var sum = 0.0;
        for (var i = 0; i < x.Rows; i++)
        {
            sum += KMeansTestMath.SquaredDistance(x.Row(i), model.Centroid(model.Labels[i]));
            Assert.Equal(model.Labels[i], model.Predict(x.Row(i)));
        }

        Assert.Equal(sum, model.Inertia, 8);
        Assert.Equal(model.Labels, model.Predict(x));
    }

    [Fact]
    public void Same_seed_gives_the_same_model_bit_for_bit()
    {
        var (x, _) = Blobs([[0, 0], [3, 0], [0, 3], [3, 3], [1.5, 1.5]], 3000, 1.0, seed: 9);
        var a = KMeans.Fit(x, new KMeansOptions(5, Seed: 42, NInit: 2));
        var b = KMeans.Fit(x, new KMeansOptions(5, Seed: 42, NInit: 2));
        Assert.Equal(a.Labels, b.Labels);
        Assert.Equal(a.Centroids, b.Centroids);
        Assert.Equal(a.Inertia, b.Inertia);
        Assert.Equal(a.Iterations, b.Iterations);
    }

    [Fact]
    public void Hamerly_bounds_give_exactly_the_lloyd_iterations()
    {
        // 5 000 rows: two parallel chunks; k = 3, 8 and 11 exercise the 4-wide, 8-wide and general kernels.
        var (blobs, _) = Blobs([[0, 0, 0], [2, 0, 0], [0, 2, 0], [2, 2, 1], [1, 1, 3]], 1000, 1.0, seed: 12);
        foreach (var x in new[] { blobs, Matrix(SegmentationFixtures.KMeansOverlapData) })
        {
            foreach (var k in new[] { 3, 8, 11 })
            {
                var lloyd = KMeans.Fit(x, new KMeansOptions(k, Seed: k, Algorithm: KMeansAlgorithm.Lloyd));
                var hamerly = KMeans.Fit(x, new KMeansOptions(k, Seed: k, Algorithm: KMeansAlgorithm.Hamerly));
                Assert.Equal(lloyd.Labels, hamerly.Labels);
                Assert.Equal(lloyd.Centroids, hamerly.Centroids);
                Assert.Equal(lloyd.Iterations, hamerly.Iterations);
                Assert.Equal(lloyd.Inertia, hamerly.Inertia);
            }
        }
    }

    [Fact]
    public void Handles_fewer_distinct_points_than_k_and_duplicates()
    {
        // Three distinct points repeated: k = 3 puts each on its own, inertia 0.
        var values = new double[] { 0, 0, 5, 5, 0, 0, 9, 1, 5, 5, 9, 1, 0, 0, 0, 0 };
        var x = new FeatureMatrix(values, 8, 2);
        var model = KMeans.Fit(x, new KMeansOptions(3, Seed: 1));
        Assert.Equal(0, model.Inertia, 12);
        Assert.Equal(model.Labels, KMeans.Fit(x, new KMeansOptions(3, Seed: 1, Algorithm: KMeansAlgorithm.Lloyd)).Labels);
        Assert.Equal(3, model.Labels.Distinct().Count());
        Assert.Equal(model.Labels[0], model.Labels[7]);
        Assert.Equal(model.Labels[1], model.Labels[4]);
    }

    [Theory]
    [InlineData(KMeansAlgorithm.Hamerly)]
    [InlineData(KMeansAlgorithm.Lloyd)]
    public void One_cluster_is_the_mean_and_inertia_the_total_sum_of_squares(KMeansAlgorithm algorithm)
    {
        var x = new FeatureMatrix([1, 2, 3, 4, 5, 9], 3, 2);
        var model = KMeans.Fit(x, new KMeansOptions(1, Algorithm: algorithm));
        Assert.Equal(new[] { 3.0, 5.0 }, model.Centroids);
        Assert.Equal((4 + 9) + (0 + 1) + (4 + 16), model.Inertia, 12);
        Assert.All(model.Labels, l => Assert.Equal(0, l));
    }

    [Fact]
    public void Choose_k_picks_the_true_number_of_blobs_and_reports_every_k()
    {
        var (x, truth) = Blobs(FourCentres, 300, 1.0, seed: 5);
        var selection = KMeans.ChooseK(x, new KSelectionOptions(MinK: 2, MaxK: 10, Seed: 1));
        Assert.Equal(4, selection.BestK);
        Assert.Equal(Enumerable.Range(2, 9), selection.Scores.Select(s => s.K));
        Assert.All(selection.Scores, s => Assert.NotNull(s.Silhouette));
        Assert.Equal(selection.Scores.Max(s => s.Silhouette), selection.Scores.Single(s => s.K == 4).Silhouette);
        Assert.Equal(1.0, AdjustedRandIndex.Compute(selection.Best.Labels, truth), 12);
        // Inertia falls as k grows.
        Assert.True(selection.Scores[0].Inertia > selection.Scores[2].Inertia);
    }

    [Fact]
    public void Choose_k_on_a_sample_still_picks_the_true_k()
    {
        var (x, _) = Blobs([[0, 0], [10, 0], [0, 10], [10, 10], [5, 20], [20, 5]], 2500, 1.0, seed: 6);
        var selection = KMeans.ChooseK(x, new KSelectionOptions(MinK: 2, MaxK: 8, Seed: 1, SilhouetteSampleSize: 2000));
        Assert.Equal(6, selection.BestK);
    }

    [Fact]
    public void Bad_options_are_refused_clearly()
    {
        var x = new FeatureMatrix([1, 2, 3], 3, 1);
        Assert.Contains("at least 4 rows", Assert.Throws<ArgumentException>(() => KMeans.Fit(x, new KMeansOptions(4))).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => KMeans.Fit(x, new KMeansOptions(0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => KMeans.ChooseK(x, new KSelectionOptions(MinK: 1)));
    }
}

internal static class KMeansTestMath
{
    public static double SquaredDistance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var s = 0.0;
        for (var j = 0; j < a.Length; j++) s += (a[j] - b[j]) * (a[j] - b[j]);
        return s;
    }
}
