namespace Rapport.Core.Domain;

public class Product
{
    public long Id { get; set; }
    public string Sku { get; set; } = "";
    public string Name { get; set; } = "";
    public string Category { get; set; } = "";
    public string? Subcategory { get; set; }
    public string? Brand { get; set; }
    public decimal Price { get; set; }
    public string Currency { get; set; } = "EUR";
    public string? Description { get; set; }
    /// <summary>Free attributes (colour, size, material …), stored as JSON.</summary>
    public Dictionary<string, string> Attributes { get; set; } = [];
    public bool IsActive { get; set; } = true;
    public long? ImportBatchId { get; set; }
    public DateTime CreatedAt { get; set; }
}
