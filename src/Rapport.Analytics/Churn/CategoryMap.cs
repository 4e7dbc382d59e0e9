using Rapport.Analytics.Prediction;

namespace Rapport.Analytics.Churn;

/// <summary>Reads an item → category table (e.g. a product list) for the churn category-mix features.</summary>
public static class CategoryMap
{
    private static readonly string[] ItemNames = ["sku", "stockcode", "stock_code", "item", "item_id", "itemid", "product", "product_id", "productid", "code"];
    private static readonly string[] CategoryNames = ["category", "category_name", "product_category", "department", "group"];

    /// <summary>Maps item keys to categories; columns given by name or detected from common names.</summary>
    public static Dictionary<string, string> Read(RawTable table, string? itemColumn = null, string? categoryColumn = null)
    {
        var item = Find(table, itemColumn, ItemNames, "item");
        var category = Find(table, categoryColumn, CategoryNames, "category");
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var r = 0; r < table.Rows.Count; r++)
        {
            var key = table.Rows[r][item].Trim();
            var value = table.Rows[r][category].Trim();
            if (key.Length == 0 || value.Length == 0) continue;
            if (map.TryGetValue(key, out var existing) && existing != value)
                throw new ArgumentException($"Row {r + 1}: item '{key}' has two categories ('{existing}' and '{value}').");
            map[key] = value;
        }
        return map.Count > 0 ? map : throw new ArgumentException("The category table has no rows with both an item and a category.");
    }

    private static int Find(RawTable table, string? given, string[] names, string what)
    {
        if (given is not null)
            return table.IndexOf(given) is var i and >= 0 ? i : throw new ArgumentException($"The category table has no column '{given}'.");
        foreach (var name in names)
            if (table.IndexOf(name) is var j and >= 0) return j;
        throw new ArgumentException($"The category table has no {what} column (looked for {string.Join(", ", names)}); name it with a flag.");
    }
}
