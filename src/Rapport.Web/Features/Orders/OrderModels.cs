using Rapport.Core.Domain;
using Rapport.Web.Features.Common;

namespace Rapport.Web.Features.Orders;

/// <summary>The order list's filter: status, a date range (inclusive days, UTC), one customer, an order number prefix.</summary>
public sealed record OrderQuery(OrderStatus? Status, DateOnly? From, DateOnly? To, long? CustomerId, string? Search, PageRequest Page)
{
    /// <summary>The records the viewer may see (<see cref="RecordScope"/>): orders of the customers in it.</summary>
    public RecordScope Scope { get; init; } = RecordScope.Everything;
}

public sealed record OrderRow(long Id, string OrderNumber, DateTime OrderedAt, OrderStatus Status, SalesChannel Channel, string Currency,
    decimal TotalAmount, long CustomerId, string CustomerName);

public sealed record OrderDetails(Order Order, string CustomerName, IReadOnlyList<OrderLineRow> Lines, decimal NetAmount, bool Masked);

public sealed record OrderLineRow(int LineNumber, long ProductId, string Sku, string ProductName, int Quantity, decimal UnitPrice, decimal Discount,
    int ReturnedQuantity, decimal NetAmount);

/// <summary>A new order from the API: a customer, a number and at least one line; the total is the lines' sum.</summary>
public sealed class OrderInput
{
    public long? CustomerId { get; set; }
    public string? OrderNumber { get; set; }
    public DateTime? OrderedAt { get; set; }
    /// <summary>By name (Placed, Paid …); omitted: Placed.</summary>
    public string? Status { get; set; }
    /// <summary>By name (Online, Store, Phone, Marketplace); omitted: Phone (entered by staff).</summary>
    public string? Channel { get; set; }
    public string? Currency { get; set; }
    public List<OrderLineInput>? Lines { get; set; }

    public FieldErrors Validate()
    {
        var errors = new FieldErrors();
        if (CustomerId is null) errors["customerId"] = ["is required"];
        errors.Required("orderNumber", OrderNumber, 64);
        errors.EnumName<OrderStatus>("status", Status);
        errors.EnumName<SalesChannel>("channel", Channel);
        if (Currency is not null && (Currency.Trim().Length != 3 || !Currency.Trim().All(char.IsAsciiLetter))) errors["currency"] = ["a three-letter code such as EUR"];
        if (Lines is not { Count: > 0 }) errors["lines"] = ["at least one line is required"];
        for (var i = 0; i < (Lines?.Count ?? 0); i++)
        {
            var line = Lines![i];
            if (line.ProductId is null) errors[$"lines[{i}].productId"] = ["is required"];
            if (line.Quantity is null or 0) errors[$"lines[{i}].quantity"] = ["is required and not 0"];
            if (line.UnitPrice is < 0) errors[$"lines[{i}].unitPrice"] = ["must not be negative"];
            if (line.Discount is < 0) errors[$"lines[{i}].discount"] = ["must not be negative"];
        }
        return errors;
    }
}

public sealed class OrderLineInput
{
    public long? ProductId { get; set; }
    public int? Quantity { get; set; }
    /// <summary>Omitted: the product's current price.</summary>
    public decimal? UnitPrice { get; set; }
    public decimal? Discount { get; set; }
}

/// <summary>What may change on an existing order: its status (lines are history; a correction is a return or a new order).</summary>
public sealed class OrderUpdate
{
    /// <summary>By name: Placed, Paid, Shipped, Completed, Cancelled, Returned, PartiallyReturned.</summary>
    public string? Status { get; set; }

    public FieldErrors Validate()
    {
        var errors = new FieldErrors();
        if (Status is null) errors["status"] = ["is required"];
        else errors.EnumName<OrderStatus>("status", Status);
        return errors;
    }
}
