using Rapport.Analytics.Segmentation;
using static Rapport.Analytics.Tests.SegmentationTestData;

namespace Rapport.Analytics.Tests;

public class SegmentationFeatureTests
{
    [Fact]
    public void Matrix_is_row_major_and_refuses_non_finite_values()
    {
        var m = FeatureMatrix.FromColumns(["a", "b"], [[1, 2, 3], [10, 20, 30]]);
        Assert.Equal(new double[] { 1, 10, 2, 20, 3, 30 }, m.Values);
        Assert.Equal(20, m[1, 1]);
        Assert.Equal(1, m.IndexOf("B"));
        Assert.Equal(new double[] { 10, 20, 30 }, m.Column(1));
        var ex = Assert.Throws<ArgumentException>(() => new FeatureMatrix([1, double.NaN], 1, 2));
        Assert.Contains("row 0, column 1", ex.Message);
        Assert.Throws<ArgumentException>(() => new FeatureMatrix([1, 2, 3], 2, 2));
    }

    [Fact]
    public void Skewness_matches_scipy()
    {
        var values = Doubles(SegmentationFixtures.SkewData);
        Assert.Equal(Double(SegmentationFixtures.SkewValue), FeatureScaler.ComputeSkewness(values), 10);
        Assert.Equal(0, FeatureScaler.ComputeSkewness([3, 3, 3]));
    }

    [Fact]
    public void Only_right_skewed_columns_are_log_transformed_and_columns_are_standardised()
    {
        var rng = new Random(4);
        var n = 2000;
        var symmetric = Enumerable.Range(0, n).Select(_ => 50 + 10 * Normal(rng)).ToArray();
        var skewed = Enumerable.Range(0, n).Select(_ => Math.Exp(3 + 1.2 * Normal(rng))).ToArray(); // log-normal
        var leftSkewed = skewed.Select(v => -v).ToArray();
        var constant = Enumerable.Repeat(7.0, n).ToArray();
        var m = FeatureMatrix.FromColumns(["sym", "skew", "left", "const"], [symmetric, skewed, leftSkewed, constant]);

        var (scaler, z) = FeatureScaler.FitTransform(m);

        Assert.Equal(new[] { false, true, false, false }, scaler.LogTransformed);
        Assert.True(scaler.Skewness[1] > 1);
        for (var j = 0; j < 3; j++)
        {
            var column = z.Column(j);
            Assert.Equal(0, column.Average(), 9);
            Assert.Equal(1, Math.Sqrt(column.Select(v => v * v).Average()), 9);
        }

        Assert.All(z.Column(3), v => Assert.Equal(0, v));
        // After log1p the log-normal column is close to symmetric.
        Assert.InRange(FeatureScaler.ComputeSkewness(z.Column(1)), -0.5, 0.5);

        // Round trip back to original units.
        Span<double> back = stackalloc double[4];
        scaler.InverseTransform(z.Row(123), back);
        for (var j = 0; j < 4; j++) Assert.Equal(m[123, j], back[j], 8);
    }

    [Fact]
    public void Modes_never_and_always_override_the_skew_rule()
    {
        var m = FeatureMatrix.FromColumns(["a", "b"], [[1, 2, 3, 100], [1, 2, 3, 4]]);
        Assert.Equal(new[] { false, false }, FeatureScaler.Fit(m, new FeatureScalingOptions(LogTransformMode.Never)).LogTransformed);
        Assert.Equal(new[] { true, true }, FeatureScaler.Fit(m, new FeatureScalingOptions(LogTransformMode.Always)).LogTransformed);
        Assert.Equal(new[] { true, false }, FeatureScaler.Fit(m).LogTransformed);
    }

    [Fact]
    public void Signed_log_handles_negative_values_continuously()
    {
        Assert.Equal(Math.Log(2), FeatureScaler.SignedLog1P(1), 15);
        Assert.Equal(-Math.Log(2), FeatureScaler.SignedLog1P(-1), 15);
        Assert.Equal(0, FeatureScaler.SignedLog1P(0));
    }
}
