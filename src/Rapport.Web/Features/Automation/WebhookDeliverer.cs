using Microsoft.EntityFrameworkCore;
using Rapport.Core.Automation;
using Rapport.Data;

namespace Rapport.Web.Features.Automation;

/// <summary>
/// Sends due webhook deliveries. Every attempt is a row of the delivery log (status code, duration, attempt, error);
/// a failed attempt schedules the next one after the backoff until out of attempts.
/// </summary>
public sealed class WebhookDeliverer(IDbContextFactory<RapportDb> databases, WebhookSender sender, WebhookSecrets secrets, AutomationOptions options, TimeProvider clock)
{
    private const int Batch = 50;

    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await databases.CreateDbContextAsync(ct);
        var due = await db.WebhookDeliveries.Where(d => d.Status == WebhookDeliveryStatus.Pending && d.DueAt <= now)
            .OrderBy(d => d.DueAt).ThenBy(d => d.Id).Take(Batch).ToListAsync(ct);
        foreach (var delivery in due)
        {
            var subscription = await db.WebhookSubscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == delivery.SubscriptionId, ct);
            var ev = await db.AutomationEvents.AsNoTracking().FirstOrDefaultAsync(e => e.Id == delivery.EventId, ct);
            WebhookAttempt attempt;
            if (subscription is null || ev is null) attempt = new WebhookAttempt(null, 0, "the subscription or event no longer exists");
            else
            {
                var record = await AutomationRecords.FindAsync(db, ev.EntityType, ev.EntityId, ct);
                var body = WebhookPayload.Build(db, ev, record);
                attempt = await sender.PostAsync(subscription.Url, secrets.Reveal(subscription.Secret), ev.Type, $"{delivery.EventId}-{delivery.SubscriptionId}", body, ct);
            }
            var at = clock.GetUtcNow().UtcDateTime;
            delivery.AttemptedAt = at;
            delivery.StatusCode = attempt.StatusCode;
            delivery.DurationMs = attempt.DurationMs;
            delivery.Error = attempt.Error is { Length: > 2000 } e ? e[..2000] : attempt.Error;
            delivery.Status = attempt.Succeeded ? WebhookDeliveryStatus.Succeeded : WebhookDeliveryStatus.Failed;
            if (!attempt.Succeeded && subscription is not null && ev is not null && options.Retries.DelayAfter(delivery.Attempt) is { } delay)
                db.WebhookDeliveries.Add(new WebhookDelivery
                {
                    SubscriptionId = delivery.SubscriptionId, EventId = delivery.EventId, EventType = delivery.EventType, Attempt = delivery.Attempt + 1,
                    Status = WebhookDeliveryStatus.Pending, DueAt = at + delay, CreatedAt = at,
                });
            await db.SaveChangesAsync(ct);
        }
        return due.Count;
    }
}
