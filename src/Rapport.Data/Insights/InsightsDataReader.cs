using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Rapport.Analytics.Recommendations;
using Rapport.Analytics.Transactions;
using Rapport.Core.Domain;
using Rapport.Core.Insights;

namespace Rapport.Data.Insights;

/// <summary>
/// Reads the purchase history for the analytics straight through ADO.NET (no change tracking), in the shape the
/// analytics read from files: one line per order line with its order's day and number, returned units as a negative
/// line of the same order, discounts folded into the amount. Cancelled orders are left out (the file reader rejects
/// them too), and so are the orders of customers who are erased or merged into another record. Table and column
/// names come from the EF model, so this cannot drift from the schema.
/// </summary>
internal sealed class InsightsDataReader(RapportDb db, DatabaseOptions options) : IInsightsDataReader
{
    public async Task<InsightsData> ReadAsync(DateOnly? asOf, CancellationToken ct = default)
    {
        var sqlite = options.Provider == DatabaseProvider.Sqlite;
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened) await connection.OpenAsync(ct);
        try
        {
            var n = new Names(db.Model);
            string Real(string column) => sqlite ? $"CAST({column} AS REAL)" : $"{column}::float8";
            // Calendar day (UTC) as DateOnly.DayNumber: days since 0001-01-01.
            string Day(string column) => sqlite ? $"CAST(julianday({column}) - 1721425.5 AS INTEGER)" : $"(({column} AT TIME ZONE 'UTC')::date - DATE '0001-01-01')";
            var counts = new Dictionary<string, long>();
            var watch = System.Diagnostics.Stopwatch.StartNew();

            // Products: item keys are SKUs.
            var products = new List<ProductInfo>();
            var productIds = new Dictionary<string, long>(StringComparer.Ordinal);
            var itemOf = new Dictionary<long, int>();
            var p = n.Of<Product>();
            await using (var reader = await QueryAsync(connection,
                             $"SELECT {p[nameof(Product.Id)]}, {p[nameof(Product.Sku)]}, {p[nameof(Product.Name)]}, {p[nameof(Product.Category)]}, " +
                             $"{p[nameof(Product.Subcategory)]}, {p[nameof(Product.Brand)]}, {Real(p[nameof(Product.Price)])}, {p[nameof(Product.Description)]} FROM {p.Table}", ct))
                while (await reader.ReadAsync(ct))
                {
                    var sku = reader.GetString(1);
                    if (!productIds.TryAdd(sku, reader.GetInt64(0))) continue;
                    itemOf[reader.GetInt64(0)] = products.Count;
                    products.Add(new ProductInfo(sku, Text(reader, 2), Text(reader, 3), Text(reader, 4), Text(reader, 5),
                        reader.IsDBNull(6) ? null : reader.GetDouble(6), Text(reader, 7)));
                }

            counts["readMs.products"] = watch.ElapsedMilliseconds;
            watch.Restart();
            // Orders of active customers that were not cancelled.
            var o = n.Of<Order>();
            var c = n.Of<Customer>();
            var activeFilter = $"c.{c[nameof(Customer.Status)]} = '{nameof(RecordStatus.Active)}' AND c.{c[nameof(Customer.MergedIntoId)]} IS NULL";
            var cutoff = asOf is { } d ? $" AND {Day($"o.{o[nameof(Order.OrderedAt)]}")} <= {d.DayNumber.ToString(CultureInfo.InvariantCulture)}" : "";
            var orderAt = new Dictionary<long, (int Day, int Order, int Customer)>();
            var orderKeys = new List<string>();
            var customerKeys = new List<string>();
            var customerIndex = new Dictionary<long, int>();
            // Active customers first, then the orders without a join: a join looks up every order's customer row
            // (wide rows, scattered pages), several times slower than one scan of each table.
            var active = new HashSet<long>();
            await using (var reader = await QueryAsync(connection, $"SELECT c.{c[nameof(Customer.Id)]} FROM {c.Table} c WHERE {activeFilter}", ct))
                while (await reader.ReadAsync(ct)) active.Add(reader.GetInt64(0));
            long inactiveOrders = 0;
            await using (var reader = await QueryAsync(connection,
                             $"SELECT o.{o[nameof(Order.Id)]}, o.{o[nameof(Order.OrderNumber)]}, {Day($"o.{o[nameof(Order.OrderedAt)]}")}, o.{o[nameof(Order.CustomerId)]} " +
                             $"FROM {o.Table} o WHERE o.{o[nameof(Order.Status)]} <> '{nameof(OrderStatus.Cancelled)}'{cutoff}", ct))
                while (await reader.ReadAsync(ct))
                {
                    var customer = reader.GetInt64(3);
                    if (!active.Contains(customer))
                    {
                        inactiveOrders++;
                        continue;
                    }
                    if (!customerIndex.TryGetValue(customer, out var ci))
                    {
                        ci = customerKeys.Count;
                        customerIndex[customer] = ci;
                        customerKeys.Add(customer.ToString(CultureInfo.InvariantCulture));
                    }
                    orderAt[reader.GetInt64(0)] = (Convert.ToInt32(reader.GetValue(2), CultureInfo.InvariantCulture), orderKeys.Count, ci);
                    orderKeys.Add(reader.GetString(1));
                }
            counts["ordersOfInactiveCustomersSkipped"] = inactiveOrders;
            counts["orders"] = orderKeys.Count;
            counts["customersWithOrders"] = customerKeys.Count;
            counts["cancelledOrdersSkipped"] = await CountAsync(connection,
                $"SELECT COUNT(*) FROM {o.Table} o WHERE o.{o[nameof(Order.Status)]} = '{nameof(OrderStatus.Cancelled)}'", ct);
            counts["inactiveCustomersSkipped"] = await CountAsync(connection,
                $"SELECT COUNT(*) FROM {c.Table} c WHERE NOT ({activeFilter})", ct);
            counts["activeCustomers"] = active.Count;

            counts["readMs.orders"] = watch.ElapsedMilliseconds;
            watch.Restart();
            // Lines: joined to their order in memory (one pass over the table, no sort in the database).
            var l = n.Of<OrderLine>();
            var lines = new List<TransactionLine>(Math.Max(16, orderKeys.Count * 3));
            long read = 0, skipped = 0, returnLines = 0;
            await using (var reader = await QueryAsync(connection,
                             $"SELECT {l[nameof(OrderLine.OrderId)]}, {l[nameof(OrderLine.ProductId)]}, {l[nameof(OrderLine.Quantity)]}, {Real(l[nameof(OrderLine.UnitPrice)])}, " +
                             $"{Real(l[nameof(OrderLine.Discount)])}, {l[nameof(OrderLine.ReturnedQuantity)]} FROM {l.Table}", ct))
                while (await reader.ReadAsync(ct))
                {
                    read++;
                    if (!orderAt.TryGetValue(reader.GetInt64(0), out var order))
                    {
                        skipped++;
                        continue;
                    }
                    var item = itemOf.TryGetValue(reader.GetInt64(1), out var i) ? i : -1;
                    var quantity = reader.GetInt32(2);
                    var price = reader.GetDouble(3);
                    var discount = reader.GetDouble(4);
                    var returned = reader.GetInt32(5);
                    lines.Add(new TransactionLine(order.Customer, order.Day, quantity * price - discount, order.Order, item, quantity));
                    if (returned > 0 && quantity > 0)
                    {
                        // Returned units at the price actually paid (discount spread over the units), as a negative line.
                        var paid = (quantity * price - discount) / quantity;
                        lines.Add(new TransactionLine(order.Customer, order.Day, -returned * paid, order.Order, item, -returned));
                        returnLines++;
                    }
                }
            counts["readMs.lines"] = watch.ElapsedMilliseconds;
            watch.Restart();
            counts["orderLinesRead"] = read;
            counts["orderLinesSkipped"] = skipped;
            counts["returnLines"] = returnLines;

            var segments = new List<StoredSegment>();
            var s = n.Of<Segment>();
            await using (var reader = await QueryAsync(connection,
                             $"SELECT {s[nameof(Segment.Id)]}, {s[nameof(Segment.Name)]} FROM {s.Table} WHERE {s[nameof(Segment.Kind)]} = '{nameof(SegmentKind.Cluster)}' ORDER BY {s[nameof(Segment.Id)]}", ct))
                while (await reader.ReadAsync(ct)) segments.Add(new StoredSegment(reader.GetInt64(0), reader.GetString(1)));

            var table = new TransactionTable([.. lines], customerKeys, orderKeys, products.Select(x => x.Key).ToList());
            counts["readMs.sort"] = watch.ElapsedMilliseconds;
            return new InsightsData(table, products, productIds, segments, counts);
        }
        finally
        {
            if (opened) await connection.CloseAsync();
        }
    }

    private static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private async Task<DbDataReader> QueryAsync(DbConnection connection, string sql, CancellationToken ct)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        return await command.ExecuteReaderAsync(ct);
    }

    private static async Task<long> CountAsync(DbConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    /// <summary>Quoted table and column names of an entity, from the EF model.</summary>
    private sealed class Names(IModel model)
    {
        public Columns Of<T>()
        {
            var entity = model.FindEntityType(typeof(T))!;
            var table = entity.GetTableName()!;
            var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
            return new Columns($"\"{table}\"", property => $"\"{entity.FindProperty(property)!.GetColumnName(store)}\"");
        }
    }

    private sealed class Columns(string table, Func<string, string> column)
    {
        public string Table { get; } = table;
        public string this[string property] => column(property);
    }
}
