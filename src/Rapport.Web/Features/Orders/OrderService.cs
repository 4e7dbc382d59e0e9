using Microsoft.EntityFrameworkCore;
using Rapport.Core.Domain;
using Rapport.Core.Security;
using Rapport.Data;
using Rapport.Web.Features.Common;

namespace Rapport.Web.Features.Orders;

/// <summary>Orders for the pages and the API: list, detail with lines, create, status change, delete of a cancelled order (audited by the ORM hook).</summary>
public sealed class OrderService(IDbContextFactory<RapportDb> databases, TimeProvider clock)
{
    public static readonly SortFields<Order> Sorts = new SortFields<Order>(o => o.Id, "-orderedAt")
        .Add("orderNumber", o => o.OrderNumber)
        .Add("orderedAt", o => o.OrderedAt)
        .Add("status", o => o.Status)
        .Add("channel", o => o.Channel)
        .Add("customerId", o => o.CustomerId)
        // SQLite cannot order by decimal: a double is exact enough to sort by.
        .Add("totalAmount", o => (double)o.TotalAmount);

    public async Task<Paged<OrderRow>> FindAsync(OrderQuery q, bool showPersonal, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var query = q.Scope.Apply(db.Orders.AsNoTracking());
        if (q.Status is { } status) query = query.Where(o => o.Status == status);
        if (q.From is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(o => o.OrderedAt >= start);
        }
        if (q.To is { } to)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(o => o.OrderedAt < end);
        }
        if (q.CustomerId is { } customer) query = query.Where(o => o.CustomerId == customer);
        if (FieldErrors.Clean(q.Search) is { } term) query = query.Where(o => o.OrderNumber.StartsWith(term));
        var page = await Paging.PageAsync(query, Sorts, q.Page, o => new OrderRow(o.Id, o.OrderNumber, o.OrderedAt, o.Status, o.Channel, o.Currency,
            o.TotalAmount, o.CustomerId, o.Customer!.FirstName + " " + o.Customer.LastName), ct);
        return showPersonal ? page : page with { Items = page.Items.Select(r => r with { CustomerName = PersonalDataMask.Mask(r.CustomerName.Trim()) ?? "" }).ToList() };
    }

    public async Task<OrderDetails?> DetailsAsync(long id, bool showPersonal, RecordScope scope, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var order = await scope.Apply(db.Orders.AsNoTracking()).Include(o => o.Customer).SingleOrDefaultAsync(o => o.Id == id, ct);
        if (order is null) return null;
        var lines = await db.OrderLines.AsNoTracking().Where(l => l.OrderId == id).OrderBy(l => l.LineNumber).ThenBy(l => l.Id)
            .Join(db.Products, l => l.ProductId, p => p.Id, (l, p) => new { Line = l, p.Sku, p.Name }).ToListAsync(ct);
        var rows = lines.Select(x => new OrderLineRow(x.Line.LineNumber, x.Line.ProductId, x.Sku, x.Name, x.Line.Quantity, x.Line.UnitPrice, x.Line.Discount,
            x.Line.ReturnedQuantity, x.Line.NetAmount)).ToList();
        var name = order.Customer?.DisplayName ?? "";
        order.Customer = null;
        return new OrderDetails(order, (showPersonal ? name : PersonalDataMask.Mask(name)) ?? "", rows, rows.Sum(r => r.NetAmount), !showPersonal);
    }

    public async Task<WriteResult> CreateAsync(OrderInput input, RecordScope scope, CancellationToken ct = default)
    {
        if (input.Validate() is { Count: > 0 } errors) return WriteResult.Invalid(errors);
        await using var db = await databases.CreateDbContextAsync(ct);
        // A customer outside the viewer's scope reads as missing, as everywhere else.
        if (!await scope.Apply(db.Customers).AnyAsync(c => c.Id == input.CustomerId && c.Status == RecordStatus.Active, ct))
            return WriteResult.Invalid("customerId", "no active customer with this id");
        var productIds = input.Lines!.Select(l => l.ProductId!.Value).Distinct().ToList();
        var products = await db.Products.AsNoTracking().Where(p => productIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var missing = new FieldErrors();
        for (var i = 0; i < input.Lines!.Count; i++)
            if (!products.ContainsKey(input.Lines[i].ProductId!.Value)) missing[$"lines[{i}].productId"] = ["no product with this id"];
        if (missing.Count > 0) return WriteResult.Invalid(missing);

        var order = new Order
        {
            CustomerId = input.CustomerId!.Value, OrderNumber = input.OrderNumber!.Trim(),
            OrderedAt = input.OrderedAt?.ToUniversalTime() ?? clock.GetUtcNow().UtcDateTime,
            Status = Enums.Parse<OrderStatus>(input.Status) ?? OrderStatus.Placed, Channel = Enums.Parse<SalesChannel>(input.Channel) ?? SalesChannel.Phone,
            Currency = FieldErrors.Clean(input.Currency)?.ToUpperInvariant() ?? products[productIds[0]].Currency,
        };
        var number = 1;
        foreach (var line in input.Lines)
        {
            order.Lines.Add(new OrderLine
            {
                CustomerId = order.CustomerId, ProductId = line.ProductId!.Value, LineNumber = number++, Quantity = line.Quantity!.Value,
                UnitPrice = line.UnitPrice ?? products[line.ProductId.Value].Price, Discount = line.Discount ?? 0,
            });
        }
        order.TotalAmount = order.Lines.Sum(l => l.Quantity * l.UnitPrice - l.Discount);
        db.Orders.Add(order);
        await db.SaveChangesAsync(ct);
        return WriteResult.Done(order.Id);
    }

    public async Task<WriteResult> UpdateAsync(long id, OrderUpdate input, RecordScope scope, CancellationToken ct = default)
    {
        if (input.Validate() is { Count: > 0 } errors) return WriteResult.Invalid(errors);
        await using var db = await databases.CreateDbContextAsync(ct);
        var order = await scope.Apply(db.Orders).SingleOrDefaultAsync(o => o.Id == id, ct);
        if (order is null) return WriteResult.NotFound();
        order.Status = Enums.Parse<OrderStatus>(input.Status)!.Value;
        await db.SaveChangesAsync(ct);
        return WriteResult.Done(id);
    }

    /// <summary>Only a cancelled order can be deleted: anything else is purchase history the analyses and the customer's record rely on.</summary>
    public async Task<WriteResult> DeleteAsync(long id, RecordScope scope, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var order = await scope.Apply(db.Orders).Include(o => o.Lines).SingleOrDefaultAsync(o => o.Id == id, ct);
        if (order is null) return WriteResult.NotFound();
        if (order.Status != OrderStatus.Cancelled) return WriteResult.Refused($"only cancelled orders can be deleted; this one is {order.Status}");
        db.Orders.Remove(order);
        await db.SaveChangesAsync(ct);
        return WriteResult.Done(id);
    }
}
