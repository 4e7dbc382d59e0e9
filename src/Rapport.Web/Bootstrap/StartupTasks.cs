using Microsoft.EntityFrameworkCore;
using Rapport.Data;
using Rapport.Web.Features.Sales;

namespace Rapport.Web.Bootstrap;

/// <summary>What <see cref="RapportWebApp.InitializeAsync"/> does, in order.</summary>
internal static class StartupTasks
{
    public static async Task<StartupReport> RunAsync(IServiceProvider services, DemoSetup? demo, CancellationToken ct)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Rapport.Startup");
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;

        await sp.GetRequiredService<DatabaseInitializer>().InitializeAsync(ct);
        logger.LogInformation("Database is at the current schema ({Provider}).", sp.GetRequiredService<DatabaseOptions>().Provider);

        var (demoLoaded, demoRows) = (false, 0L);
        if (demo is not null)
        {
            if (await sp.GetRequiredService<RapportDb>().Customers.AnyAsync(ct))
            {
                logger.LogInformation("The database already holds customers; demo data is not loaded again.");
            }
            else
            {
                demoRows = await DemoBootstrap.LoadAsync(sp, demo, logger, ct);
                demoLoaded = true;
            }
        }

        // After the demo (which brings its own pipeline): a default pipeline for new deals, whatever the data.
        await DefaultPipeline.EnsureAsync(sp.GetRequiredService<RapportDb>(), ct);

        var admin = await AdminAccount.EnsureAsync(sp, ct);
        return new StartupReport(demoLoaded, demoRows, admin?.UserName, admin?.OneTimePassword);
    }
}
