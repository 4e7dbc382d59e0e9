using System.CommandLine;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Core.Demo;
using Rapport.Data;

namespace Rapport.Cli.Commands;

/// <summary>`rapport demo`: generates the demo retailer with its known truth, writes it to files and/or loads it.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var customers = new Option<int>("--customers") { Description = "Number of customers to generate.", DefaultValueFactory = _ => 2000 };
        customers.Validators.Add(r =>
        {
            var n = r.GetValueOrDefault<int>();
            if (n is < 1 or > 5_000_000) r.AddError($"--customers must be between 1 and 5,000,000 (got {n}).");
        });
        var seed = new Option<int>("--seed") { Description = "Random seed; the same seed gives the same data.", DefaultValueFactory = _ => 42 };
        var outDir = new Option<DirectoryInfo?>("--out") { Description = "Folder for one CSV per entity plus truth.json." };
        var load = new Option<bool>("--load") { Description = "Load the data into the configured database (which must hold no customers)." };
        var duplicates = new Option<double>("--duplicates") { Description = "Also plant duplicate records from a second source for identity resolution, as a share of --customers (e.g. 0.03), plus a third as many look-alikes; truth.json lists them." };
        duplicates.Validators.Add(r =>
        {
            var share = r.GetValueOrDefault<double>();
            if (share is < 0 or > 0.5 || double.IsNaN(share)) r.AddError($"--duplicates must be between 0 and 0.5 (got {share}).");
        });

        var command = new Command("demo", "Generate a realistic demo retailer with known truth (segments, churn, bundles, intents).")
        {
            customers, seed, outDir, load, duplicates,
        };
        command.SetAction(async (parse, ct) =>
        {
            var options = new DemoOptions { Customers = parse.GetValue(customers), Seed = parse.GetValue(seed), DuplicateShare = parse.GetValue(duplicates) };
            var directory = parse.GetValue(outDir);
            var shouldLoad = parse.GetValue(load);
            if (directory is null && !shouldLoad)
                throw new CliInputException("nothing to do: give --out DIR to write files, --load to load the database, or both.");
            return await RunAsync(options, directory, shouldLoad, ct);
        });
        return command;
    }

    private static async Task<int> RunAsync(DemoOptions options, DirectoryInfo? directory, bool load, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var data = DemoGenerator.Generate(options);
        Console.WriteLine($"Generated {data.TotalRows:N0} rows for {options.Customers:N0} customers (seed {options.Seed}) in {watch.Elapsed.TotalSeconds:F1} s.");

        if (directory is not null)
        {
            DemoFiles.Write(data, directory.FullName);
            Console.WriteLine($"Wrote CSV files and truth.json to {directory.FullName}");
        }
        if (!load) return ExitCodes.Ok;

        await using var services = new ServiceCollection().AddLogging().AddRapportData(CliConfiguration.Load()).BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(ct);
        try
        {
            var result = await ConsoleProgress.RunAsync("Loading the database…",
                progress => scope.ServiceProvider.GetRequiredService<DemoInstaller>().InstallAsync(data, progress, ct));
            Console.WriteLine($"Loaded {result.Rows:N0} rows in {result.Elapsed.TotalSeconds:F1} s ({result.RowsPerSecond:N0} rows/s).");
            return ExitCodes.Ok;
        }
        catch (DatabaseNotEmptyException ex)
        {
            throw new CliInputException(ex.Message);
        }
    }
}
