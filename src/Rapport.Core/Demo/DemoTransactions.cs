using System.Globalization;
using Rapport.Core.Domain;

namespace Rapport.Core.Demo;

/// <summary>
/// The demo's orders as one long transaction file in the shape of the classic Online Retail data
/// (InvoiceNo, StockCode, Quantity, InvoiceDate, UnitPrice, CustomerID), so `rapport analyze` reads it with no
/// flags: cancelled orders carry a "C" invoice and negative quantities, returned units are negative lines of
/// their order, discounts are folded into the unit price. Rows are in time order.
/// </summary>
public static class DemoTransactions
{
    public const string FileName = "transactions.csv";
    public const string Header = "InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID";

    public static void Write(DemoDataSet data, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(data);
        var skus = data.Products.ToDictionary(p => p.Id, p => p.Sku);
        var lines = data.OrderLines.ToLookup(l => l.OrderId);
        writer.Write(Header);
        writer.Write('\n');
        foreach (var order in data.Orders.OrderBy(o => o.OrderedAt).ThenBy(o => o.Id))
        {
            var cancelled = order.Status == OrderStatus.Cancelled;
            var invoice = cancelled ? "C" + order.OrderNumber : order.OrderNumber;
            var date = order.OrderedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            foreach (var line in lines[order.Id].OrderBy(l => l.LineNumber))
            {
                var price = line.Quantity == 0 ? line.UnitPrice : Math.Round((line.Quantity * line.UnitPrice - line.Discount) / line.Quantity, 2);
                WriteRow(writer, invoice, skus[line.ProductId], cancelled ? -line.Quantity : line.Quantity, date, price, order.CustomerId);
                if (!cancelled && line.ReturnedQuantity > 0)
                    WriteRow(writer, invoice, skus[line.ProductId], -line.ReturnedQuantity, date, price, order.CustomerId);
            }
        }
    }

    private static void WriteRow(TextWriter writer, string invoice, string sku, int quantity, string date, decimal price, long customer)
        => writer.Write(string.Create(CultureInfo.InvariantCulture, $"{invoice},{sku},{quantity},{date},{price:0.00},{customer}\n"));
}
