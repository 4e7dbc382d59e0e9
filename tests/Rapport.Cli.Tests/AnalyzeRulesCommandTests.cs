using System.Text.Json;

namespace Rapport.Cli.Tests;

/// <summary>`rapport analyze rules` on Groceries and on a small long-format file; input errors exit with 1.</summary>
public sealed class AnalyzeRulesCommandTests
{
    private static readonly string Groceries = Datasets.Path("groceries", "groceries.csv");

    [Theory]
    [InlineData("fpgrowth")]
    [InlineData("apriori")]
    public async Task Groceries_gives_arules_410_rules_as_csv_with_a_summary(string algorithm)
    {
        using var folder = new TempFolder();
        var output = folder.File("rules.csv");
        var result = await CliRunner.RunAsync("analyze", "rules", "--baskets", Groceries, "--min-support", "0.001", "--min-confidence", "0.8",
            "--algorithm", algorithm, "--out", output);
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("410 rules from 13,492 frequent itemsets", result.Output);
        var lines = File.ReadAllLines(output);
        Assert.Equal("antecedent,consequent,support,confidence,lift,leverage,conviction,count", lines[0]);
        Assert.Equal(411, lines.Length);
        Assert.StartsWith("liquor & red/blush wine,bottled beer,0.00193187", lines[1]);
        using var summary = JsonDocument.Parse(File.ReadAllText(folder.File("rules.summary.json")));
        var s = summary.RootElement.GetProperty("summary");
        Assert.Equal(algorithm, s.GetProperty("algorithm").GetString());
        Assert.Equal(13492, s.GetProperty("frequentItemsets").GetInt32());
        Assert.Equal(6831, s.GetProperty("itemsetsByLength").GetProperty("3").GetInt32());
        Assert.Equal(410, s.GetProperty("rules").GetInt32());
        Assert.Equal(9835, summary.RootElement.GetProperty("input").GetProperty("baskets").GetInt32());
    }

    [Fact]
    public async Task Json_output_with_lift_filter_and_two_item_consequents()
    {
        using var folder = new TempFolder();
        var output = folder.File("rules.json");
        var result = await CliRunner.RunAsync("analyze", "rules", "--baskets", Groceries, "--min-support", "0.005", "--min-confidence", "0.5",
            "--min-lift", "2.5", "--max-consequent", "2", "--max-length", "3", "--out", output);
        Assert.True(result.ExitCode == 0, result.Error);
        using var json = JsonDocument.Parse(File.ReadAllText(output));
        var rules = json.RootElement.GetProperty("rules");
        Assert.True(rules.GetArrayLength() > 0);
        foreach (var rule in rules.EnumerateArray())
        {
            Assert.True(rule.GetProperty("lift").GetDouble() >= 2.5);
            Assert.True(rule.GetProperty("confidence").GetDouble() >= 0.5);
            int size = rule.GetProperty("antecedent").GetArrayLength() + rule.GetProperty("consequent").GetArrayLength();
            Assert.InRange(size, 2, 3);
        }
        Assert.Equal(rules.GetArrayLength(), json.RootElement.GetProperty("summary").GetProperty("rules").GetInt32());
    }

    [Fact]
    public async Task Long_format_transactions_report_data_quality()
    {
        using var folder = new TempFolder();
        var input = folder.File("tx.csv");
        File.WriteAllText(input, """
            InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID
            1001,A,2,2024-01-05,10.00,C1
            1001,B,1,2024-01-05,5.50,C1
            1002,A,1,2024-02-10,10.00,C2
            1002,B,1,2024-02-10,5.50,C2
            C1003,A,-1,2024-02-11,10.00,C2
            1004,B,-2,2024-02-12,5.50,C3
            1004,C,1,2024-02-12,4.00,C3

            """);
        var output = folder.File("rules.json");
        var result = await CliRunner.RunAsync("analyze", "rules", "--transactions", input, "--invoice", "InvoiceNo", "--item", "StockCode",
            "--min-support", "0.5", "--min-confidence", "0.9", "--out", output);
        Assert.True(result.ExitCode == 0, result.Error);
        using var json = JsonDocument.Parse(File.ReadAllText(output));
        var quality = json.RootElement.GetProperty("dataQuality");
        Assert.Equal(1, quality.GetProperty("rejected").GetProperty("cancelled").GetInt64());
        Assert.Equal(1, quality.GetProperty("rejected").GetProperty("return").GetInt64());
        Assert.Equal(3, json.RootElement.GetProperty("input").GetProperty("baskets").GetInt32());
        Assert.Equal(2, json.RootElement.GetProperty("rules").GetArrayLength()); // A => B, B => A
    }

    [Theory]
    [InlineData("--min-support", "0", "--min-support must be a share in (0, 1]")]
    [InlineData("--min-support", "1.5", "--min-support must be a share in (0, 1]")]
    [InlineData("--min-confidence", "2", "--min-confidence must be in [0, 1]")]
    [InlineData("--algorithm", "eclat", "--algorithm: Unknown algorithm 'eclat'")]
    [InlineData("--max-length", "0", "--max-length must be")]
    public async Task Bad_values_exit_with_1_and_name_the_flag(string flag, string value, string message)
    {
        using var folder = new TempFolder();
        string[] args = ["analyze", "rules", "--baskets", Groceries, "--min-support", "0.01", "--min-confidence", "0.5", "--out", folder.File("r.csv")];
        int at = Array.IndexOf(args, flag);
        if (at >= 0) args[at + 1] = value;
        else args = [.. args, flag, value];
        var result = await CliRunner.RunAsync(args);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(message, result.Error);
        Assert.False(File.Exists(folder.File("r.csv")));
    }

    [Fact]
    public async Task Input_errors_exit_with_1_and_name_the_file()
    {
        using var folder = new TempFolder();
        var empty = folder.File("empty.csv");
        File.WriteAllText(empty, "");
        string[] thresholds = ["--min-support", "0.1", "--min-confidence", "0.5", "--out", folder.File("r.csv")];

        var result = await CliRunner.RunAsync(["analyze", "rules", "--baskets", empty, .. thresholds]);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("empty.csv: the file is empty", result.Error);

        result = await CliRunner.RunAsync(["analyze", "rules", .. thresholds]);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("give exactly one input", result.Error);

        result = await CliRunner.RunAsync(["analyze", "rules", "--baskets", Groceries, "--transactions", Groceries, .. thresholds]);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("give exactly one input", result.Error);

        var noItem = folder.File("noitem.csv");
        File.WriteAllText(noItem, "InvoiceNo,Quantity,InvoiceDate,UnitPrice,CustomerID\n1,1,2024-01-01,1.0,C\n");
        result = await CliRunner.RunAsync(["analyze", "rules", "--transactions", noItem, "--invoice", "InvoiceNo", .. thresholds]);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("noitem.csv: no item column: pass --item COL", result.Error);

        result = await CliRunner.RunAsync(["analyze", "rules", "--baskets", Groceries, "--min-support", "0.1", "--min-confidence", "0.5", "--out", folder.File("r.txt")]);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--out must end in .csv or .json", result.Error);
    }
}
