using Rapport.Analytics.Segmentation;
using static Rapport.Analytics.Tests.SegmentationTestData;

namespace Rapport.Analytics.Tests;

public class SegmentationSilhouetteTests
{
    [Fact]
    public void Equals_a_hand_computed_value()
    {
        // Points 0, 1 | 4, 5 on a line. s(0) = (4.5 − 1) / 4.5 = 7/9, s(1) = (3.5 − 1) / 3.5 = 5/7, symmetric.
        var x = new FeatureMatrix([0, 1, 4, 5], 4, 1);
        var expected = (7.0 / 9 + 5.0 / 7) / 2;
        Assert.Equal(expected, Silhouette.Score(x, [0, 0, 1, 1]), 14);
        Assert.Equal(new[] { 7.0 / 9, 5.0 / 7, 5.0 / 7, 7.0 / 9 }, Silhouette.Samples(x, [0, 0, 1, 1]), new Tolerance(1e-14));
    }

    [Fact]
    public void A_singleton_cluster_scores_zero()
    {
        // 0, 1 | 10: s(0) = (10 − 1)/10, s(1) = (9 − 1)/9, s(10) = 0.
        var x = new FeatureMatrix([0, 1, 10], 3, 1);
        Assert.Equal((0.9 + 8.0 / 9 + 0) / 3, Silhouette.Score(x, [0, 0, 1]), 14);
    }

    [Fact]
    public void Matches_scikit_learn_on_a_fixture()
    {
        var x = Matrix(SegmentationFixtures.SilhouetteData);
        var labels = Ints(SegmentationFixtures.SilhouetteLabels);
        Assert.Equal(Double(SegmentationFixtures.SilhouetteScore), Silhouette.Score(x, labels), 12);
        Assert.Equal(Doubles(SegmentationFixtures.SilhouetteSamples), Silhouette.Samples(x, labels), new Tolerance(1e-12));
    }

    [Fact]
    public void Noise_rows_are_left_out()
    {
        var x = Matrix(SegmentationFixtures.SilhouetteData);
        var labels = Ints(SegmentationFixtures.SilhouetteLabels);
        // Append 5 far-away noise rows: the score is unchanged.
        var values = x.Values.Concat(Enumerable.Range(0, 10).Select(i => 100.0 + i)).ToArray();
        var withNoise = new FeatureMatrix(values, x.Rows + 5, 2);
        var noisyLabels = labels.Concat(Enumerable.Repeat(-1, 5)).ToArray();
        Assert.Equal(Double(SegmentationFixtures.SilhouetteScore), Silhouette.Score(withNoise, noisyLabels), 12);
        Assert.True(double.IsNaN(Silhouette.Samples(withNoise, noisyLabels)[^1]));
    }

    [Fact]
    public void A_seeded_sample_is_deterministic_and_close_to_the_exact_score()
    {
        var (x, truth) = Blobs([[0, 0], [4, 0], [0, 4]], 1500, 1.2, seed: 2);
        var exact = Silhouette.Score(x, truth, sampleSize: int.MaxValue);
        var sampled = Silhouette.Score(x, truth, sampleSize: 1500, seed: 7);
        Assert.Equal(sampled, Silhouette.Score(x, truth, sampleSize: 1500, seed: 7));
        Assert.NotEqual(exact, sampled);
        Assert.InRange(sampled, exact - 0.02, exact + 0.02);
    }

    [Fact]
    public void Needs_between_two_and_n_minus_one_clusters()
    {
        var x = new FeatureMatrix([0, 1, 4, 5], 4, 1);
        Assert.Throws<ArgumentException>(() => Silhouette.Score(x, [0, 0, 0, 0]));
        Assert.Throws<ArgumentException>(() => Silhouette.Score(x, [0, 1, 2, 3]));
        Assert.Throws<ArgumentException>(() => Silhouette.Score(x, [0, 1]));
    }

    private sealed class Tolerance(double epsilon) : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) <= epsilon;

        public int GetHashCode(double value) => 0;
    }
}
