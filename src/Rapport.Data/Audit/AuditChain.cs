using System.Globalization;
using Microsoft.EntityFrameworkCore;
using System.Security.Cryptography;
using System.Text;
using Rapport.Core.Domain;

namespace Rapport.Data.Audit;

/// <summary>
/// The tamper-evident link between audit entries: each entry's hash covers its own fields and the previous entry's
/// hash, so changing or removing any entry breaks every hash after it.
/// </summary>
public static class AuditChain
{
    /// <summary>Times are hashed and stored at microsecond precision, the finest PostgreSQL keeps.</summary>
    public static DateTime Truncate(DateTime utc) => new(utc.Ticks - utc.Ticks % 10, DateTimeKind.Utc);

    /// <summary>SHA-256 (lower-case hex) of the entry's canonical text: fields separated by a unit separator.</summary>
    public static string ComputeHash(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var canonical = string.Join('\u001f',
            entry.Sequence.ToString(CultureInfo.InvariantCulture),
            entry.OccurredAt.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture),
            entry.UserId?.ToString(CultureInfo.InvariantCulture) ?? "",
            entry.UserName ?? "",
            entry.Action.ToString(),
            entry.EntityType,
            entry.EntityId ?? "",
            entry.Changes ?? "",
            entry.RemoteAddress ?? "",
            entry.PreviousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>
    /// The last entry of the chain, read inside the writing transaction. SQLite already holds its single write lock
    /// once the transaction has written; PostgreSQL takes a transaction-scoped advisory lock so that concurrent
    /// writers queue for the head instead of forking the chain (the unique sequence index is the last line of defence).
    /// </summary>
    internal static async Task<(long Sequence, string Hash)> HeadAsync(DbContext context, CancellationToken ct)
    {
        if (context.Database.IsNpgsql())
            await context.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(7261001)", ct);
        var head = await context.Set<AuditEntry>().AsNoTracking().OrderByDescending(a => a.Sequence)
            .Select(a => new { a.Sequence, a.Hash }).FirstOrDefaultAsync(ct);
        return head is null ? (0, "") : (head.Sequence, head.Hash);
    }

    /// <summary>Places <paramref name="entry"/> after the entry with <paramref name="previousSequence"/> and <paramref name="previousHash"/>.</summary>
    public static void Link(AuditEntry entry, long previousSequence, string previousHash)
    {
        entry.OccurredAt = Truncate(entry.OccurredAt);
        entry.Sequence = previousSequence + 1;
        entry.PreviousHash = previousHash;
        entry.Hash = ComputeHash(entry);
    }
}
