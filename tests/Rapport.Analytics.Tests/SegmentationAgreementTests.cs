using Rapport.Analytics.Segmentation;
using static Rapport.Analytics.Tests.SegmentationTestData;

namespace Rapport.Analytics.Tests;

public class SegmentationAgreementTests
{
    // Values from scikit-learn's adjusted_rand_score documentation.
    [Theory]
    [InlineData(new[] { 0, 0, 1, 1 }, new[] { 0, 0, 1, 1 }, 1.0)]
    [InlineData(new[] { 0, 0, 1, 1 }, new[] { 1, 1, 0, 0 }, 1.0)]
    [InlineData(new[] { 0, 0, 1, 2 }, new[] { 0, 0, 1, 1 }, 0.5714285714285714)]
    [InlineData(new[] { 0, 0, 1, 1 }, new[] { 0, 0, 1, 2 }, 0.5714285714285714)]
    [InlineData(new[] { 0, 0, 0, 0 }, new[] { 0, 1, 2, 3 }, 0.0)]
    [InlineData(new[] { 0, 0, 1, 1 }, new[] { 0, 1, 0, 1 }, -0.5)]
    public void Adjusted_rand_index_matches_documented_values(int[] a, int[] b, double expected)
    {
        Assert.Equal(expected, AdjustedRandIndex.Compute(a, b), 12);
    }

    [Fact]
    public void Adjusted_rand_index_ignores_label_values_and_accepts_negative_labels()
    {
        Assert.Equal(1.0, AdjustedRandIndex.Compute([-1, -1, 7, 7, 3], [0, 0, 1, 1, 2]), 12);
    }

    [Fact]
    public void Agreement_scores_match_scikit_learn_on_random_labelings()
    {
        var a = Ints(SegmentationFixtures.AgreementA);
        var b = Ints(SegmentationFixtures.AgreementB);
        Assert.Equal(Double(SegmentationFixtures.AgreementAri), AdjustedRandIndex.Compute(a, b), 12);
        Assert.Equal(Double(SegmentationFixtures.AgreementNmi), NormalizedMutualInformation.Compute(a, b), 12);
        Assert.Equal(AdjustedRandIndex.Compute(a, b), AdjustedRandIndex.Compute(b, a), 12);
    }

    [Theory]
    [InlineData(new[] { 0, 0, 1, 1 }, new[] { 0, 0, 1, 1 }, 1.0)]
    [InlineData(new[] { 0, 0, 1, 1 }, new[] { 1, 1, 0, 0 }, 1.0)]
    [InlineData(new[] { 0, 0, 0, 0 }, new[] { 0, 1, 2, 3 }, 0.0)]
    [InlineData(new[] { 5, 5, 5 }, new[] { 1, 1, 1 }, 1.0)]
    public void Normalized_mutual_information_limit_cases(int[] a, int[] b, double expected)
    {
        Assert.Equal(expected, NormalizedMutualInformation.Compute(a, b), 12);
    }

    [Fact]
    public void Labelings_of_different_lengths_are_refused()
    {
        Assert.Throws<ArgumentException>(() => AdjustedRandIndex.Compute([0, 1], [0]));
    }
}
