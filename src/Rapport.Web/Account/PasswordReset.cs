using Microsoft.AspNetCore.Identity;
using Rapport.Core.Domain;
using Rapport.Web.Bootstrap;

namespace Rapport.Web.Account;

/// <summary>
/// Password reset by an administrator, for a user who forgot their password or lost their phone: a fresh one-time
/// password that must be changed at the next sign-in; two-step sign-in off and a new authenticator key (the user
/// can turn it on again); failed-attempt count and lockout cleared; every session signed out (new security stamp).
/// </summary>
public static class PasswordReset
{
    /// <summary>Returns the one-time password (print it once; it is stored only as a hash).</summary>
    public static async Task<string> ResetAsync(IServiceProvider services, string userName)
    {
        var users = services.GetRequiredService<UserManager<User>>();
        var user = await users.FindByNameAsync(userName) ?? throw new ArgumentException($"No user '{userName}'.");
        var password = OneTimePassword.Create();
        if (await users.HasPasswordAsync(user)) Check(await users.RemovePasswordAsync(user));
        Check(await users.AddPasswordAsync(user, password));
        user.MustChangePassword = true;
        Check(await users.UpdateAsync(user));
        Check(await users.ResetAccessFailedCountAsync(user));
        Check(await users.SetLockoutEndDateAsync(user, null));
        Check(await users.SetTwoFactorEnabledAsync(user, false));
        Check(await users.ResetAuthenticatorKeyAsync(user));
        Check(await users.UpdateSecurityStampAsync(user));
        return password;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
    }
}
