using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Rapport.Core.Domain;
using Rapport.Core.Marketing;
using Rapport.Data;

namespace Rapport.Web.Features.Marketing;

/// <summary>
/// Sends the due outbox messages through the configured <see cref="IMessageChannel"/>. Right before each send it checks
/// again that the customer is still active (not erased or merged), still consents on the channel for marketing and still
/// has an address: otherwise the message is cancelled and the member suppressed with the reason, never sent. A failed
/// send is retried with backoff (<see cref="OutboxRetry"/>) until the attempts run out, then the message is failed.
/// </summary>
public sealed class OutboxSender(IDbContextFactory<RapportDb> databases, IMessageChannel channel, IOptions<MarketingOptions> options, TimeProvider clock,
    ILogger<OutboxSender> log)
{
    private OutboxRetry Retry => new(Math.Max(1, options.Value.MaxAttempts), TimeSpan.FromSeconds(Math.Max(0, options.Value.RetryBaseSeconds)));

    /// <summary>Processes one batch of due messages (of one campaign, or all); returns how many were handled (sent, failed, retried or cancelled).</summary>
    public async Task<int> ProcessDueAsync(long? campaignId = null, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.OutboxMessages.Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now)
            .Where(m => campaignId == null || m.CampaignId == campaignId)
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id).Take(Math.Max(1, options.Value.BatchSize)).ToListAsync(ct);
        if (due.Count == 0) return 0;
        var customerIds = due.Select(m => m.CustomerId).Distinct().ToList();
        var campaignIds = due.Select(m => m.CampaignId).Distinct().ToList();
        var memberIds = due.Select(m => m.CampaignMemberId).ToList();
        var campaigns = await db.Campaigns.AsNoTracking().Where(c => campaignIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var members = await db.CampaignMembers.Where(m => memberIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, ct);
        var customers = await db.Customers.AsNoTracking().Where(c => customerIds.Contains(c.Id))
            .Select(c => new { c.Id, c.Status, c.MergedIntoId, c.FirstName, c.LastName }).ToDictionaryAsync(c => c.Id, ct);
        var consents = (await db.Consents.AsNoTracking().Where(c => customerIds.Contains(c.CustomerId) && c.Purpose == ConsentPurpose.Marketing).ToListAsync(ct))
            .ToLookup(c => c.CustomerId);
        var addresses = (await db.ContactPoints.AsNoTracking().Where(p => p.CustomerId != null && customerIds.Contains(p.CustomerId!.Value))
                .Select(p => new { CustomerId = p.CustomerId!.Value, p.Kind, p.Value, p.IsPrimary, p.Id }).ToListAsync(ct))
            .ToLookup(p => (p.CustomerId, p.Kind));
        var contents = await RecipientContents.LoadAsync(db, customerIds, ct);

        foreach (var message in due)
        {
            var campaign = campaigns[message.CampaignId];
            var member = members[message.CampaignMemberId];
            customers.TryGetValue(message.CustomerId, out var customer);
            var kind = AudiencePlanner.AddressKindOf(campaign.Channel);
            var address = kind is { } k ? addresses[(message.CustomerId, k)].OrderByDescending(a => a.IsPrimary).ThenBy(a => a.Id).FirstOrDefault()?.Value : "";
            SuppressionReason? stop = customer is null || customer.Status != RecordStatus.Active || customer.MergedIntoId is not null ? SuppressionReason.Erased
                : !AudiencePlanner.ConsentInForce(consents[message.CustomerId], AudiencePlanner.ConsentChannelOf(campaign.Channel)) ? SuppressionReason.ConsentWithdrawn
                : address is null ? SuppressionReason.NoAddress
                : null;
            if (stop is not null)
            {
                message.Status = OutboxStatus.Cancelled;
                message.LastError = $"not sent: {stop}";
                member.Status = CampaignMemberStatus.Suppressed;
                member.SuppressionReason = stop;
                continue;
            }
            message.Attempts++;
            try
            {
                var rendered = MessageTemplate.Render(campaign.Subject, campaign.Template, campaign.Name, contents[message.CustomerId]);
                await channel.SendAsync(new OutgoingMessage(message.Id, campaign.Id, address!, $"{customer!.FirstName} {customer.LastName}".Trim(),
                    rendered.Subject, rendered.Text, rendered.Html), ct);
                var sentAt = clock.GetUtcNow().UtcDateTime;
                message.Status = OutboxStatus.Sent;
                message.SentAt = sentAt;
                message.LastError = null;
                member.Status = CampaignMemberStatus.Sent;
                member.SentAt = sentAt;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                message.LastError = ex.Message.Length > 2000 ? ex.Message[..2000] : ex.Message;
                if (Retry.NextAttempt(message.Attempts, now) is { } next) message.NextAttemptAt = next;
                else
                {
                    message.Status = OutboxStatus.Failed;
                    member.Status = CampaignMemberStatus.Failed;
                }
                log.LogWarning("Campaign message {Message} attempt {Attempt} failed: {Error}", message.Id, message.Attempts, message.LastError);
            }
        }
        await db.SaveChangesAsync(ct);
        return due.Count;
    }
}

/// <summary>Runs the <see cref="OutboxSender"/> every few seconds.</summary>
public sealed class OutboxService(OutboxSender sender, IOptions<MarketingOptions> options, ILogger<OutboxService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(0.2, options.Value.PollSeconds)));
        do
        {
            try
            {
                // Drain: keep going while whole batches come back.
                while (await sender.ProcessDueAsync(null, stoppingToken) >= options.Value.BatchSize) { }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A bad round (database down) must not end the service; the next tick tries again.
                log.LogError(ex, "Outbox round failed.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
