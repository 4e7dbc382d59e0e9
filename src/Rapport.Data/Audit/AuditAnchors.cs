using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Rapport.Core.Domain;
using Rapport.Data.Security;

namespace Rapport.Data.Audit;

/// <summary>
/// Keeps the chain's head (sequence + hash, HMAC-signed) in <c>audit_anchors</c>, moved in the same transaction as every
/// entry written, so that removing the newest entries — which leaves a shorter chain that still links — is detected.
/// The anchor only moves on from the head it signed: once the log and the anchor disagree (entries deleted, the anchor
/// rewritten or removed) it stays where it is, so later writes cannot wash the evidence out. Raw SQL keeps it out of
/// change tracking (and so out of the audit it guards).
/// </summary>
public static class AuditAnchors
{
    private const long AnchorId = 1;

    /// <summary>Moves the anchor from the head the new entries were linked to (<paramref name="fromSequence"/>, <paramref name="fromHash"/>) to the new head.</summary>
    public static async Task MoveAsync(DbContext db, long fromSequence, string fromHash, long toSequence, string toHash, CancellationToken ct)
    {
        var existingKey = await SecretKeys.FindAsync(db, SecretKeys.AuditAnchor, ct);
        var anchor = await ReadAsync(db, ct);
        if (existingKey is null && anchor is null)
        {
            // First use on this database: the log so far is trusted as it stands.
            await WriteAsync(db, toSequence, toHash, ct);
            return;
        }
        if (existingKey is null || anchor is null) return; // key or anchor deleted: leave the evidence for the verifier
        if (anchor.Sequence == fromSequence && anchor.Hash == fromHash && Signed(existingKey, anchor))
            await WriteAsync(db, toSequence, toHash, ct);
    }

    /// <summary>Anchors the head as it is, whatever the anchor said: only for the one-time sealing of a log from before anchoring.</summary>
    internal static Task ResetAsync(DbContext db, long sequence, string hash, CancellationToken ct) => WriteAsync(db, sequence, hash, ct);

    private static async Task WriteAsync(DbContext db, long sequence, string hash, CancellationToken ct)
    {
        var key = await SecretKeys.GetOrCreateAsync(db, SecretKeys.AuditAnchor, ct);
        var signature = Sign(key, sequence, hash);
        var now = DateTime.UtcNow;
        var updated = await db.Database.ExecuteSqlAsync(
            $"UPDATE audit_anchors SET sequence = {sequence}, hash = {hash}, signature = {signature}, updated_at = {now} WHERE id = {AnchorId}", ct);
        if (updated == 0)
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO audit_anchors (id, sequence, hash, signature, updated_at) VALUES ({AnchorId}, {sequence}, {hash}, {signature}, {now})", ct);
    }

    /// <summary>The stored anchor, or null when none has been written yet (an empty or pre-anchor log).</summary>
    public static Task<AuditAnchor?> ReadAsync(DbContext db, CancellationToken ct)
        => db.Set<AuditAnchor>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == AnchorId, ct);

    /// <summary>Whether the anchor carries a valid signature (false when the key is gone too).</summary>
    public static async Task<bool> IsSignedAsync(DbContext db, AuditAnchor anchor, CancellationToken ct)
        => await SecretKeys.FindAsync(db, SecretKeys.AuditAnchor, ct) is { } key && Signed(key, anchor);

    /// <summary>Whether this database has ever been anchored (its anchor key exists).</summary>
    public static async Task<bool> EverAnchoredAsync(DbContext db, CancellationToken ct)
        => await SecretKeys.FindAsync(db, SecretKeys.AuditAnchor, ct) is not null;

    /// <summary>
    /// Anchors a log written before anchoring existed, once: only while no anchor key exists, so that deleting the
    /// anchor row later is reported by the verifier instead of being silently re-created at the next start.
    /// </summary>
    public static async Task AnchorUnanchoredLogAsync(RapportDb db, CancellationToken ct)
    {
        if (await EverAnchoredAsync(db, ct)) return;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var head = await AuditChain.HeadAsync(db, ct);
        await ResetAsync(db, head.Sequence, head.Hash, ct);
        await transaction.CommitAsync(ct);
    }

    private static bool Signed(byte[] key, AuditAnchor anchor)
        => string.Equals(Sign(key, anchor.Sequence, anchor.Hash), anchor.Signature, StringComparison.Ordinal);

    private static string Sign(byte[] key, long sequence, string hash)
        => SecretKeys.Hmac(key, sequence.ToString(CultureInfo.InvariantCulture) + "|" + hash);
}
