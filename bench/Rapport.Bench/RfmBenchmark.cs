using System.Diagnostics;
using Rapport.Analytics.Rfm;
using Rapport.Analytics.Transactions;

namespace Rapport.Bench;

/// <summary>Issue 3's RFM benchmark: `analyze rfm` end to end (parse, aggregate, score, write) on a synthetic file.</summary>
internal static class RfmBenchmark
{
    public static int Run(string[] args)
    {
        var customers = int.Parse(Args.Option(args, "--customers") ?? "1000000");
        var rows = long.Parse(Args.Option(args, "--rows") ?? "20000000");
        var file = Args.Option(args, "--file") ?? Path.Combine(Path.GetTempPath(), $"rapport-bench-tx-{customers}-{rows}.csv");
        if (!File.Exists(file))
        {
            var generate = Stopwatch.StartNew();
            SyntheticTransactions.WriteFile(file, customers, rows, seed: 42);
            Console.WriteLine($"  wrote {file} ({new FileInfo(file).Length / (1024 * 1024):N0} MiB) in {generate.Elapsed.TotalSeconds:F1} s");
        }
        var output = Path.Combine(Path.GetTempPath(), $"rapport-bench-rfm-{Environment.ProcessId}.csv");
        var watch = Stopwatch.StartNew();
        var result = RfmCalculator.Compute(new TransactionFileReader(new TransactionFileOptions { Path = file }));
        var computed = watch.Elapsed;
        RfmWriter.WriteFile(result, output);
        var total = watch.Elapsed;
        Console.WriteLine($"rfm: {result.DataQuality?.RowsRead:N0} rows, {result.Customers.Count:N0} customers");
        Console.WriteLine($"  read + aggregate + score: {computed.TotalSeconds:F2} s ({result.DataQuality?.RowsRead / computed.TotalSeconds:N0} rows/s)");
        Console.WriteLine($"  end to end incl. writing the CSV: {total.TotalSeconds:F2} s");
        Console.WriteLine($"  peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024):N0} MiB");
        File.Delete(output);
        File.Delete(Path.ChangeExtension(output, ".quality.json"));
        return 0;
    }
}
