using Rapport.Core.Insights;

namespace Rapport.Web.Features.Insights;

/// <summary>
/// Starts insights refreshes in the background, one at a time per process: the API, the UI and the nightly schedule
/// all come through here, and a second start while one runs is refused (the caller gets the running one's id).
/// </summary>
public sealed class InsightsRunner(IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, ILogger<InsightsRunner> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Task _current = Task.CompletedTask;

    /// <summary>The run in progress in this process, if any.</summary>
    public long? RunningId { get; private set; }

    /// <summary>
    /// Records a new run and starts it in the background; returns it (status running), or null when a refresh is
    /// already running (<see cref="RunningId"/>).
    /// </summary>
    public async Task<InsightRun?> TryStartAsync(string trigger, DateOnly? asOf, CancellationToken ct = default)
    {
        if (!await _gate.WaitAsync(0, ct)) return null;
        AsyncServiceScope? scope = null;
        try
        {
            scope = scopes.CreateAsyncScope();
            var refresher = scope.Value.ServiceProvider.GetRequiredService<InsightsRefresher>();
            var run = await refresher.StartAsync(trigger, asOf, ct);
            RunningId = run.Id;
            var owned = scope.Value;
            scope = null;
            _current = Task.Run(async () =>
            {
                try
                {
                    var done = await refresher.RunAsync(run, new LogProgress(logger, run.Id), lifetime.ApplicationStopping);
                    if (done.Status == InsightRunStatus.Succeeded)
                        logger.LogInformation("Insights run {RunId} ({Trigger}) succeeded; {Skipped} analyses skipped", done.Id, trigger, done.Skipped.Count);
                    else logger.LogError("Insights run {RunId} ({Trigger}) failed: {Error}", done.Id, trigger, done.Error);
                }
                catch (Exception ex)
                {
                    logger.LogError(ex, "Insights run {RunId} could not record its end", run.Id);
                }
                finally
                {
                    RunningId = null;
                    await owned.DisposeAsync();
                    _gate.Release();
                }
            }, CancellationToken.None);
            return run;
        }
        catch
        {
            if (scope is { } s) await s.DisposeAsync();
            RunningId = null;
            _gate.Release();
            throw;
        }
    }

    /// <summary>Completes when the current background run (if any) has finished.</summary>
    public Task WhenIdleAsync() => _current;

    private sealed class LogProgress(ILogger logger, long runId) : IProgress<InsightsProgress>
    {
        public void Report(InsightsProgress value) =>
            logger.LogInformation("Insights run {RunId} [{Number}/{Count}] {Step}: {Message}", runId, value.Number, value.Count, value.Step, value.Message);
    }
}
