using Rapport.Data.Automation;

namespace Rapport.Web.Features.Automation;

/// <summary>
/// The background service: scans SLA and schedule triggers now and then, turns outbox events into runs and webhook
/// deliveries, carries out due runs and sends due deliveries; woken early by <see cref="RecordEventSignal"/>.
/// </summary>
/// <remarks>One worker per process; several app instances on one database would process the same rows (not supported yet).</remarks>
public sealed class AutomationWorker(IServiceProvider services, AutomationOptions options, RecordEventSignal signal, TimeProvider clock,
    ILogger<AutomationWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled) return;
        var nextScan = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (clock.GetUtcNow() >= nextScan)
                {
                    await services.GetRequiredService<AutomationScanners>().ScanAsync(stoppingToken);
                    nextScan = clock.GetUtcNow().AddSeconds(options.ScanSeconds);
                }
                // Keep going while there is work; then sleep until the next poll or a pulse.
                while (await OneRoundAsync(stoppingToken) > 0 && !stoppingToken.IsCancellationRequested) { }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                log.LogError(e, "Automation round failed; trying again at the next poll");
            }
            try { await signal.WaitAsync(TimeSpan.FromSeconds(options.PollSeconds), stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>One pass over events, due runs and due deliveries; returns how much was done.</summary>
    public async Task<int> OneRoundAsync(CancellationToken ct)
        => await services.GetRequiredService<AutomationDispatcher>().DispatchAsync(ct)
           + await services.GetRequiredService<AutomationRunExecutor>().RunDueAsync(ct)
           + await services.GetRequiredService<WebhookDeliverer>().SendDueAsync(ct);
}
