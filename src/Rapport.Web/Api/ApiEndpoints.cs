using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
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
        // The one public call: a password for a token (rate-limited like the sign-in form; failures count towards lockout).
        api.MapPost("/auth/token", AuthTokenEndpoint.PostAsync).AllowAnonymous().DisableAntiforgery();
        // Who the token belongs to and what it may do: the first call an integrator makes.
        api.MapGet("/me", async (ClaimsPrincipal user, IAuthorizationService authorization) =>
            {
                var allowed = new List<string>();
                foreach (var permission in Permissions.All)
                    if ((await authorization.AuthorizeAsync(user, null, permission)).Succeeded) allowed.Add(permission);
                return TypedResults.Ok(new { user = user.Identity?.Name, permissions = allowed });
            })
            .RequireAuthorization(Token(Permissions.OwnAccount));
        api.MapGet("/customers", CustomerList.GetAsync).RequireAuthorization(Token(Permissions.CustomersRead));
        api.MapGet("/customers/{id:long}", CustomerResource.GetAsync).RequireAuthorization(Token(Permissions.CustomersRead));
        api.MapGet("/customers/export.csv", CustomerExport.ExportAsync).RequireAuthorization(Token(Permissions.CustomersRead));
        api.MapCustomerWrites();
        api.MapCompanies();
        api.MapProducts();
        api.MapOrders();

        var imports = api.MapGroup("/imports").RequireAuthorization(Token(Permissions.CustomersWrite));
        imports.MapGet("", ImportEndpoints.ListAsync);
        imports.MapGet("/{id:long}", ImportEndpoints.GetAsync);
        imports.MapGet("/{id:long}/rejects", ImportEndpoints.RejectsAsync);
        imports.MapPost("/{id:long}/undo", ImportEndpoints.UndoAsync);
        // Bearer-token clients send no cookies, so there is no cross-site form to forge.
        imports.MapPost("/{kind}", ImportEndpoints.UploadAsync).DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(ImportEndpoints.MaxUploadBytes))
            .WithFormOptions(multipartBodyLengthLimit: ImportEndpoints.MaxUploadBytes);
        var segments = api.MapGroup("/segments");
        segments.MapGet("", SegmentEndpoints.ListAsync).RequireAuthorization(Token(Permissions.CustomersRead));
        segments.MapGet("/{id:long}", SegmentEndpoints.GetAsync).RequireAuthorization(Token(Permissions.CustomersRead));
        segments.MapGet("/{id:long}/members", SegmentEndpoints.MembersAsync).RequireAuthorization(Token(Permissions.CustomersRead));
        segments.MapPost("", SegmentEndpoints.CreateAsync).RequireAuthorization(Token(Permissions.MarketingManage)).DisableAntiforgery();
        segments.MapPut("/{id:long}", SegmentEndpoints.UpdateAsync).RequireAuthorization(Token(Permissions.MarketingManage)).DisableAntiforgery();
        segments.MapDelete("/{id:long}", SegmentEndpoints.DeleteAsync).RequireAuthorization(Token(Permissions.MarketingManage));
        api.MapGroup("/tickets").RequireAuthorization(Token(Permissions.ServiceManage)).DisableAntiforgery().MapTickets();
        api.MapGroup("/knowledge").RequireAuthorization(Token(Permissions.ServiceManage)).DisableAntiforgery().MapKnowledge();
        api.MapInsights();
        api.MapSales();
        return api;
    }

    public static AuthorizeAttribute Token(string permission) => new(permission) { AuthenticationSchemes = ApiTokenAuthentication.SchemeName };
}
