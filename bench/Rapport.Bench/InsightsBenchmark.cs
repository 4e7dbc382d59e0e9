using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Core.Demo;
using Rapport.Core.Insights;
using Rapport.Data;

namespace Rapport.Bench;

/// <summary>
/// Issue 6's insights benchmark: a demo retailer (default 100,000 customers) in SQLite, then the whole insights refresh
/// timed by step (target: under 2 minutes for 100,000 customers with about 2,000,000 order lines).
/// </summary>
internal static class InsightsBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var customers = int.Parse(Args.Option(args, "--customers") ?? "100000", CultureInfo.InvariantCulture);
        var seed = int.Parse(Args.Option(args, "--seed") ?? "42", CultureInfo.InvariantCulture);
        var years = int.Parse(Args.Option(args, "--years") ?? "3", CultureInfo.InvariantCulture);
        var runs = int.Parse(Args.Option(args, "--runs") ?? "1", CultureInfo.InvariantCulture);
        var keep = Args.Option(args, "--db");
        var file = keep ?? Path.Combine(Path.GetTempPath(), $"rapport-bench-insights-{Guid.NewGuid():N}.db");
        var reuse = keep is not null && File.Exists(file);
        var options = new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={file}" };
        var insights = new InsightsOptions();
        if (Args.Option(args, "--churn-model") is { } model) insights.ChurnModel = model;
        if (Args.Option(args, "--algorithms") is { } algorithms) insights.RecommendAlgorithms = algorithms;

        await using var services = new ServiceCollection().AddLogging().AddSingleton(insights).AddRapportData(options).BuildServiceProvider();
        await using (var scope = services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        if (reuse) Console.WriteLine($"insights: reusing {file}");
        else
        {
            Console.WriteLine($"insights: demo of {customers:N0} customers over {years} years (seed {seed}) into {file}");
            var watch = Stopwatch.StartNew();
            await using var scope = services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<DemoInstaller>().GenerateAndInstallAsync(new DemoOptions { Customers = customers, Seed = seed, Years = years });
            Console.WriteLine($"  demo generated and loaded: {result.Rows:N0} rows in {watch.Elapsed.TotalSeconds:F1} s");
        }
        GC.Collect();

        for (var r = 1; r <= runs; r++)
        {
            Console.WriteLine($"refresh {r} of {runs} (churn model {insights.ChurnModel}, recommenders {insights.RecommendAlgorithms}):");
            await using var scope = services.CreateAsyncScope();
            var watch = Stopwatch.StartNew();
            var run = await scope.ServiceProvider.GetRequiredService<InsightsRefresher>().RefreshAsync("bench", null,
                new ConsoleProgress(p => Console.WriteLine($"  [{watch.Elapsed.TotalSeconds,6:F1} s] {p.Step,-15} {p.Message}")));
            var total = watch.Elapsed;
            Console.WriteLine($"  status {run.Status.ToString().ToLowerInvariant()}{(run.Error is null ? "" : ": " + run.Error)}");
            Console.WriteLine("  step             seconds");
            foreach (var (step, seconds) in run.StepSeconds) Console.WriteLine($"  {step,-15} {seconds,8:F2}");
            Console.WriteLine($"  total           {total.TotalSeconds,8:F2}   (target < 120 s)");
            Console.WriteLine($"  read: {run.Counts.GetValueOrDefault("orderLinesRead"):N0} order lines, {run.Counts.GetValueOrDefault("orders"):N0} orders, " +
                              $"{run.Counts.GetValueOrDefault("customersWithOrders"):N0} customers with orders, {run.Counts.GetValueOrDefault("cancelledOrdersSkipped"):N0} cancelled orders skipped");
            Console.WriteLine($"  wrote: {run.Counts.GetValueOrDefault("insightsWritten"):N0} insights " +
                              $"({string.Join(", ", run.Counts.Where(kv => kv.Key.StartsWith("insights.", StringComparison.Ordinal)).Select(kv => $"{kv.Key[9..]} {kv.Value:N0}"))}), " +
                              $"{run.Counts.GetValueOrDefault("segments")} segments, {run.Counts.GetValueOrDefault("rules"):N0} rules, {run.Counts.GetValueOrDefault("forecastPeriods")} forecast periods");
            Console.WriteLine($"  read parts (ms): {string.Join(", ", run.Counts.Where(kv => kv.Key.StartsWith("readMs.", StringComparison.Ordinal)).Select(kv => $"{kv.Key[7..]} {kv.Value:N0}"))}");
            foreach (var skipped in run.Skipped) Console.WriteLine($"  skipped {skipped.Step}: {skipped.Reason}");
            foreach (var (step, version) in run.ModelVersions) Console.WriteLine($"  {step,-15} {version}");
        }
        Console.WriteLine($"  peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024):N0} MiB");
        Console.WriteLine($"  database file: {new FileInfo(file).Length / (1024 * 1024):N0} MiB");
        if (keep is null)
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(file + suffix);
        }
        return 0;
    }

    private sealed class ConsoleProgress(Action<InsightsProgress> write) : IProgress<InsightsProgress>
    {
        public void Report(InsightsProgress value) => write(value);
    }
}
