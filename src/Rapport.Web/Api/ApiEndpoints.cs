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
        var api = endpoints.MapGroup("/api/v1")
            // Every call may answer with problem details: no or a bad token, a missing permission.
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            // JSON bodies are small: anything larger is refused with 413 before it is read (uploads set their own limit).
            .WithMetadata(new RequestSizeLimitAttribute(MaxJsonBodyBytes));
        // The one public call: a password for a token (rate-limited like the sign-in form; failures count towards lockout).
        api.MapPost("/auth/token", AuthTokenEndpoint.PostAsync).AllowAnonymous().DisableAntiforgery()
            .WithTags("Account").WithSummary("Exchange a user name and password for an API token").ProducesValidationProblem().ProducesProblem(StatusCodes.Status429TooManyRequests);
        // Who the token belongs to and what it may do: the first call an integrator makes.
        api.MapGet("/me", async (ClaimsPrincipal user, IAuthorizationService authorization) =>
            {
                var allowed = new List<string>();
                foreach (var permission in Permissions.All)
                    if ((await authorization.AuthorizeAsync(user, null, permission)).Succeeded) allowed.Add(permission);
                return TypedResults.Ok(new { user = user.Identity?.Name, permissions = allowed });
            })
            .RequireAuthorization(Token(Permissions.OwnAccount)).WithTags("Account").WithSummary("The token's user and the permissions it carries");
        api.MapGet("/customers", CustomerList.GetAsync).RequireAuthorization(Token(Permissions.CustomersRead))
            .WithTags("Customers").WithSummary("Search and page active customers (personal values masked without personal-data.read)").ProducesValidationProblem();
        api.MapGet("/customers/{id:long}", CustomerResource.GetAsync).RequireAuthorization(Token(Permissions.CustomersRead))
            .WithTags("Customers").WithSummary("One customer with contact points, consents and insights").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/customers/export.csv", CustomerExport.ExportAsync).RequireAuthorization(Token(Permissions.CustomersRead))
            .WithTags("Customers").WithSummary("The customers the list filters select, as CSV").Produces(StatusCodes.Status200OK, contentType: "text/csv").ProducesValidationProblem();
        api.MapCustomerWrites();
        api.MapInteractions();
        api.MapContactPointsAndConsents();
        api.MapCompanies();
        api.MapProducts();
        api.MapOrders();

        var imports = api.MapGroup("/imports").RequireAuthorization(Token(Permissions.CustomersWrite)).WithTags("Imports");
        imports.MapGet("", ImportEndpoints.ListAsync).WithSummary("Import batches, newest first");
        imports.MapGet("/{id:long}", ImportEndpoints.GetAsync).WithSummary("One import batch with its counts").ProducesProblem(StatusCodes.Status404NotFound);
        imports.MapGet("/{id:long}/rejects", ImportEndpoints.RejectsAsync).WithSummary("A batch's rejected rows as CSV (row, field, reason, raw row)")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv").ProducesProblem(StatusCodes.Status404NotFound);
        imports.MapPost("/{id:long}/undo", ImportEndpoints.UndoAsync).WithSummary("Delete what a batch created, unless later records depend on it")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        // Bearer-token clients send no cookies, so there is no cross-site form to forge.
        // The documented upload names the kind in the query: a path /imports/{kind} shares its template with GET /imports/{id},
        // which OpenAPI forbids. The older path form keeps working for existing clients but stays out of the document.
        imports.MapPost("", ImportEndpoints.UploadAsync).DisableAntiforgery()
            .WithSummary("Upload a CSV or .xlsx file (multipart field \"file\") as an import batch of ?kind= (customers, companies, products, orders, interactions, tickets)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .WithMetadata(new RequestSizeLimitAttribute(ImportEndpoints.MaxUploadBytes))
            .WithFormOptions(multipartBodyLengthLimit: ImportEndpoints.MaxUploadBytes);
        imports.MapPost("/{kind}", ImportEndpoints.UploadAsync).DisableAntiforgery()
            .WithSummary("Upload a file as an import batch of KIND (the older form of POST /imports?kind=)").ExcludeFromDescription()
            .WithMetadata(new RequestSizeLimitAttribute(ImportEndpoints.MaxUploadBytes))
            .WithFormOptions(multipartBodyLengthLimit: ImportEndpoints.MaxUploadBytes);
        var segments = api.MapGroup("/segments").WithTags("Segments");
        segments.MapGet("", SegmentEndpoints.ListAsync).RequireAuthorization(Token(Permissions.CustomersRead))
            .WithSummary("Clustered and rule-based segments with their sizes and profiles");
        segments.MapGet("/{id:long}", SegmentEndpoints.GetAsync).RequireAuthorization(Token(Permissions.CustomersRead))
            .WithSummary("One segment with its size and profile").ProducesProblem(StatusCodes.Status404NotFound);
        segments.MapGet("/{id:long}/members", SegmentEndpoints.MembersAsync).RequireAuthorization(Token(Permissions.CustomersRead))
            .WithSummary("A segment's members, paged like the customer list (masked without personal-data.read); bad paging is refused with 400")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        segments.MapPost("", SegmentEndpoints.CreateAsync).RequireAuthorization(Token(Permissions.MarketingManage)).DisableAntiforgery()
            .WithSummary("Create a rule segment (201); a missing or taken name or invalid conditions are refused with 400, named by field")
            .ProducesValidationProblem();
        segments.MapPut("/{id:long}", SegmentEndpoints.UpdateAsync).RequireAuthorization(Token(Permissions.MarketingManage)).DisableAntiforgery()
            .WithSummary("Change a rule segment (clustered segments answer 404); a missing or taken name or invalid conditions are refused with 400")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        segments.MapDelete("/{id:long}", SegmentEndpoints.DeleteAsync).RequireAuthorization(Token(Permissions.MarketingManage))
            .WithSummary("Delete a rule segment (clustered segments answer 404)").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGroup("/tickets").RequireAuthorization(Token(Permissions.ServiceManage)).DisableAntiforgery().WithTags("Tickets").MapTickets();
        api.MapGroup("/knowledge").RequireAuthorization(Token(Permissions.ServiceManage)).DisableAntiforgery().WithTags("Knowledge").MapKnowledge();
        api.MapInsights();
        api.MapSales();
        api.MapCustomFields();
        api.MapTeams();
        api.MapCampaigns();
        api.MapAutomation();
        return api;
    }

    /// <summary>Largest request body an API call other than an upload accepts.</summary>
    public const long MaxJsonBodyBytes = 1024 * 1024;

    public static AuthorizeAttribute Token(string permission) => new(permission) { AuthenticationSchemes = ApiTokenAuthentication.SchemeName };
}
