using Microsoft.Extensions.Configuration;

namespace Rapport.Cli;

/// <summary>
/// The same settings the server reads: appsettings.json (next to the program, then in the working
/// folder) and environment variables such as Rapport__Database__Provider.
/// </summary>
internal static class CliConfiguration
{
    public static IConfiguration Load() => new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
        .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
        .AddEnvironmentVariables()
        .Build();
}
