using Rapport.Analytics.Churn;
using Rapport.Analytics.Prediction;
using Rapport.Analytics.Transactions;

namespace Rapport.Analytics.Tests;

/// <summary>Churn features and label on a hand-computed file.</summary>
public sealed class ChurnFeatureTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"rapport-churn-{Guid.NewGuid():N}.csv");

    public ChurnFeatureTests() => File.WriteAllText(_file, """
        InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID
        1001,X,2,2024-01-01,10,A
        1001,Y,1,2024-01-01,5,A
        1002,X,1,2024-02-01,10,A
        1002,X,-1,2024-02-01,10,A
        1003,Y,2,2024-03-01,5,A
        1004,Z,1,2024-03-20,100,B
        1005,X,1,2024-04-05,10,C
        1006,Y,1,2024-04-15,5,A
        1007,Z,1,2024-05-02,100,D

        """);

    public void Dispose() => File.Delete(_file);

    private ChurnTables Tables(DateOnly cutoff, int window, IReadOnlyDictionary<string, string>? categories = null) =>
        ChurnFeatureBuilder.Build(new TransactionFileReader(new TransactionFileOptions { Path = _file }), new ChurnOptions(cutoff, window, ItemCategories: categories));

    private (RawTable Table, ChurnSummary Summary) Build(DateOnly cutoff, int window, IReadOnlyDictionary<string, string>? categories = null) =>
        Tables(cutoff, window, categories) is var t ? (t.Training, t.Summary) : default;

    private static Dictionary<string, string> Row(RawTable table, string customer)
    {
        var row = table.Rows.Single(r => r[0] == customer);
        return table.Columns.Select((c, i) => (c, row[i])).ToDictionary(t => t.c, t => t.Item2);
    }

    [Fact]
    public void Features_at_the_cutoff_match_the_hand_computed_values()
    {
        var (table, summary) = Build(new DateOnly(2024, 3, 31), 30);
        Assert.Equal(2, summary.Customers);
        Assert.Equal(2, summary.CustomersAfterCutoffOnly);
        Assert.Equal(1, summary.Churned);
        Assert.Equal(new DateOnly(2024, 4, 30), summary.WindowEnd);

        var a = Row(table, "A");
        Assert.Equal("30", a["recency_days"]);
        Assert.Equal("3", a["frequency"]);          // order 1002 is a purchase even though half of it came back
        Assert.Equal("35", a["monetary"]);          // 25 + (10 − 10) + 10
        Assert.Equal("11.6667", a["avg_order_value"]);
        Assert.Equal("90", a["tenure_days"]);       // 2024 is a leap year: 31 + 29 + 30
        Assert.Equal("2", a["orders_last_90d"]);
        Assert.Equal("1", a["orders_prior_90d"]);
        Assert.Equal("10", a["spend_last_90d"]);
        Assert.Equal("25", a["spend_prior_90d"]);
        Assert.Equal("30", a["mean_days_between_orders"]);
        Assert.Equal("1", a["days_overdue_ratio"]);
        Assert.Equal("1", a["return_lines"]);
        Assert.Equal("0.2222", a["returned_share"]); // 10 returned of 45 bought
        Assert.Equal("2", a["distinct_items"]);
        Assert.Equal("0.6667", a["top_item_share"]); // X: 30 of 45
        Assert.Equal("no", a["churned"]);           // bought again on 2024-04-15

        var b = Row(table, "B");
        Assert.Equal("11", b["recency_days"]);
        Assert.Equal("1", b["frequency"]);
        Assert.Equal("", b["mean_days_between_orders"]); // a one-off buyer has no gap yet
        Assert.Equal("", b["days_overdue_ratio"]);
        Assert.Equal("0", b["returned_share"]);
        Assert.Equal("yes", b["churned"]);
        Assert.InRange(double.Parse(b["p_alive"], System.Globalization.CultureInfo.InvariantCulture), 0.0, 1.0);
    }

    [Fact]
    public void Current_table_has_everyone_at_the_end_of_the_data_without_a_label()
    {
        var current = Tables(new DateOnly(2024, 3, 31), 30).Current;
        Assert.Equal(["A", "B", "C", "D"], current.Rows.Select(r => r[0]));
        var a = Row(current, "A");
        Assert.Equal("17", a["recency_days"]);  // 2024-04-15 → 2024-05-02
        Assert.Equal("4", a["frequency"]);
        Assert.Equal("0", Row(current, "D")["recency_days"]);
        Assert.All(current.Rows, r => Assert.Equal("", r[^1]));
    }

    [Fact]
    public void Category_mix_uses_the_item_map()
    {
        var map = new Dictionary<string, string> { ["X"] = "Toys", ["Y"] = "Books", ["Z"] = "Garden" };
        var (table, _) = Build(new DateOnly(2024, 3, 31), 30, map);
        var a = Row(table, "A");
        Assert.Equal("2", a["distinct_categories"]);
        Assert.Equal("Toys", a["favourite_category"]);
        Assert.Equal("0.6667", a["share_Toys"]);
        Assert.Equal("0.3333", a["share_Books"]);
        Assert.Equal("0", a["share_Garden"]);
        Assert.Equal("Garden", Row(table, "B")["favourite_category"]);
    }

    [Fact]
    public void A_window_past_the_end_of_the_data_or_a_cutoff_before_it_is_refused()
    {
        var late = Assert.Throws<ArgumentException>(() => Build(new DateOnly(2024, 4, 10), 30));
        Assert.Contains("ends on 2024-05-02", late.Message, StringComparison.Ordinal);
        var early = Assert.Throws<ArgumentException>(() => Build(new DateOnly(2023, 12, 1), 30));
        Assert.Contains("No purchase on or before the cutoff", early.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Category_table_columns_are_detected_and_conflicts_named()
    {
        var map = CategoryMap.Read(TableReader.Parse("id,sku,name,category\n1,X,Ball,Toys\n2,Y,Novel,Books\n"));
        Assert.Equal("Toys", map["X"]);
        var ex = Assert.Throws<ArgumentException>(() => CategoryMap.Read(TableReader.Parse("sku,category\nX,Toys\nX,Books\n")));
        Assert.Contains("Row 2", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => CategoryMap.Read(TableReader.Parse("a,b\n1,2\n")));
    }
}
