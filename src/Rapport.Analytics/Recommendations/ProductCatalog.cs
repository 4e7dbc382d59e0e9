using System.Globalization;
using Rapport.Analytics.Prediction;

namespace Rapport.Analytics.Recommendations;

/// <summary>One product's attributes for content-based recommendations (all optional except the key).</summary>
public sealed record ProductInfo(string Key, string? Name, string? Category, string? Subcategory, string? Brand, double? Price, string? Description);

/// <summary>
/// Product attributes by item key, read from a product CSV (columns found by common names: sku/stockcode/item,
/// name, category, subcategory, brand, price, description). Errors name the row and the field.
/// </summary>
public sealed class ProductCatalog
{
    private static readonly string[] KeyNames = ["sku", "stockcode", "stock_code", "item", "item_id", "itemid", "product_id", "productid", "product", "code"];
    private readonly Dictionary<string, ProductInfo> _byKey;

    public ProductCatalog(IEnumerable<ProductInfo> products)
    {
        _byKey = new Dictionary<string, ProductInfo>(StringComparer.Ordinal);
        foreach (var p in products) _byKey[p.Key] = p;
    }

    public int Count => _byKey.Count;
    public ProductInfo? Find(string key) => _byKey.GetValueOrDefault(key);

    /// <summary>
    /// Reads a product table; throws <see cref="ArgumentException"/> naming the row (1 = first data row) and field when a
    /// key repeats with different attributes or a price is not a non-negative number.
    /// </summary>
    public static ProductCatalog Read(RawTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var key = KeyNames.Select(table.IndexOf).FirstOrDefault(i => i >= 0, -1);
        if (key < 0) throw new ArgumentException($"The product table has no item column (looked for {string.Join(", ", KeyNames)}).");
        int Col(params string[] names) => names.Select(table.IndexOf).FirstOrDefault(i => i >= 0, -1);
        var (name, category, sub, brand, price, description) =
            (Col("name", "product_name", "title"), Col("category", "product_category", "department"), Col("subcategory", "sub_category"),
             Col("brand", "manufacturer"), Col("price", "unit_price", "unitprice", "list_price"), Col("description", "desc", "text"));
        if (category < 0 && sub < 0 && brand < 0 && price < 0 && description < 0)
            throw new ArgumentException("The product table has none of the attribute columns category, subcategory, brand, price or description.");
        var products = new Dictionary<string, ProductInfo>(StringComparer.Ordinal);
        for (var r = 0; r < table.Rows.Count; r++)
        {
            var row = table.Rows[r];
            var k = row[key].Trim();
            if (k.Length == 0) throw new ArgumentException($"Row {r + 1}: field '{table.Columns[key]}' is empty.");
            double? value = null;
            if (price >= 0 && row[price].Trim() is { Length: > 0 } text)
            {
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || v < 0 || !double.IsFinite(v))
                    throw new ArgumentException($"Row {r + 1}: field '{table.Columns[price]}' value '{text}' is not a non-negative number.");
                value = v;
            }
            string? Cell(int c) => c >= 0 && row[c].Trim() is { Length: > 0 } s ? s : null;
            var product = new ProductInfo(k, Cell(name), Cell(category), Cell(sub), Cell(brand), value, Cell(description));
            if (products.TryGetValue(k, out var existing) && existing != product)
                throw new ArgumentException($"Row {r + 1}: item '{k}' appears twice with different attributes.");
            products[k] = product;
        }
        if (products.Count == 0) throw new ArgumentException("The product table has no rows.");
        return new ProductCatalog(products.Values);
    }

    /// <summary>Reads a product CSV file; errors are prefixed with the path.</summary>
    public static ProductCatalog Read(string path)
    {
        try
        {
            return Read(TableReader.Read(path));
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidDataException)
        {
            throw new ArgumentException($"{path}: {ex.Message}", ex);
        }
    }
}
