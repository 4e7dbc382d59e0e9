using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Rapport.Core.Security;
using Rapport.Data;
using Rapport.Web.Account;
using Rapport.Web.Features.Customers;

namespace Rapport.Web.Api;

/// <summary>
/// POST /api/v1/customers (201 + Location), PUT /customers/{id} (profile fields; first/last name and birth date are kept
/// unchanged for callers without personal-data.read), DELETE /customers/{id}: only a customer nothing refers to (no
/// orders, deals, tickets, merged records) is deleted, otherwise 409 — erasure is the way to remove such a person.
/// </summary>
internal static class CustomerWriteEndpoints
{
    public static void MapCustomerWrites(this RouteGroupBuilder api)
    {
        var write = ApiEndpoints.Token(Permissions.CustomersWrite);
        var customers = api.MapGroup("/customers").WithTags("Customers");
        customers.MapPost("", CreateAsync).RequireAuthorization(write).DisableAntiforgery()
            .WithSummary("Create a customer (201 with its Location); invalid fields or an unknown companyId are refused with 400")
            .ProducesValidationProblem();
        customers.MapPut("/{id:long}", UpdateAsync).RequireAuthorization(write).DisableAntiforgery()
            .WithSummary("Change a customer's profile fields (names and birth date kept without personal-data.read); refused with 409 for a customer that is not active")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        customers.MapDelete("/{id:long}", DeleteAsync).RequireAuthorization(write)
            .WithSummary("Delete a customer nothing refers to; refused with 409 while orders, deals, tickets, merged or other records refer to it (use an erasure)")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> CreateAsync(CustomerInput? input, CustomerEditor customers, RapportDb db, ClaimsPrincipal user, CancellationToken ct)
    {
        if (input is null) return ApiResults.MissingBody();
        return await ApiResults.WrittenAsync(await customers.CreateAsync(input, user.UserId(), ct), "customer", 0,
            async id => TypedResults.Created($"/api/v1/customers/{id}", EntityJson.Row(db, (await customers.GetAsync(id, ct))!)));
    }

    private static async Task<IResult> UpdateAsync(long id, CustomerInput? input, ClaimsPrincipal user, IAuthorizationService authorization,
        CustomerEditor customers, RapportDb db, Features.Common.RecordScopes scopes, CancellationToken ct)
    {
        if (input is null) return ApiResults.MissingBody();
        if (!await scopes.SeesCustomerAsync(user, id, ct)) return ApiResults.NotFound("customer", id);
        var clear = await authorization.SeesPersonalDataAsync(user);
        return await ApiResults.WrittenAsync(await customers.UpdateAsync(id, input, personal: clear, ct), "customer", id,
            async _ => TypedResults.Ok(EntityJson.Row(db, (await customers.GetAsync(id, ct))!, maskPersonal: !clear)));
    }

    private static async Task<IResult> DeleteAsync(long id, CustomerEditor customers, ClaimsPrincipal user, Features.Common.RecordScopes scopes,
        CancellationToken ct)
    {
        if (!await scopes.SeesCustomerAsync(user, id, ct)) return ApiResults.NotFound("customer", id);
        return await ApiResults.WrittenAsync(await customers.DeleteAsync(id, ct), "customer", id, _ => Task.FromResult<IResult>(TypedResults.NoContent()));
    }
}
