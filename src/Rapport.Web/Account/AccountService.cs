using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Rapport.Core.Domain;

namespace Rapport.Web.Account;

internal enum SignInStatus { Succeeded, MustChangePassword, RequiresTwoFactor, LockedOut, Failed }

/// <summary>The signed-in user's authenticator app: whether it is on, and the key to enter in the app when not.</summary>
internal sealed record AuthenticatorSetup(bool Enabled, string SharedKey, string OtpAuthUri);

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
        if (result.RequiresTwoFactor) return new SignInOutcome(SignInStatus.RequiresTwoFactor);
        return await OutcomeAsync(result, userName);
    }

    /// <summary>Second step for users with an authenticator app: the 6-digit code; wrong codes count towards lockout.</summary>
    public async Task<SignInOutcome> TwoFactorSignInAsync(string code, bool persistent)
    {
        var user = await signInManager.GetTwoFactorAuthenticationUserAsync();
        if (user is null) return new SignInOutcome(SignInStatus.Failed);
        var result = await signInManager.TwoFactorAuthenticatorSignInAsync(Normalize(code), persistent, rememberClient: false);
        return await OutcomeAsync(result, user.UserName ?? "");
    }

    private async Task<SignInOutcome> OutcomeAsync(SignInResult result, string userName)
    {
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

    /// <summary>The authenticator key of the signed-in user (made on first visit) and whether two-factor sign-in is on.</summary>
    public async Task<AuthenticatorSetup?> GetAuthenticatorAsync(ClaimsPrincipal principal)
    {
        var user = await userManager.GetUserAsync(principal);
        if (user is null) return null;
        var key = await userManager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await userManager.ResetAuthenticatorKeyAsync(user);
            key = await userManager.GetAuthenticatorKeyAsync(user);
        }
        var label = Uri.EscapeDataString($"Rapport:{user.UserName}");
        return new AuthenticatorSetup(await userManager.GetTwoFactorEnabledAsync(user), key!, $"otpauth://totp/{label}?secret={key}&issuer=Rapport&digits=6");
    }

    /// <summary>Turns two-factor sign-in on when the code from the app matches the key.</summary>
    public async Task<bool> EnableAuthenticatorAsync(ClaimsPrincipal principal, string code)
    {
        var user = await userManager.GetUserAsync(principal);
        if (user is null) return false;
        var valid = await userManager.VerifyTwoFactorTokenAsync(user, userManager.Options.Tokens.AuthenticatorTokenProvider, Normalize(code));
        if (!valid) return false;
        await userManager.SetTwoFactorEnabledAsync(user, true);
        logger.LogInformation("{UserName} turned on two-factor sign-in.", user.UserName);
        return true;
    }

    private static string Normalize(string code) => code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).Trim();

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
