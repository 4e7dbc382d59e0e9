using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rapport.Core.Auditing;
using Rapport.Core.Domain;

namespace Rapport.Data.Audit;

/// <summary>
/// Audit entries that are not record changes — a read of personal data, an export, an erasure request — written
/// into the same hash chain as the changes the interceptor records.
/// </summary>
public sealed class AuditRecorder(RapportDb db, IAuditActorAccessor actors, TimeProvider clock)
{
    public async Task RecordAsync(AuditAction action, string entityType, string? entityId, object? details = null, CancellationToken ct = default)
    {
        var actor = actors.Current;
        var ownTransaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            var (sequence, hash) = await AuditChain.HeadAsync(db, ct);
            var entry = new AuditEntry
            {
                OccurredAt = clock.GetUtcNow().UtcDateTime, UserId = actor.UserId, UserName = actor.UserName, RemoteAddress = actor.RemoteAddress,
                Action = action, EntityType = entityType, EntityId = entityId, Changes = details is null ? null : JsonSerializer.Serialize(details),
            };
            AuditChain.Link(entry, sequence, hash);
            db.AuditEntries.Add(entry);
            await AuditAnchors.MoveAsync(db, sequence, hash, entry.Sequence, entry.Hash, ct);
            await db.SaveChangesAsync(ct);
            if (ownTransaction is not null) await ownTransaction.CommitAsync(ct);
        }
        finally
        {
            if (ownTransaction is not null) await ownTransaction.DisposeAsync();
        }
    }
}
