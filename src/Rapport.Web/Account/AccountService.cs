using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Rapport.Core.Domain;

namespace Rapport.Web.Account;

internal enum SignInStatus { Succeeded, MustChangePassword, RequiresTwoFactor, LockedOut, Failed }

/// <summary>The signed-in user's authenticator app: whether it is on, and the key to enter in the app when not.</summary>
internal sealed record AuthenticatorSetup(bool Enabled, string SharedKey, string OtpAuthUri, int RecoveryCodesLeft);

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

    /// <summary>
    /// Second step for users with an authenticator app: the 6-digit code, or one of the user's recovery codes (each works
    /// once) for when the phone is lost; wrong codes count towards lockout.
    /// </summary>
    public async Task<SignInOutcome> TwoFactorSignInAsync(string code, bool persistent)
    {
        var user = await signInManager.GetTwoFactorAuthenticationUserAsync();
        if (user is null) return new SignInOutcome(SignInStatus.Failed);
        var typed = Normalize(code);
        var result = typed.Length == 6 && typed.All(char.IsAsciiDigit)
            ? await signInManager.TwoFactorAuthenticatorSignInAsync(typed, persistent, rememberClient: false)
            : await signInManager.TwoFactorRecoveryCodeSignInAsync(RecoveryCode(typed));
        if (result.Succeeded && !(typed.Length == 6 && typed.All(char.IsAsciiDigit)))
            logger.LogWarning("{UserName} signed in with a recovery code.", user.UserName);
        return await OutcomeAsync(result, user.UserName ?? "");
    }

    /// <summary>A recovery code as Identity stores it ("XXXXX-XXXXX", upper case) however it was typed.</summary>
    private static string RecoveryCode(string typed)
    {
        var upper = typed.ToUpperInvariant();
        return upper.Length == 10 ? $"{upper[..5]}-{upper[5..]}" : upper;
    }

    public const int RecoveryCodeCount = 10;

    /// <summary>Replaces the signed-in user's recovery codes with new ones (the old ones stop working) and returns them to show once.</summary>
    public async Task<IReadOnlyList<string>> NewRecoveryCodesAsync(ClaimsPrincipal principal)
        => await NewRecoveryCodesAsync(await userManager.GetUserAsync(principal) ?? throw new InvalidOperationException("No signed-in user."));

    private async Task<IReadOnlyList<string>> NewRecoveryCodesAsync(User user)
    {
        var codes = await userManager.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount);
        logger.LogInformation("{UserName} made new two-factor recovery codes.", user.UserName);
        return [.. codes ?? []];
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
        return new AuthenticatorSetup(await userManager.GetTwoFactorEnabledAsync(user), key!, $"otpauth://totp/{label}?secret={key}&issuer=Rapport&digits=6",
            await userManager.CountRecoveryCodesAsync(user));
    }

    /// <summary>
    /// Turns two-factor sign-in on when the code from the app matches the key, and returns the first recovery codes (to
    /// show once); null when the code is wrong.
    /// </summary>
    public async Task<IReadOnlyList<string>?> EnableAuthenticatorAsync(ClaimsPrincipal principal, string code)
    {
        var user = await userManager.GetUserAsync(principal);
        if (user is null) return null;
        var valid = await userManager.VerifyTwoFactorTokenAsync(user, userManager.Options.Tokens.AuthenticatorTokenProvider, Normalize(code));
        if (!valid) return null;
        await userManager.SetTwoFactorEnabledAsync(user, true);
        logger.LogInformation("{UserName} turned on two-factor sign-in.", user.UserName);
        return await NewRecoveryCodesAsync(user);
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
