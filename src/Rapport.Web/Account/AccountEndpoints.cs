using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;

namespace Rapport.Web.Account;

internal static class AccountEndpoints
{
    /// <summary>Endpoints the account UI posts to (everything else is in the pages).</summary>
    public static IEndpointConventionBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/account");
        // A form post from the user menu; it carries an antiforgery token, so no other site can sign people out.
        group.MapPost("/logout", async Task<IResult> (HttpContext context, [FromServices] IAntiforgery antiforgery, [FromServices] AccountService accounts) =>
            {
                if (!await antiforgery.IsRequestValidAsync(context)) return TypedResults.BadRequest();
                await accounts.SignOutAsync();
                return TypedResults.LocalRedirect("~" + IdentitySetup.LoginPath);
            })
            .AllowAnonymous()
            .DisableAntiforgery() // checked above: the middleware only records the result for form-bound endpoints
            .WithMetadata(new AllowDuringPasswordChangeAttribute());
        return group;
    }
}
