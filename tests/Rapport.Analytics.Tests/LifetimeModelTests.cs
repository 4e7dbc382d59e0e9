using Rapport.Analytics.Lifetime;
using Xunit.Abstractions;
using static Rapport.Analytics.Tests.LifetimeTestData;

namespace Rapport.Analytics.Tests;

public class LifetimeModelTests(ITestOutputHelper output)
{
    // The published CDNOW estimates, used as fixed parameters.
    private static readonly BgNbdModel Bg = new(0.243, 4.414, 0.793, 2.426);
    private static readonly ParetoNbdModel Pareto = new(0.55, 10.58, 0.61, 11.67);

    // Reference values: lifetimes' formulas evaluated in Python with mpmath (40 digits), at the parameters above.
    [Theory]
    [InlineData(0, 0, 38.86, 1.0, 0.19509805201126291, 2.1783959555342201)]
    [InlineData(1, 1.71, 38.86, 0.2121009853773791, 0.20318698707975342, 1.8453484429933735)]
    [InlineData(2, 30.43, 38.86, 0.726578570080673, 1.2260281747671405, 10.120518988765391)]
    [InlineData(5, 35, 38, 0.8465340101579819, 3.2767852964795653, 24.047763185254696)]
    [InlineData(10, 20, 38.86, 0.039345958811197804, 0.28634123458647927, 2.0067641630300609)]
    [InlineData(7, 37.5, 38, 0.9069847693144074, 4.7940063643159948, 34.164903966766785)]
    [InlineData(25, 38.5, 39, 0.9613528744778911, 16.888338429106053, 114.04679794334062)]
    public void BgNbd_customer_scores_match_the_reference(int x, double tx, double T, double alive, double e39, double e1000)
    {
        Assert.Equal(alive, Bg.ProbabilityAlive(x, tx, T), 12);
        AssertRelative(e39, Bg.ExpectedPurchases(39, x, tx, T), 1e-9, "E[Y(39)]");
        AssertRelative(e1000, Bg.ExpectedPurchases(1000, x, tx, T), 1e-9, "E[Y(1000)]");
    }

    [Theory]
    [InlineData(1, 0.053267891171658639)]
    [InlineData(39, 1.1967231933208139)]
    [InlineData(78, 1.8605190579427653)]
    [InlineData(1000, 6.5803916137383191)]
    public void BgNbd_new_customer_expectation_matches_the_reference(double t, double expected) =>
        AssertRelative(expected, Bg.ExpectedPurchasesNewCustomer(t), 1e-9, $"E[X({t})]");

    [Theory]
    [InlineData(0, 0, 38.86, 0.29377395046742059, 0.10582535589031978, -0.51702515088753883)]
    [InlineData(1, 1.71, 38.86, 0.16699455052575494, 0.1695304684878937, -4.4507725494538167)]
    [InlineData(2, 30.43, 38.86, 0.86841091713209189, 1.4503713747917107, -9.5619812608429635)]
    [InlineData(5, 35, 38, 0.95554754994415286, 3.5257603425580501, -17.533849919946619)]
    [InlineData(10, 20, 38.86, 0.08230166639814137, 0.56868903298929365, -24.676334938166378)]
    [InlineData(7, 37.5, 38, 0.99360202437246755, 4.9873164034873263, -21.746063011373348)]
    [InlineData(25, 38.5, 39, 0.99312108949139426, 16.579037736891531, -43.2578644393372)]
    public void ParetoNbd_customer_scores_match_the_reference(int x, double tx, double T, double alive, double e39, double ll)
    {
        Assert.Equal(alive, Pareto.ProbabilityAlive(x, tx, T), 10);
        AssertRelative(e39, Pareto.ExpectedPurchases(39, x, tx, T), 1e-9, "E[Y(39)]");
        Assert.Equal(ll, Pareto.CustomerLogLikelihood(x, tx, T), 9);
    }

    [Fact]
    public void ParetoNbd_new_customer_expectation_matches_the_reference()
    {
        AssertRelative(1.2023523628319928, Pareto.ExpectedPurchasesNewCustomer(39), 1e-12, "E[X(39)]");
        AssertRelative(1.8899983705311565, Pareto.ExpectedPurchasesNewCustomer(78), 1e-12, "E[X(78)]");
    }

    [Fact]
    public void Scores_behave_as_the_models_imply()
    {
        foreach (IPurchaseCountModel m in new IPurchaseCountModel[] { Bg, Pareto })
        {
            // Longer silence since the last purchase → less likely alive; a later last purchase → more likely.
            Assert.True(m.ProbabilityAlive(3, 10, 30) > m.ProbabilityAlive(3, 10, 40), m.Name);
            Assert.True(m.ProbabilityAlive(3, 25, 30) > m.ProbabilityAlive(3, 10, 30), m.Name);
            // Expected purchases grow with the horizon and with frequency at equal recency and age.
            Assert.True(m.ExpectedPurchases(20, 3, 25, 30) > m.ExpectedPurchases(10, 3, 25, 30), m.Name);
            Assert.True(m.ExpectedPurchases(10, 6, 29, 30) > m.ExpectedPurchases(10, 3, 29, 30), m.Name);
            Assert.Equal(0, m.ExpectedPurchases(0, 3, 25, 30));
            // For a brand-new customer the first derivative of E[X(t)] at 0 is the mean purchase rate r/α.
            double rate = m is BgNbdModel b ? b.R / b.Alpha : ((ParetoNbdModel)m).R / ((ParetoNbdModel)m).Alpha;
            AssertRelative(rate, m.ExpectedPurchasesNewCustomer(1e-4) / 1e-4, 1e-3, m.Name + " initial rate");
        }
        Assert.Equal(1, Bg.ProbabilityAlive(0, 0, 50)); // BG/NBD: no repeat purchase → never dropped out
    }

    [Fact]
    public void BgNbd_expectation_is_continuous_through_a_equal_one()
    {
        var at1 = Bg with { A = 1 };
        var near = Bg with { A = 1 + 1e-4 };
        AssertRelative(near.ExpectedPurchases(39, 3, 20, 38), at1.ExpectedPurchases(39, 3, 20, 38), 1e-3, "a = 1");
        AssertRelative(near.ExpectedPurchasesNewCustomer(52), at1.ExpectedPurchasesNewCustomer(52), 1e-3, "a = 1, new");
        Assert.True(double.IsFinite(Bg.ExpectedPurchases(52, 400, 38, 39)));
    }

    [Fact]
    public void BgNbd_recovers_simulated_parameters()
    {
        var (x, tx, T) = SimulateBgNbd(20_000, r: 0.5, alpha: 4, a: 0.8, b: 2.5, tMin: 26, tMax: 78, seed: 11);
        var m = BgNbd.Fit(x, tx, T);
        output.WriteLine($"BG/NBD recovered r={m.R:F4} alpha={m.Alpha:F4} a={m.A:F4} b={m.B:F4} ({m.Fit})");
        AssertRelative(0.5, m.R, 0.05, "r");
        AssertRelative(4, m.Alpha, 0.05, "alpha");
        AssertRelative(0.8, m.A, 0.10, "a");
        AssertRelative(2.5, m.B, 0.10, "b");
    }

    [Fact]
    public void BgNbd_fits_whole_day_data_with_many_repeated_histories()
    {
        var (x, tx, T) = SimulateBgNbd(50_000, r: 0.5, alpha: 30, a: 0.8, b: 2.5, tMin: 60, tMax: 540, seed: 5, wholeDays: true);
        var m = BgNbd.Fit(x, tx, T);
        output.WriteLine($"BG/NBD (days) r={m.R:F4} alpha={m.Alpha:F4} a={m.A:F4} b={m.B:F4}, {m.DistinctHistories} distinct histories of {m.Customers}");
        Assert.True(m.DistinctHistories < m.Customers * 0.7, $"{m.DistinctHistories} distinct histories");
        // Whole days are a coarsening of the continuous-time model (same-day purchases merge), hence the wider bands.
        AssertRelative(0.5, m.R, 0.05, "r");
        AssertRelative(30, m.Alpha, 0.10, "alpha");
        AssertRelative(0.8, m.A, 0.15, "a");
        AssertRelative(2.5, m.B, 0.15, "b");
    }

    [Fact]
    public void ParetoNbd_recovers_simulated_parameters()
    {
        var (x, tx, T) = SimulateParetoNbd(6_000, r: 0.6, alpha: 8, s: 0.7, beta: 12, tMin: 26, tMax: 78, seed: 3);
        var m = ParetoNbd.Fit(x, tx, T);
        output.WriteLine($"Pareto/NBD recovered r={m.R:F4} alpha={m.Alpha:F4} s={m.S:F4} beta={m.Beta:F4} ({m.Fit})");
        AssertRelative(0.6, m.R, 0.08, "r");
        AssertRelative(8, m.Alpha, 0.10, "alpha");
        AssertRelative(0.7, m.S, 0.20, "s");
        AssertRelative(12, m.Beta, 0.30, "beta");
    }

    [Fact]
    public void GammaGamma_recovers_simulated_parameters()
    {
        var (x, _, _) = SimulateBgNbd(40_000, r: 0.8, alpha: 4, a: 0.8, b: 2.5, tMin: 26, tMax: 78, seed: 2);
        var m = SimulateSpend(x, p: 6, q: 4, gamma: 15, seed: 9);
        var g = GammaGamma.Fit(x, m);
        output.WriteLine($"Gamma-Gamma recovered p={g.P:F4} q={g.Q:F4} gamma={g.Gamma:F4} n={g.Customers} corr={g.FrequencyMonetaryCorrelation:F3}");
        AssertRelative(6, g.P, 0.05, "p");
        AssertRelative(4, g.Q, 0.08, "q");
        AssertRelative(15, g.Gamma, 0.10, "gamma");
        Assert.InRange(g.FrequencyMonetaryCorrelation, -0.05, 0.05); // simulated independent: the check says so
    }

    [Fact]
    public void Clv_is_the_discounted_sum_of_expected_purchases_times_value()
    {
        var spend = new GammaGammaModel(6.25, 3.74, 15.44);
        double value = spend.ConditionalExpectedAverageValue(4, 30);
        double undiscounted = Clv.Compute(Bg, 4, 30, 38, value, 52, 0);
        AssertRelative(value * Bg.ExpectedPurchases(52, 4, 30, 38), undiscounted, 1e-12, "undiscounted CLV");
        double d = 0.01, manual = 0, previous = 0;
        for (int i = 1; i <= 52; i++)
        {
            double e = Bg.ExpectedPurchases(i, 4, 30, 38);
            manual += value * (e - previous) / Math.Pow(1 + d, i);
            previous = e;
        }
        AssertRelative(manual, Clv.Compute(Bg, 4, 30, 38, value, 52, d), 1e-12, "discounted CLV");
        Assert.True(manual < undiscounted);
        AssertRelative(0.10, Math.Pow(1 + Clv.RatePerUnit(0.10, TimeUnit.Weeks), 365.25 / 7) - 1, 1e-12, "weekly rate");

        var summary = new CustomerSummary(null, [4, 0], [30, 0], [38, 38], [30, 0]);
        var all = Clv.Compute(Bg, spend, summary, 52, d);
        AssertRelative(manual, all[0], 1e-12, "summary CLV");
        AssertRelative(spend.PopulationMeanValue * Clv.DiscountedPurchases(Bg, 0, 0, 38, 52, d), all[1], 1e-12, "x = 0 CLV");
    }

    [Fact]
    public void Analysis_refuses_data_without_repeat_purchases()
    {
        var summary = new CustomerSummary(null, [0, 0, 0], [0, 0, 0], [10, 20, 30]);
        var e = Assert.Throws<InvalidOperationException>(() => ClvAnalysis.Run(summary, new ClvOptions(new DateOnly(2024, 1, 1))));
        Assert.Contains("repeat purchase", e.Message);
    }

    [Fact]
    public void Analysis_ranks_simulated_dropouts_below_active_customers()
    {
        // Simulate with the dropout truth kept, then check that P(alive) separates it (AUC).
        var rng = new Random(21);
        int n = 5000;
        var x = new int[n];
        var tx = new double[n];
        var T = new double[n];
        var m = new double[n];
        var alive = new bool[n];
        for (int i = 0; i < n; i++)
        {
            double age = 30 + 30 * rng.NextDouble();
            double lambda = MathNet.Numerics.Distributions.Gamma.Sample(rng, 0.8, 4);
            double p = MathNet.Numerics.Distributions.Beta.Sample(rng, 0.8, 2.5);
            double t = 0, last = 0;
            int k = 0;
            bool dead = false;
            while (true)
            {
                t += -Math.Log(1 - rng.NextDouble()) / lambda;
                if (t > age) break;
                k++;
                last = t;
                if (rng.NextDouble() < p) { dead = true; break; }
            }
            (x[i], tx[i], T[i], alive[i]) = (k, last, age, !dead);
            m[i] = k > 0 ? 20 + 10 * rng.NextDouble() : 0;
        }
        var report = ClvAnalysis.Run(new CustomerSummary(null, x, tx, T, m), new ClvOptions(new DateOnly(2024, 1, 1)) { FitParetoNbd = false });
        var scores = report.Customers.Select(c => c.PAlive).ToArray();
        // Among repeat buyers (for x = 0 BG/NBD says alive by construction).
        var idx = Enumerable.Range(0, n).Where(i => x[i] > 0).ToArray();
        double auc = Auc(idx.Select(i => scores[i]).ToArray(), idx.Select(i => alive[i]).ToArray());
        output.WriteLine($"P(alive) AUC (repeat buyers) = {auc:F3}");
        Assert.True(auc > 0.8, $"AUC {auc}");
    }

    /// <summary>Area under the ROC curve: probability that a random positive scores above a random negative.</summary>
    internal static double Auc(double[] score, bool[] positive)
    {
        var order = Enumerable.Range(0, score.Length).OrderBy(i => score[i]).ToArray();
        double rankSum = 0;
        long pos = 0;
        for (int k = 0; k < order.Length;)
        {
            int j = k;
            while (j + 1 < order.Length && score[order[j + 1]] == score[order[k]]) j++;
            double rank = (k + j) / 2.0 + 1;
            for (int q = k; q <= j; q++) if (positive[order[q]]) { rankSum += rank; pos++; }
            k = j + 1;
        }
        long neg = score.Length - pos;
        return (rankSum - pos * (pos + 1) / 2.0) / (pos * (double)neg);
    }
}

public class LifetimeRobustnessTests
{
    [Fact]
    public void Tiny_and_degenerate_data_fit_without_throwing()
    {
        // Five customers.
        var tiny = new CustomerSummary(null, [0, 1, 3, 0, 2], [0, 5, 20, 0, 30], [40, 35, 38, 10, 31], [0, 12, 30, 0, 18]);
        var bg = BgNbd.Fit(tiny);
        Assert.True(double.IsFinite(bg.LogLikelihood) && bg.R > 0 && bg.Alpha > 0 && bg.A > 0 && bg.B > 0, bg.ToString());
        var pn = ParetoNbd.Fit(tiny);
        Assert.True(double.IsFinite(pn.LogLikelihood), pn.ToString());
        var gg = GammaGamma.Fit(tiny);
        Assert.True(double.IsFinite(gg.LogLikelihood), gg.ToString());

        // Nobody ever drops out (plain Poisson buyers): the dropout parameters run to a boundary.
        var rng = new Random(4);
        int n = 3000;
        var x = new int[n];
        var tx = new double[n];
        var T = new double[n];
        for (int i = 0; i < n; i++)
        {
            T[i] = 20 + 20 * rng.NextDouble();
            double lambda = MathNet.Numerics.Distributions.Gamma.Sample(rng, 2, 10), t = 0;
            while ((t += -Math.Log(1 - rng.NextDouble()) / lambda) <= T[i]) { x[i]++; tx[i] = t; }
        }
        var immortal = BgNbd.Fit(x, tx, T);
        Assert.True(double.IsFinite(immortal.LogLikelihood), immortal.ToString());
        Assert.True(immortal.A / (immortal.A + immortal.B) < 0.05, $"mean dropout probability {immortal.A / (immortal.A + immortal.B)}");
        Assert.True(double.IsFinite(immortal.ExpectedPurchases(52, 5, 30, 35)));
    }

    [Fact]
    public void Penalizer_shrinks_the_parameters()
    {
        var (x, tx, T) = LifetimeTestData.SimulateBgNbd(3000, 0.5, 4, 0.8, 2.5, 26, 78, seed: 8);
        var plain = BgNbd.Fit(x, tx, T);
        var penalised = BgNbd.Fit(x, tx, T, new BgNbdOptions { Penalizer = 0.01 });
        double Norm(BgNbdModel m) => m.R * m.R + m.Alpha * m.Alpha + m.A * m.A + m.B * m.B;
        Assert.True(Norm(penalised) < Norm(plain));
        Assert.True(penalised.LogLikelihood <= plain.LogLikelihood + 1e-9);
    }
}
