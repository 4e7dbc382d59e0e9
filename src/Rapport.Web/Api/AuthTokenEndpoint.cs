using Microsoft.AspNetCore.Identity;
using Rapport.Core.Domain;
using Rapport.Data.Security;

namespace Rapport.Web.Api;

/// <summary>
/// POST /api/v1/auth/token {"userName","password"} → {"token","expiresAt"}: a bearer token for a machine client that
/// knows a user's password. It carries every permission of the user's roles and lives <see cref="Lifetime"/>. Wrong
/// passwords count towards the account's lockout, and the endpoint is rate-limited like the sign-in form. Accounts
/// with two-step sign-in, or with a one-time password not yet changed, get no token this way.
/// </summary>
internal static class AuthTokenEndpoint
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    public sealed record Request(string? UserName, string? Password);

    public static async Task<IResult> PostAsync(Request? body, UserManager<User> users, SignInManager<User> signIn,
        ApiTokenService tokens, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(body?.UserName)) errors["userName"] = ["required"];
        if (string.IsNullOrEmpty(body?.Password)) errors["password"] = ["required"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var user = await users.FindByNameAsync(body!.UserName!.Trim());
        if (user is null) return Unauthorized();
        var check = await signIn.CheckPasswordSignInAsync(user, body.Password!, lockoutOnFailure: true);
        if (check.IsLockedOut) return TypedResults.Problem("The account is locked out after too many failed attempts; try again later.", statusCode: 423, title: "Locked out");
        if (!check.Succeeded) return Unauthorized();
        if (user.TwoFactorEnabled)
            return TypedResults.Problem("This account signs in in two steps; ask an administrator for a token (rapport admin token create).", statusCode: 403, title: "Two-step account");
        if (user.MustChangePassword)
            return TypedResults.Problem("Change the one-time password in the web application first.", statusCode: 403, title: "Password change required");

        var scopes = await tokens.PermissionsOfAsync(user.Id, ct);
        var (token, record) = await tokens.CreateAsync(user.UserName!, "password grant", scopes, Lifetime, clock.GetUtcNow().UtcDateTime, ct);
        return TypedResults.Ok(new { token, expiresAt = DateTime.SpecifyKind(record.ExpiresAt, DateTimeKind.Utc) });
    }

    private static IResult Unauthorized() =>
        TypedResults.Problem("Unknown user name or wrong password.", statusCode: StatusCodes.Status401Unauthorized, title: "Not signed in");
}
