using System.Diagnostics;
using System.Globalization;
using Rapport.Analytics.Rules;

namespace Rapport.Bench;

/// <summary>
/// Issue 5's rules benchmark: FP-Growth and Apriori (itemsets + rules, best of several runs) on Groceries at
/// 0.001 / 0.8 and on a synthetic Quest-style basket file (default 1,000,000 baskets, kept in /tmp).
/// </summary>
internal static class RulesBenchmark
{
    public static int Run(string[] args)
    {
        int runs = int.Parse(Args.Option(args, "--runs") ?? "5", CultureInfo.InvariantCulture);
        var groceries = Args.Option(args, "--groceries") ?? FindGroceries();
        if (groceries is null || !File.Exists(groceries)) Console.WriteLine("rules: Groceries not found (pass --groceries PATH); skipped");
        else
        {
            var read = Stopwatch.StartNew();
            var (baskets, _) = BasketReader.Read(groceries);
            Console.WriteLine($"rules on Groceries ({baskets.Count:N0} baskets, {baskets.Items.Count} items), support 0.001, confidence 0.8; read {read.Elapsed.TotalMilliseconds:F0} ms");
            Time(baskets, 0.001, 0.8, runs);
        }

        int count = int.Parse(Args.Option(args, "--baskets") ?? "1000000", CultureInfo.InvariantCulture);
        double support = double.Parse(Args.Option(args, "--support") ?? "0.001", CultureInfo.InvariantCulture);
        double confidence = double.Parse(Args.Option(args, "--confidence") ?? "0.5", CultureInfo.InvariantCulture);
        var file = Args.Option(args, "--file") ?? Path.Combine(Path.GetTempPath(), $"rapport-bench-baskets-{count}.dat");
        if (!File.Exists(file))
        {
            var generate = Stopwatch.StartNew();
            SyntheticBaskets.WriteFile(file, count, seed: 42);
            Console.WriteLine($"  wrote {file} ({new FileInfo(file).Length / (1024 * 1024):N0} MiB) in {generate.Elapsed.TotalSeconds:F1} s");
        }
        var watch = Stopwatch.StartNew();
        var (synthetic, report) = BasketReader.Read(file);
        Console.WriteLine($"rules on {Path.GetFileName(file)} ({synthetic.Count:N0} baskets, {synthetic.Items.Count:N0} items, {report.ItemOccurrences:N0} occurrences), " +
                          $"support {support}, confidence {confidence}; read {watch.Elapsed.TotalSeconds:F2} s");
        Time(synthetic, support, confidence, Math.Max(1, Math.Min(runs, 3)));
        Console.WriteLine($"  peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024):N0} MiB");
        return 0;
    }

    private static void Time(Baskets baskets, double support, double confidence, int runs)
    {
        foreach (var algorithm in new[] { ItemsetAlgorithm.FpGrowth, ItemsetAlgorithm.Apriori })
        {
            double best = double.MaxValue, bestMining = 0;
            RuleResult? last = null;
            for (int r = 0; r < runs; r++)
            {
                var watch = Stopwatch.StartNew();
                last = AssociationRules.Mine(baskets, new RuleOptions { MinSupport = support, MinConfidence = confidence, Algorithm = algorithm });
                double ms = watch.Elapsed.TotalMilliseconds;
                if (ms < best)
                {
                    best = ms;
                    bestMining = last.MiningTime.TotalMilliseconds;
                }
            }
            Console.WriteLine($"  {(algorithm == ItemsetAlgorithm.FpGrowth ? "fpgrowth" : "apriori "),-8}: {last!.Itemsets.Count:N0} itemsets, {last.Rules.Count:N0} rules; " +
                              $"best of {runs}: {best:F1} ms (itemsets {bestMining:F1} ms, rules {best - bestMining:F1} ms)");
        }
    }

    private static string? FindGroceries()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "datasets", "groceries", "groceries.csv");
                if (File.Exists(candidate)) return candidate;
            }
        }
        return null;
    }
}
