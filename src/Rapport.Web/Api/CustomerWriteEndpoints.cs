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
        api.MapPost("/customers", CreateAsync).RequireAuthorization(write).DisableAntiforgery();
        api.MapPut("/customers/{id:long}", UpdateAsync).RequireAuthorization(write).DisableAntiforgery();
        api.MapDelete("/customers/{id:long}", DeleteAsync).RequireAuthorization(write);
    }

    private static async Task<IResult> CreateAsync(CustomerInput? input, CustomerEditor customers, RapportDb db, CancellationToken ct)
    {
        if (input is null) return ApiResults.MissingBody();
        return await ApiResults.WrittenAsync(await customers.CreateAsync(input, ct), "customer", 0,
            async id => TypedResults.Created($"/api/v1/customers/{id}", EntityJson.Row(db, (await customers.GetAsync(id, ct))!)));
    }

    private static async Task<IResult> UpdateAsync(long id, CustomerInput? input, ClaimsPrincipal user, IAuthorizationService authorization,
        CustomerEditor customers, RapportDb db, CancellationToken ct)
    {
        if (input is null) return ApiResults.MissingBody();
        var clear = await authorization.SeesPersonalDataAsync(user);
        return await ApiResults.WrittenAsync(await customers.UpdateAsync(id, input, personal: clear, ct), "customer", id,
            async _ => TypedResults.Ok(EntityJson.Row(db, (await customers.GetAsync(id, ct))!, maskPersonal: !clear)));
    }

    private static async Task<IResult> DeleteAsync(long id, CustomerEditor customers, CancellationToken ct) =>
        await ApiResults.WrittenAsync(await customers.DeleteAsync(id, ct), "customer", id, _ => Task.FromResult<IResult>(TypedResults.NoContent()));
}
