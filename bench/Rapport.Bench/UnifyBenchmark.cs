using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Core.Demo;
using Rapport.Core.Unification;
using Rapport.Data;
using Rapport.Data.Unification;

namespace Rapport.Bench;

/// <summary>Issue 6's identity resolution benchmark: matching N demo customers (with planted duplicates) in memory, and optionally end to end on SQLite.</summary>
internal static class UnifyBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var customers = int.Parse(Args.Option(args, "--customers") ?? "100000");
        var seed = int.Parse(Args.Option(args, "--seed") ?? "42");
        var share = double.Parse(Args.Option(args, "--duplicates") ?? "0.03", System.Globalization.CultureInfo.InvariantCulture);
        var runs = int.Parse(Args.Option(args, "--runs") ?? "3");
        Console.WriteLine($"unify: {customers:N0} demo customers, seed {seed}, duplicates {share:P0}, {Environment.ProcessorCount} cores");

        var watch = Stopwatch.StartNew();
        var data = DemoGenerator.Generate(new DemoOptions { Customers = customers, Seed = seed, DuplicateShare = share });
        Console.WriteLine($"  generate: {data.Customers.Count:N0} customer records ({data.Truth.Duplicates?.Count ?? 0:N0} planted duplicates, {data.Truth.Lookalikes?.Count ?? 0:N0} look-alikes) in {watch.Elapsed.TotalSeconds:F1} s");
        var contacts = data.ContactPoints.Where(p => p.CustomerId is not null).ToLookup(p => p.CustomerId!.Value);
        var records = data.Customers.Select(c => MatchRecord.From(c, contacts[c.Id])).ToList();

        var options = new UnificationOptions();
        var matcher = new CustomerMatcher(options);
        MatchRun run = null!;
        var best = TimeSpan.MaxValue;
        for (var i = 0; i < runs; i++)
        {
            run = matcher.Match(records);
            if (run.Elapsed < best) best = run.Elapsed;
            Console.WriteLine($"  match run {i + 1}: {run.Elapsed.TotalSeconds:F2} s");
        }
        var allPairs = (long)records.Count * (records.Count - 1) / 2;
        Console.WriteLine($"  matching (best of {runs}): {best.TotalSeconds:F2} s for {run.Records:N0} records = {run.Records / best.TotalSeconds:N0} records/s");
        Console.WriteLine($"  pairs compared: {run.PairsCompared:N0} of {allPairs:N0} possible ({run.PairsCompared / (double)allPairs:P5}); {run.Blocks:N0} blocks, {run.OversizedBlocksSkipped:N0} oversized blocks skipped");

        var truth = (data.Truth.Duplicates ?? []).Select(d => (Math.Min(d.OriginalId, d.DuplicateId), Math.Max(d.OriginalId, d.DuplicateId))).ToHashSet();
        var auto = run.Pairs.Where(p => p.Confidence >= options.AutoMergeThreshold).Select(p => (p.A, p.B)).ToList();
        var all = run.Pairs.Select(p => (p.A, p.B)).ToList();
        if (truth.Count > 0)
        {
            Console.WriteLine($"  auto-merge (>= {options.AutoMergeThreshold}): {auto.Count:N0} pairs, precision {auto.Count(truth.Contains) / (double)Math.Max(1, auto.Count):F3}, recall {auto.Count(truth.Contains) / (double)truth.Count:F3}");
            Console.WriteLine($"  auto + review (>= {options.ReviewThreshold}): {all.Count:N0} pairs, precision {all.Count(truth.Contains) / (double)Math.Max(1, all.Count):F3}, recall {all.Count(truth.Contains) / (double)truth.Count:F3}");
            var lookalikes = (data.Truth.Lookalikes ?? []).Select(l => (Math.Min(l.ExistingId, l.LookalikeId), Math.Max(l.ExistingId, l.LookalikeId))).ToHashSet();
            foreach (var p in run.Pairs.Where(p => p.Confidence >= options.AutoMergeThreshold && !truth.Contains((p.A, p.B))).Take(8))
                Console.WriteLine($"    wrong auto-merge {p.A}-{p.B} ({(lookalikes.Contains((p.A, p.B)) ? "planted look-alike" : "two real customers")}) {p.Confidence:F3}: {p.ReasonText}");
        }
        Console.WriteLine($"  peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024):N0} MiB");

        if (Array.IndexOf(args, "--sqlite") >= 0) await EndToEndAsync(data);
        return 0;
    }

    /// <summary>Loads the data set into a temporary SQLite file and times `rapport customers unify` (read, match, merge, queue).</summary>
    private static async Task EndToEndAsync(DemoDataSet data)
    {
        var file = Path.Combine(Path.GetTempPath(), $"rapport-bench-unify-{Guid.NewGuid():N}.db");
        try
        {
            var options = new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={file}" };
            await using var services = new ServiceCollection().AddLogging().AddRapportData(options).BuildServiceProvider();
            await using (var scope = services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
                await scope.ServiceProvider.GetRequiredService<DemoInstaller>().InstallAsync(data, null);
            }
            await using (var scope = services.CreateAsyncScope())
            {
                var watch = Stopwatch.StartNew();
                var result = await scope.ServiceProvider.GetRequiredService<IdentityResolutionService>().ResolveAsync(null);
                Console.WriteLine($"  SQLite end to end: {watch.Elapsed.TotalSeconds:F1} s (matching {result.MatchingTime.TotalSeconds:F1} s): {result.Records:N0} records, " +
                                  $"{result.AutoMerged:N0} auto-merged, {result.Queued:N0} queued");
            }
            await using (var scope = services.CreateAsyncScope())
            {
                var watch = Stopwatch.StartNew();
                var again = await scope.ServiceProvider.GetRequiredService<IdentityResolutionService>().ResolveAsync(null);
                Console.WriteLine($"  re-run: {watch.Elapsed.TotalSeconds:F1} s, {again.AutoMerged:N0} auto-merged, {again.Queued:N0} queued, {again.Skipped:N0} already decided");
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(file + suffix);
        }
    }
}
