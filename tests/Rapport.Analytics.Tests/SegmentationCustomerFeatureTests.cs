using Rapport.Analytics.Rfm;
using Rapport.Analytics.Segmentation;
using Rapport.Analytics.Transactions;

namespace Rapport.Analytics.Tests;

public sealed class SegmentationCustomerFeatureTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"rapport-features-{Guid.NewGuid():N}.csv");

    public void Dispose() => File.Delete(_file);

    private Func<ITransactionSource> Open(string text)
    {
        File.WriteAllText(_file, text);
        return () => new TransactionFileReader(new TransactionFileOptions { Path = _file });
    }

    /// <summary>
    /// Computed by hand; as-of = 2024-03-02 (the day after the last line). Usual prices: A 10.00 (3 lines at 10, 1 at 8),
    /// B 5.00, C 2.50.
    /// c1: orders 1 (01-01: A 1×10, B 2×5) and 3 (02-01: A 1×8, C 4×2.50, C −1×2.50 returned) → 4 purchase lines, spend 38,
    ///     8 units, returned 2.50; items/order 2, units/line 2, unit price 38/8 = 4.75, return share 2.5/38, discounted
    ///     lines 1/4 (A at 8 &lt; 0.98 × 10), repeat lines 1/4 (A again); recency 30, tenure 61, active rate 1·30/max(31, 30).
    /// c2: orders 2 (01-11: A 10) and 4 (02-05: B 5) → items/order 1, unit price 7.50, no discounts, no repeats; recency 26,
    ///     tenure 51, active rate 30/max(25, 30) = 1.
    /// c3: one order (03-01: A 10) → active rate 0, recency 1, tenure 1.
    /// </summary>
    private const string Small = """
        InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID
        1,A,1,2024-01-01,10.00,c1
        1,B,2,2024-01-01,5.00,c1
        2,A,1,2024-01-11,10.00,c2
        3,A,1,2024-02-01,8.00,c1
        3,C,4,2024-02-01,2.50,c1
        3,C,-1,2024-02-01,2.50,c1
        4,B,1,2024-02-05,5.00,c2
        5,A,1,2024-03-01,10.00,c3

        """;

    [Fact]
    public void Features_match_the_hand_computed_file()
    {
        var open = Open(Small);
        var rfm = RfmCalculator.Compute(open());
        var table = CustomerFeatures.Compute(rfm, open);
        Assert.True(table.HasItems);
        Assert.Equal(["c1", "c2", "c3"], table.Customers);
        Assert.Equal(CustomerFeatures.AllNames, table.All.ColumnNames);

        double F(int row, string name) => table.All[row, table.All.IndexOf(name)];
        Assert.Equal(30, F(0, "recency_days"));
        Assert.Equal(2, F(0, "frequency"));
        Assert.Equal(35.5, F(0, "monetary"), 9);
        Assert.Equal(61, F(0, "tenure_days"));
        Assert.Equal(30.0 / 31, F(0, "active_purchase_rate"), 12);
        Assert.Equal(2, F(0, "items_per_order"));
        Assert.Equal(2, F(0, "units_per_line"));
        Assert.Equal(4.75, F(0, "avg_unit_price"), 12);
        Assert.Equal(2.5 / 38, F(0, "return_share"), 12);
        Assert.Equal(0.25, F(0, "discount_share"));
        Assert.Equal(0.25, F(0, "repeat_item_share"));

        Assert.Equal(1.0, F(1, "active_purchase_rate"), 12);
        Assert.Equal(1, F(1, "items_per_order"));
        Assert.Equal(7.5, F(1, "avg_unit_price"), 12);
        Assert.Equal(0, F(1, "discount_share"));
        Assert.Equal(0, F(1, "repeat_item_share"));
        Assert.Equal(0, F(1, "return_share"));

        Assert.Equal(0, F(2, "active_purchase_rate"));
        Assert.Equal(1, F(2, "recency_days"));
        Assert.Equal(10, F(2, "avg_unit_price"));

        var behaviour = table.Select(CustomerFeatures.ParseSet(null, table.HasItems));
        Assert.Equal(CustomerFeatures.BehaviourNames, behaviour.ColumnNames);
        Assert.Equal(0.25, behaviour[0, 4]);
        Assert.Equal(CustomerFeatures.RfmNames, table.Select(CustomerFeatures.ParseSet("rfm", true)).ColumnNames);
        Assert.Equal(["frequency", "avg_unit_price"], table.Select(CustomerFeatures.ParseSet("frequency, avg_unit_price", true)).ColumnNames);
        Assert.Contains("Unknown feature 'nope'", Assert.Throws<ArgumentException>(() => table.Select(["nope"])).Message);
    }

    [Fact]
    public void Lines_after_the_as_of_day_are_left_out()
    {
        var open = Open(Small);
        var rfm = RfmCalculator.Compute(open(), new RfmOptions { AsOf = new DateOnly(2024, 1, 31) });
        var table = CustomerFeatures.Compute(rfm, open);
        Assert.Equal(["c1", "c2"], table.Customers);
        Assert.Equal(2, table.All[0, table.All.IndexOf("items_per_order")]);
        Assert.Equal(0, table.All[0, table.All.IndexOf("discount_share")]);
        Assert.Equal(0, table.All[0, table.All.IndexOf("return_share")]);
    }

    [Fact]
    public void Without_an_item_column_the_item_based_features_are_absent()
    {
        var open = Open("""
            customer,date,amount
            a,2024-01-01,10
            a,2024-01-05,30
            b,2024-01-02,5

            """);
        var rfm = RfmCalculator.Compute(open());
        var table = CustomerFeatures.Compute(rfm, open);
        Assert.False(table.HasItems);
        Assert.Equal(-1, table.All.IndexOf("discount_share"));
        Assert.Equal(CustomerFeatures.BehaviourNamesWithoutItems, CustomerFeatures.ParseSet("behaviour", false));
        Assert.Equal(20, table.All[0, table.All.IndexOf("avg_unit_price")]);
        Assert.Contains("need an item column", Assert.Throws<ArgumentException>(() => table.Select(["discount_share"])).Message);
    }

    [Fact]
    public void Segments_clustered_on_habits_are_named_by_every_profiled_feature()
    {
        // Two clear groups: cheap items bought on discount, and dear items at full price by frequent buyers.
        var rng = new Random(3);
        var n = 200;
        double Noise() => rng.NextDouble() * 0.05;
        var discount = Enumerable.Range(0, n).Select(i => (i < n / 2 ? 0.7 : 0.02) + Noise()).ToArray();
        var price = Enumerable.Range(0, n).Select(i => (i < n / 2 ? 8 : 120) * (1 + Noise())).ToArray();
        var frequency = Enumerable.Range(0, n).Select(i => (i < n / 2 ? 2.0 : 9.0) + Noise()).ToArray();
        var clustered = FeatureMatrix.FromColumns(["discount_share", "avg_unit_price"], [discount, price]);
        var profiled = FeatureMatrix.FromColumns(["discount_share", "avg_unit_price", "frequency"], [discount, price, frequency]);
        var result = Segmenter.Run(clustered, Enumerable.Range(0, n).Select(i => "c" + i).ToList(), price, new SegmentationOptions(K: 2, Seed: 1), profiled);
        Assert.Equal(["discount_share", "avg_unit_price"], result.Features.Select(f => f.Name));
        Assert.Equal(["Bargain hunters", "Premium regulars"], result.Segments.OrderBy(s => s.Name).Select(s => s.Name));
        Assert.All(result.Segments, s => Assert.True(s.FeatureMeans.ContainsKey("frequency")));
    }
}
