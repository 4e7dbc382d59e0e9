using System.Globalization;
using Rapport.Analytics.Rfm;
using Rapport.Analytics.Transactions;

namespace Rapport.Analytics.Tests;

/// <summary>The real CDNOW files (../shared/datasets/cdnow): whitespace-separated, CRLF, yyyyMMdd dates.</summary>
public class TransactionsCdnowTests
{
    /// <summary>What awk '{ s += $5 }' gives: the file split on blanks, summed in file order.</summary>
    private static (double Total, int Rows, int Customers, int ZeroLines) AwkLike(string path, int amountField, bool skipHeader)
    {
        double total = 0;
        int rows = 0, zero = 0;
        var customers = new HashSet<string>();
        foreach (var line in File.ReadLines(path).Skip(skipHeader ? 1 : 0))
        {
            var f = line.Split([' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries);
            if (f.Length == 0) continue;
            double v = double.Parse(f[amountField], CultureInfo.InvariantCulture);
            total += v;
            rows++;
            if (v == 0) zero++;
            customers.Add(f[0]);
        }
        return (total, rows, customers.Count, zero);
    }

    [Fact]
    public void Sample_without_header_is_read_by_content()
    {
        var path = TransactionsTestData.Cdnow("CDNOW_sample.txt");
        if (path is null) return;
        var reader = ReaderExtensions.Open(path, o => o with { HasHeader = false });
        var l = reader.Layout;
        Assert.Equal(' ', l.Delimiter);
        Assert.Equal(0, l.CustomerColumn);
        Assert.Equal(2, l.DateColumn);
        Assert.Equal(3, l.QuantityColumn);
        Assert.Equal(4, l.AmountColumn);
        Assert.Equal("content", l.ColumnsFoundBy);

        var lines = reader.ReadAll();
        var q = reader.DataQuality!;
        var awk = AwkLike(path, 4, skipHeader: false);
        Assert.Equal(6919, awk.Rows);
        Assert.Equal(6919, q.RowsRead);
        Assert.Equal(8, q.Rejected["zeroPrice"]);
        Assert.Equal(8, q.RowsRejected);
        Assert.Equal(6911, q.RowsUsed);
        Assert.Equal(6911, lines.Count);
        Assert.Equal(2357, q.Customers);
        Assert.Equal(2349, q.CustomersWithRowsUsed); // the 8 zero-dollar lines are each a customer's only line
        Assert.Equal(21, q.DuplicateLines);           // the README's 21 exact duplicate lines
        Assert.Equal(0, q.BlankLines);
        Assert.Equal(244_091.94, Math.Round(q.TotalAmount, 2));
        Assert.Equal(awk.Total, q.TotalAmount, 6);
        Assert.Equal(new DateOnly(1997, 1, 1), q.FirstDate);
        Assert.Equal(new DateOnly(1998, 6, 30), q.LastDate);
        Assert.Equal(-1, lines[0].Order);
        Assert.Equal("00004", reader.CustomerKeys[lines[0].Customer]);
        Assert.Equal(29.33, lines[0].Amount, 9);
        Assert.Equal(2, lines[0].Quantity);
    }

    [Fact]
    public void Sample_rfm_with_zero_dollar_purchases_kept_scores_all_2357_customers()
    {
        var path = TransactionsTestData.Cdnow("CDNOW_sample.txt");
        if (path is null) return;
        var reader = ReaderExtensions.Open(path, o => o with { HasHeader = false, KeepZeroAmounts = true });
        var rfm = RfmCalculator.Compute(reader);

        Assert.Equal(2357, rfm.Customers.Count);
        Assert.Equal(0, rfm.CustomersWithoutPurchases);
        Assert.Equal("days", rfm.FrequencyBasis);
        Assert.Equal(new DateOnly(1998, 7, 1), rfm.AsOf);
        Assert.Equal(8, rfm.DataQuality!.ZeroAmountLines);

        // Customer 00004: 1997-01-01, 01-18, 08-02, 12-12; $29.33 + 29.73 + 14.96 + 26.48.
        var c4 = rfm.Customers.Single(c => c.Customer == "00004");
        Assert.Equal(201, c4.RecencyDays);   // 1997-12-12 → 1998-07-01
        Assert.Equal(4, c4.Frequency);
        Assert.Equal(100.50, c4.Monetary, 9);
        Assert.Equal(546, c4.TenureDays);    // 1997-01-01 → 1998-07-01
        Assert.Equal(25.125, c4.AvgOrderValue, 9);
        Assert.Equal(4 * 30.0 / 546, c4.PurchaseFrequency, 12);

        // Frequency = distinct purchase days per customer, counted independently here.
        var days = File.ReadLines(path)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length == 5)
            .Select(f => (f[0], f[2]))
            .Distinct()
            .Count();
        Assert.Equal(days, rfm.Customers.Sum(c => c.Frequency));
        Assert.Equal(244_091.94, Math.Round(rfm.Customers.Sum(c => c.Monetary), 2));

        // Rank-based frequency scores stay balanced although most customers bought on one day only.
        var fCounts = Enumerable.Range(1, 5).Select(s => rfm.Customers.Count(c => c.FScore == s)).ToArray();
        Assert.All(fCounts, n => Assert.InRange(n, 471, 472));
        Assert.Equal(1.0, rfm.Segments.Sum(s => s.Share), 9);
        Assert.Equal(1.0, rfm.Segments.Sum(s => s.RevenueShare), 9);
        Assert.Equal(2357, rfm.Segments.Sum(s => s.Customers));
    }

    [Fact]
    public void Master_with_its_header_is_read_by_names()
    {
        var path = TransactionsTestData.Cdnow("CDNOW_master.txt");
        if (path is null) return;
        var reader = ReaderExtensions.Open(path);
        var l = reader.Layout;
        Assert.Equal("customer_id", l.ColumnNames[l.CustomerColumn]);
        Assert.Equal("date", l.ColumnNames[l.DateColumn]);
        Assert.Equal("number_of_cds", l.ColumnNames[l.QuantityColumn]);
        Assert.Equal("dollar_value", l.ColumnNames[l.AmountColumn]);
        Assert.Equal("names", l.ColumnsFoundBy);

        reader.ReadAll();
        var q = reader.DataQuality!;
        var awk = AwkLike(path, 3, skipHeader: true);
        Assert.Equal(69_659, q.RowsRead);
        Assert.Equal(awk.Rows, q.RowsRead);
        Assert.Equal(80, q.Rejected["zeroPrice"]);
        Assert.Equal(awk.ZeroLines, q.Rejected["zeroPrice"]);
        Assert.Equal(69_579, q.RowsUsed);
        Assert.Equal(23_570, q.Customers);
        Assert.Equal(awk.Customers, q.Customers);
        Assert.Equal(255, q.DuplicateLines);
        Assert.Equal(2_500_315.63, Math.Round(q.TotalAmount, 2));
        Assert.Equal(awk.Total, q.TotalAmount, 5);
    }
}
