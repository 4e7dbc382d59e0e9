using Rapport.Analytics.Forecasting;

namespace Rapport.Analytics.Tests;

/// <summary>The exponential smoothing recursions against hand computation and the published component forms, and the classic AirPassengers series.</summary>
public sealed class ForecastingReferenceTests
{
    private static readonly double[] Air = ForecastingTestData.AirPassengers;

    [Fact]
    public void AirPassengers_is_embedded_correctly()
    {
        Assert.Equal(144, Air.Length);
        Assert.Equal(40363, Air.Sum());
        Assert.Equal(622, Air.Max()); // July 1960
    }

    [Fact]
    public void Ses_recursion_matches_hand_computation()
    {
        // y = 3, 5, 4, 6; ℓ0 = 3, α = 0.5: ŷ = 3, 3, 4, 4; e = 0, 2, 0, 2; ℓ = 3, 4, 4, 5; SSE = 8.
        var spec = new EtsSpec(EtsTrend.None, EtsSeason.None);
        var residuals = new double[4];
        var sse = EtsRecursion.Filter(spec, [3, 5, 4, 6], 1, new EtsParameters(0.5, 0, 0, 1), new EtsState(3, 0, []), residuals, out var final);
        Assert.Equal(8, sse, 12);
        Assert.Equal([0, 2, 0, 2], residuals);
        Assert.Equal(5, final.Level, 12);
        Assert.Equal([5, 5, 5], EtsRecursion.PointForecast(spec, final, new EtsParameters(0.5, 0, 0, 1), 4, 1, 3));
        // v(h) = σ²(1 + (h−1)α²) for ETS(A,N,N).
        var v = EtsRecursion.LinearVariance(spec, new EtsParameters(0.5, 0, 0, 1), 1, 2.0, 3);
        Assert.Equal([2.0, 2.5, 3.0], v);
    }

    [Fact]
    public void Damped_holt_recursion_matches_hand_computation()
    {
        // ℓ0 = 10, b0 = 2, α = 0.5, β = 0.2, φ = 0.9; y = 13, 14.
        // t=1: ŷ = 10 + 1.8 = 11.8, e = 1.2, ℓ = 11.8 + 0.6 = 12.4, b = 1.8 + 0.24 = 2.04
        // t=2: ŷ = 12.4 + 1.836 = 14.236, e = −0.236, ℓ = 14.236 − 0.118 = 14.118, b = 1.836 − 0.0472 = 1.7888
        var spec = new EtsSpec(EtsTrend.Damped, EtsSeason.None);
        var p = new EtsParameters(0.5, 0.2, 0, 0.9);
        var sse = EtsRecursion.Filter(spec, [13, 14], 1, p, new EtsState(10, 2, []), new double[2], out var final);
        Assert.Equal(1.2 * 1.2 + 0.236 * 0.236, sse, 10);
        Assert.Equal(14.118, final.Level, 10);
        Assert.Equal(1.7888, final.Trend, 10);
        // ŷ(n+h) = ℓ + (φ + … + φ^h) b.
        var f = EtsRecursion.PointForecast(spec, final, p, 2, 1, 2);
        Assert.Equal(14.118 + 0.9 * 1.7888, f[0], 10);
        Assert.Equal(14.118 + (0.9 + 0.81) * 1.7888, f[1], 10);
        // c_j = α + β(φ + … + φ^j): v(2) = σ²(1 + (0.5 + 0.2·0.9)²).
        var v = EtsRecursion.LinearVariance(spec, p, 1, 1.0, 2);
        Assert.Equal(1 + Math.Pow(0.5 + 0.18, 2), v[1], 12);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Holt_winters_matches_the_published_component_form_on_air_passengers(bool multiplicative)
    {
        // Component form of Hyndman & Athanasopoulos (fpp2 §7.3), written out independently here:
        //   additive:       ℓ = α(y − s[t−m]) + (1−α)(ℓ + b);  b = β*(ℓ_t − ℓ_{t−1}) + (1−β*)b;  s = γ(y − ℓ_{t−1} − b_{t−1}) + (1−γ)s[t−m]
        //   multiplicative: ℓ = α(y / s[t−m]) + (1−α)(ℓ + b);  b = β*(ℓ_t − ℓ_{t−1}) + (1−β*)b;  s = γ y / (ℓ_{t−1} + b_{t−1}) + (1−γ)s[t−m]
        const double alpha = 0.3, betaStar = 0.1, gamma = 0.2;
        var m = 12;
        var season = multiplicative ? EtsSeason.Multiplicative : EtsSeason.Additive;
        var spec = new EtsSpec(EtsTrend.Additive, season);
        var initial = EtsInitialization.Initial(spec, Air, m)!;
        double l = initial.Level, b = initial.Trend;
        var s = (double[])initial.Season.Clone();
        double sse = 0;
        for (var t = 0; t < Air.Length; t++)
        {
            var j = t % m;
            var y = Air[t];
            var prediction = multiplicative ? (l + b) * s[j] : l + b + s[j];
            sse += (y - prediction) * (y - prediction);
            var newLevel = multiplicative ? alpha * (y / s[j]) + (1 - alpha) * (l + b) : alpha * (y - s[j]) + (1 - alpha) * (l + b);
            var newTrend = betaStar * (newLevel - l) + (1 - betaStar) * b;
            s[j] = multiplicative ? gamma * y / (l + b) + (1 - gamma) * s[j] : gamma * (y - l - b) + (1 - gamma) * s[j];
            l = newLevel;
            b = newTrend;
        }

        var ours = EtsRecursion.Filter(spec, Air, m, new EtsParameters(alpha, alpha * betaStar, gamma, 1), initial, new double[Air.Length], out var final);
        Assert.Equal(sse, ours, sse * 1e-10);
        Assert.Equal(l, final.Level, 1e-8);
        Assert.Equal(b, final.Trend, 1e-8);
        for (var j = 0; j < m; j++) Assert.Equal(s[j], final.Season[j], 1e-8);
    }

    [Fact]
    public void Additive_holt_winters_matches_r_holtwinters_classic_form()
    {
        // R's HoltWinters (documented formulas): s[t] = γ*(Y[t] − a[t]) + (1 − γ*) s[t−p], with the new level a[t];
        // equal to the error-correction form with γ = (1 − α)γ*.
        const double alpha = 0.25, betaStar = 0.05, gammaStar = 0.6;
        var m = 12;
        var spec = new EtsSpec(EtsTrend.Additive, EtsSeason.Additive);
        var initial = EtsInitialization.Initial(spec, Air, m)!;
        double a = initial.Level, b = initial.Trend;
        var s = (double[])initial.Season.Clone();
        for (var t = 0; t < Air.Length; t++)
        {
            var j = t % m;
            var newA = alpha * (Air[t] - s[j]) + (1 - alpha) * (a + b);
            var newB = betaStar * (newA - a) + (1 - betaStar) * b;
            s[j] = gammaStar * (Air[t] - newA) + (1 - gammaStar) * s[j];
            a = newA;
            b = newB;
        }
        EtsRecursion.Filter(spec, Air, m, new EtsParameters(alpha, alpha * betaStar, (1 - alpha) * gammaStar, 1), initial, [], out var final);
        Assert.Equal(a, final.Level, 1e-8);
        Assert.Equal(b, final.Trend, 1e-8);
        for (var j = 0; j < m; j++) Assert.Equal(s[j], final.Season[j], 1e-8);
    }

    [Fact]
    public void Air_passengers_seasonality_is_multiplicative_and_peaks_in_summer()
    {
        var training = Air[..132]; // 1949–1959
        var additive = (EtsFitted)EtsModel.HoltWintersAdditive.Fit(training, 12);
        var multiplicative = (EtsFitted)EtsModel.HoltWintersMultiplicative.Fit(training, 12);
        // The seasonal swing grows with the level: a multiplicative season fits clearly better.
        Assert.True(multiplicative.Sigma2 < 0.8 * additive.Sigma2, $"σ² multiplicative {multiplicative.Sigma2:0.0} vs additive {additive.Sigma2:0.0}");
        // Seasonal states by calendar month (training starts in January): July/August highest, November lowest.
        var seasonal = multiplicative.FinalState.Season;
        var peak = Array.IndexOf(seasonal, seasonal.Max());
        Assert.Contains(peak, new[] { 6, 7 });
        Assert.Equal(10, Array.IndexOf(seasonal, seasonal.Min()));
        Assert.InRange(multiplicative.Smoothing.Alpha, 0.05, 0.95);
    }

    [Fact]
    public void Air_passengers_1960_is_forecast_far_better_than_seasonal_naive()
    {
        var training = Air[..132];
        var actual = Air[132..];
        var scale = ForecastAccuracy.MaseScale(training, 12)!.Value;
        var hw = EtsModel.HoltWintersMultiplicative.Fit(training, 12).PointForecast(12);
        var naive = new SeasonalNaiveModel().Fit(training, 12).PointForecast(12);
        var hwMase = ForecastAccuracy.Mase(actual, hw, scale);
        var naiveMase = ForecastAccuracy.Mase(actual, naive, scale);
        var mape = actual.Select((y, i) => Math.Abs(y - hw[i]) / y).Average() * 100;
        // Seasonal naive repeats 1959 and misses a year of growth; Holt-Winters multiplicative lands within a few percent.
        Assert.True(hwMase < 0.6 * naiveMase, $"MASE HW {hwMase:0.###} vs seasonal naive {naiveMase:0.###}");
        Assert.True(hwMase < 1, $"MASE {hwMase:0.###}");
        Assert.True(mape < 6, $"MAPE {mape:0.##}%");
    }

    [Fact]
    public void Selection_on_air_passengers_chooses_a_seasonal_model()
    {
        var result = Forecaster.Run(ForecastingTestData.AirPassengersSeries, new ForecastOptions { Horizon = 12, Season = 12, Holdout = 12 });
        Assert.StartsWith("holt-winters", result.Chosen);
        var chosen = result.Models.Single(m => m.Model == result.Chosen);
        var naive = result.Models.Single(m => m.Model == "seasonal-naive");
        Assert.True(chosen.Mase < naive.Mase);
        Assert.True(chosen.HoldoutMase < 1, $"holdout MASE {chosen.HoldoutMase}");
        Assert.Equal(new DateOnly(1961, 1, 1), result.Forecast[0].Date);
        Assert.Equal(new DateOnly(1961, 12, 1), result.Forecast[^1].Date);
        foreach (var p in result.Forecast)
        {
            Assert.True(p.Lower95 < p.Lower80 && p.Lower80 < p.Value && p.Value < p.Upper80 && p.Upper80 < p.Upper95);
        }
        // The summer peak again: July 1961 above November 1961.
        Assert.True(result.Forecast[6].Value > result.Forecast[10].Value * 1.3);
    }
}
