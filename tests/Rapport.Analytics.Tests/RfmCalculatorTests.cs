using Rapport.Analytics.Rfm;
using Rapport.Analytics.Transactions;

namespace Rapport.Analytics.Tests;

/// <summary>A transaction source from a list, for RFM tests independent of the file reader.</summary>
internal sealed class ListSource : ITransactionSource
{
    private readonly List<TransactionLine> _lines = new();
    private readonly List<string> _customers = new(), _orders = new();

    public ListSource Add(string customer, string date, double amount, string? order = null)
    {
        int c = _customers.IndexOf(customer);
        if (c < 0) { _customers.Add(customer); c = _customers.Count - 1; }
        int o = -1;
        if (order is not null)
        {
            o = _orders.IndexOf(order);
            if (o < 0) { _orders.Add(order); o = _orders.Count - 1; }
        }
        _lines.Add(new TransactionLine(c, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture).DayNumber, amount, o, -1, 1));
        return this;
    }

    public IReadOnlyList<string> CustomerKeys => _customers;
    public IReadOnlyList<string> OrderKeys => _orders;
    public IReadOnlyList<string> ItemKeys => [];
    public IEnumerable<TransactionLine> ReadLines() => _lines;
}

public class RfmCalculatorTests
{
    /// <summary>
    /// tests/Rapport.Analytics.Tests/data/transactions_small.csv, computed by hand (as-of = day after 2024-03-31):
    /// C1: orders 1001 (01-05: 20 + 5.50) and 1003 (03-01: 12, plus a late 2.00 line), return 1004 (-5.50)
    ///     → F 2, M 34.00, last 03-01 → R 31 days, first 01-05 → tenure 87 days.
    /// C2: 1002 (02-10: 10) and 1010 (03-20: 10); its cancelled and bad-date rows are rejected → F 2, M 20, R 12, tenure 51.
    /// C3: only a zero-price row → not scored.
    /// C4: 1009 (03-15: 14.50 + 3.00); its bad-number row is rejected → F 1, M 17.50, R 17, tenure 17.
    /// C5: 1012 (03-31: 10) → F 1, M 10, R 1, tenure 1.
    /// Scores among n = 4 at positions p (worst first): 1 + ⌊5(p + ½)/4⌋ → 1, 2, 4, 5.
    ///   R worst→best: C1 (31), C4 (17), C2 (12), C5 (1) → 1, 2, 4, 5.
    ///   F worst→best: C5 (1, $10), C4 (1, $17.50), C2 (2, $20), C1 (2, $34) → 1, 2, 4, 5 (ties broken by money).
    ///   M worst→best: C5, C4, C2, C1 → 1, 2, 4, 5.
    /// Segments (R, F): C1 (1, 5) Cannot lose; C2 (4, 4) Loyal; C4 (2, 2) Hibernating; C5 (5, 1) New.
    /// </summary>
    [Fact]
    public void Small_file_gives_the_hand_computed_figures()
    {
        var reader = ReaderExtensions.Open(TransactionsTestData.SmallFile);
        var r = RfmCalculator.Compute(reader);

        Assert.Equal(new DateOnly(2024, 4, 1), r.AsOf);
        Assert.Equal("orders", r.FrequencyBasis);
        Assert.Equal(1, r.CustomersWithoutPurchases);
        Assert.Equal(0, r.LinesAfterAsOf);
        Assert.Same(reader.DataQuality, r.DataQuality);
        Assert.Equal(new[] { "C1", "C2", "C4", "C5" }, r.Customers.Select(c => c.Customer));

        var c1 = r.Customers[0];
        Assert.Equal(31, c1.RecencyDays);
        Assert.Equal(2, c1.Frequency);
        Assert.Equal(34.0, c1.Monetary, 9);
        Assert.Equal((1, 5, 5), (c1.RScore, c1.FScore, c1.MScore));
        Assert.Equal("Cannot lose", c1.RfmSegment);
        Assert.Equal(17.0, c1.AvgOrderValue, 9);
        Assert.Equal(87, c1.TenureDays);
        Assert.Equal(60.0 / 87, c1.PurchaseFrequency, 12);

        var c2 = r.Customers[1];
        Assert.Equal((12, 2, 20.0, 51), (c2.RecencyDays, c2.Frequency, c2.Monetary, c2.TenureDays));
        Assert.Equal((4, 4, 4), (c2.RScore, c2.FScore, c2.MScore));
        Assert.Equal("Loyal", c2.RfmSegment);
        Assert.Equal(10.0, c2.AvgOrderValue, 9);
        Assert.Equal(60.0 / 51, c2.PurchaseFrequency, 12);

        var c4 = r.Customers[2];
        Assert.Equal((17, 1, 17.5, 17), (c4.RecencyDays, c4.Frequency, c4.Monetary, c4.TenureDays));
        Assert.Equal((2, 2, 2), (c4.RScore, c4.FScore, c4.MScore));
        Assert.Equal("Hibernating", c4.RfmSegment);
        Assert.Equal(1.0, c4.PurchaseFrequency, 12); // tenure under 30 days counts as 30

        var c5 = r.Customers[3];
        Assert.Equal((1, 1, 10.0, 1), (c5.RecencyDays, c5.Frequency, c5.Monetary, c5.TenureDays));
        Assert.Equal((5, 1, 1), (c5.RScore, c5.FScore, c5.MScore));
        Assert.Equal("New", c5.RfmSegment);
        Assert.Equal(1.0, c5.PurchaseFrequency, 12);

        Assert.Equal(RfmSegments.All, r.Segments.Select(s => s.Name));
        var cannotLose = r.Segments.Single(s => s.Name == "Cannot lose");
        Assert.Equal(1, cannotLose.Customers);
        Assert.Equal(0.25, cannotLose.Share, 12);
        Assert.Equal(34.0 / 81.5, cannotLose.RevenueShare, 12);
        Assert.Equal(0, r.Segments.Single(s => s.Name == "Champions").Customers);
    }

    [Fact]
    public void As_of_leaves_later_lines_out_and_counts_them()
    {
        var reader = ReaderExtensions.Open(TransactionsTestData.SmallFile);
        var r = RfmCalculator.Compute(reader, new RfmOptions { AsOf = new DateOnly(2024, 3, 10) });
        // Left out: C4's two lines of 03-15, C2's 03-20, C5's 03-31.
        Assert.Equal(4, r.LinesAfterAsOf);
        Assert.Equal(new[] { "C1", "C2" }, r.Customers.Select(c => c.Customer));
        Assert.Equal(3, r.CustomersWithoutPurchases); // C3, C4, C5
        var c1 = r.Customers[0];
        Assert.Equal(9, c1.RecencyDays);   // 03-01 → 03-10
        Assert.Equal(65, c1.TenureDays);   // 01-05 → 03-10
        Assert.Equal(34.0, c1.Monetary, 9); // the 03-05 return is before the as-of day
        var c2 = r.Customers[1];
        Assert.Equal((1, 10.0, 29), (c2.Frequency, c2.Monetary, c2.RecencyDays));
    }

    [Fact]
    public void Orders_are_counted_exactly_whatever_the_line_order()
    {
        var src = new ListSource()
            .Add("a", "2024-01-01", 5, "o1")
            .Add("b", "2024-01-02", 5, "o2")
            .Add("a", "2024-01-03", 5, "o3")
            .Add("a", "2024-01-01", 5, "o1")   // o1 again, after o3: not a new order
            .Add("b", "2024-01-01", 7, "o1")   // o1 shared with another customer: new for b
            .Add("b", "2024-01-02", 1, "o2")   // b's o2 again
            .Add("b", "2024-01-04", -3, "o4")  // a return on its own order: not a purchase
            .Add("c", "2024-01-05", -2, "o5"); // a customer with a return only
        var r = RfmCalculator.Compute(src);
        var a = r.Customers.Single(x => x.Customer == "a");
        var b = r.Customers.Single(x => x.Customer == "b");
        Assert.Equal(2, a.Frequency);
        Assert.Equal(15, a.Monetary);
        Assert.Equal(2, b.Frequency);
        Assert.Equal(10, b.Monetary);
        Assert.Equal(4, b.RecencyDays); // last purchase 01-02 (the 01-04 return is not a purchase); as-of = 01-05 + 1 day
        Assert.Equal(1, r.CustomersWithoutPurchases);
        Assert.Equal(new DateOnly(2024, 1, 6), r.AsOf);
    }

    [Fact]
    public void Without_orders_frequency_counts_distinct_days()
    {
        var src = new ListSource()
            .Add("a", "2024-01-01", 1)
            .Add("a", "2024-01-01", 2)
            .Add("a", "2024-01-05", 3)
            .Add("a", "2024-01-01", 4)  // back to a day already counted
            .Add("a", "2024-01-03", 5);
        var r = RfmCalculator.Compute(src);
        Assert.Equal("days", r.FrequencyBasis);
        Assert.Equal(3, r.Customers.Single().Frequency);
        Assert.Equal(15, r.Customers.Single().Monetary);
        Assert.Equal(1, r.Customers.Single().RecencyDays);
        Assert.Equal(5, r.Customers.Single().TenureDays);
    }

    [Fact]
    public void Quintiles_give_each_score_a_fifth_and_ties_share_a_score()
    {
        var values = Enumerable.Range(0, 100).Select(i => (double)i).ToArray();
        var s = QuintileScores.TiesShareScore(values);
        for (int score = 1; score <= 5; score++) Assert.Equal(20, s.Count(x => x == score));
        Assert.Equal(1, s[0]);
        Assert.Equal(5, s[99]);
        Assert.Equal(1, s[19]);
        Assert.Equal(2, s[20]);

        // 60 equal values at the bottom share the score of their middle position (29.5 of 100 → 1 + ⌊5·30/100⌋ = 2).
        var tied = Enumerable.Repeat(1.0, 60).Concat(Enumerable.Range(2, 40).Select(i => (double)i)).ToArray();
        var t = QuintileScores.TiesShareScore(tied);
        Assert.All(t.Take(60), x => Assert.Equal(2, x));
        Assert.Equal(4, t[60]);
        Assert.Equal(5, t[99]);

        // Rank-based: the same 60 ties spread over scores 1–3 in the order of the tie-breaker.
        var r = QuintileScores.ByRank(100, (x, y) => tied[x] != tied[y] ? tied[x].CompareTo(tied[y]) : y.CompareTo(x));
        for (int score = 1; score <= 5; score++) Assert.Equal(20, r.Count(x => x == score));
        Assert.Equal(1, r[59]); // later index ranks lower among ties
        Assert.Equal(3, r[0]);
    }

    [Fact]
    public void Scores_are_deterministic_for_a_single_customer()
    {
        var r = RfmCalculator.Compute(new ListSource().Add("solo", "2024-02-01", 9.99, "x"));
        var c = r.Customers.Single();
        Assert.Equal((3, 3, 3), (c.RScore, c.FScore, c.MScore));
        Assert.Equal("Need attention", c.RfmSegment);
    }

    [Fact]
    public void Segment_grid_names_every_cell()
    {
        Assert.Equal("Champions", RfmSegments.Name(5, 5));
        Assert.Equal("Champions", RfmSegments.Name(5, 4));
        Assert.Equal("New", RfmSegments.Name(5, 1));
        Assert.Equal("Potential loyalist", RfmSegments.Name(4, 2));
        Assert.Equal("Loyal", RfmSegments.Name(3, 5));
        Assert.Equal("Promising", RfmSegments.Name(4, 1));
        Assert.Equal("Need attention", RfmSegments.Name(3, 3));
        Assert.Equal("About to sleep", RfmSegments.Name(3, 1));
        Assert.Equal("At risk", RfmSegments.Name(2, 4));
        Assert.Equal("Cannot lose", RfmSegments.Name(1, 5));
        Assert.Equal("Hibernating", RfmSegments.Name(2, 1));
        Assert.Equal("Lost", RfmSegments.Name(1, 1));
        var all = new HashSet<string>();
        for (int r = 1; r <= 5; r++)
        {
            for (int f = 1; f <= 5; f++) all.Add(RfmSegments.Name(r, f));
        }
        Assert.Equal(RfmSegments.All.OrderBy(x => x), all.OrderBy(x => x));
        Assert.Throws<ArgumentOutOfRangeException>(() => RfmSegments.Name(0, 3));
    }

    [Fact]
    public void No_purchase_is_an_error_with_a_reason()
    {
        var e = Assert.Throws<InvalidOperationException>(() => RfmCalculator.Compute(new ListSource().Add("a", "2024-01-01", -5)));
        Assert.Contains("no purchase", e.Message);
    }
}
