using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Rapport.Core.Domain;
using Rapport.Data;
using Rapport.Web.Features.Common;

namespace Rapport.Web.Features.Products;

/// <summary>The product catalogue for the pages and the API: list, detail with "bought together", create, update, delete (audited by the ORM hook).</summary>
public sealed class ProductService(IDbContextFactory<RapportDb> databases, TimeProvider clock)
{
    private const int BoughtTogetherShown = 10;

    public static readonly SortFields<Product> Sorts = new SortFields<Product>(p => p.Id, "name")
        .Add("sku", p => p.Sku)
        .Add("name", p => p.Name)
        .Add("category", p => p.Category)
        .Add("brand", p => p.Brand)
        // SQLite cannot order by decimal: a double is exact enough to sort by.
        .Add("price", p => (double)p.Price)
        .Add("createdAt", p => p.CreatedAt);

    public async Task<Paged<ProductRow>> FindAsync(ProductQuery q, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var query = db.Products.AsNoTracking();
        if (q.Active is { } active) query = query.Where(p => p.IsActive == active);
        if (FieldErrors.Clean(q.Search) is { } term)
        {
            var lower = term.ToLowerInvariant();
            query = query.Where(p => p.Sku.ToLower() == lower || p.Sku.ToLower().StartsWith(lower) || p.Name.ToLower().StartsWith(lower)
                                     || p.Name.ToLower().Contains(" " + lower) || p.Category.ToLower().StartsWith(lower));
        }
        return await Paging.PageAsync(query, Sorts, q.Page, p => new ProductRow(p.Id, p.Sku, p.Name, p.Category, p.Brand, p.Price, p.Currency, p.IsActive), ct);
    }

    public async Task<Product?> GetAsync(long id, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        return await db.Products.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
    }

    public async Task<ProductDetails?> DetailsAsync(long id, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var product = await db.Products.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
        if (product is null) return null;
        var lines = db.OrderLines.Where(l => l.ProductId == id);
        var orders = await lines.Select(l => l.OrderId).Distinct().CountAsync(ct);
        var units = await lines.SumAsync(l => (long)(l.Quantity - l.ReturnedQuantity), ct);
        // The insights job stores antecedents as sorted ids joined by commas: a rule from this product alone has the key "id".
        var key = id.ToString(CultureInfo.InvariantCulture);
        var rules = await db.ProductAssociations.AsNoTracking().Where(a => a.AntecedentKey == key)
            .OrderByDescending(a => a.Lift).ThenByDescending(a => a.Confidence).ThenBy(a => a.Id).Take(BoughtTogetherShown)
            .Join(db.Products, a => a.ConsequentProductId, p => p.Id,
                (a, p) => new BoughtTogether(p.Id, p.Sku, p.Name, a.Confidence, a.Lift, a.Support, a.Orders, a.ComputedAt))
            .ToListAsync(ct);
        return new ProductDetails(product, orders, units, rules);
    }

    public async Task<WriteResult> CreateAsync(ProductInput input, CancellationToken ct = default)
    {
        if (input.Validate() is { Count: > 0 } errors) return WriteResult.Invalid(errors);
        await using var db = await databases.CreateDbContextAsync(ct);
        if (await SkuTakenAsync(db, input.Sku!.Trim(), null, ct)) return WriteResult.Invalid("sku", "already used by another product");
        var product = new Product { CreatedAt = clock.GetUtcNow().UtcDateTime };
        input.ApplyTo(product);
        db.Products.Add(product);
        await db.SaveChangesAsync(ct);
        return WriteResult.Done(product.Id);
    }

    public async Task<WriteResult> UpdateAsync(long id, ProductInput input, CancellationToken ct = default)
    {
        if (input.Validate() is { Count: > 0 } errors) return WriteResult.Invalid(errors);
        await using var db = await databases.CreateDbContextAsync(ct);
        var product = await db.Products.SingleOrDefaultAsync(p => p.Id == id, ct);
        if (product is null) return WriteResult.NotFound();
        if (await SkuTakenAsync(db, input.Sku!.Trim(), id, ct)) return WriteResult.Invalid("sku", "already used by another product");
        input.ApplyTo(product);
        await db.SaveChangesAsync(ct);
        return WriteResult.Done(id);
    }

    /// <summary>Deletes a product that was never ordered; one on order lines is refused (the history needs it): deactivate it instead.</summary>
    public async Task<WriteResult> DeleteAsync(long id, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var product = await db.Products.SingleOrDefaultAsync(p => p.Id == id, ct);
        if (product is null) return WriteResult.NotFound();
        var lines = await db.OrderLines.CountAsync(l => l.ProductId == id, ct);
        if (lines > 0) return WriteResult.Refused($"the product is on {lines} order lines; set isActive to false instead");
        db.Products.Remove(product);
        await db.SaveChangesAsync(ct);
        return WriteResult.Done(id);
    }

    private static Task<bool> SkuTakenAsync(RapportDb db, string sku, long? except, CancellationToken ct) =>
        db.Products.AnyAsync(p => p.Sku == sku && p.Id != except, ct);
}
