using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Rapport.Core.Domain;

namespace Rapport.Data.Security;

/// <summary>
/// Random 256-bit keys the application keeps by name in <c>secret_keys</c>, created on first use. They are read through
/// the caller's context, so inside a writing transaction no second connection waits for the write lock.
/// </summary>
public static class SecretKeys
{
    /// <summary>Signs the audit chain's head (<see cref="AuditAnchor"/>).</summary>
    public const string AuditAnchor = "audit-anchor";
    /// <summary>Keys the pseudonymous customer ids analysts get.</summary>
    public const string Pseudonyms = "pseudonyms";

    /// <summary>The key, or null when it was never created.</summary>
    public static async Task<byte[]?> FindAsync(DbContext db, string name, CancellationToken ct = default)
    {
        var stored = await db.Set<SecretKey>().AsNoTracking().Where(k => k.Name == name).Select(k => k.Value).FirstOrDefaultAsync(ct);
        return stored is null ? null : Convert.FromBase64String(stored);
    }

    public static async Task<byte[]> GetOrCreateAsync(DbContext db, string name, CancellationToken ct = default)
    {
        var set = db.Set<SecretKey>();
        var stored = await set.AsNoTracking().Where(k => k.Name == name).Select(k => k.Value).FirstOrDefaultAsync(ct);
        if (stored is not null) return Convert.FromBase64String(stored);
        var key = RandomNumberGenerator.GetBytes(32);
        // Raw SQL, not a tracked Add: this may run inside the audit interceptor's own save.
        var value = Convert.ToBase64String(key);
        var now = DateTime.UtcNow;
        var created = await db.Database.ExecuteSqlAsync(
            $"INSERT INTO secret_keys (name, value, created_at) VALUES ({name}, {value}, {now}) ON CONFLICT DO NOTHING", ct);
        if (created == 1) return key;
        return Convert.FromBase64String(await set.AsNoTracking().Where(k => k.Name == name).Select(k => k.Value).FirstAsync(ct));
    }

    /// <summary>HMAC-SHA256 of <paramref name="text"/>, lower-case hex.</summary>
    public static string Hmac(byte[] key, string text) => Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(text)));
}
