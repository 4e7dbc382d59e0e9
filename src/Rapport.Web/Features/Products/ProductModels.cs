using Rapport.Core.Domain;
using Rapport.Web.Features.Common;

namespace Rapport.Web.Features.Products;

/// <summary>The product list's filter: a term matched against the SKU, the start of the name or the category; optionally active products only.</summary>
public sealed record ProductQuery(string? Search, bool? Active, PageRequest Page);

public sealed record ProductRow(long Id, string Sku, string Name, string Category, string? Brand, decimal Price, string Currency, bool IsActive);

/// <summary>A product with how often it sold and the stored "bought together" rules whose antecedent is this product alone.</summary>
public sealed record ProductDetails(Product Product, int Orders, long UnitsSold, IReadOnlyList<BoughtTogether> BoughtTogether);

/// <summary>One association rule "this product → other product" as the insights job stored it.</summary>
public sealed record BoughtTogether(long ProductId, string Sku, string Name, double Confidence, double Lift, double Support, int Orders, DateTime ComputedAt);

/// <summary>What a product form or API call sends; the same checks apply to both.</summary>
public sealed class ProductInput
{
    public string? Sku { get; set; }
    public string? Name { get; set; }
    public string? Category { get; set; }
    public string? Subcategory { get; set; }
    public string? Brand { get; set; }
    public decimal? Price { get; set; }
    public string? Currency { get; set; }
    public string? Description { get; set; }
    public bool? IsActive { get; set; }

    public static ProductInput From(Product p) => new()
    {
        Sku = p.Sku, Name = p.Name, Category = p.Category, Subcategory = p.Subcategory, Brand = p.Brand, Price = p.Price,
        Currency = p.Currency, Description = p.Description, IsActive = p.IsActive,
    };

    public FieldErrors Validate()
    {
        var errors = new FieldErrors();
        errors.Required("sku", Sku, 64);
        errors.Required("name", Name, 300);
        errors.Required("category", Category, 100);
        errors.MaxLength("subcategory", Subcategory, 100);
        errors.MaxLength("brand", Brand, 100);
        errors.MaxLength("description", Description, 4000);
        if (Price is null) errors["price"] = ["is required"];
        errors.NotNegative("price", Price);
        if (Currency is not null && (Currency.Trim().Length != 3 || !Currency.Trim().All(char.IsAsciiLetter))) errors["currency"] = ["a three-letter code such as EUR"];
        return errors;
    }

    public void ApplyTo(Product p)
    {
        p.Sku = Sku!.Trim();
        p.Name = Name!.Trim();
        p.Category = Category!.Trim();
        p.Subcategory = FieldErrors.Clean(Subcategory);
        p.Brand = FieldErrors.Clean(Brand);
        p.Price = Price!.Value;
        p.Currency = FieldErrors.Clean(Currency)?.ToUpperInvariant() ?? p.Currency;
        p.Description = FieldErrors.Clean(Description);
        p.IsActive = IsActive ?? p.IsActive;
    }
}
