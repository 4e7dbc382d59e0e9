using Rapport.Analytics.Forecasting;

namespace Rapport.Analytics.Tests;

/// <summary>The horizon-dependent variance formulas against simulation of the same state space model.</summary>
public sealed class ForecastingIntervalTests
{
    [Theory]
    [InlineData(EtsTrend.None, EtsSeason.None)]
    [InlineData(EtsTrend.Additive, EtsSeason.None)]
    [InlineData(EtsTrend.Damped, EtsSeason.None)]
    [InlineData(EtsTrend.Additive, EtsSeason.Additive)]
    public void Class_one_variance_matches_simulated_forecast_errors(EtsTrend trend, EtsSeason season)
    {
        var spec = new EtsSpec(trend, season);
        var m = 4;
        var p = new EtsParameters(0.4, 0.1, season == EtsSeason.None ? 0 : 0.3, 0.9);
        var state = new EtsState(100, 1, season == EtsSeason.None ? [] : [5, -3, 2, -4]);
        const int horizon = 9, paths = 40000;
        const double sigma = 2.0;
        var point = EtsRecursion.PointForecast(spec, state, p, 8, m, horizon);
        var formula = EtsRecursion.LinearVariance(spec, p, m, sigma * sigma, horizon);
        var rng = new Random(5);
        var squares = new double[horizon];
        var s = new double[m];
        for (var path = 0; path < paths; path++)
        {
            double l = state.Level, b = state.Trend;
            if (spec.HasSeason) Array.Copy(state.Season, s, m);
            for (var h = 0; h < horizon; h++)
            {
                var t = 8 + h;
                var phi = trend == EtsTrend.Damped ? p.Phi : 1;
                var e = sigma * Normal(rng);
                var y = l + (spec.HasTrend ? phi * b : 0) + (spec.HasSeason ? s[t % m] : 0) + e;
                squares[h] += (y - point[h]) * (y - point[h]);
                var baseLevel = l + (spec.HasTrend ? phi * b : 0);
                l = baseLevel + p.Alpha * e;
                if (spec.HasTrend) b = phi * b + p.Beta * e;
                if (spec.HasSeason) s[t % m] += p.Gamma * e;
            }
        }
        for (var h = 0; h < horizon; h++)
        {
            var simulated = squares[h] / paths;
            Assert.True(Math.Abs(simulated / formula[h] - 1) < 0.04, $"h={h + 1}: simulated {simulated:0.###} vs formula {formula[h]:0.###}");
        }
        // The variance grows with the horizon.
        for (var h = 1; h < horizon; h++) Assert.True(formula[h] >= formula[h - 1]);
    }

    [Fact]
    public void Seasonal_naive_variance_steps_up_each_season()
    {
        var y = Enumerable.Range(0, 24).Select(i => 10.0 + (i % 4) + (i % 3 == 0 ? 1 : 0)).ToArray();
        var path = new SeasonalNaiveModel().Fit(y, 4).Forecast(9);
        var width = path.Upper95.Select((u, i) => u - path.Lower95[i]).ToArray();
        Assert.Equal(width[0], width[3], 9);
        Assert.Equal(width[0] * Math.Sqrt(2), width[4], 9);
        Assert.Equal(width[0] * Math.Sqrt(3), width[8], 9);
        Assert.Equal(y[20], path.Mean[0]);
        Assert.Equal(y[20], path.Mean[4]);
    }

    [Fact]
    public void Multiplicative_intervals_are_ordered_and_widen()
    {
        var fitted = EtsModel.HoltWintersMultiplicative.Fit(ForecastingTestData.AirPassengers, 12);
        var path = fitted.Forecast(24);
        for (var h = 0; h < 24; h++)
            Assert.True(path.Lower95[h] < path.Lower80[h] && path.Lower80[h] < path.Upper80[h] && path.Upper80[h] < path.Upper95[h], $"h={h + 1}");
        // Relative width a year out is wider than one step ahead.
        Assert.True((path.Upper95[12] - path.Lower95[12]) / path.Mean[12] > (path.Upper95[0] - path.Lower95[0]) / path.Mean[0]);
        // Same input, same intervals (fixed seed).
        Assert.Equal(path.Upper95, EtsModel.HoltWintersMultiplicative.Fit(ForecastingTestData.AirPassengers, 12).Forecast(24).Upper95);
    }

    private static double Normal(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
