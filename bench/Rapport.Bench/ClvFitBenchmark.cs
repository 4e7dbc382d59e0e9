using System.Diagnostics;
using MathNet.Numerics.Distributions;
using Rapport.Analytics.Lifetime;

namespace Rapport.Bench;

/// <summary>Issue 3's model-fit benchmark: BG/NBD + Gamma-Gamma on N simulated customers (whole days, as real data).</summary>
internal static class ClvFitBenchmark
{
    public static int Run(string[] args)
    {
        var n = int.Parse(Args.Option(args, "--customers") ?? "1000000");
        var simulate = Stopwatch.StartNew();
        var summary = Simulate(n, r: 0.25, alpha: 4.4 * 7, a: 0.8, b: 2.4, seed: 42);
        Console.WriteLine($"clv-fit: {n:N0} simulated customers in {simulate.Elapsed.TotalSeconds:F1} s (true r 0.25, alpha 30.8, a 0.8, b 2.4; days)");

        var watch = Stopwatch.StartNew();
        var bg = BgNbd.Fit(summary);
        var bgTime = watch.Elapsed;
        var gg = GammaGamma.Fit(summary);
        var total = watch.Elapsed;
        Console.WriteLine($"  BG/NBD: r {bg.R:0.####} alpha {bg.Alpha:0.###} a {bg.A:0.####} b {bg.B:0.####}, {bg.DistinctHistories:N0} distinct histories, {bgTime.TotalSeconds:F2} s");
        Console.WriteLine($"  Gamma-Gamma: p {gg.P:0.###} q {gg.Q:0.###} gamma {gg.Gamma:0.###}, {(total - bgTime).TotalSeconds:F2} s");
        Console.WriteLine($"  BG/NBD + Gamma-Gamma: {total.TotalSeconds:F2} s");
        return 0;
    }

    /// <summary>BG/NBD process in whole days over ages of 1–3 years; repeat spend ~ Gamma-Gamma (p 6, q 4, γ 15).</summary>
    private static CustomerSummary Simulate(int n, double r, double alpha, double a, double b, int seed)
    {
        var rng = new Random(seed);
        var x = new int[n];
        var tx = new double[n];
        var T = new double[n];
        var monetary = new double[n];
        for (var i = 0; i < n; i++)
        {
            var age = Math.Round(365 + 730 * rng.NextDouble());
            var lambda = Gamma.Sample(rng, r, alpha);
            var p = Beta.Sample(rng, a, b);
            var nu = Gamma.Sample(rng, 4, 15);
            double t = 0, last = 0, spend = 0;
            var k = 0;
            while (true)
            {
                t += -Math.Log(1 - rng.NextDouble()) / lambda;
                if (t > age) break;
                if (Math.Floor(t) > last)
                {
                    k++;
                    last = Math.Floor(t);
                    spend += Gamma.Sample(rng, 6, nu);
                }
                if (rng.NextDouble() < p) break;
            }
            x[i] = k;
            tx[i] = k > 0 ? last : 0;
            T[i] = age;
            monetary[i] = k > 0 ? spend / k : 0;
        }
        return new CustomerSummary(null, x, tx, T, monetary, TimeUnit.Days);
    }
}
