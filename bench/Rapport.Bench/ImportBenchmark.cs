using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Core.Import;
using Rapport.Data;
using Rapport.Data.Import;

namespace Rapport.Bench;

/// <summary>
/// Issue 6's import benchmark: an order-line file in the Online Retail layout (default 1,000,000 lines) imported into a
/// fresh SQLite database through `rapport import orders`' service (target ≥ 100,000 rows/s, memory flat in the file size).
/// </summary>
internal static class ImportBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var lines = long.Parse(Args.Option(args, "--lines") ?? "1000000", CultureInfo.InvariantCulture);
        var customers = int.Parse(Args.Option(args, "--customers") ?? "50000", CultureInfo.InvariantCulture);
        var csv = Args.Option(args, "--file") ?? Path.Combine(Path.GetTempPath(), $"rapport-bench-retail-{lines}.csv");
        if (!File.Exists(csv)) WriteRetailFile(csv, lines, customers);
        var database = Path.Combine(Path.GetTempPath(), $"rapport-bench-import-{Guid.NewGuid():N}.db");
        var options = new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={database}" };
        Console.WriteLine($"import: {csv} ({new FileInfo(csv).Length / (1024 * 1024):N0} MiB, {lines:N0} lines) into SQLite");

        await using var services = new ServiceCollection().AddLogging().AddRapportData(options).BuildServiceProvider();
        await using (var scope = services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        var before = Process.GetCurrentProcess().WorkingSet64;
        await using (var scope = services.CreateAsyncScope())
        {
            var watch = Stopwatch.StartNew();
            var result = await scope.ServiceProvider.GetRequiredService<ImportService>()
                .ImportAsync(new ImportRequest(ImportKind.Orders, csv) { Source = "retail" }, new ConsoleLines(l => Console.WriteLine($"    {l} ({watch.Elapsed.TotalSeconds:F1} s)")));
            var s = result.Summary;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  imported {s.RowsLoaded:N0} of {s.RowsRead:N0} rows ({s.RowsRejected:N0} rejected) in {watch.Elapsed.TotalSeconds:F2} s = {s.RowsRead / watch.Elapsed.TotalSeconds:N0} rows/s"));
            Console.WriteLine("  created: " + string.Join(", ", s.Created.Select(c => $"{c.Value:N0} {c.Key}")));
        }
        Console.WriteLine($"  working set before {before / (1024 * 1024):N0} MiB, peak {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024):N0} MiB");
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(database + suffix);
        return 0;
    }

    /// <summary>Invoices of 1–16 lines for customers with skewed activity over two years; 0.5 % of lines lack a customer (rejected, as in the real file).</summary>
    private static void WriteRetailFile(string path, long lines, int customers)
    {
        var random = new Random(7);
        using var writer = new StreamWriter(path, false, new System.Text.UTF8Encoding(false), 1 << 20);
        writer.Write("InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n");
        var start = new DateTime(2022, 1, 1, 8, 0, 0);
        long written = 0;
        for (var invoice = 100000; written < lines; invoice++)
        {
            var customer = (int)(customers * Math.Pow(random.NextDouble(), 1.8)) + 10000;
            var at = start.AddMinutes(invoice - 100000).ToString("M/d/yyyy H:mm", CultureInfo.InvariantCulture);
            var count = Math.Min(random.Next(1, 17), lines - written);
            for (var l = 0; l < count; l++, written++)
            {
                var item = random.Next(4000);
                var price = (0.29 + item % 97 * 0.5).ToString("0.00", CultureInfo.InvariantCulture);
                var who = random.Next(200) == 0 ? "" : customer.ToString(CultureInfo.InvariantCulture);
                writer.Write($"{invoice},{20000 + item},PRODUCT {item} DESCRIPTION,{random.Next(1, 25)},{at},{price},{who},United Kingdom\n");
            }
        }
    }
}
