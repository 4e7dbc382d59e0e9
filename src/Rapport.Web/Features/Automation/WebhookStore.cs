using Microsoft.EntityFrameworkCore;
using Rapport.Core.Automation;
using Rapport.Core.Domain;
using Rapport.Data;
using Rapport.Web.Features.Common;

namespace Rapport.Web.Features.Automation;

public sealed record WebhookInput(string? Url, List<string>? Events, string? Secret);

/// <summary>A subscription as lists show it: the secret masked.</summary>
public sealed record WebhookView(long Id, string Url, IReadOnlyList<string> Events, bool Enabled, string Secret, DateTime CreatedAt);

/// <summary>Just created: the only time the secret is shown in full.</summary>
public sealed record WebhookCreated(long Id, string Url, IReadOnlyList<string> Events, string Secret);

public sealed record DeliveryView(long Id, long EventId, string EventType, int Attempt, WebhookDeliveryStatus Status, int? StatusCode, long? DurationMs,
    string? Error, DateTime CreatedAt, DateTime DueAt, DateTime? AttemptedAt);

/// <summary>Outgoing webhook subscriptions: create (validated, secret generated unless given), list (masked), delete, delivery log.</summary>
public sealed class WebhookStore(IDbContextFactory<RapportDb> databases, WebhookSecrets secrets, TimeProvider clock)
{
    public async Task<IReadOnlyList<WebhookView>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        return (await db.WebhookSubscriptions.AsNoTracking().OrderBy(s => s.Id).ToListAsync(ct))
            .Select(s => new WebhookView(s.Id, s.Url, s.Events, s.Enabled, WebhookSecrets.Masked, s.CreatedAt)).ToList();
    }

    public async Task<(WebhookCreated? Created, Dictionary<string, string[]> Errors)> CreateAsync(WebhookInput input, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        if (WebhookUrl.Problem(input.Url) is { } problem) errors["url"] = [problem];
        var events = (input.Events ?? []).Select(e => e?.Trim() ?? "").ToList();
        if (events.Count == 0) errors["events"] = ["at least one event is required"];
        for (var i = 0; i < events.Count; i++)
            if (events[i] != "*" && !AutomationTriggers.WebhookEvents.Contains(events[i]))
                errors[$"events[{i}]"] = ["one of *, " + string.Join(", ", AutomationTriggers.WebhookEvents)];
        if (input.Secret is { } given && (given.Trim().Length is < 16 or > 200)) errors["secret"] = ["16 to 200 characters (or leave it out to get a generated one)"];
        if (errors.Count > 0) return (null, errors);

        var secret = string.IsNullOrWhiteSpace(input.Secret) ? WebhookSignature.NewSecret() : input.Secret.Trim();
        var subscription = new WebhookSubscription
        {
            Url = input.Url!.Trim(), Events = events.Distinct().ToList(), Secret = secrets.Protect(secret), CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        await using var db = await databases.CreateDbContextAsync(ct);
        db.WebhookSubscriptions.Add(subscription);
        await db.SaveChangesAsync(ct);
        return (new WebhookCreated(subscription.Id, subscription.Url, subscription.Events, secret), errors);
    }

    public async Task<bool> DeleteAsync(long id, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var subscription = await db.WebhookSubscriptions.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (subscription is null) return false;
        db.WebhookSubscriptions.Remove(subscription);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>A subscription's delivery attempts, newest first; null when there is no such subscription.</summary>
    public async Task<IReadOnlyList<DeliveryView>?> DeliveriesAsync(long id, int take = 100, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        if (!await db.WebhookSubscriptions.AnyAsync(s => s.Id == id, ct)) return null;
        return await db.WebhookDeliveries.AsNoTracking().Where(d => d.SubscriptionId == id).OrderByDescending(d => d.Id).Take(take)
            .Select(d => new DeliveryView(d.Id, d.EventId, d.EventType, d.Attempt, d.Status, d.StatusCode, d.DurationMs, d.Error, d.CreatedAt, d.DueAt, d.AttemptedAt))
            .ToListAsync(ct);
    }
}
