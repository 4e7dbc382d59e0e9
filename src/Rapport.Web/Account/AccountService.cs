using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Rapport.Core.Domain;

namespace Rapport.Web.Account;

internal enum SignInStatus { Succeeded, MustChangePassword, LockedOut, Failed }

internal sealed record SignInOutcome(SignInStatus Status, string? PreferredCulture = null);

/// <summary>What the account pages do, kept out of the .razor files.</summary>
internal sealed class AccountService(
    SignInManager<User> signInManager,
    UserManager<User> userManager,
    LocalizedIdentityErrorDescriber errors,
    ILogger<AccountService> logger)
{
    /// <summary>Password sign-in; failed attempts count towards lockout.</summary>
    public async Task<SignInOutcome> SignInAsync(string userName, string password, bool persistent)
    {
        userName = userName.Trim();
        var result = await signInManager.PasswordSignInAsync(userName, password, persistent, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            logger.LogWarning("Sign-in refused for {UserName}: the account is locked out.", userName);
            return new SignInOutcome(SignInStatus.LockedOut);
        }
        if (!result.Succeeded)
        {
            logger.LogInformation("Failed sign-in attempt for {UserName}.", userName);
            return new SignInOutcome(SignInStatus.Failed);
        }
        var user = await userManager.FindByNameAsync(userName);
        logger.LogInformation("{UserName} signed in.", userName);
        return new SignInOutcome(user?.MustChangePassword == true ? SignInStatus.MustChangePassword : SignInStatus.Succeeded, user?.Culture);
    }

    /// <summary>Changes the signed-in user's password, clears the one-time-password flag and renews the cookie.</summary>
    public async Task<IdentityResult> ChangePasswordAsync(ClaimsPrincipal principal, string currentPassword, string newPassword)
    {
        var user = await userManager.GetUserAsync(principal);
        if (user is null) return IdentityResult.Failed(errors.DefaultError());
        if (currentPassword == newPassword) return IdentityResult.Failed(errors.PasswordUnchanged());

        var result = await userManager.ChangePasswordAsync(user, currentPassword, newPassword);
        if (!result.Succeeded) return result;
        if (user.MustChangePassword)
        {
            user.MustChangePassword = false;
            result = await userManager.UpdateAsync(user);
            if (!result.Succeeded) return result;
        }
        await signInManager.RefreshSignInAsync(user);
        logger.LogInformation("{UserName} changed their password.", user.UserName);
        return IdentityResult.Success;
    }

    /// <summary>Remembers the UI language of a signed-in user, so it follows them to another browser.</summary>
    public async Task SetCultureAsync(ClaimsPrincipal principal, string culture)
    {
        var user = await userManager.GetUserAsync(principal);
        if (user is null || user.Culture == culture) return;
        user.Culture = culture;
        await userManager.UpdateAsync(user);
    }

    public Task SignOutAsync() => signInManager.SignOutAsync();
}
