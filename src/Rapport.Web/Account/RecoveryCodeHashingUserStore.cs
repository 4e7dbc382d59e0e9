using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Rapport.Core.Domain;
using Rapport.Data;

namespace Rapport.Web.Account;

/// <summary>
/// Identity's user store, except that two-factor recovery codes are kept as SHA-256 hashes: Identity's own store keeps
/// them in plain text, and a copy of the database must not be a way past the second step. The codes are random
/// (50 bits from Identity's generator) and work once, so an unsalted fast hash is enough.
/// </summary>
internal sealed class RecoveryCodeHashingUserStore(RapportDb context, IdentityErrorDescriber? describer = null)
    : UserStore<User, Role, RapportDb, long>(context, describer)
{
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

    internal static string Hash(string code) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(code)));
}
