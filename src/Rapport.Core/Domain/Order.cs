namespace Rapport.Core.Domain;

public class Order
{
    public long Id { get; set; }
    public long CustomerId { get; set; }
    public Customer? Customer { get; set; }
    /// <summary>Order or invoice number as the shop knows it.</summary>
    public string OrderNumber { get; set; } = "";
    public DateTime OrderedAt { get; set; }
    public OrderStatus Status { get; set; }
    public SalesChannel Channel { get; set; }
    public string Currency { get; set; } = "EUR";
    /// <summary>Sum of the lines at order time, before returns.</summary>
    public decimal TotalAmount { get; set; }
    public long? CampaignId { get; set; }
    public long? ImportBatchId { get; set; }

    public List<OrderLine> Lines { get; set; } = [];
}

public class OrderLine
{
    public long Id { get; set; }
    public long OrderId { get; set; }
    /// <summary>Repeated from the order so analytics and partitioning by customer need no join.</summary>
    public long CustomerId { get; set; }
    public long ProductId { get; set; }
    public int LineNumber { get; set; }
    public int Quantity { get; set; }
    public decimal UnitPrice { get; set; }
    public decimal Discount { get; set; }
    public int ReturnedQuantity { get; set; }

    public decimal NetAmount => (Quantity - ReturnedQuantity) * UnitPrice - Discount;
}
