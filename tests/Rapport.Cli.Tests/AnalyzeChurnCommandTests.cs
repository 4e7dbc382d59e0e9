using System.Text.Json;

namespace Rapport.Cli.Tests;

/// <summary>`rapport analyze churn` on a small demo written by `rapport demo`.</summary>
public sealed class AnalyzeChurnCommandTests
{
    [Fact]
    public async Task Churn_from_demo_transactions_writes_features_model_and_reasons()
    {
        using var folder = new TempFolder();
        var demo = await CliRunner.RunAsync("demo", "--customers", "600", "--seed", "3", "--out", folder.Path);
        Assert.True(demo.ExitCode == 0, demo.Error);
        var output = folder.File("churn.json");
        var features = folder.File("features.csv");
        var result = await CliRunner.RunAsync("analyze", "churn", "--transactions", folder.File("transactions.csv"),
            "--cutoff", "2026-03-01", "--window-days", "120", "--categories", folder.File("products.csv"),
            "--model", "logistic", "--features-out", features, "--out", output);
        Assert.True(result.ExitCode == 0, result.Error);

        using var json = JsonDocument.Parse(File.ReadAllText(output));
        var root = json.RootElement;
        Assert.Equal("dataQuality", root.EnumerateObject().First().Name);
        var churn = root.GetProperty("churn");
        Assert.Equal("2026-06-29", churn.GetProperty("windowEnd").GetString());
        var customers = churn.GetProperty("customers").GetInt32();
        Assert.InRange(customers, 300, 600);
        Assert.Equal("logistic", root.GetProperty("model").GetString());
        Assert.True(root.GetProperty("metrics").GetProperty("auc").GetDouble() > 0.7);
        Assert.Equal("customer", root.GetProperty("featureQuality").GetProperty("excludedColumns")[0].GetString());
        var prediction = root.GetProperty("predictions")[0];
        Assert.NotEmpty(prediction.GetProperty("reasons").EnumerateArray());
        // Everyone with a purchase by the end of the data is scored, riskiest first, with reasons.
        var risk = root.GetProperty("currentRisk");
        Assert.Equal(churn.GetProperty("dataEnd").GetString(), risk.GetProperty("asOf").GetString());
        var scored = risk.GetProperty("customers").EnumerateArray().ToList();
        Assert.True(scored.Count > customers);
        var probabilities = scored.Select(c => c.GetProperty("probability").GetDouble()).ToList();
        Assert.Equal(probabilities.OrderByDescending(p => p), probabilities);
        Assert.NotEmpty(scored[0].GetProperty("reasons").EnumerateArray());
        var header = File.ReadLines(features).First();
        Assert.StartsWith("customer,recency_days,frequency,monetary", header, StringComparison.Ordinal);
        Assert.Contains("favourite_category", header, StringComparison.Ordinal);
        Assert.Equal(customers + 1, File.ReadLines(features).Count());
    }

    [Fact]
    public async Task Churn_window_beyond_the_data_is_bad_input()
    {
        using var folder = new TempFolder();
        await File.WriteAllTextAsync(folder.File("t.csv"), "customer,date,amount\na,2024-01-01,10\nb,2024-02-01,5\n");
        var result = await CliRunner.RunAsync("analyze", "churn", "--transactions", folder.File("t.csv"),
            "--cutoff", "2024-01-15", "--window-days", "60", "--out", folder.File("out.json"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("before the end of the churn window", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(folder.File("out.json")));
    }
}
