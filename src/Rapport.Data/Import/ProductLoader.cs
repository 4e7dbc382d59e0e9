using Microsoft.EntityFrameworkCore;
using Rapport.Core.Domain;
using Rapport.Core.Import;

namespace Rapport.Data.Import;

/// <summary>Product catalogue files. Key: the SKU (unique); SKUs already in the database are skipped.</summary>
internal sealed class ProductLoader(RapportDb db) : IKindLoader
{
    public async Task LoadAsync(ImportContext context, TabularFile file, ColumnMapping mapping, ImportReadOptions options, IProgress<string>? progress, CancellationToken ct)
    {
        var existing = (await db.Products.AsNoTracking().Select(p => p.Sku).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var seen = new Dictionary<string, long>(StringComparer.Ordinal);
        var products = new List<Product>();
        foreach (var tabular in file.ReadRows())
        {
            context.Summary.RowsRead++;
            var row = new ImportRow(tabular, mapping, options);
            var sku = row.Text("sku");
            var name = row.Text("name");
            var category = row.Text("category");
            var subcategory = row.Text("subcategory");
            var brand = row.Text("brand");
            var price = row.Decimal("price");
            var currency = row.Text("currency")?.ToUpperInvariant();
            var description = row.Text("description");
            if (price < 0) row.Reject("price", "negative price");
            if (currency is not null && (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper))) row.Reject("currency", "not a 3-letter currency code");
            if (row.IsValid && seen.TryGetValue(sku!, out var firstRow)) row.Reject("sku", $"same SKU as row {firstRow}");
            if (!row.IsValid)
            {
                await context.RejectAsync(row, ct);
                continue;
            }
            seen[sku!] = row.RowNumber;
            if (existing.Contains(sku!))
            {
                context.Summary.RowsAlreadyPresent++;
                continue;
            }
            context.Note(row);
            products.Add(new Product
            {
                Id = await context.NextIdAsync<Product>(ct), Sku = sku!, Name = name!, Category = category ?? "Uncategorised", Subcategory = subcategory,
                Brand = brand, Price = price!.Value, Currency = currency ?? options.Currency, Description = description,
                ImportBatchId = context.BatchId, CreatedAt = context.Now,
            });
            context.Summary.RowsLoaded++;
            if (products.Count >= context.Chunk) await context.WriteAsync(products, "products", ct);
        }
        await context.WriteAsync(products, "products", ct);
        await context.FlushRejectsAsync(ct);
    }
}
