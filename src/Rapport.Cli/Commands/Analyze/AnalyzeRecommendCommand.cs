using System.CommandLine;
using Rapport.Analytics.Recommendations;

namespace Rapport.Cli.Commands.Analyze;

/// <summary>`rapport analyze recommend`: offline evaluation of recommenders on a time split, or recommendations for every customer.</summary>
internal static class AnalyzeRecommendCommand
{
    private const string DefaultAlgorithms = "popularity,itemknn,als,rules,content,repeat,hybrid";

    public static Command Create()
    {
        var input = new TransactionInput();
        var holdoutDays = new Option<int?>("--holdout-days") { Description = "Evaluate: train before the last D days, test on what customers bought in them." };
        var holdoutFraction = new Option<double?>("--holdout-fraction") { Description = "Evaluate: hold out the last fraction F of purchase lines (whole days)." };
        var k = new Option<int>("--k") { Description = "Items per customer (and the K of the metrics).", DefaultValueFactory = _ => 10 };
        var algorithms = new Option<string>("--algorithms")
        {
            Description = $"Comma-separated: {string.Join(", ", RecommenderRegistry.Names)}. The baselines popularity and history are always reported. " +
                          $"Default: {DefaultAlgorithms} (content only with --products).",
        };
        var products = new Option<FileInfo?>("--products") { Description = "Product CSV (sku, name, category, subcategory, brand, price, description) for content-based recommendations and reasons." };
        var validationDays = new Option<int?>("--validation-days") { Description = "Validation window carved from the end of training (hybrid weights; model choice without holdout). Default: the holdout length, or 30." };
        var recommendWith = new Option<string?>("--recommend-with") { Description = "Algorithm for recommendations[] without holdout (default: best recall@K on the validation window)." };
        var neighbours = new Option<int>("--neighbours") { Description = "Item-kNN: neighbours kept per item.", DefaultValueFactory = _ => 50 };
        var weighting = new Option<string>("--weighting") { Description = "Item-kNN weighting: cosine (binary) or bm25.", DefaultValueFactory = _ => "cosine" };
        weighting.AcceptOnlyFromAmong("cosine", "bm25");
        var factors = new Option<int>("--factors") { Description = "ALS: latent factors.", DefaultValueFactory = _ => 32 };
        var iterations = new Option<int>("--iterations") { Description = "ALS: alternating iterations.", DefaultValueFactory = _ => 15 };
        var alpha = new Option<double>("--alpha") { Description = "ALS: confidence 1 + alpha × purchases.", DefaultValueFactory = _ => 1 };
        var seed = new Option<int>("--seed") { Description = "Seed of the ALS start.", DefaultValueFactory = _ => 42 };
        var output = new Option<FileInfo>("--out") { Description = "Output JSON file.", Required = true };
        var command = new Command("recommend", "Product recommendations: popularity, own history, item-kNN, implicit ALS, content, repeat purchase and a tuned hybrid; evaluated on a time split.")
        {
            holdoutDays, holdoutFraction, k, algorithms, products, validationDays, recommendWith, neighbours, weighting, factors, iterations, alpha, seed, output,
        };
        input.AddTo(command);
        command.SetAction(parse =>
        {
            var days = parse.GetValue(holdoutDays);
            var fraction = parse.GetValue(holdoutFraction);
            if (days is not null && fraction is not null) throw new CliInputException("Give --holdout-days or --holdout-fraction, not both.");
            if (days is < 1) throw new CliInputException("--holdout-days must be at least 1.");
            if (fraction is { } f && (f <= 0 || f >= 1)) throw new CliInputException("--holdout-fraction must be between 0 and 1 (exclusive).");
            var listSize = parse.GetValue(k);
            if (listSize is < 1 or > 1000) throw new CliInputException("--k must be between 1 and 1000.");
            if (parse.GetValue(validationDays) is < 1) throw new CliInputException("--validation-days must be at least 1.");
            if (parse.GetValue(neighbours) < 1) throw new CliInputException("--neighbours must be at least 1.");
            if (parse.GetValue(factors) < 1 || parse.GetValue(iterations) < 1) throw new CliInputException("--factors and --iterations must be at least 1.");
            if (parse.GetValue(alpha) is var a && (a <= 0 || !double.IsFinite(a))) throw new CliInputException("--alpha must be positive.");

            ProductCatalog? catalog = null;
            if (parse.GetValue(products) is { } productFile)
            {
                if (!productFile.Exists) throw new CliInputException($"{productFile.FullName}: file not found (--products).");
                catalog = BadInput(() => ProductCatalog.Read(productFile.FullName));
            }
            var requested = parse.GetValue(algorithms) is { } list
                ? list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                : DefaultAlgorithms.Split(',').Where(n => n != "content" || catalog is not null).ToArray();
            if (requested.Length == 0) throw new CliInputException("--algorithms is empty.");
            if (catalog is null && requested.Any(n => n.Equals("content", StringComparison.OrdinalIgnoreCase)))
                throw new CliInputException("--algorithms content needs --products FILE (category, price, description per item).");

            var reader = input.Open(parse);
            var log = BadInput(() => InteractionLog.Read(reader));
            int? start = days is { } d ? BadInput(() => TimeSplit.StartForDays(log, d)) : fraction is { } fr ? BadInput(() => TimeSplit.StartForFraction(log, fr)) : null;
            var settings = new RecommenderSettings(catalog, Neighbours: parse.GetValue(neighbours),
                Weighting: parse.GetValue(weighting) == "bm25" ? ItemWeighting.Bm25 : ItemWeighting.Binary,
                AlsFactors: parse.GetValue(factors), AlsIterations: parse.GetValue(iterations), AlsAlpha: parse.GetValue(alpha), Seed: parse.GetValue(seed));
            var options = new RecommendOptions(requested, listSize, start, parse.GetValue(validationDays), parse.GetValue(recommendWith)?.Trim().ToLowerInvariant(), settings);
            var report = BadInput(() => RecommendationRunner.Run(log, options));

            var path = parse.GetValue(output)!.FullName;
            AnalysisOutput.WriteJson(path, reader.DataQuality, ToOutput(report));
            var s = report.Split;
            Console.WriteLine($"{(report.Mode == "holdout" ? "holdout" : "validation")} {s.HoldoutStart:yyyy-MM-dd}..{s.HoldoutEnd:yyyy-MM-dd}: " +
                              $"{s.TestCustomers:N0} test customers, trained on {s.TrainCustomers:N0} customers × {s.TrainItems:N0} items");
            foreach (var e in report.Evaluation)
                Console.WriteLine($"  {e.Algorithm,-11} recall@{listSize} {e.Metrics.Recall:0.0000}  precision {e.Metrics.Precision:0.0000}  NDCG {e.Metrics.Ndcg:0.0000}  " +
                                  $"MAP {e.Metrics.Map:0.0000}  hit rate {e.Metrics.HitRate:0.0000}  coverage {e.Metrics.Coverage:0.000}");
            if (report.Recommendations is { } recs)
                Console.WriteLine($"{recs.Count:N0} customers × up to {listSize} items with {report.RecommendedWith}; wrote {path}");
            else Console.WriteLine($"wrote {path}");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The JSON shape: run set-up, split, evaluation[] side by side, the hybrid's weights, then recommendations[].</summary>
    private static object ToOutput(RecommendationReport r) => new
    {
        mode = r.Mode,
        k = r.K,
        input = new { purchaseLines = r.PurchaseLines, skippedLines = r.SkippedLines, customers = r.Customers, items = r.Items },
        split = r.Split,
        evaluation = r.Evaluation.Select(e => new
        {
            algorithm = e.Algorithm,
            baseline = e.Baseline,
            customers = e.Metrics.Customers,
            precision = Math.Round(e.Metrics.Precision, 6),
            recall = Math.Round(e.Metrics.Recall, 6),
            ndcg = Math.Round(e.Metrics.Ndcg, 6),
            map = Math.Round(e.Metrics.Map, 6),
            hitRate = Math.Round(e.Metrics.HitRate, 6),
            coverage = Math.Round(e.Metrics.Coverage, 6),
            itemsRecommended = e.Metrics.ItemsRecommended,
            fitSeconds = e.FitSeconds,
            msPerCustomer = e.RecommendMillisecondsPerCustomer,
        }),
        hybrid = r.Hybrid is { } h
            ? new
            {
                weights = h.Components.Zip(h.Weights).ToDictionary(t => t.First, t => t.Second),
                method = h.Method,
                validationStart = h.ValidationStart is { } v ? DateOnly.FromDayNumber(v) : (DateOnly?)null,
                validationDays = h.ValidationDays,
                validationCustomers = h.ValidationCustomers,
                validationRecall = h.Metrics is { } m ? Math.Round(m.Recall, 6) : (double?)null,
            }
            : null,
        recommendedWith = r.RecommendedWith,
        recommendations = r.Recommendations,
    };

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
