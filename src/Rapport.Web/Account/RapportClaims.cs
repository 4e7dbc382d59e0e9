using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Rapport.Core.Domain;

namespace Rapport.Web.Account;

/// <summary>Claims Rapport adds to the sign-in cookie.</summary>
internal static class RapportClaims
{
    /// <summary>Present (value "true") while the user still signs in with a one-time password.</summary>
    public const string MustChangePassword = "rapport:must_change_password";
    public const string DisplayName = "rapport:display_name";

    public static bool MustChangePasswordNow(this ClaimsPrincipal user)
        => user.Identity?.IsAuthenticated == true && user.HasClaim(MustChangePassword, "true");

    /// <summary>The signed-in user's (or token owner's) id; null for anonymous callers.</summary>
    public static long? UserId(this ClaimsPrincipal user)
        => long.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public static string DisplayNameOf(this ClaimsPrincipal user)
        => user.FindFirstValue(DisplayName) is { Length: > 0 } name ? name : user.Identity?.Name ?? "";
}

internal sealed class RapportClaimsPrincipalFactory(UserManager<User> users, RoleManager<Role> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<User, Role>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(User user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (!string.IsNullOrWhiteSpace(user.DisplayName)) identity.AddClaim(new Claim(RapportClaims.DisplayName, user.DisplayName));
        if (user.MustChangePassword) identity.AddClaim(new Claim(RapportClaims.MustChangePassword, "true"));
        return identity;
    }
}
