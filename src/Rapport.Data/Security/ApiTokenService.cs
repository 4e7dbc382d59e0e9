using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Rapport.Core.Domain;
using Rapport.Core.Security;

namespace Rapport.Data.Security;

/// <summary>A token as validated: its owner and the permissions it may use now.</summary>
public sealed record ApiTokenIdentity(long TokenId, long UserId, string UserName, IReadOnlyList<string> Permissions);

/// <summary>
/// Creates, validates and revokes API tokens. A token is "rpt_" + 32 random bytes (base64url); the database keeps
/// only its SHA-256, so a stolen database gives no working token. A token's permissions are its scopes that its owner's
/// roles still grant, checked at every use, so taking a role away also narrows the owner's tokens.
/// </summary>
public sealed class ApiTokenService(RapportDb db)
{
    public const string TokenPrefix = "rpt_";

    /// <summary>Creates a token and returns it in clear, once.</summary>
    public async Task<(string Token, ApiToken Record)> CreateAsync(string userName, string name, IReadOnlyCollection<string> scopes, TimeSpan lifetime, DateTime now, CancellationToken ct = default)
    {
        if (lifetime <= TimeSpan.Zero || lifetime > TimeSpan.FromDays(366)) throw new ArgumentException("A token lives between a moment and a year.");
        var user = await db.Users.SingleOrDefaultAsync(u => u.UserName == userName, ct) ?? throw new ArgumentException($"No user '{userName}'.");
        var unknown = scopes.Where(s => !Permissions.All.Contains(s)).ToList();
        if (unknown.Count > 0) throw new ArgumentException($"Unknown permission(s): {string.Join(", ", unknown)} (known: {string.Join(", ", Permissions.All)}).");
        var roles = await RolesOfAsync(user.Id, ct);
        var beyond = scopes.Where(s => !Grants(roles, s)).ToList();
        if (beyond.Count > 0) throw new ArgumentException($"User '{userName}' does not hold {string.Join(", ", beyond)}; a token cannot carry more than its owner.");

        var token = TokenPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var record = new ApiToken
        {
            UserId = user.Id, Name = name, Prefix = token[..12], Hash = HashOf(token), Scopes = string.Join(' ', scopes.Distinct()),
            CreatedAt = now, ExpiresAt = now + lifetime,
        };
        db.ApiTokens.Add(record);
        await db.SaveChangesAsync(ct);
        return (token, record);
    }

    /// <summary>The token's identity, or null when it is unknown, expired or revoked.</summary>
    public async Task<ApiTokenIdentity?> ValidateAsync(string token, DateTime now, CancellationToken ct = default)
    {
        if (!token.StartsWith(TokenPrefix, StringComparison.Ordinal) || token.Length > 100) return null;
        var hash = HashOf(token);
        var record = await db.ApiTokens.AsNoTracking().SingleOrDefaultAsync(t => t.Hash == hash, ct);
        if (record is null || record.RevokedAt is not null || record.ExpiresAt <= now) return null;
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == record.UserId, ct);
        if (user is null || (user.LockoutEnd is { } end && end > now)) return null;
        var roles = await RolesOfAsync(user.Id, ct);
        var permissions = record.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(s => Grants(roles, s)).ToList();
        return new ApiTokenIdentity(record.Id, user.Id, user.UserName ?? "", permissions);
    }

    /// <summary>Revokes a token; true when it existed and was live.</summary>
    public async Task<bool> RevokeAsync(long id, DateTime now, CancellationToken ct = default)
    {
        var record = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == id, ct);
        if (record is null || record.RevokedAt is not null) return false;
        record.RevokedAt = now;
        await db.SaveChangesAsync(ct);
        return true;
    }

    public Task<List<ApiToken>> ListAsync(CancellationToken ct = default) => db.ApiTokens.AsNoTracking().OrderBy(t => t.Id).ToListAsync(ct);

    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Every permission the user's roles grant (what a password-bought token carries).</summary>
    public async Task<List<string>> PermissionsOfAsync(long userId, CancellationToken ct = default)
    {
        var roles = await RolesOfAsync(userId, ct);
        return Permissions.All.Where(p => Grants(roles, p)).ToList();
    }

    private Task<List<string>> RolesOfAsync(long userId, CancellationToken ct) =>
        (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == userId select r.Name!).ToListAsync(ct);

    private static bool Grants(List<string> roles, string permission) =>
        permission == Permissions.OwnAccount || roles.Any(r => RolePermissions.Grants(r, permission));
}
