using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Rapport.Core.Domain;
using Rapport.Core.Security;
using Rapport.Data;
using Rapport.Web.Account;
using Rapport.Web.Features.Common;
using Rapport.Web.Features.Orders;

namespace Rapport.Web.Api;

/// <summary>
/// /api/v1/orders: GET ?status=&amp;from=&amp;to=&amp;customerId=&amp;search=&amp;page=&amp;pageSize=&amp;sort= (orderNumber, orderedAt,
/// status, channel, customerId, totalAmount, id) → {"items","total"} (customer names masked without personal-data.read);
/// GET /{id} with its lines; POST (customer, number, lines; the total is computed); PUT /{id} changes the status only;
/// DELETE /{id} only for a cancelled order (409 otherwise: orders are purchase history).
/// </summary>
internal static class OrderEndpoints
{
    public static void MapOrders(this RouteGroupBuilder api)
    {
        var read = ApiEndpoints.Token(Permissions.CustomersRead);
        var write = ApiEndpoints.Token(Permissions.CustomersWrite);
        var orders = api.MapGroup("/orders").WithTags("Orders");
        orders.MapGet("", ListAsync).RequireAuthorization(read)
            .WithSummary("Filter (status, dates, customer, search), sort and page orders (customer names masked without personal-data.read); bad filters are refused with 400")
            .ProducesValidationProblem();
        orders.MapGet("/{id:long}", GetAsync).RequireAuthorization(read)
            .WithSummary("One order with its lines").ProducesProblem(StatusCodes.Status404NotFound);
        orders.MapPost("", CreateAsync).RequireAuthorization(write).DisableAntiforgery()
            .WithSummary("Create an order with its lines, the total computed (201); an inactive or unknown customer, unknown products or invalid lines are refused with 400")
            .ProducesValidationProblem();
        orders.MapPut("/{id:long}", UpdateAsync).RequireAuthorization(write).DisableAntiforgery()
            .WithSummary("Change an order's status (nothing else); a missing or unknown status is refused with 400")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        orders.MapDelete("/{id:long}", DeleteAsync).RequireAuthorization(write)
            .WithSummary("Delete a cancelled order; any other order is purchase history and refused with 409")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> ListAsync(string? status, DateOnly? from, DateOnly? to, long? customerId, string? search, int? page, int? pageSize,
        string? sort, ClaimsPrincipal user, IAuthorizationService authorization, OrderService orders, RecordScopes scopes, CancellationToken ct)
    {
        var errors = new FieldErrors();
        Paging.Validate(page, pageSize, sort, OrderService.Sorts, errors);
        errors.EnumName<OrderStatus>("status", status);
        if (from > to) errors["to"] = ["must not be before from"];
        errors.MaxLength("search", search, 64);
        if (errors.Count > 0) return ApiResults.Invalid(errors);
        var request = Paging.Request(page, pageSize, sort);
        var query = new OrderQuery(Enums.Parse<OrderStatus>(status), from, to, customerId, search, request) { Scope = await scopes.ForAsync(user, ct) };
        return ApiResults.List(await orders.FindAsync(query, await authorization.SeesPersonalDataAsync(user), ct), request);
    }

    private static async Task<IResult> GetAsync(long id, ClaimsPrincipal user, IAuthorizationService authorization, OrderService orders, RecordScopes scopes, RapportDb db,
        CancellationToken ct)
    {
        var details = await orders.DetailsAsync(id, await authorization.SeesPersonalDataAsync(user), await scopes.ForAsync(user, ct), ct);
        if (details is null) return ApiResults.NotFound("order", id);
        var body = EntityJson.Row(db, details.Order);
        body["customerName"] = details.CustomerName;
        body["lines"] = System.Text.Json.JsonSerializer.SerializeToNode(details.Lines, ApiResults.Json);
        body["netAmount"] = details.NetAmount;
        body["masked"] = details.Masked;
        return TypedResults.Ok(body);
    }

    private static async Task<IResult> CreateAsync(OrderInput? input, ClaimsPrincipal user, OrderService orders, RecordScopes scopes, RapportDb db, CancellationToken ct)
    {
        if (input is null) return ApiResults.MissingBody();
        return await ApiResults.WrittenAsync(await orders.CreateAsync(input, await scopes.ForAsync(user, ct), ct), "order", 0,
            async id => TypedResults.Created($"/api/v1/orders/{id}", await OrderJsonAsync(db, orders, id, ct)));
    }

    private static async Task<IResult> UpdateAsync(long id, OrderUpdate? input, ClaimsPrincipal user, OrderService orders, RecordScopes scopes, RapportDb db,
        CancellationToken ct)
    {
        if (input is null) return ApiResults.MissingBody();
        return await ApiResults.WrittenAsync(await orders.UpdateAsync(id, input, await scopes.ForAsync(user, ct), ct), "order", id,
            async _ => TypedResults.Ok(await OrderJsonAsync(db, orders, id, ct)));
    }

    private static async Task<IResult> DeleteAsync(long id, ClaimsPrincipal user, OrderService orders, RecordScopes scopes, CancellationToken ct) =>
        await ApiResults.WrittenAsync(await orders.DeleteAsync(id, await scopes.ForAsync(user, ct), ct), "order", id, _ => Task.FromResult<IResult>(TypedResults.NoContent()));

    private static async Task<System.Text.Json.Nodes.JsonObject> OrderJsonAsync(RapportDb db, OrderService orders, long id, CancellationToken ct)
    {
        // Written just now by a caller allowed to, so no scope is needed to read it back.
        var details = (await orders.DetailsAsync(id, showPersonal: false, RecordScope.Everything, ct))!;
        var body = EntityJson.Row(db, details.Order);
        body["lines"] = System.Text.Json.JsonSerializer.SerializeToNode(details.Lines, ApiResults.Json);
        return body;
    }
}
