using Rapport.Core.Insights;

namespace Rapport.Web.Features.Insights;

/// <summary>
/// Runs the insights refresh every night at <c>Rapport:Insights:NightlyAt</c> (UTC), unless
/// <c>Rapport:Insights:Nightly</c> is false. On start, runs left "running" by a process that stopped are marked failed.
/// </summary>
public sealed class NightlyInsightsService(InsightsRunner runner, IInsightRunStore runs, InsightsOptions options, TimeProvider clock,
    ILogger<NightlyInsightsService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var abandoned = await runs.FailAbandonedAsync("the server stopped before the run finished", stoppingToken);
            if (abandoned > 0) logger.LogWarning("{Count} insights runs left running by a stopped server were marked failed", abandoned);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The database may not be migrated yet on a first start; the schedule must not take the server down.
            logger.LogWarning(ex, "Could not check for abandoned insights runs");
        }
        if (!options.Nightly)
        {
            logger.LogInformation("Nightly insights refresh is off (Rapport:Insights:Nightly = false)");
            return;
        }
        var at = options.NightlyTime();
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            var next = NextRun(now, at);
            logger.LogInformation("Next nightly insights refresh at {Next:u}", next);
            try
            {
                await Task.Delay(next - now, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            try
            {
                var run = await runner.TryStartAsync("nightly", null, stoppingToken);
                if (run is null) logger.LogWarning("Nightly insights refresh skipped: run {RunId} is still in progress", runner.RunningId);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Nightly insights refresh could not start");
            }
        }
    }

    /// <summary>The next instant at <paramref name="at"/> (UTC) strictly after <paramref name="now"/>.</summary>
    public static DateTimeOffset NextRun(DateTimeOffset now, TimeOnly at)
    {
        var today = new DateTimeOffset(DateOnly.FromDateTime(now.UtcDateTime).ToDateTime(at), TimeSpan.Zero);
        return today > now ? today : today.AddDays(1);
    }
}
