using Microsoft.EntityFrameworkCore;
using Rapport.Core.Domain;
using Rapport.Core.Import;

namespace Rapport.Data.Import;

/// <summary>
/// Line-level order files (one row per order line, e.g. Online Retail: InvoiceNo, StockCode, Description, Quantity,
/// InvoiceDate, UnitPrice, CustomerID, Country). Two passes over the file keep memory to orders, customers and
/// products, never lines: the first validates every row and gathers order headers, then customers and orders are
/// written, and the second pass writes the lines (creating products it has not seen). Orders already in the
/// database (same order number) are skipped, so importing a file twice adds nothing. Credit notes (negative
/// quantities, invoice numbers such as "C536379") become orders with status Returned and negative quantities, so
/// revenue nets out as in the source.
/// </summary>
internal sealed class OrderLoader(RapportDb db) : IKindLoader
{
    private sealed class Draft(long firstRow, string customerKey, DateTime orderedAt, string? country)
    {
        public long FirstRow { get; } = firstRow;
        public string CustomerKey { get; } = customerKey;
        public DateTime OrderedAt { get; } = orderedAt;
        public string? Country { get; } = country;
        public long Id { get; set; }
        public long CustomerId { get; set; }
        public bool Exists { get; set; }
        public decimal Total { get; set; }
        public bool AnyPositive { get; set; }
        public bool AnyNegative { get; set; }
        public int Lines { get; set; }
        public string Currency { get; set; } = "";
        public SalesChannel Channel { get; set; }
    }

    private sealed record Line(string OrderNumber, string CustomerKey, DateTime OrderedAt, string Sku, string? ProductName, string? Category,
        int Quantity, decimal UnitPrice, decimal Discount, string Currency, SalesChannel Channel, string? Country);

    public async Task LoadAsync(ImportContext context, TabularFile file, ColumnMapping mapping, ImportReadOptions options, IProgress<string>? progress, CancellationToken ct)
    {
        var drafts = new Dictionary<string, Draft>(StringComparer.Ordinal);
        var products = await db.Products.AsNoTracking().Select(p => new { p.Sku, p.Id }).ToDictionaryAsync(p => p.Sku, p => p.Id, StringComparer.Ordinal, ct);
        var newProducts = new List<Product>();

        // Pass 1: validate, reject, gather order headers and the products the file brings.
        foreach (var tabular in file.ReadRows())
        {
            context.Summary.RowsRead++;
            var row = new ImportRow(tabular, mapping, options);
            var line = Read(row, drafts);
            if (line is null)
            {
                await context.RejectAsync(row, ct);
                continue;
            }
            context.Note(row);
            if (!drafts.TryGetValue(line.OrderNumber, out var draft))
                drafts[line.OrderNumber] = draft = new Draft(row.RowNumber, line.CustomerKey, line.OrderedAt, line.Country) { Currency = line.Currency, Channel = line.Channel };
            draft.Total += line.Quantity * line.UnitPrice - line.Discount;
            draft.AnyPositive |= line.Quantity > 0;
            draft.AnyNegative |= line.Quantity < 0;
            if (!products.ContainsKey(line.Sku))
            {
                var id = await context.NextIdAsync<Product>(ct);
                products[line.Sku] = id;
                newProducts.Add(new Product
                {
                    Id = id, Sku = line.Sku, Name = line.ProductName ?? line.Sku, Category = line.Category ?? "Uncategorised",
                    Price = Math.Abs(line.UnitPrice), Currency = line.Currency, ImportBatchId = context.BatchId, CreatedAt = context.Now,
                });
            }
            if ((context.Summary.RowsRead & 0x3FFFF) == 0) progress?.Report($"checked {context.Summary.RowsRead:N0} rows");
        }
        await context.FlushRejectsAsync(ct);
        progress?.Report($"checked {context.Summary.RowsRead:N0} rows: {drafts.Count:N0} orders");

        // Parents before the lines: PostgreSQL checks each line's foreign keys as it arrives.
        await MarkExistingAsync(drafts, ct);
        progress?.Report("looked up existing orders");
        var customers = await CustomerDirectory.LoadAsync(db, context.Request.Source, ct);
        await WriteCustomersAsync(context, drafts.Values.Where(d => !d.Exists), customers, ct);
        progress?.Report("wrote customers");
        await WriteOrdersAsync(context, drafts, ct);
        await context.WriteAsync(newProducts, "products", ct);
        progress?.Report($"wrote {drafts.Values.Count(d => !d.Exists):N0} orders");

        // Pass 2: the lines as one stream, so the bulk writer encodes them while this file is read again.
        var firstLineId = await context.NextIdAsync<OrderLine>(ct);
        await context.WriteStreamAsync(Lines(file, mapping, options, drafts, products, firstLineId, context.Summary, progress), "order lines", ct);
    }

    private static IEnumerable<OrderLine> Lines(TabularFile file, ColumnMapping mapping, ImportReadOptions options, Dictionary<string, Draft> drafts,
        Dictionary<string, long> products, long nextId, ImportSummary summary, IProgress<string>? progress)
    {
        foreach (var tabular in file.ReadRows())
        {
            var line = Read(new ImportRow(tabular, mapping, options), drafts);
            if (line is null) continue; // rejected in pass 1
            var draft = drafts[line.OrderNumber];
            if (draft.Exists)
            {
                summary.RowsAlreadyPresent++;
                continue;
            }
            summary.RowsLoaded++;
            if ((summary.RowsLoaded & 0x3FFFF) == 0) progress?.Report($"wrote {summary.RowsLoaded:N0} order lines");
            yield return new OrderLine
            {
                Id = nextId++, OrderId = draft.Id, CustomerId = draft.CustomerId, ProductId = products[line.Sku],
                LineNumber = ++draft.Lines, Quantity = line.Quantity, UnitPrice = line.UnitPrice, Discount = line.Discount,
            };
        }
    }

    /// <summary>The row as an order line, or null with the row's problem set.</summary>
    private static Line? Read(ImportRow row, Dictionary<string, Draft> drafts)
    {
        var number = row.Text("order_number");
        var customer = row.Text("customer");
        var orderedAt = row.Instant("ordered_at");
        var sku = row.Text("sku");
        var name = row.Text("product_name");
        var category = row.Text("category");
        var quantity = row.Integer("quantity");
        var price = row.Decimal("unit_price");
        var discount = row.Decimal("discount") ?? 0m;
        var currency = row.Text("currency")?.ToUpperInvariant();
        var channel = row.Choice<SalesChannel>("channel");
        var country = row.Country("country");
        if (!row.IsValid) return null;
        if (quantity == 0) row.Reject("quantity", "zero quantity");
        else if (price < 0) row.Reject("unit_price", "negative price (an adjustment, not a sale)");
        else if (discount < 0) row.Reject("discount", "negative discount");
        else if (currency is not null && (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper))) row.Reject("currency", "not a 3-letter currency code");
        if (!row.IsValid) return null;
        var customerKey = CustomerDirectory.Key(customer!);
        if (drafts.TryGetValue(number!, out var draft))
        {
            if (draft.CustomerKey != customerKey)
                row.Reject("customer", $"order {number} belongs to customer {draft.CustomerKey} (row {draft.FirstRow})");
            else if (draft.OrderedAt != orderedAt)
                row.Reject("ordered_at", $"order {number} was dated {draft.OrderedAt:yyyy-MM-dd HH:mm} in row {draft.FirstRow}");
            if (!row.IsValid) return null;
        }
        return new Line(number!, customerKey, orderedAt!.Value, sku!, name, category, quantity!.Value, price!.Value, discount,
            currency ?? draft?.Currency ?? row.Options.Currency, channel ?? SalesChannel.Online, country);
    }

    private async Task MarkExistingAsync(Dictionary<string, Draft> drafts, CancellationToken ct)
    {
        if (!await db.Orders.AnyAsync(ct)) return; // a first import: nothing to look up
        foreach (var chunk in drafts.Keys.Chunk(10_000))
        {
            var existing = await db.Orders.AsNoTracking().Where(o => chunk.Contains(o.OrderNumber)).Select(o => o.OrderNumber).ToListAsync(ct);
            foreach (var number in existing) drafts[number].Exists = true;
        }
    }

    private static async Task WriteCustomersAsync(ImportContext context, IEnumerable<Draft> drafts, CustomerDirectory customers, CancellationToken ct)
    {
        var created = new List<Customer>();
        foreach (var draft in drafts)
        {
            if (!customers.TryFind(draft.CustomerKey, out var id))
            {
                id = await context.NextIdAsync<Customer>(ct);
                customers.Add(draft.CustomerKey, id);
                created.Add(new Customer
                {
                    Id = id, ExternalId = draft.CustomerKey, Source = context.Request.Source, Country = draft.Country,
                    ImportBatchId = context.BatchId, CreatedAt = context.Now, UpdatedAt = context.Now,
                });
                if (created.Count >= context.Chunk) await context.WriteAsync(created, "customers", ct);
            }
            draft.CustomerId = id;
        }
        await context.WriteAsync(created, "customers", ct);
    }

    private static async Task WriteOrdersAsync(ImportContext context, Dictionary<string, Draft> drafts, CancellationToken ct)
    {
        var orders = new List<Order>();
        foreach (var (number, draft) in drafts)
        {
            if (draft.Exists) continue;
            draft.Id = await context.NextIdAsync<Order>(ct);
            orders.Add(new Order
            {
                Id = draft.Id, CustomerId = draft.CustomerId, OrderNumber = number, OrderedAt = draft.OrderedAt,
                Status = draft.AnyNegative && !draft.AnyPositive ? OrderStatus.Returned : OrderStatus.Completed,
                Channel = draft.Channel, Currency = draft.Currency, TotalAmount = draft.Total, ImportBatchId = context.BatchId,
            });
            if (orders.Count >= context.Chunk) await context.WriteAsync(orders, "orders", ct);
        }
        await context.WriteAsync(orders, "orders", ct);
    }
}
