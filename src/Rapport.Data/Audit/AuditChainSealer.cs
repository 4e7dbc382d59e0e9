using Microsoft.EntityFrameworkCore;

namespace Rapport.Data.Audit;

/// <summary>
/// Links audit entries that were written before the hash chain existed (their hash is empty after the upgrade
/// migration): once, at start-up, the whole log is numbered 1…n in its existing order, hashed and anchored
/// (<see cref="AuditAnchors"/>). A database that has been anchored is never sealed again.
/// </summary>
internal static class AuditChainSealer
{
    public static async Task SealAsync(RapportDb db, CancellationToken ct)
    {
        if (!await db.AuditEntries.AnyAsync(a => a.Hash == "", ct)) return;
        // Once anchored, a blanked hash is tampering for the verifier to report, not a log to seal again.
        if (await AuditAnchors.EverAnchoredAsync(db, ct)) return;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var entries = await db.AuditEntries.OrderBy(a => a.Sequence).ThenBy(a => a.Id).ToListAsync(ct);
        // Two steps, so that renumbering never collides with the unique index on the sequence.
        for (var i = 0; i < entries.Count; i++) entries[i].Sequence = -(i + 1);
        await db.SaveChangesAsync(ct);
        var previous = "";
        for (var i = 0; i < entries.Count; i++)
        {
            AuditChain.Link(entries[i], i, previous);
            previous = entries[i].Hash;
        }
        if (entries.Count > 0) await AuditAnchors.ResetAsync(db, entries[^1].Sequence, previous, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }
}
