using System.Text;
using Rapport.Analytics.Rules;
using Rapport.Analytics.Transactions;

namespace Rapport.Analytics.Tests;

/// <summary>Basket files, long-format transaction files, and bad thresholds.</summary>
public sealed class RulesInputTests
{
    [Fact]
    public void Comma_baskets_keep_names_exactly_and_skip_blank_lines_and_empty_fields()
    {
        using var tmp = new TempDir();
        var path = tmp.Write("b.csv", "a,b ,c\r\nb ,a\n\n,a,,\nx y,a,a\n");
        var (baskets, report) = BasketReader.Read(path);
        Assert.Equal("comma", report.Separator);
        Assert.Equal(4, baskets.Count);
        Assert.Equal(1, report.BlankLines);
        Assert.Equal(3, report.EmptyFields);
        Assert.Equal(1, report.RepeatedItems);
        Assert.Equal(["a", "b ", "c", "x y"], baskets.Items.Names);
        Assert.Equal([0, 1, 2], baskets[0].ToArray());
        Assert.Equal([0], baskets[2].ToArray());
        Assert.Equal([0, 3], baskets[3].ToArray());
    }

    [Fact]
    public void Whitespace_baskets_are_detected()
    {
        using var tmp = new TempDir();
        var path = tmp.Write("retail.dat", "1 2 3 \n  2\t3  4\n5\n");
        var (baskets, report) = BasketReader.Read(path);
        Assert.Equal("whitespace", report.Separator);
        Assert.Equal(3, baskets.Count);
        Assert.Equal(["1", "2", "3", "4", "5"], baskets.Items.Names);
        Assert.Equal(3, baskets[1].Length);
        // Forced comma: each line is one item with spaces inside.
        var (forced, _) = BasketReader.Read(path, BasketSeparator.Comma);
        Assert.Equal("1 2 3 ", forced.Items[0]);
    }

    [Theory]
    [InlineData("", "the file is empty")]
    [InlineData("\n\n  \n", "no baskets")]
    public void Empty_basket_files_are_refused(string text, string reason)
    {
        using var tmp = new TempDir();
        var path = tmp.Write("empty.csv", text);
        var ex = Assert.Throws<TransactionFileException>(() => BasketReader.Read(path));
        Assert.Contains(reason, ex.Message);
        Assert.Contains("empty.csv", ex.Message);
    }

    [Fact]
    public void Missing_and_binary_basket_files_are_refused_with_file_and_row()
    {
        using var tmp = new TempDir();
        var missing = Assert.Throws<TransactionFileException>(() => BasketReader.Read(tmp.File("nope.csv")));
        Assert.Contains("nope.csv: file not found", missing.Message);
        var bad = tmp.File("bad.csv");
        File.WriteAllBytes(bad, [.. "a,b\n"u8, 0xFF, 0xFE, (byte)'\n']);
        Assert.Contains("not valid UTF-8", Assert.Throws<TransactionFileException>(() => BasketReader.Read(bad)).Message);
        var nul = tmp.File("nul.csv");
        File.WriteAllBytes(nul, [.. "a,b\nc,d\n"u8, (byte)'x', 0, (byte)'\n']);
        var ex = Assert.Throws<TransactionFileException>(() => BasketReader.Read(nul));
        Assert.Equal(3, ex.Row);
        Assert.Contains("nul.csv, row 3", ex.Message);
    }

    [Theory]
    [InlineData(0, 0.5, "min-support")]
    [InlineData(-0.1, 0.5, "min-support")]
    [InlineData(1.5, 0.5, "min-support")]
    [InlineData(double.NaN, 0.5, "min-support")]
    [InlineData(0.1, 1.2, "min-confidence")]
    [InlineData(0.1, -1, "min-confidence")]
    [InlineData(0.1, double.NaN, "min-confidence")]
    public void Bad_thresholds_are_refused_by_name(double support, double confidence, string name)
    {
        var baskets = Baskets.FromNames([["a", "b"]]);
        var ex = Assert.Throws<ArgumentException>(() => AssociationRules.Mine(baskets, new RuleOptions { MinSupport = support, MinConfidence = confidence }));
        Assert.StartsWith(name, ex.Message);
    }

    [Fact]
    public void Bad_lengths_lift_and_algorithm_are_refused()
    {
        var baskets = Baskets.FromNames([["a", "b"]]);
        Assert.StartsWith("max-length", Assert.Throws<ArgumentException>(() => AssociationRules.Mine(baskets, new RuleOptions { MinSupport = 0.5, MinConfidence = 0.5, MaxLength = 0 })).Message);
        Assert.StartsWith("max-consequent", Assert.Throws<ArgumentException>(() => AssociationRules.Mine(baskets, new RuleOptions { MinSupport = 0.5, MinConfidence = 0.5, MaxConsequent = 0 })).Message);
        Assert.StartsWith("min-lift", Assert.Throws<ArgumentException>(() => AssociationRules.Mine(baskets, new RuleOptions { MinSupport = 0.5, MinConfidence = 0.5, MinLift = -1 })).Message);
        Assert.Contains("fpgrowth or apriori", Assert.Throws<ArgumentException>(() => RuleOptions.ParseAlgorithm("eclat")).Message);
        Assert.Equal(ItemsetAlgorithm.FpGrowth, RuleOptions.ParseAlgorithm("FP-Growth"));
    }

    private const string LongFormat = """
        InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID
        1001,A,2,2024-01-05,10.00,C1
        1001,B,1,2024-01-05,5.50,C1
        1001,A,1,2024-01-05,10.00,C1
        1002,A,1,2024-02-10,10.00,C2
        1002,B,1,2024-02-10,5.50,C2
        C1003,A,-1,2024-02-11,10.00,C2
        1004,B,-2,2024-02-12,5.50,C3
        1004,C,1,2024-02-12,4.00,C3
        1005,C,1,2024-02-13,4.00,C3

        """;

    [Fact]
    public void Long_format_rows_become_one_basket_per_invoice_without_cancellations_or_returns()
    {
        using var tmp = new TempDir();
        var path = tmp.Write("tx.csv", LongFormat);
        var reader = new TransactionFileReader(new TransactionFileOptions { Path = path, InvoiceColumn = "InvoiceNo", ItemColumn = "StockCode", KeepReturns = false });
        var (baskets, report) = TransactionBaskets.Read(reader);
        Assert.Equal(4, baskets.Count); // 1001 {A,B}, 1002 {A,B}, 1004 {C}, 1005 {C}
        Assert.Equal(1, report.RepeatedItems);
        var quality = reader.DataQuality!;
        Assert.Equal(1, quality.Rejected["cancelled"]);
        Assert.Equal(1, quality.Rejected["return"]);
        var rules = AssociationRules.Mine(baskets, new RuleOptions { MinSupport = 0.5, MinConfidence = 1 });
        Assert.Equal(2, rules.Rules.Count); // A => B and B => A, both in 2 of 4 baskets
        Assert.All(rules.Rules, r => Assert.Equal(2.0, r.Lift, 12));

        // With returns kept by the reader, they are still left out of the baskets.
        var keeping = new TransactionFileReader(new TransactionFileOptions { Path = path, InvoiceColumn = "InvoiceNo", ItemColumn = "StockCode" });
        var (same, kept) = TransactionBaskets.Read(keeping);
        Assert.Equal(1, kept.ReturnLinesSkipped);
        Assert.Equal(4, same.Count);
    }

    [Fact]
    public void Long_format_without_an_item_column_is_refused()
    {
        using var tmp = new TempDir();
        var path = tmp.Write("noitem.csv", "InvoiceNo,Quantity,InvoiceDate,UnitPrice,CustomerID\n1,1,2024-01-01,1.0,C\n");
        var reader = new TransactionFileReader(new TransactionFileOptions { Path = path, InvoiceColumn = "InvoiceNo" });
        var ex = Assert.Throws<TransactionFileException>(() => TransactionBaskets.Read(reader));
        Assert.Contains("no item column", ex.Message);
        Assert.Contains("noitem.csv", ex.Message);
    }

    [Fact]
    public void Csv_output_has_the_columns_quotes_and_infinite_conviction()
    {
        var baskets = Baskets.FromNames([["cream cheese ", "=cmd"], ["cream cheese ", "=cmd"], ["x"]]);
        var result = AssociationRules.Mine(baskets, new RuleOptions { MinSupport = 0.5, MinConfidence = 0.9 });
        using var stream = new MemoryStream();
        RuleWriter.WriteCsv(result, stream);
        var lines = Encoding.UTF8.GetString(stream.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(RuleWriter.Header, lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.Contains("\"cream cheese \",'=cmd,0.6666666666666666,1,1.5,0.2222222222222222,inf,2", lines);
    }
}
