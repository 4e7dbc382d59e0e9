using System.Text.Json;
using Rapport.Analytics.Lifetime;
using Xunit.Abstractions;
using static Rapport.Analytics.Tests.LifetimeTestData;

namespace Rapport.Analytics.Tests;

/// <summary>
/// The published CDNOW results: Fader, Hardie &amp; Lee (2005) for BG/NBD and Pareto/NBD, Fader &amp; Hardie (2013)
/// for Gamma-Gamma, all fitted from the raw 2,357-customer sample (same-day purchases merged, weeks, calibration
/// to 1997-09-30, holdout weeks 40–78).
/// </summary>
public class LifetimeCdnowTests(ITestOutputHelper output)
{
    [Fact]
    public void BgNbd_reproduces_the_published_estimates()
    {
        if (CdnowDir is not { } dir) { output.WriteLine("SKIPPED: ../shared/datasets/cdnow not found"); return; }
        var model = BgNbd.Fit(CdnowSummary(dir));
        output.WriteLine($"BG/NBD r={model.R:F4} alpha={model.Alpha:F4} a={model.A:F4} b={model.B:F4} LL={model.LogLikelihood:F2} {model.Fit}");
        AssertRelative(0.243, model.R, 0.01, "r");
        AssertRelative(4.414, model.Alpha, 0.01, "alpha");
        AssertRelative(0.793, model.A, 0.01, "a");
        AssertRelative(2.426, model.B, 0.01, "b");
        AssertRelative(-9582.4, model.LogLikelihood, 0.01, "log-likelihood");
        Assert.Equal(-9582.43, model.LogLikelihood, 1); // the SciPy reference fit reaches the same optimum
        Assert.True(model.Fit!.Converged);
    }

    [Fact]
    public void GammaGamma_reproduces_the_published_estimates()
    {
        if (CdnowDir is not { } dir) { output.WriteLine("SKIPPED: ../shared/datasets/cdnow not found"); return; }
        var model = GammaGamma.Fit(CdnowSummary(dir));
        output.WriteLine($"Gamma-Gamma p={model.P:F4} q={model.Q:F4} gamma={model.Gamma:F4} LL={model.LogLikelihood:F2} n={model.Customers} corr={model.FrequencyMonetaryCorrelation:F3} {model.Fit}");
        Assert.Equal(946, model.Customers);
        AssertRelative(6.25, model.P, 0.01, "p");
        AssertRelative(3.74, model.Q, 0.01, "q");
        AssertRelative(15.44, model.Gamma, 0.01, "gamma");
        // Independence check: Fader & Hardie report a correlation of 0.11 between frequency and mean spend.
        Assert.InRange(model.FrequencyMonetaryCorrelation, 0.10, 0.12);
        // E[M | x, m] is the weighted mean of the population mean and the customer's own mean (customer 1: x = 2, m = 22.345).
        double w = model.P * 2 / (model.P * 2 + model.Q - 1);
        Assert.Equal((1 - w) * model.PopulationMeanValue + w * 22.345, model.ConditionalExpectedAverageValue(2, 22.345), 9);
    }

    [Fact]
    public void ParetoNbd_reproduces_the_published_estimates()
    {
        if (CdnowDir is not { } dir) { output.WriteLine("SKIPPED: ../shared/datasets/cdnow not found"); return; }
        var model = ParetoNbd.Fit(CdnowSummary(dir));
        output.WriteLine($"Pareto/NBD r={model.R:F4} alpha={model.Alpha:F4} s={model.S:F4} beta={model.Beta:F4} LL={model.LogLikelihood:F2} {model.Fit}");
        AssertRelative(0.55, model.R, 0.01, "r");
        AssertRelative(10.58, model.Alpha, 0.01, "alpha");
        AssertRelative(0.61, model.S, 0.01, "s");
        AssertRelative(11.67, model.Beta, 0.01, "beta");
        AssertRelative(-9595.0, model.LogLikelihood, 0.01, "log-likelihood");
        Assert.Equal(-9594.97, model.LogLikelihood, 1);
    }

    [Fact]
    public void Holdout_weeks_40_to_78_are_predicted_closely()
    {
        if (CdnowDir is not { } dir) { output.WriteLine("SKIPPED: ../shared/datasets/cdnow not found"); return; }
        var source = CdnowSample(dir);
        var report = ClvAnalysis.Run(source, new ClvOptions(CdnowCalibrationEnd)
        {
            ObservationEnd = CdnowObservationEnd,
            TimeUnit = TimeUnit.Weeks,
            Horizon = 52,
            DiscountRate = Clv.RatePerUnit(0.10, TimeUnit.Weeks),
        });
        var h = report.Holdout!;
        output.WriteLine($"holdout: actual {h.Actual}, BG/NBD {h.PredictedBgNbd:F1}, Pareto/NBD {h.PredictedParetoNbd:F1}, naive {h.Baseline:F1}; MAE {h.MeanAbsoluteError:F3} vs naive {h.BaselineMeanAbsoluteError:F3}");
        foreach (var p in h.Curve.Where(p => p.Elapsed % 13 == 0)) output.WriteLine($"  week {39 + p.Elapsed}: actual {p.Actual}, BG/NBD {p.Predicted:F1}, Pareto/NBD {p.PredictedParetoNbd:F1}");
        foreach (var b in h.ByFrequency) output.WriteLine($"  x={b.Frequency}: n={b.Customers} actual {b.Actual:F3} predicted {b.Predicted:F3}");

        // The actual count comes from the data: purchase days in weeks 40–78 by the 2,357 customers.
        long actual = report.Summary.HoldoutPurchases.ToArray().Sum();
        Assert.Equal(actual, h.Actual);
        Assert.Equal(actual, h.Curve[^1].Actual);
        Assert.Equal(39, h.Curve.Count);
        // Holdout purchases are counted like x: distinct purchase days (1,882 for CDNOW, as BTYDplus's elog2cbs counts
        // them; the "1,788" sometimes quoted is distinct customer-weeks, 1,787 here). Both models under-predict this
        // holdout by about 12% (BG/NBD 1,653, Pareto/NBD 1,666): CDNOW's known result, so the band is ±15%.
        Assert.Equal(1882, actual);
        Assert.InRange(h.PredictedBgNbd, 0.85 * actual, 1.15 * actual);
        Assert.InRange(h.PredictedParetoNbd!.Value, 0.85 * actual, 1.15 * actual);
        Assert.Equal(h.PredictedBgNbd, h.Predicted);
        // The curve is cumulative and the model tracks it all along the holdout.
        for (int i = 1; i < h.Curve.Count; i++)
        {
            Assert.True(h.Curve[i].Actual!.Value >= h.Curve[i - 1].Actual!.Value);
            Assert.True(h.Curve[i].Predicted > h.Curve[i - 1].Predicted);
        }
        Assert.InRange(h.Curve[12].Predicted, 0.85 * h.Curve[12].Actual!.Value, 1.15 * h.Curve[12].Actual!.Value);
        // Conditional expectations beat "keep buying at the calibration rate" customer by customer.
        Assert.True(h.MeanAbsoluteError < h.BaselineMeanAbsoluteError);
        // The frequency buckets rise with calibration frequency, as in the paper's Figure 3.
        Assert.True(h.ByFrequency[^1].Predicted > h.ByFrequency[0].Predicted);
        Assert.True(h.ByFrequency[^1].Actual > h.ByFrequency[0].Actual);
    }

    [Fact]
    public void Analysis_report_has_the_issue_json_shape()
    {
        if (CdnowDir is not { } dir) { output.WriteLine("SKIPPED: ../shared/datasets/cdnow not found"); return; }
        var report = ClvAnalysis.Run(CdnowSample(dir), new ClvOptions(CdnowCalibrationEnd) { ObservationEnd = CdnowObservationEnd, DiscountRate = 0.002 });
        Assert.Equal(2357, report.Customers.Count);
        Assert.All(report.Customers, c => Assert.InRange(c.PAlive, 0, 1));
        Assert.All(report.Customers, c => Assert.True(c.Clv > 0));
        var c1 = report.Customers.Single(c => c.Customer == "0001");
        Assert.Equal(2, c1.Frequency);
        Assert.Equal(1, c1.HoldoutPurchases); // its only holdout purchase is on 1997-12-12

        var json = JsonSerializer.Serialize(report);
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        foreach (var name in new[] { "r", "alpha", "a", "b", "logLikelihood" }) Assert.True(root.GetProperty("bgnbd").TryGetProperty(name, out _), name);
        foreach (var name in new[] { "r", "alpha", "s", "beta", "logLikelihood" }) Assert.True(root.GetProperty("paretoNbd").TryGetProperty(name, out _), name);
        foreach (var name in new[] { "p", "q", "gamma", "frequencyMonetaryCorrelation" }) Assert.True(root.GetProperty("gammaGamma").TryGetProperty(name, out _), name);
        foreach (var name in new[] { "actual", "predicted", "curve", "byFrequency" }) Assert.True(root.GetProperty("holdout").TryGetProperty(name, out _), name);
        var customer = root.GetProperty("customers")[0];
        foreach (var name in new[] { "customer", "frequency", "recency", "T", "monetary", "pAlive", "expectedPurchases", "expectedAverageValue", "clv" })
            Assert.True(customer.TryGetProperty(name, out _), name);
        Assert.Equal("2022-01-01".Length, root.GetProperty("settings").GetProperty("calibrationEnd").GetString()!.Length);
        Assert.Equal("weeks", root.GetProperty("settings").GetProperty("timeUnit").GetString());
    }
}
