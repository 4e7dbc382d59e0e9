using System.Diagnostics;
using System.Globalization;
using System.Text;
using Rapport.Analytics.Prediction;

namespace Rapport.Bench;

/// <summary>
/// Issue 4's prediction benchmark: training (5-fold CV + final fit + permutation importance + reasons) and scoring
/// throughput, on the Telco churn table and on a synthetic table of N rows (default 1,000,000).
/// </summary>
internal static class PredictBenchmark
{
    public static int Run(string[] args)
    {
        var rows = int.Parse(Args.Option(args, "--rows") ?? "1000000", CultureInfo.InvariantCulture);
        var models = (Args.Option(args, "--models") ?? "logistic,gbdt,forest,tree").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(m => Enum.Parse<PredictionModelKind>(m, ignoreCase: true)).ToList();
        var telco = Args.Option(args, "--telco") ?? FindTelco();
        if (telco is not null && File.Exists(telco))
        {
            var read = Stopwatch.StartNew();
            var table = TableReader.Read(telco);
            Console.WriteLine($"telco: {table.Rows.Count:N0} rows read in {read.Elapsed.TotalMilliseconds:F0} ms");
            foreach (var kind in models.Prepend(PredictionModelKind.Auto)) Measure("telco", table, "Churn", kind);
        }
        else Console.WriteLine("telco: data set not found (pass --telco PATH); skipped");

        var file = Path.Combine(Path.GetTempPath(), $"rapport-bench-predict-{rows}.csv");
        if (!File.Exists(file))
        {
            var write = Stopwatch.StartNew();
            WriteSynthetic(file, rows, seed: 42);
            Console.WriteLine($"synthetic: wrote {rows:N0} rows to {file} in {write.Elapsed.TotalSeconds:F1} s");
        }
        var parse = Stopwatch.StartNew();
        var synthetic = TableReader.Read(file);
        Console.WriteLine($"synthetic: {synthetic.Rows.Count:N0} rows × {synthetic.Columns.Count} columns read in {parse.Elapsed.TotalSeconds:F1} s, {GC.GetTotalMemory(false) / (1 << 20):N0} MiB managed");
        foreach (var kind in models) Measure("synthetic", synthetic, "churned", kind);
        return 0;
    }

    private static void Measure(string name, RawTable table, string target, PredictionModelKind kind)
    {
        var train = Stopwatch.StartNew();
        var (report, scorer) = Predictor.Fit(table, new PredictOptions(target, Model: kind, PermutationRepeats: 1));
        var trainSeconds = train.Elapsed.TotalSeconds;
        // Scoring throughput: the test part again through the scorer (encode, standardise, score, calibrate, reasons).
        var test = new RawTable(table.Columns, table.Rows.Take(Math.Max(report.TestRows, 1)).ToList());
        var score = Stopwatch.StartNew();
        var scored = scorer.Score(test);
        var perSecond = scored.Count / score.Elapsed.TotalSeconds;
        var cv = string.Join(", ", report.CrossValidation.Candidates.Select(c => $"{c.Model} {c.AucMean:0.0000} in {c.Seconds:0.0} s"));
        Console.WriteLine($"  {name} {Predictor.Name(kind),-8} model {report.Model,-8} test AUC {report.Metrics.Auc:0.0000}; train+evaluate {trainSeconds:F1} s " +
                          $"({report.TrainRows:N0} train / {report.TestRows:N0} test rows; CV {cv}); scoring with reasons {perSecond:N0} rows/s; peak working set {System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64 / (1 << 20):N0} MiB");
    }

    /// <summary>A customer table: plan, region, usage, tenure, calls, autopay, spend, noise, churn from a known logistic model.</summary>
    private static void WriteSynthetic(string path, int rows, int seed)
    {
        var rng = new Random(seed);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        writer.Write("customer_id,plan,region,usage,tenure_months,support_calls,autopay,monthly_spend,noise,churned\n");
        string[] plans = ["monthly", "yearly", "two-year"];
        string[] regions = ["north", "south", "east", "west", "central"];
        for (var i = 0; i < rows; i++)
        {
            var plan = rng.Next(3);
            var usage = rng.NextDouble() * 100;
            var tenure = rng.Next(1, 73);
            var calls = rng.Next(0, 8);
            var autopay = rng.Next(2) == 0;
            var spend = 20 + rng.NextDouble() * 100;
            var z = -1.0 + (plan == 0 ? 1.5 : plan == 1 ? -0.5 : -1.5) - 0.02 * (usage - 50) - 0.03 * (tenure - 36) + 0.35 * (calls - 3) + (autopay ? -0.5 : 0.3) + 0.01 * (spend - 70);
            var churn = rng.NextDouble() < 1 / (1 + Math.Exp(-z));
            writer.Write(string.Create(CultureInfo.InvariantCulture,
                $"C{i:D8},{plans[plan]},{regions[rng.Next(5)]},{usage:0.00},{tenure},{calls},{(autopay ? "Yes" : "No")},{spend:0.00},{rng.NextDouble():0.0000},{(churn ? "Yes" : "No")}\n"));
        }
    }

    private static string? FindTelco()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir != null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "datasets", "telco-churn", "Telco-Customer-Churn.csv");
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
