using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Core.Demo;
using Rapport.Data;

namespace Rapport.Bench;

/// <summary>Issue 2's load benchmark: N demo customers with all their rows, generated and loaded (target ≥ 200,000 rows/s on SQLite).</summary>
internal static class DemoLoadBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var customers = int.Parse(Args.Option(args, "--customers") ?? "100000");
        var seed = int.Parse(Args.Option(args, "--seed") ?? "42");
        var provider = Enum.Parse<DatabaseProvider>(Args.Option(args, "--provider") ?? "sqlite", ignoreCase: true);
        var file = Path.Combine(Path.GetTempPath(), $"rapport-bench-{Guid.NewGuid():N}.db");
        var options = new DatabaseOptions
        {
            Provider = provider,
            ConnectionString = provider == DatabaseProvider.Sqlite ? $"Data Source={file}" : Args.Option(args, "--connection")
                ?? throw new ArgumentException("--connection is required for postgres (an empty database)"),
        };

        Console.WriteLine($"demo-load: {customers:N0} customers, seed {seed}, {provider}");
        var watch = Stopwatch.StartNew();
        var data = DemoGenerator.Generate(new DemoOptions { Customers = customers, Seed = seed });
        var generated = watch.Elapsed;
        Console.WriteLine($"  generate: {data.TotalRows:N0} rows in {generated.TotalSeconds:F2} s ({data.TotalRows / generated.TotalSeconds:N0} rows/s)");
        foreach (var (name, _, rows) in data.Tables)
            Console.WriteLine($"    {name,-20} {rows.Cast<object>().LongCount(),12:N0}");

        await using var services = new ServiceCollection().AddLogging().AddRapportData(options).BuildServiceProvider();
        await using (var scope = services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();

        await using (var scope = services.CreateAsyncScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<DemoInstaller>().InstallAsync(data, new ConsoleLines(line => Console.WriteLine($"    {line}")));
            Console.WriteLine($"  load:     {result.Rows:N0} rows in {result.Elapsed.TotalSeconds:F2} s = {result.RowsPerSecond:N0} rows/s");
        }
        Console.WriteLine($"  peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024):N0} MiB");
        if (provider == DatabaseProvider.Sqlite)
        {
            Console.WriteLine($"  database file: {new FileInfo(file).Length / (1024 * 1024):N0} MiB");
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(file + suffix);
        }
        return 0;
    }

}
