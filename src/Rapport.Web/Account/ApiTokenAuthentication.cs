using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Rapport.Data.Security;

namespace Rapport.Web.Account;

/// <summary>
/// "Authorization: Bearer rpt_…" for the REST API. The principal carries the token's permissions as
/// <see cref="PermissionClaim"/> claims and no roles, so a token can never do more than its scopes.
/// </summary>
internal sealed class ApiTokenAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    ApiTokenService tokens, TimeProvider clock) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";
    public const string PermissionClaim = "rapport:permission";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var identity = await tokens.ValidateAsync(header["Bearer ".Length..].Trim(), clock.GetUtcNow().UtcDateTime, Context.RequestAborted);
        if (identity is null) return AuthenticateResult.Fail("unknown, expired or revoked token");
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, identity.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, identity.UserName),
            new("rapport:token", identity.TokenId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        claims.AddRange(identity.Permissions.Select(p => new Claim(PermissionClaim, p)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }
}
