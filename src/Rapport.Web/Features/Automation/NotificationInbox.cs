using Microsoft.EntityFrameworkCore;
using Rapport.Core.Automation;
using Rapport.Data;

namespace Rapport.Web.Features.Automation;

/// <summary>A user's in-app notifications (written by the "send a notification" action): the bell in the app bar.</summary>
public sealed class NotificationInbox(IDbContextFactory<RapportDb> databases, TimeProvider clock)
{
    public async Task<(int Unread, IReadOnlyList<Notification> Latest)> ForAsync(long userId, int take = 10, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var unread = await db.Notifications.CountAsync(n => n.UserId == userId && n.ReadAt == null, ct);
        var latest = await db.Notifications.AsNoTracking().Where(n => n.UserId == userId).OrderByDescending(n => n.Id).Take(take).ToListAsync(ct);
        return (unread, latest);
    }

    public async Task MarkAllReadAsync(long userId, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Notifications.Where(n => n.UserId == userId && n.ReadAt == null).ExecuteUpdateAsync(u => u.SetProperty(n => n.ReadAt, now), ct);
    }
}
