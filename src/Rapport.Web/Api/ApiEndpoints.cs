using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Rapport.Core.Security;
using Rapport.Web.Account;
using Rapport.Web.Features.Insights;

namespace Rapport.Web.Api;

/// <summary>The REST API under /api/v1, authenticated by API tokens only (no cookies, so no cross-site requests).</summary>
internal static class ApiEndpoints
{
    public static RouteGroupBuilder MapRapportApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1");
        // Who the token belongs to and what it may do: the first call an integrator makes.
        api.MapGet("/me", async (ClaimsPrincipal user, IAuthorizationService authorization) =>
            {
                var allowed = new List<string>();
                foreach (var permission in Permissions.All)
                    if ((await authorization.AuthorizeAsync(user, null, permission)).Succeeded) allowed.Add(permission);
                return TypedResults.Ok(new { user = user.Identity?.Name, permissions = allowed });
            })
            .RequireAuthorization(new AuthorizeAttribute(Permissions.OwnAccount) { AuthenticationSchemes = ApiTokenAuthentication.SchemeName });
        api.MapGet("/customers/{id:long}", CustomerResource.GetAsync)
            .RequireAuthorization(new AuthorizeAttribute(Permissions.CustomersRead) { AuthenticationSchemes = ApiTokenAuthentication.SchemeName });
        api.MapInsights();
        return api;
    }
}
