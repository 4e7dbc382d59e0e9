using System.CommandLine;
using Rapport.Web;

namespace Rapport.Cli.Commands;

/// <summary>`rapport serve`: runs the web application and API; `--demo` fills an empty database with the demo retailer.</summary>
internal static class ServeCommand
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Description = "Addresses to listen on, separated by ';'.", DefaultValueFactory = _ => DefaultUrls };
        var demo = new Option<bool>("--demo") { Description = "On an empty database, load the demo retailer and create an admin account (its one-time password is printed once)." };
        var customers = new Option<int>("--demo-customers") { Description = "Customers in the demo data.", DefaultValueFactory = _ => 2000 };
        customers.Validators.Add(r =>
        {
            var n = r.GetValueOrDefault<int>();
            if (n is < 1 or > 5_000_000) r.AddError($"--demo-customers must be between 1 and 5,000,000 (got {n}).");
        });
        var seed = new Option<int>("--seed") { Description = "Seed of the demo data.", DefaultValueFactory = _ => 42 };

        var command = new Command("serve", "Run the Rapport web application and REST API.") { urls, demo, customers, seed };
        command.SetAction(async (parse, ct) =>
        {
            var app = RapportWebApp.Build(["--urls", parse.GetValue(urls)!]);
            var setup = parse.GetValue(demo) ? new DemoSetup(parse.GetValue(customers), parse.GetValue(seed)) : null;
            var report = await RapportWebApp.InitializeAsync(app, setup, ct);
            if (report.DemoLoaded) Console.WriteLine($"Demo data loaded: {report.DemoRows:N0} rows.");
            if (report.AdminOneTimePassword is not null)
            {
                Console.WriteLine();
                Console.WriteLine($"  Admin account created. User name: {report.AdminUserName}");
                Console.WriteLine($"  One-time password:   {report.AdminOneTimePassword}");
                Console.WriteLine("  (shown only now; you will be asked to choose a new password at first sign-in)");
                Console.WriteLine();
            }
            await app.StartAsync(ct);
            Console.WriteLine($"Rapport is listening on {string.Join(", ", app.Urls)} (Ctrl+C to stop).");
            await app.WaitForShutdownAsync(ct);
            return ExitCodes.Ok;
        });
        return command;
    }
}
