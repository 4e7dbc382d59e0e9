using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Rapport.Core.Auditing;
using Rapport.Core.Automation;
using Rapport.Core.Domain;
using Rapport.Data.Automation;
using Rapport.Data.Model;

namespace Rapport.Data.Audit;

/// <summary>
/// The one audit hook every tracked write passes: each created, changed or deleted domain record gets an
/// <see cref="AuditEntry"/> in the same transaction, with before/after values and personal values masked, linked
/// into the hash chain (<see cref="AuditChain"/>). (Bulk loads are audited by their <see cref="ImportBatch"/> instead.)
/// </summary>
/// <remarks>
/// The same change detection also feeds automation: a created or changed customer, deal or ticket adds an
/// <see cref="AutomationEvent"/> to the outbox in that transaction (<see cref="RecordEvents"/>), and
/// <see cref="RecordEventSignal"/> wakes the worker once it is committed.
/// </remarks>
public sealed class AuditInterceptor(IAuditActorAccessor actors, TimeProvider clock, RecordEventSignal? events = null) : SaveChangesInterceptor
{
    private const string Masked = "***";
    private static readonly HashSet<string> SecretProperties =
        [nameof(User.PasswordHash), nameof(User.SecurityStamp), nameof(User.ConcurrencyStamp), nameof(ApiToken.Hash), nameof(WebhookSubscription.Secret)];

    // Work in flight per context; contexts are not shared between threads, so a plain dictionary under a lock is enough.
    private readonly Dictionary<DbContext, Pending> _pending = new(ReferenceEqualityComparer.Instance);

    private sealed record Pending(List<(EntityEntry Entry, AuditAction Action, Dictionary<string, object?> Changes)> Items,
        IDbContextTransaction? OwnTransaction);

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData,
        InterceptionResult<int> result, CancellationToken ct = default)
    {
        var context = eventData.Context;
        if (context is null || IsFlushingAudit(context)) return result;
        var items = Collect(context);
        if (items.Count == 0) return result;
        var transaction = context.Database.CurrentTransaction is null ? await context.Database.BeginTransactionAsync(ct) : null;
        lock (_pending) _pending[context] = new Pending(items, transaction);
        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
        => SavingChangesAsync(eventData, result).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken ct = default)
    {
        var context = eventData.Context;
        if (context is null || !TryTake(context, out var pending)) return result;
        var actor = actors.Current;
        var now = clock.GetUtcNow().UtcDateTime;
        var (lastSequence, lastHash) = await AuditChain.HeadAsync(context, ct);
        var (headSequence, headHash) = (lastSequence, lastHash);
        var outbox = 0;
        foreach (var (entry, action, changes) in pending.Items)
        {
            if (RecordEvents.For(entry, action, changes, now) is { } recordEvent) { context.Add(recordEvent); outbox++; }
            var audit = new AuditEntry
            {
                OccurredAt = now,
                UserId = actor.UserId,
                UserName = actor.UserName,
                RemoteAddress = actor.RemoteAddress,
                Action = action,
                EntityType = entry.Metadata.ClrType.Name,
                EntityId = KeyOf(entry),
                Changes = JsonSerializer.Serialize(changes),
            };
            AuditChain.Link(audit, lastSequence, lastHash);
            (lastSequence, lastHash) = (audit.Sequence, audit.Hash);
            context.Add(audit);
        }
        await AuditAnchors.MoveAsync(context, headSequence, headHash, lastSequence, lastHash, ct);
        await context.SaveChangesAsync(ct);
        if (pending.OwnTransaction is not null)
        {
            await pending.OwnTransaction.CommitAsync(ct);
            await pending.OwnTransaction.DisposeAsync();
        }
        // Inside someone else's transaction the event is only visible at their commit; the worker's poll picks it up then.
        if (outbox > 0) events?.Pulse();
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
        => SavedChangesAsync(eventData, result).AsTask().GetAwaiter().GetResult();

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken ct = default)
    {
        if (eventData.Context is { } context && TryTake(context, out var pending) && pending.OwnTransaction is not null)
        {
            await pending.OwnTransaction.RollbackAsync(ct);
            await pending.OwnTransaction.DisposeAsync();
        }
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
        => SaveChangesFailedAsync(eventData).GetAwaiter().GetResult();

    private bool TryTake(DbContext context, out Pending pending)
    {
        lock (_pending)
        {
            if (_pending.Remove(context, out var found)) { pending = found; return true; }
        }
        pending = null!;
        return false;
    }

    /// <summary>The second save that writes the audit rows themselves must not be audited again.</summary>
    private static bool IsFlushingAudit(DbContext context)
        => context.ChangeTracker.Entries().All(e => e.State == EntityState.Unchanged || e.State == EntityState.Detached || e.Entity is AuditEntry or AutomationEvent);

    private static List<(EntityEntry, AuditAction, Dictionary<string, object?>)> Collect(DbContext context)
    {
        var items = new List<(EntityEntry, AuditAction, Dictionary<string, object?>)>();
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (!IsAudited(entry.Metadata.ClrType)) continue;
            var action = entry.State switch
            {
                EntityState.Added => AuditAction.Create,
                EntityState.Modified => AuditAction.Update,
                EntityState.Deleted => AuditAction.Delete,
                _ => (AuditAction?)null,
            };
            if (action is null) continue;
            items.Add((entry, action.Value, Describe(entry, action.Value)));
        }
        return items;
    }

    private static bool IsAudited(Type type)
        => type.Namespace == typeof(Customer).Namespace && type != typeof(AuditEntry) && type != typeof(AuditAnchor) && type != typeof(SecretKey);

    private static Dictionary<string, object?> Describe(EntityEntry entry, AuditAction action)
    {
        var changes = new Dictionary<string, object?>();
        foreach (var property in entry.Properties)
        {
            var metadata = property.Metadata;
            if (action == AuditAction.Update && !property.IsModified) continue;
            if (action != AuditAction.Update && metadata.IsPrimaryKey()) continue;
            var hide = metadata.IsPersonal() || SecretProperties.Contains(metadata.Name);
            object? Show(object? v) => v is null ? null : hide ? Masked : v;
            changes[metadata.Name] = action switch
            {
                AuditAction.Create => new { after = Show(property.CurrentValue) },
                AuditAction.Delete => new { before = Show(property.OriginalValue) },
                _ => new { before = Show(property.OriginalValue), after = Show(property.CurrentValue) },
            };
        }
        return changes;
    }

    private static string? KeyOf(EntityEntry entry)
    {
        var key = entry.Metadata.FindPrimaryKey();
        return key is null ? null : string.Join(",", key.Properties.Select(p => entry.Property(p.Name).CurrentValue));
    }
}
