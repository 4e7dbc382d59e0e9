using System.Globalization;
using System.Text.Json;
using Rapport.Core.Demo;
using Xunit.Abstractions;

namespace Rapport.Cli.Tests;

/// <summary>`rapport analyze forecast` end to end: the demo retailer's planted seasonality, a series file, bad input.</summary>
public sealed class AnalyzeForecastCommandTests(ForecastDemoFixture demo, ITestOutputHelper log) : IClassFixture<ForecastDemoFixture>
{
    private static readonly double[] AirPassengers =
    [
        112, 118, 132, 129, 121, 135, 148, 148, 136, 119, 104, 118, 115, 126, 141, 135, 125, 149, 170, 170, 158, 133, 114, 140,
        145, 150, 178, 163, 172, 178, 199, 199, 184, 162, 146, 166, 171, 180, 193, 181, 183, 218, 230, 242, 209, 191, 172, 194,
        196, 196, 236, 235, 229, 243, 264, 272, 237, 211, 180, 201, 204, 188, 235, 227, 234, 264, 302, 293, 259, 229, 203, 229,
        242, 233, 267, 269, 270, 315, 364, 347, 312, 274, 237, 278, 284, 277, 317, 313, 318, 374, 413, 405, 355, 306, 271, 306,
        315, 301, 356, 348, 355, 422, 465, 467, 404, 347, 305, 336, 340, 318, 362, 348, 363, 435, 491, 505, 404, 359, 310, 337,
        360, 342, 406, 396, 420, 472, 548, 559, 463, 407, 362, 405, 417, 391, 419, 461, 472, 535, 622, 606, 508, 461, 390, 432,
    ];

    [Fact]
    public async Task Demo_monthly_revenue_chosen_model_beats_seasonal_naive_on_the_holdout()
    {
        using var folder = new TempFolder();
        var transactions = demo.Transactions;
        var output = folder.File("forecast.json");
        var result = await CliRunner.RunAsync(["analyze", "forecast", "--transactions", transactions, "--horizon", "12", "--holdout", "12", "--out", output]);
        Assert.True(result.ExitCode == 0, result.Error);
        using var json = JsonDocument.Parse(File.ReadAllText(output));
        var root = json.RootElement;
        var aggregation = root.GetProperty("dataQuality").GetProperty("aggregation");
        Assert.Equal(60, aggregation.GetProperty("periods").GetInt32());
        Assert.Equal(60, root.GetProperty("periods").GetInt32());
        var models = root.GetProperty("models").EnumerateArray().ToDictionary(m => m.GetProperty("model").GetString()!);
        foreach (var (name, m) in models)
            log.WriteLine($"{name}: backtest MASE {Num(m, "mase")}, sMAPE {Num(m, "smape")}; holdout MASE {Num(m, "holdoutMase")}, sMAPE {Num(m, "holdoutSmape")}");
        var chosen = root.GetProperty("chosen").GetString()!;
        log.WriteLine($"chosen: {chosen}");
        var chosenScore = models[chosen];
        var naive = models["seasonal-naive"];
        // MASE < 1: better on the unseen year than the in-sample seasonal naive error, and better than seasonal naive itself.
        Assert.True(chosenScore.GetProperty("holdoutMase").GetDouble() < 1, $"holdout MASE {chosenScore.GetProperty("holdoutMase")}");
        Assert.True(chosenScore.GetProperty("holdoutMase").GetDouble() < naive.GetProperty("holdoutMase").GetDouble());
        Assert.True(chosenScore.GetProperty("mase").GetDouble() < naive.GetProperty("mase").GetDouble());
        // The planted peak: December above January of the forecast year (the demo ends in October, so Nov is first).
        var forecast = root.GetProperty("forecast").EnumerateArray().ToList();
        Assert.Equal(12, forecast.Count);
        Assert.Equal("2026-11-01", forecast[0].GetProperty("date").GetString());
        Assert.True(forecast[1].GetProperty("value").GetDouble() > 1.3 * forecast[2].GetProperty("value").GetDouble(), "December vs January");
    }

    [Fact]
    public async Task Demo_by_category_writes_one_forecast_per_category()
    {
        using var folder = new TempFolder();
        var output = folder.File("categories.json");
        var result = await CliRunner.RunAsync(["analyze", "forecast", "--transactions", demo.Transactions, "--by", "category", "--categories", demo.Products,
            "--measure", "quantity", "--horizon", "6", "--out", output]);
        Assert.True(result.ExitCode == 0, result.Error);
        using var json = JsonDocument.Parse(File.ReadAllText(output));
        var series = json.RootElement.GetProperty("series").EnumerateArray().ToList();
        Assert.Equal(11, series.Count); // the demo catalogue's categories
        Assert.Equal(0, json.RootElement.GetProperty("dataQuality").GetProperty("aggregation").GetProperty("linesSkipped").GetProperty("noCategory").GetInt64());
        Assert.All(series, s => Assert.Equal(6, s.GetProperty("forecast").GetArrayLength()));
        Assert.Equal(11, json.RootElement.GetProperty("chosenCounts").EnumerateObject().Sum(p => p.Value.GetInt32()));
    }

    [Fact]
    public async Task Series_file_end_to_end_writes_models_chosen_and_forecast_with_intervals()
    {
        using var folder = new TempFolder();
        var input = folder.File("air.csv");
        File.WriteAllLines(input, ["month,passengers", .. AirPassengers.Select((v, i) => string.Create(CultureInfo.InvariantCulture, $"{new DateOnly(1949, 1, 1).AddMonths(i):yyyy-MM-dd},{v}"))]);
        var output = folder.File("air.json");
        var result = await CliRunner.RunAsync(["analyze", "forecast", "--series", input, "--date", "month", "--value", "passengers", "--horizon", "12", "--holdout", "12", "--out", output]);
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("chosen holt-winters", result.Output);
        using var json = JsonDocument.Parse(File.ReadAllText(output));
        var root = json.RootElement;
        Assert.Equal("dataQuality", root.EnumerateObject().First().Name);
        Assert.Equal(144, root.GetProperty("dataQuality").GetProperty("rowsRead").GetInt64());
        Assert.Equal("inferred", root.GetProperty("dataQuality").GetProperty("frequencyFoundBy").GetString());
        Assert.Equal(7, root.GetProperty("models").GetArrayLength());
        Assert.All(root.GetProperty("models").EnumerateArray(), m => Assert.True(m.GetProperty("mase").GetDouble() > 0));
        Assert.StartsWith("holt-winters", root.GetProperty("chosen").GetString());
        var forecast = root.GetProperty("forecast").EnumerateArray().ToList();
        Assert.Equal(12, forecast.Count);
        Assert.Equal("1961-01-01", forecast[0].GetProperty("date").GetString());
        foreach (var p in forecast)
        {
            double V(string n) => p.GetProperty(n).GetDouble();
            Assert.True(V("lower95") < V("lower80") && V("lower80") < V("value") && V("value") < V("upper80") && V("upper80") < V("upper95"));
        }
        Assert.True(root.GetProperty("chosenModel").GetProperty("parameters").GetProperty("alpha").GetDouble() is > 0 and < 1);
    }

    [Fact]
    public async Task Bad_value_is_bad_input_naming_file_row_and_column()
    {
        using var folder = new TempFolder();
        var input = folder.File("bad.csv");
        File.WriteAllText(input, "month,sales\n2024-01-01,10\n2024-02-01,1O\n");
        var result = await CliRunner.RunAsync(["analyze", "forecast", "--series", input, "--date", "month", "--value", "sales", "--horizon", "3", "--out", folder.File("x.json")]);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("bad.csv: row 2, column 'sales': '1O' is not a number", result.Error);
        Assert.False(File.Exists(folder.File("x.json")));
    }

    [Fact]
    public async Task Too_short_series_is_bad_input_with_the_needed_length()
    {
        using var folder = new TempFolder();
        var input = folder.File("short.csv");
        File.WriteAllLines(input, ["month,sales", .. Enumerable.Range(0, 10).Select(i => $"{new DateOnly(2024, 1, 1).AddMonths(i):yyyy-MM-dd},{i + 5}")]);
        var result = await CliRunner.RunAsync(["analyze", "forecast", "--series", input, "--date", "month", "--value", "sales", "--horizon", "6", "--out", folder.File("x.json")]);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("has 10 periods", result.Error);
        Assert.Contains("needs at least 19", result.Error);
    }

    [Fact]
    public async Task Series_and_transactions_together_are_refused()
    {
        using var folder = new TempFolder();
        var result = await CliRunner.RunAsync(["analyze", "forecast", "--horizon", "3", "--out", folder.File("x.json")]);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("either --series", result.Error);
    }

    private static string Num(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble().ToString("0.###", CultureInfo.InvariantCulture) : "-";
}

/// <summary>
/// Five years of the demo retailer, written once for the class: planted month factors (quiet January/February,
/// November/December peak) on a customer base that grows (acquisition ×3 over the window).
/// </summary>
public sealed class ForecastDemoFixture : IDisposable
{
    private readonly TempFolder _folder = new();

    public ForecastDemoFixture()
    {
        var data = DemoGenerator.Generate(new DemoOptions { Customers = 5000, Seed = 11, Years = 5 });
        DemoFiles.Write(data, _folder.Path);
    }

    public string Transactions => _folder.File("transactions.csv");
    public string Products => _folder.File("products.csv");

    public void Dispose() => _folder.Dispose();
}
