using System.Globalization;
using Rapport.Analytics.Transactions;

namespace Rapport.Analytics.Lifetime;

/// <summary>
/// The whole lifetime-value analysis: calibration summary → BG/NBD, Pareto/NBD and Gamma-Gamma fits →
/// per-customer P(alive), expected purchases over the horizon, expected purchase value and discounted CLV,
/// plus the holdout comparison when an observation end is given.
/// </summary>
public static class ClvAnalysis
{
    /// <summary>Minimum data below which the report warns that the estimates are unreliable.</summary>
    public const int MinimumCustomers = 100, MinimumRepeatBuyers = 30;

    /// <summary>Summarises <paramref name="source"/> and runs the analysis.</summary>
    /// <exception cref="InvalidOperationException">No customer bought in the calibration period, or none bought twice.</exception>
    public static ClvReport Run(ITransactionSource source, ClvOptions options)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        var summary = CustomerSummaryBuilder.Build(source,
            new CustomerSummaryOptions(options.CalibrationEnd, options.ObservationEnd, options.TimeUnit, options.SortInput));
        return Run(summary, options);
    }

    /// <summary>Runs the analysis on a ready summary (its own time unit and holdout are used; the dates and time
    /// unit in <paramref name="options"/> only matter when summarising transactions).</summary>
    public static ClvReport Run(CustomerSummary summary, ClvOptions options)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(options);
        var unit = summary.TimeUnit;
        int horizon = options.EffectiveHorizon(unit);
        if (horizon < 0) throw new ArgumentOutOfRangeException(nameof(options), horizon, "The horizon must not be negative.");
        if (!(options.DiscountRate > -1)) throw new ArgumentOutOfRangeException(nameof(options), options.DiscountRate, "The discount rate must be above −1.");
        if (summary.Count == 0)
            throw new InvalidOperationException(
                $"No customer made a purchase on or before the calibration end{(summary.CalibrationEnd is { } c ? " " + c.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "")}; nothing to fit.");
        int repeatBuyers = summary.RepeatBuyers;
        if (repeatBuyers == 0)
            throw new InvalidOperationException(
                $"None of the {summary.Count} customers made a repeat purchase in the calibration period; BG/NBD and Pareto/NBD cannot be fitted. Use a later calibration end or more history.");

        var warnings = new List<string>();
        if (summary.Count < MinimumCustomers || repeatBuyers < MinimumRepeatBuyers)
            warnings.Add($"Only {summary.Count} customers and {repeatBuyers} repeat buyers: lifetime models want at least {MinimumCustomers} customers and {MinimumRepeatBuyers} repeat buyers; treat the estimates as rough.");

        var bg = BgNbd.Fit(summary, new BgNbdOptions { Penalizer = options.Penalizer });
        if (bg.Fit is { Converged: false }) warnings.Add($"BG/NBD fit did not fully converge (gradient {bg.Fit.GradientNorm:G3}).");

        ParetoNbdModel? pareto = null;
        if (options.FitParetoNbd || options.ScoringModel == ClvPurchaseModel.ParetoNbd)
        {
            pareto = ParetoNbd.Fit(summary, new ParetoNbdOptions { Penalizer = options.Penalizer });
            if (pareto.Fit is { Converged: false }) warnings.Add($"Pareto/NBD fit did not fully converge (gradient {pareto.Fit.GradientNorm:G3}).");
        }
        IPurchaseCountModel scoring = options.ScoringModel == ClvPurchaseModel.ParetoNbd ? pareto! : bg;

        GammaGammaModel? gg = null;
        try
        {
            gg = GammaGamma.Fit(summary, new GammaGammaOptions { Penalizer = options.Penalizer });
            if (gg.ExcludedNonPositiveSpend > 0)
                warnings.Add($"{gg.ExcludedNonPositiveSpend} repeat buyers with a zero mean repeat spend were left out of the Gamma-Gamma fit.");
            if (Math.Abs(gg.FrequencyMonetaryCorrelation) > 0.3)
                warnings.Add($"Frequency and mean spend are correlated (Pearson {gg.FrequencyMonetaryCorrelation:F2}); the Gamma-Gamma independence assumption is doubtful, so expected values and CLV may be biased.");
            if (gg.Q <= 1)
                warnings.Add($"Gamma-Gamma q = {gg.Q:G3} ≤ 1: the population mean spend does not exist; customers without repeat purchases get no expected value or CLV.");
            if (gg.Fit is { Converged: false }) warnings.Add($"Gamma-Gamma fit did not fully converge (gradient {gg.Fit.GradientNorm:G3}).");
        }
        catch (ArgumentException e)
        {
            warnings.Add("Gamma-Gamma not fitted: " + e.Message + " No expected values or CLV.");
        }

        var (alive, expected, discounted) = Clv.Score(scoring, summary, horizon, options.DiscountRate);
        var x = summary.Frequency;
        var tx = summary.Recency;
        var T = summary.T;
        var m = summary.Monetary;
        var holdout = summary.HasHoldout ? summary.HoldoutPurchases : default;
        var customers = new ClvCustomer[summary.Count];
        int nonFinite = 0;
        for (int i = 0; i < customers.Length; i++)
        {
            double? value = Finite(gg?.ConditionalExpectedAverageValue(x[i], m[i]) ?? double.NaN);
            double? e = Finite(expected[i]);
            double? clv = Finite(discounted[i]) * value;
            if (e is null) nonFinite++;
            customers[i] = new ClvCustomer(summary.Customers[i], x[i], tx[i], T[i], m[i], alive[i], e,
                value, clv, summary.HasHoldout ? holdout[i] : null);
        }
        if (nonFinite > 0)
            warnings.Add($"Expected purchases could not be computed for {nonFinite} customers (numerical failure); they are left empty.");

        return new ClvReport
        {
            Settings = new ClvSettings(summary.CalibrationEnd, summary.ObservationEnd, unit == TimeUnit.Weeks ? "weeks" : "days",
                horizon, options.DiscountRate, scoring == (IPurchaseCountModel)bg ? "bgnbd" : "paretoNbd"),
            Data = new ClvDataSummary(summary.Count, repeatBuyers, SumFrequency(summary), summary.ExcludedAfterCalibration,
                summary.ReturnLinesIgnored, summary.LinesAfterPeriod),
            BgNbd = new BgNbdReport(bg.R, bg.Alpha, bg.A, bg.B, bg.LogLikelihood, bg.Fit?.Converged ?? true, bg.Fit?.Iterations ?? 0),
            ParetoNbd = pareto is null ? null
                : new ParetoNbdReport(pareto.R, pareto.Alpha, pareto.S, pareto.Beta, pareto.LogLikelihood, pareto.Fit?.Converged ?? true, pareto.Fit?.Iterations ?? 0),
            GammaGamma = gg is null ? null
                : new GammaGammaReport(gg.P, gg.Q, gg.Gamma, gg.LogLikelihood, gg.Customers, Finite(gg.FrequencyMonetaryCorrelation),
                    Finite(gg.PopulationMeanValue), gg.Fit?.Converged ?? true),
            Holdout = summary.HasHoldout ? Holdout(summary, bg, pareto, scoring) : null,
            Warnings = warnings,
            Customers = customers,
            BgNbdModel = bg,
            ParetoNbdModel = pareto,
            GammaGammaModel = gg,
            Summary = summary,
        };
    }

    private static double? Finite(double v) => double.IsFinite(v) ? v : null;

    private static long SumFrequency(CustomerSummary s)
    {
        long k = 0;
        foreach (int v in s.Frequency) k += v;
        return k;
    }

    /// <summary>Compares holdout purchases with the models' conditional expectations: totals, the cumulative
    /// curve over the holdout, and means by calibration frequency (0…6, 7+), as in Fader, Hardie &amp; Lee (2005).</summary>
    public static HoldoutReport Holdout(CustomerSummary summary, BgNbdModel bg, ParetoNbdModel? pareto, IPurchaseCountModel scoring)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(bg);
        if (!summary.HasHoldout || summary.HoldoutLength is not { } length)
            throw new ArgumentException("The summary has no holdout period.", nameof(summary));
        int unitDays = summary.TimeUnit.Days();
        // Curve points: every unit, or a coarser step for long holdouts; always ending at the full length.
        int units = (int)Math.Floor(length + 1e-9);
        int step = Math.Max(1, (units + 199) / 200);
        var points = new List<double>();
        for (int k = step; k <= units; k += step) points.Add(k);
        if (points.Count == 0 || points[^1] < length - 1e-9) points.Add(length);

        var groups = SummaryGroups.Build(summary.Frequency, summary.Recency, summary.T);
        int P = points.Count;
        var gBg = new double[groups.Count * P];
        var gPareto = pareto is null ? null : new double[groups.Count * P];
        Parallel.For(0, (groups.Count + 255) / 256, chunk =>
        {
            int end = Math.Min(groups.Count, (chunk + 1) * 256);
            for (int g = chunk * 256; g < end; g++)
            {
                int x = groups.XValues[groups.XIndex[g]];
                double tx = groups.TxValues[groups.TxIndex[g]], T = groups.TValues[groups.TIndex[g]];
                for (int p = 0; p < P; p++)
                {
                    gBg[g * P + p] = bg.ExpectedPurchases(points[p], x, tx, T);
                    if (gPareto != null) gPareto[g * P + p] = pareto!.ExpectedPurchases(points[p], x, tx, T);
                }
            }
        });
        var curveBg = new double[P];
        var curvePareto = new double[P];
        for (int g = 0; g < groups.Count; g++)
            for (int p = 0; p < P; p++)
            {
                curveBg[p] += groups.Weight[g] * gBg[g * P + p];
                if (gPareto != null) curvePareto[p] += groups.Weight[g] * gPareto[g * P + p];
            }

        var byDay = summary.HoldoutPurchasesByDay;
        var curve = new HoldoutCurvePoint[P];
        for (int p = 0; p < P; p++)
        {
            long actual = 0;
            if (byDay != null)
            {
                int days = (int)Math.Round(points[p] * unitDays);
                for (int d = 0; d < Math.Min(days, byDay.Count); d++) actual += byDay[d];
            }
            curve[p] = new HoldoutCurvePoint((int)Math.Round(points[p]), byDay != null ? actual : null, curveBg[p], gPareto != null ? curvePareto[p] : null);
        }

        // Per customer, at the full length: model vs naive baseline, totals and buckets.
        var index = Clv.GroupIndex(groups, summary);
        var x0 = summary.Frequency;
        var T0 = summary.T;
        var h = summary.HoldoutPurchases;
        bool scoringIsBg = ReferenceEquals(scoring, bg);
        double predictedBg = curveBg[P - 1], predictedPareto = curvePareto[P - 1];
        double baseline = 0, mae = 0, maeBase = 0;
        long total = 0;
        const int buckets = 8;
        var bCount = new int[buckets];
        var bActual = new double[buckets];
        var bPred = new double[buckets];
        for (int i = 0; i < summary.Count; i++)
        {
            int g = index[i];
            double pred = scoringIsBg || gPareto is null ? gBg[g * P + P - 1] : gPareto[g * P + P - 1];
            double naive = T0[i] > 0 ? x0[i] / T0[i] * length : 0;
            baseline += naive;
            mae += Math.Abs(pred - h[i]);
            maeBase += Math.Abs(naive - h[i]);
            total += h[i];
            int b = Math.Min(x0[i], buckets - 1);
            bCount[b]++;
            bActual[b] += h[i];
            bPred[b] += pred;
        }
        var byFrequency = new List<HoldoutFrequencyBucket>();
        for (int b = 0; b < buckets; b++)
        {
            if (bCount[b] == 0) continue;
            string label = b == buckets - 1 ? $"{b}+" : b.ToString(CultureInfo.InvariantCulture);
            byFrequency.Add(new HoldoutFrequencyBucket(label, bCount[b], bActual[b] / bCount[b], bPred[b] / bCount[b]));
        }
        return new HoldoutReport(length, total, scoringIsBg || pareto is null ? predictedBg : predictedPareto, predictedBg,
            pareto is null ? null : predictedPareto, baseline, mae / summary.Count, maeBase / summary.Count, curve, byFrequency);
    }
}
