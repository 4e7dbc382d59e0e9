using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Rapport.Core.Domain;
using Rapport.Data;

namespace Rapport.Web.Account;

/// <summary>
/// Identity's user store, except that two-factor recovery codes are kept as SHA-256 hashes: Identity's own store keeps
/// them in plain text, and a copy of the database must not be a way past the second step. The codes are random
/// (50 bits from Identity's generator) and work once, so an unsalted fast hash is enough. The TOTP authenticator key
/// must be read back to check codes, so it is encrypted with Data Protection instead (its keys are not in the
/// user-token table); a key stored in clear before this existed is still read, and encrypted when next set.
/// </summary>
internal sealed class RecoveryCodeHashingUserStore(RapportDb context, IDataProtectionProvider protection, IdentityErrorDescriber? describer = null)
    : UserStore<User, Role, RapportDb, long>(context, describer)
{
    private readonly IDataProtector _authenticatorKeys = protection.CreateProtector("Rapport.Identity.AuthenticatorKey.v1");

    /// <summary>Prefix that marks a protected authenticator key (Base32 keys never contain it).</summary>
    internal const string ProtectedPrefix = "dp1:";

    public override Task SetAuthenticatorKeyAsync(User user, string key, CancellationToken cancellationToken)
        => SetTokenAsync(user, StoreProvider, AuthenticatorKeyToken, ProtectedPrefix + _authenticatorKeys.Protect(key), cancellationToken);

    public override async Task<string?> GetAuthenticatorKeyAsync(User user, CancellationToken cancellationToken)
    {
        var stored = await GetTokenAsync(user, StoreProvider, AuthenticatorKeyToken, cancellationToken);
        return stored is not null && stored.StartsWith(ProtectedPrefix, StringComparison.Ordinal)
            ? _authenticatorKeys.Unprotect(stored[ProtectedPrefix.Length..])
            : stored;
    }

    public override Task ReplaceCodesAsync(User user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken = default)
        => base.ReplaceCodesAsync(user, recoveryCodes.Select(Hash), cancellationToken);

    // Not base.RedeemCodeAsync: it saves the remaining codes through ReplaceCodesAsync, which would hash them again.
    public override async Task<bool> RedeemCodeAsync(User user, string code, CancellationToken cancellationToken = default)
    {
        var codes = (await GetTokenAsync(user, StoreProvider, CodesToken, cancellationToken) ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries);
        var hash = Hash(code);
        if (!codes.Contains(hash, StringComparer.Ordinal)) return false;
        await SetTokenAsync(user, StoreProvider, CodesToken, string.Join(';', codes.Where(c => c != hash)), cancellationToken);
        return true;
    }

    // Where Identity's UserStoreBase keeps the codes (its constants are private); CountCodesAsync reads the same token.
    private const string StoreProvider = "[AspNetUserStore]";
    private const string CodesToken = "RecoveryCodes";
    internal const string AuthenticatorKeyToken = "AuthenticatorKey";

    internal static string Hash(string code) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(code)));
}
