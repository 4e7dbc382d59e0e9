using Rapport.Web;

// Standalone host (`dotnet run --project src/Rapport.Web -- --demo`); the `rapport serve` command does the same.
// "--demo" is a switch, not configuration: left in, the command-line configuration would take the next argument
// as its value (`--demo --urls http://…` would lose the URL).
var demo = args.Contains("--demo");
var app = RapportWebApp.Build(args.Where(a => a != "--demo").ToArray());
var report = await RapportWebApp.InitializeAsync(app, demo ? new DemoSetup() : null);
if (report.DemoLoaded) Console.WriteLine($"Demo data loaded: {report.DemoRows:N0} rows.");
if (report.AdminOneTimePassword is not null)
{
    Console.WriteLine();
    Console.WriteLine($"  Administrator account created: user name '{report.AdminUserName}', one-time password: {report.AdminOneTimePassword}");
    Console.WriteLine("  It is shown only this once; you must choose a new password at first sign-in.");
    Console.WriteLine();
}
await app.RunAsync();

// Internal, so that it never clashes with the Program of a host that references this project (the CLI).
internal partial class Program;
