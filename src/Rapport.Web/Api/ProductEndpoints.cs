using Rapport.Core.Security;
using Rapport.Data;
using Rapport.Web.Features.Common;
using Rapport.Web.Features.Products;

namespace Rapport.Web.Api;

/// <summary>
/// /api/v1/products: GET ?search=&amp;active=&amp;page=&amp;pageSize=&amp;sort= (sku, name, category, brand, price, createdAt, id)
/// → {"items","total"}; GET /{id} with orders, units sold and "boughtTogether" (the stored association rules from this
/// product); POST, PUT /{id}, DELETE /{id} (refused with 409 once the product is on an order line: deactivate it instead).
/// </summary>
internal static class ProductEndpoints
{
    public static void MapProducts(this RouteGroupBuilder api)
    {
        var read = ApiEndpoints.Token(Permissions.CustomersRead);
        var write = ApiEndpoints.Token(Permissions.CustomersWrite);
        var products = api.MapGroup("/products").WithTags("Products");
        products.MapGet("", ListAsync).RequireAuthorization(read)
            .WithSummary("Search, filter (active), sort and page products; bad paging, sort or search is refused with 400").ProducesValidationProblem();
        products.MapGet("/{id:long}", GetAsync).RequireAuthorization(read)
            .WithSummary("One product with its order count, units sold and the products bought together with it")
            .ProducesProblem(StatusCodes.Status404NotFound);
        products.MapPost("", CreateAsync).RequireAuthorization(write).DisableAntiforgery()
            .WithSummary("Create a product (201 with its Location); invalid fields or a SKU already in use are refused with 400").ProducesValidationProblem();
        products.MapPut("/{id:long}", UpdateAsync).RequireAuthorization(write).DisableAntiforgery()
            .WithSummary("Change a product's fields; invalid fields or a SKU another product uses are refused with 400")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        products.MapDelete("/{id:long}", DeleteAsync).RequireAuthorization(write)
            .WithSummary("Delete a product; refused with 409 once it is on an order line (set isActive to false instead)")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> ListAsync(string? search, bool? active, int? page, int? pageSize, string? sort, ProductService products, CancellationToken ct)
    {
        var errors = new FieldErrors();
        Paging.Validate(page, pageSize, sort, ProductService.Sorts, errors);
        errors.MaxLength("search", search, 200);
        if (errors.Count > 0) return ApiResults.Invalid(errors);
        var request = Paging.Request(page, pageSize, sort);
        return ApiResults.List(await products.FindAsync(new ProductQuery(search, active, request), ct), request);
    }

    private static async Task<IResult> GetAsync(long id, ProductService products, RapportDb db, CancellationToken ct)
    {
        var details = await products.DetailsAsync(id, ct);
        if (details is null) return ApiResults.NotFound("product", id);
        var body = EntityJson.Row(db, details.Product);
        body["orders"] = details.Orders;
        body["unitsSold"] = details.UnitsSold;
        body["boughtTogether"] = System.Text.Json.JsonSerializer.SerializeToNode(details.BoughtTogether, ApiResults.Json);
        return TypedResults.Ok(body);
    }

    private static async Task<IResult> CreateAsync(ProductInput? input, ProductService products, RapportDb db, CancellationToken ct)
    {
        if (input is null) return ApiResults.MissingBody();
        return await ApiResults.WrittenAsync(await products.CreateAsync(input, ct), "product", 0,
            async id => TypedResults.Created($"/api/v1/products/{id}", EntityJson.Row(db, (await products.GetAsync(id, ct))!)));
    }

    private static async Task<IResult> UpdateAsync(long id, ProductInput? input, ProductService products, RapportDb db, CancellationToken ct)
    {
        if (input is null) return ApiResults.MissingBody();
        return await ApiResults.WrittenAsync(await products.UpdateAsync(id, input, ct), "product", id,
            async _ => TypedResults.Ok(EntityJson.Row(db, (await products.GetAsync(id, ct))!)));
    }

    private static async Task<IResult> DeleteAsync(long id, ProductService products, CancellationToken ct) =>
        await ApiResults.WrittenAsync(await products.DeleteAsync(id, ct), "product", id, _ => Task.FromResult<IResult>(TypedResults.NoContent()));
}
