using Microsoft.Extensions.Options;

namespace Rapport.Web.Features.Service;

/// <summary>Polls the configured drop folder for .eml files (<see cref="EmailTicketImporter"/>); off when no folder is set.</summary>
public sealed class EmailDropFolderService(IServiceScopeFactory scopes, IOptions<ServiceDeskOptions> options, IHostEnvironment environment,
    ILogger<EmailDropFolderService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var drop = options.Value.EmailDrop;
        if (string.IsNullOrWhiteSpace(drop.Folder)) return;
        var folder = Path.GetFullPath(drop.Folder, environment.ContentRootPath);
        log.LogInformation("Watching {Folder} for e-mailed tickets.", folder);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, drop.PollSeconds)));
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<EmailTicketImporter>().ImportFolderAsync(folder, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A bad poll (folder gone, database down) must not end the service; the next poll tries again.
                log.LogError(ex, "E-mail drop folder poll failed.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
