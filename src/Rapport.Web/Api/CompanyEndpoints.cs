using Rapport.Core.Domain;
using Rapport.Core.Security;
using Rapport.Data;
using Rapport.Web.Account;
using Rapport.Web.Features.Common;
using Rapport.Web.Features.Companies;
using Microsoft.AspNetCore.Authorization;
using System.Security.Claims;

namespace Rapport.Web.Api;

/// <summary>
/// /api/v1/companies: GET ?search=&amp;page=&amp;pageSize=&amp;sort= (name, industry, country, city, employeeCount, annualRevenue,
/// createdAt, id; "-" for descending) &amp;cf.KEY=&amp;cf.KEY.min=&amp;cf.KEY.max= (custom fields) → {"items","total"}, each item with its
/// "customFields" (personal ones masked without personal-data.read); GET /{id} with contacts (names masked without personal-data.read),
/// deals and order totals; POST, PUT /{id}, DELETE /{id} (refused with 409 while contacts or deals refer to the company).
/// </summary>
internal static class CompanyEndpoints
{
    public static void MapCompanies(this RouteGroupBuilder api)
    {
        var read = ApiEndpoints.Token(Permissions.CustomersRead);
        var write = ApiEndpoints.Token(Permissions.CustomersWrite);
        var companies = api.MapGroup("/companies").WithTags("Companies");
        companies.MapGet("", ListAsync).RequireAuthorization(read)
            .WithSummary("Search, filter (cf.KEY, cf.KEY.min, cf.KEY.max on custom fields), sort and page companies; bad paging, sort, search or custom filters are refused with 400").ProducesValidationProblem();
        companies.MapGet("/{id:long}", GetAsync).RequireAuthorization(read)
            .WithSummary("One company with its contacts (names masked without personal-data.read), deals and order totals")
            .ProducesProblem(StatusCodes.Status404NotFound);
        companies.MapPost("", CreateAsync).RequireAuthorization(write).DisableAntiforgery()
            .WithSummary("Create a company (201 with its Location); a missing name or invalid fields are refused with 400").ProducesValidationProblem();
        companies.MapPut("/{id:long}", UpdateAsync).RequireAuthorization(write).DisableAntiforgery()
            .WithSummary("Change a company's fields; invalid fields are refused with 400")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        companies.MapDelete("/{id:long}", DeleteAsync).RequireAuthorization(write)
            .WithSummary("Delete a company; refused with 409 while contacts or deals refer to it")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> ListAsync(string? search, int? page, int? pageSize, string? sort, HttpRequest http, ClaimsPrincipal user,
        IAuthorizationService authorization, CompanyService companies, Microsoft.EntityFrameworkCore.IDbContextFactory<RapportDb> databases, RecordScopes scopes,
        CancellationToken ct)
    {
        var errors = new FieldErrors();
        Paging.Validate(page, pageSize, sort, CompanyService.Sorts, errors);
        errors.MaxLength("search", search, 200);
        var custom = CustomFieldListParameters.Read(http);
        await CustomFieldListParameters.CheckAsync(databases, CustomFieldEntity.Company, custom, errors, ct);
        if (errors.Count > 0) return ApiResults.Invalid(errors);
        var request = Paging.Request(page, pageSize, sort);
        var query = new CompanyQuery(search, request) { CustomFields = custom, Scope = await scopes.ForAsync(user, ct) };
        return ApiResults.List(await companies.FindAsync(query, await authorization.SeesPersonalDataAsync(user), ct), request);
    }

    private static async Task<IResult> GetAsync(long id, ClaimsPrincipal user, IAuthorizationService authorization, CompanyService companies,
        RapportDb db, RecordScopes scopes, CancellationToken ct)
    {
        var details = await companies.DetailsAsync(id, await authorization.SeesPersonalDataAsync(user), await scopes.ForAsync(user, ct), ct);
        if (details is null) return ApiResults.NotFound("company", id);
        var body = EntityJson.Row(db, details.Company);
        body["contacts"] = System.Text.Json.JsonSerializer.SerializeToNode(details.Contacts, ApiResults.Json);
        body["deals"] = System.Text.Json.JsonSerializer.SerializeToNode(details.Deals, ApiResults.Json);
        body["orders"] = details.Orders;
        body["orderTotals"] = System.Text.Json.JsonSerializer.SerializeToNode(details.OrderTotals, ApiResults.Json);
        body["masked"] = details.Masked;
        return TypedResults.Ok(body);
    }

    private static async Task<IResult> CreateAsync(CompanyInput? input, CompanyService companies, RapportDb db, ClaimsPrincipal user, CancellationToken ct)
    {
        if (input is null) return ApiResults.MissingBody();
        return await ApiResults.WrittenAsync(await companies.CreateAsync(input, user.UserId(), ct), "company", 0,
            async id => TypedResults.Created($"/api/v1/companies/{id}", EntityJson.Row(db, (await companies.GetAsync(id, RecordScope.Everything, ct))!)));
    }

    private static async Task<IResult> UpdateAsync(long id, CompanyInput? input, CompanyService companies, RapportDb db,
        ClaimsPrincipal user, RecordScopes scopes, CancellationToken ct)
    {
        if (input is null) return ApiResults.MissingBody();
        return await ApiResults.WrittenAsync(await companies.UpdateAsync(id, input, await scopes.ForAsync(user, ct), ct), "company", id,
            async _ => TypedResults.Ok(EntityJson.Row(db, (await companies.GetAsync(id, RecordScope.Everything, ct))!)));
    }

    private static async Task<IResult> DeleteAsync(long id, CompanyService companies, ClaimsPrincipal user, RecordScopes scopes, CancellationToken ct) =>
        await ApiResults.WrittenAsync(await companies.DeleteAsync(id, await scopes.ForAsync(user, ct), ct), "company", id, _ => Task.FromResult<IResult>(TypedResults.NoContent()));
}
