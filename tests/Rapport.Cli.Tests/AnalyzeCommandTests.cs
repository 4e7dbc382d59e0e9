using System.Text.Json;

namespace Rapport.Cli.Tests;

/// <summary>The analyze verbs on the real CDNOW sample (whitespace, no header, yyyyMMdd dates).</summary>
public sealed class AnalyzeCommandTests
{
    private static readonly string[] CdnowSample =
    [
        "--transactions", Datasets.Path("cdnow", "CDNOW_sample.txt"), "--no-header", "--column-names", "master_id,customer,date,cds,amount",
        "--customer", "customer", "--date", "date", "--amount", "amount", "--date-format", "yyyyMMdd",
    ];

    [Fact]
    public async Task Rfm_writes_one_row_per_customer_and_a_quality_report()
    {
        using var folder = new TempFolder();
        var output = folder.File("rfm.csv");
        var result = await CliRunner.RunAsync(["analyze", "rfm", .. CdnowSample, "--keep-zero-amounts", "--out", output]);
        Assert.True(result.ExitCode == 0, result.Error);
        var lines = File.ReadAllLines(output);
        Assert.StartsWith("customer,recency_days,frequency,monetary,r_score,f_score,m_score,rfm_segment", lines[0]);
        Assert.Equal(2357 + 1, lines.Length);
        using var quality = JsonDocument.Parse(File.ReadAllText(folder.File("rfm.quality.json")));
        Assert.Equal(6919, quality.RootElement.GetProperty("dataQuality").GetProperty("rowsRead").GetInt64());
    }

    [Fact]
    public async Task Clv_reproduces_the_published_bgnbd_fit_on_cdnow()
    {
        using var folder = new TempFolder();
        var output = folder.File("clv.json");
        var result = await CliRunner.RunAsync(["analyze", "clv", .. CdnowSample, "--keep-zero-amounts",
            "--calibration-end", "1997-09-30", "--observation-end", "1998-06-30", "--time-unit", "weeks", "--out", output]);
        Assert.True(result.ExitCode == 0, result.Error);
        using var json = JsonDocument.Parse(File.ReadAllText(output));
        var bg = json.RootElement.GetProperty("bgnbd");
        Assert.Equal(0.243, bg.GetProperty("r").GetDouble(), 0.243 * 0.01);
        Assert.Equal(4.414, bg.GetProperty("alpha").GetDouble(), 4.414 * 0.01);
        Assert.Equal(-9582.4, bg.GetProperty("logLikelihood").GetDouble(), 9582.4 * 0.01);
        Assert.True(json.RootElement.TryGetProperty("dataQuality", out _));
        Assert.True(json.RootElement.GetProperty("holdout").GetProperty("actual").GetInt64() > 0);
        Assert.Equal(2357, json.RootElement.GetProperty("customers").GetArrayLength());
    }

    [Fact]
    public async Task Segments_writes_named_segments_for_every_customer()
    {
        using var folder = new TempFolder();
        var output = folder.File("segments.json");
        var result = await CliRunner.RunAsync(["analyze", "segments", .. CdnowSample, "--k", "4", "--out", output]);
        Assert.True(result.ExitCode == 0, result.Error);
        using var json = JsonDocument.Parse(File.ReadAllText(output));
        Assert.Equal(4, json.RootElement.GetProperty("k").GetInt32());
        var segments = json.RootElement.GetProperty("segments");
        Assert.Equal(4, segments.GetArrayLength());
        Assert.Equal(4, segments.EnumerateArray().Select(s => s.GetProperty("name").GetString()).Distinct().Count());
        var customers = json.RootElement.GetProperty("customers").GetArrayLength();
        Assert.Equal(customers, segments.EnumerateArray().Sum(s => s.GetProperty("size").GetInt32()));
    }

    [Fact]
    public async Task Segments_cluster_on_shopping_habits_and_describe_them_by_every_feature()
    {
        using var folder = new TempFolder();
        var data = Rapport.Core.Demo.DemoGenerator.Generate(new Rapport.Core.Demo.DemoOptions { Customers = 600, Seed = 5 });
        var transactions = folder.File("transactions.csv");
        using (var writer = new StreamWriter(transactions)) Rapport.Core.Demo.DemoTransactions.Write(data, writer);
        var output = folder.File("segments.json");
        var result = await CliRunner.RunAsync(["analyze", "segments", "--transactions", transactions, "--k", "5", "--out", output]);
        Assert.True(result.ExitCode == 0, result.Error);
        using var json = JsonDocument.Parse(File.ReadAllText(output));
        Assert.Equal("dataQuality", json.RootElement.EnumerateObject().First().Name);
        Assert.Equal(["active_purchase_rate", "items_per_order", "units_per_line", "avg_unit_price", "discount_share", "repeat_item_share"],
            json.RootElement.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("name").GetString()));
        var means = json.RootElement.GetProperty("segments")[0].GetProperty("featureMeans");
        Assert.True(means.TryGetProperty("recency_days", out _) && means.TryGetProperty("return_share", out _));

        var rfm = await CliRunner.RunAsync(["analyze", "segments", "--transactions", transactions, "--features", "rfm", "--k", "3", "--out", output]);
        Assert.True(rfm.ExitCode == 0, rfm.Error);
        using (var rfmJson = JsonDocument.Parse(File.ReadAllText(output)))
            Assert.Equal(5, rfmJson.RootElement.GetProperty("features").GetArrayLength());

        var unknown = await CliRunner.RunAsync(["analyze", "segments", "--transactions", transactions, "--features", "frequency,nope", "--out", output]);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("Unknown feature 'nope'", unknown.Error);
    }

    [Fact]
    public async Task Report_is_one_self_contained_html_file_with_charts()
    {
        using var folder = new TempFolder();
        var output = folder.File("report.html");
        var result = await CliRunner.RunAsync(["report", .. CdnowSample, "--keep-zero-amounts", "--calibration-end", "1997-09-30", "--out", output]);
        Assert.True(result.ExitCode == 0, result.Error);
        var html = File.ReadAllText(output);
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.True(html.Split("<svg").Length - 1 >= 6, "expected at least six charts");
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("src=\"http", html);
        Assert.DoesNotContain("href=\"http", html);
        Assert.Contains("Customer lifetime value", html);
        Assert.Contains("Segment profiles", html);
    }

    [Fact]
    public async Task Predict_learns_telco_churn_with_reasons()
    {
        using var folder = new TempFolder();
        var output = folder.File("churn.json");
        var result = await CliRunner.RunAsync("analyze", "predict", "--table", Datasets.Path("telco-churn", "Telco-Customer-Churn.csv"),
            "--target", "Churn", "--positive", "Yes", "--model", "logistic", "--out", output);
        Assert.True(result.ExitCode == 0, result.Error);
        using var json = JsonDocument.Parse(File.ReadAllText(output));
        Assert.True(json.RootElement.GetProperty("metrics").GetProperty("auc").GetDouble() >= 0.84);
        var first = json.RootElement.GetProperty("predictions")[0];
        Assert.NotEmpty(first.GetProperty("reasons").EnumerateArray());
        Assert.DoesNotContain(json.RootElement.GetProperty("featureImportance").EnumerateArray(), f => f.GetProperty("feature").GetString() == "customerID");
    }

    [Fact]
    public async Task Predict_names_a_missing_target_column()
    {
        var result = await CliRunner.RunAsync("analyze", "predict", "--table", Datasets.Path("telco-churn", "Telco-Customer-Churn.csv"),
            "--target", "Churned", "--out", Path.Combine(Path.GetTempPath(), "never.json"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Churned", result.Error);
    }

    [Fact]
    public async Task Intents_classifies_banking77_above_ninety_percent()
    {
        using var folder = new TempFolder();
        var output = folder.File("intents.json");
        var result = await CliRunner.RunAsync("analyze", "intents", "--train", Datasets.Path("banking77", "train.csv"),
            "--test", Datasets.Path("banking77", "test.csv"), "--out", output);
        Assert.True(result.ExitCode == 0, result.Error);
        using var json = JsonDocument.Parse(File.ReadAllText(output));
        Assert.True(json.RootElement.GetProperty("metrics").GetProperty("accuracy").GetDouble() >= 0.90);
        Assert.Equal(77, json.RootElement.GetProperty("perIntent").GetArrayLength());
        Assert.NotEmpty(json.RootElement.GetProperty("confusedPairs").EnumerateArray());
    }
}
