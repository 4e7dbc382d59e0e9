using System.Text.Json;

namespace Rapport.Cli.Tests;

/// <summary>`rapport analyze recommend` end to end on a small demo, and its bad-input messages.</summary>
public sealed class AnalyzeRecommendCommandTests
{
    [Fact]
    public async Task Recommend_evaluates_on_a_holdout_and_recommends_for_every_customer_without_one()
    {
        using var folder = new TempFolder();
        var demo = await CliRunner.RunAsync("demo", "--customers", "400", "--seed", "5", "--out", folder.Path);
        Assert.True(demo.ExitCode == 0, demo.Error);
        var evaluation = folder.File("eval.json");
        var result = await CliRunner.RunAsync("analyze", "recommend", "--transactions", folder.File("transactions.csv"), "--products", folder.File("products.csv"),
            "--holdout-days", "90", "--k", "5", "--algorithms", "itemknn,als,content,repeat,hybrid", "--factors", "16", "--iterations", "5", "--out", evaluation);
        Assert.True(result.ExitCode == 0, result.Error);
        using (var json = JsonDocument.Parse(File.ReadAllText(evaluation)))
        {
            var root = json.RootElement;
            Assert.Equal("dataQuality", root.EnumerateObject().First().Name);
            Assert.Equal("holdout", root.GetProperty("mode").GetString());
            var algorithms = root.GetProperty("evaluation").EnumerateArray().Select(e => e.GetProperty("algorithm").GetString()).ToList();
            Assert.Equal(["popularity", "history", "itemknn", "als", "content", "repeat", "hybrid"], algorithms);
            foreach (var e in root.GetProperty("evaluation").EnumerateArray())
            {
                Assert.InRange(e.GetProperty("recall").GetDouble(), 0, 1);
                Assert.InRange(e.GetProperty("ndcg").GetDouble(), 0, 1);
                Assert.True(e.GetProperty("customers").GetInt32() > 20);
            }
            Assert.True(root.GetProperty("evaluation")[0].GetProperty("baseline").GetBoolean());
            Assert.Equal(6, root.GetProperty("hybrid").GetProperty("weights").EnumerateObject().Count());
            Assert.Equal(JsonValueKind.Null, root.GetProperty("recommendations").ValueKind);
            var split = root.GetProperty("split");
            Assert.Equal(DateOnly.Parse(split.GetProperty("holdoutEnd").GetString()!).AddDays(-89), DateOnly.Parse(split.GetProperty("holdoutStart").GetString()!));
        }

        var recommendations = folder.File("recs.json");
        result = await CliRunner.RunAsync("analyze", "recommend", "--transactions", folder.File("transactions.csv"), "--products", folder.File("products.csv"),
            "--k", "5", "--algorithms", "itemknn,repeat,hybrid", "--out", recommendations);
        Assert.True(result.ExitCode == 0, result.Error);
        using (var json = JsonDocument.Parse(File.ReadAllText(recommendations)))
        {
            var root = json.RootElement;
            Assert.Equal("recommend", root.GetProperty("mode").GetString());
            var chosen = root.GetProperty("recommendedWith").GetString();
            Assert.Contains(chosen, new[] { "popularity", "history", "itemknn", "repeat", "hybrid" });
            var customers = root.GetProperty("recommendations").EnumerateArray().ToList();
            Assert.Equal(File.ReadLines(folder.File("transactions.csv")).Skip(1).Where(l => !l.StartsWith('C')).Select(l => l.Split(',')[5]).Distinct().Count(), customers.Count);
            var items = customers.SelectMany(c => c.GetProperty("items").EnumerateArray()).ToList();
            Assert.True(items.Count >= customers.Count * 3);
            Assert.All(items, i => Assert.False(string.IsNullOrWhiteSpace(i.GetProperty("because").GetString())));
            Assert.All(customers, c => Assert.InRange(c.GetProperty("items").GetArrayLength(), 0, 5));
        }
        Assert.Contains("customers × up to 5 items", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Holdout_without_test_customers_is_bad_input_and_writes_nothing()
    {
        using var folder = new TempFolder();
        await File.WriteAllTextAsync(folder.File("t.csv"),
            "InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID\n1,A,1,2024-01-01,2.5,c1\n2,B,1,2024-01-05,3,c2\n3,A,1,2024-03-01,2.5,c3\n");
        var result = await CliRunner.RunAsync("analyze", "recommend", "--transactions", folder.File("t.csv"), "--holdout-days", "30", "--out", folder.File("out.json"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("leaves no test customers", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(folder.File("out.json")));
    }

    [Fact]
    public async Task Bad_products_file_names_the_file_row_and_field()
    {
        using var folder = new TempFolder();
        await File.WriteAllTextAsync(folder.File("t.csv"), "InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID\n1,A,1,2024-01-01,2.5,c1\n");
        await File.WriteAllTextAsync(folder.File("p.csv"), "sku,category,price\nA,Tea,2.5\nB,Tea,n/a\n");
        var result = await CliRunner.RunAsync("analyze", "recommend", "--transactions", folder.File("t.csv"), "--products", folder.File("p.csv"), "--out", folder.File("out.json"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("p.csv: Row 2: field 'price' value 'n/a' is not a non-negative number.", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--holdout-days", "30", "--holdout-fraction", "0.2", "not both")]
    [InlineData("--algorithms", "itemknn,magic", "", "", "Unknown algorithm 'magic'")]
    [InlineData("--algorithms", "content", "", "", "needs --products")]
    [InlineData("--holdout-fraction", "1.5", "", "", "--holdout-fraction must be between 0 and 1")]
    [InlineData("--holdout-days", "4000", "", "", "covers the whole log")]
    public async Task Bad_flags_are_bad_input_with_a_clear_message(string flag1, string value1, string flag2, string value2, string message)
    {
        using var folder = new TempFolder();
        await File.WriteAllTextAsync(folder.File("t.csv"),
            "InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID\n1,A,1,2024-01-01,2.5,c1\n2,B,1,2024-02-05,3,c1\n3,A,1,2024-03-01,2.5,c1\n");
        string[] args = ["analyze", "recommend", "--transactions", folder.File("t.csv"), flag1, value1, .. flag2.Length > 0 ? new[] { flag2, value2 } : [], "--out", folder.File("out.json")];
        var result = await CliRunner.RunAsync(args);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task File_without_item_column_is_bad_input()
    {
        using var folder = new TempFolder();
        await File.WriteAllTextAsync(folder.File("t.csv"), "customer,date,amount\na,2024-01-01,10\nb,2024-02-01,5\n");
        var result = await CliRunner.RunAsync("analyze", "recommend", "--transactions", folder.File("t.csv"), "--out", folder.File("out.json"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("item column", result.Error, StringComparison.Ordinal);
    }
}
