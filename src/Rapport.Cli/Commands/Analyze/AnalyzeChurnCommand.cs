using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Rapport.Analytics.Churn;
using Rapport.Analytics.Prediction;
using Rapport.Analytics.Transactions;

namespace Rapport.Cli.Commands.Analyze;

/// <summary>`rapport analyze churn`: churn features and label at a cutoff from transactions, then the explainable predictor.</summary>
internal static class AnalyzeChurnCommand
{
    public static Command Create()
    {
        var input = new TransactionInput();
        var cutoff = new Option<string>("--cutoff") { Description = "Features use lines up to this day (yyyy-MM-dd); the label looks after it.", Required = true };
        var window = new Option<int>("--window-days") { Description = "Churned = no purchase in this many days after the cutoff.", Required = true };
        var trend = new Option<int>("--trend-days") { Description = "Recent period compared with the one before it (orders and spend trend).", DefaultValueFactory = _ => 90 };
        var categories = new Option<FileInfo?>("--categories") { Description = "Item → category CSV (e.g. the product list) for category-mix features." };
        var categoryItem = new Option<string?>("--category-item-column") { Description = "Item column of --categories (default: detected, e.g. sku)." };
        var categoryName = new Option<string?>("--category-column") { Description = "Category column of --categories (default: category)." };
        var model = new Option<string>("--model") { Description = "auto (best cross-validated AUC), logistic, gbdt, forest or tree.", DefaultValueFactory = _ => "auto" };
        model.AcceptOnlyFromAmong("auto", "logistic", "gbdt", "forest", "tree");
        var fraction = new Option<double>("--test-fraction") { Description = "Share of customers held out for testing (stratified).", DefaultValueFactory = _ => 0.2 };
        var seed = new Option<int>("--seed") { Description = "Seed of the split and the learners.", DefaultValueFactory = _ => 42 };
        var featuresOut = new Option<FileInfo?>("--features-out") { Description = "Also write the per-customer feature table (CSV)." };
        var output = new Option<FileInfo>("--out") { Description = "Output JSON file.", Required = true };
        var command = new Command("churn", "Who stops buying: features at a cutoff (RFM, trend, gaps, returns, mix), label from the next N days, explainable model.")
        {
            cutoff, window, trend, categories, categoryItem, categoryName, model, fraction, seed, featuresOut, output,
        };
        input.AddTo(command);
        command.SetAction(parse =>
        {
            var cutoffDay = AnalyzeCommand.ParseDate(parse.GetValue(cutoff), "--cutoff")!.Value;
            var windowDays = parse.GetValue(window);
            if (windowDays < 1) throw new CliInputException("--window-days must be at least 1.");
            var trendDays = parse.GetValue(trend);
            if (trendDays < 1) throw new CliInputException("--trend-days must be at least 1.");
            var testFraction = parse.GetValue(fraction);
            if (testFraction is <= 0 or >= 0.9) throw new CliInputException("--test-fraction must be between 0 and 0.9.");
            var map = parse.GetValue(categories) is { } file ? ReadCategories(file, parse.GetValue(categoryItem), parse.GetValue(categoryName)) : null;

            var reader = input.Open(parse);
            var options = ChurnAnalysis.PredictOptions(Enum.Parse<PredictionModelKind>(parse.GetValue(model)!, ignoreCase: true), testFraction, parse.GetValue(seed));
            // The model learnt at the cutoff, applied to everyone's behaviour at the end of the data: who is at risk now.
            var (tables, report, current, _, _) = BadInput(() => ChurnAnalysis.Run(reader, new ChurnOptions(cutoffDay, windowDays, trendDays, map), options));
            var summary = tables.Summary;
            if (parse.GetValue(featuresOut) is { } featuresFile) AnalysisOutput.WriteText(featuresFile.FullName, TableWriter.ToCsv(tables.Training));

            var path = parse.GetValue(output)!.FullName;
            AnalysisOutput.WriteText(path, ToJson(reader.DataQuality, summary, report, current));
            Console.WriteLine($"{current.Count(p => p.Probability >= 0.5):N0} of {current.Count:N0} customers at risk (p ≥ 0.5) on {summary.DataEnd:yyyy-MM-dd}.");
            Console.WriteLine($"{summary.Customers:N0} customers at {summary.Cutoff:yyyy-MM-dd}, {summary.ChurnRate:P1} without a purchase in the next {windowDays} days; " +
                              $"{report.Model}: test AUC {report.Metrics.Auc:0.0000} (cross-validated {report.CrossValidation.AucMean:0.0000}); wrote {path}");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// dataQuality of the transactions first, then the churn set-up, then the prediction report (its column typing as
    /// featureQuality), then every customer's risk at the end of the data, riskiest first.
    /// </summary>
    private static string ToJson(DataQualityReport? quality, ChurnSummary summary, PredictionReport report, IReadOnlyList<PredictionRow> current)
    {
        var output = new JsonObject();
        if (quality is not null) output["dataQuality"] = JsonNode.Parse(DataQualityJson.ToJson(quality));
        output["churn"] = new JsonObject
        {
            ["cutoff"] = summary.Cutoff.ToString("yyyy-MM-dd"),
            ["windowEnd"] = summary.WindowEnd.ToString("yyyy-MM-dd"),
            ["dataEnd"] = summary.DataEnd.ToString("yyyy-MM-dd"),
            ["customers"] = summary.Customers,
            ["churned"] = summary.Churned,
            ["churnRate"] = Math.Round(summary.ChurnRate, 4),
            ["customersAfterCutoffOnly"] = summary.CustomersAfterCutoffOnly,
        };
        var node = JsonNode.Parse(report.ToJson())!.AsObject();
        foreach (var (name, value) in node.ToList())
        {
            node.Remove(name);
            output[name == "dataQuality" ? "featureQuality" : name] = value;
        }
        var risk = new JsonArray();
        foreach (var row in current)
            risk.Add(new JsonObject
            {
                ["customer"] = row.Id,
                ["probability"] = row.Probability,
                ["reasons"] = new JsonArray(row.Reasons.Select(r => (JsonNode?)JsonValue.Create(r)).ToArray()),
            });
        output["currentRisk"] = new JsonObject { ["asOf"] = summary.DataEnd.ToString("yyyy-MM-dd"), ["customers"] = risk };
        return output.ToJsonString(AnalysisOutput.Json);
    }

    private static Dictionary<string, string> ReadCategories(FileInfo file, string? itemColumn, string? categoryColumn)
    {
        if (!file.Exists) throw new CliInputException($"{file.FullName}: file not found (--categories).");
        try
        {
            return CategoryMap.Read(TableReader.Read(file.FullName), itemColumn, categoryColumn);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidDataException)
        {
            throw new CliInputException($"{file.FullName}: {ex.Message}", ex);
        }
    }

    private static T BadInput<T>(Func<T> work)
    {
        try
        {
            return work();
        }
        catch (ArgumentException ex)
        {
            throw new CliInputException(ex.Message, ex);
        }
    }
}
