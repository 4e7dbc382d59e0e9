using Rapport.Core.Demo;
using Rapport.Data;

namespace Rapport.Web.Bootstrap;

/// <summary>Generates the demo retailer and installs it (the same path as `rapport demo --load`).</summary>
internal static class DemoBootstrap
{
    public static async Task<long> LoadAsync(IServiceProvider services, DemoSetup demo, ILogger logger, CancellationToken ct)
    {
        logger.LogInformation("Generating demo data: {Customers:N0} customers, seed {Seed}.", demo.Customers, demo.Seed);
        var progress = new LogProgress(logger);
        var result = await services.GetRequiredService<DemoInstaller>()
            .GenerateAndInstallAsync(new DemoOptions { Customers = demo.Customers, Seed = demo.Seed }, progress, ct);
        logger.LogInformation("Demo data loaded: {Rows:N0} rows in {Seconds:0.0} s.", result.Rows, result.Elapsed.TotalSeconds);
        return result.Rows;
    }

    /// <summary>Logs each step as it happens (Progress&lt;T&gt; would post them to the thread pool out of order).</summary>
    private sealed class LogProgress(ILogger logger) : IProgress<string>
    {
        public void Report(string value) => logger.LogInformation("Demo load: {Progress}", value);
    }
}
