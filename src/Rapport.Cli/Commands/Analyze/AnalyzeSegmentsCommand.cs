using System.CommandLine;
using Rapport.Analytics.Rfm;
using Rapport.Analytics.Segmentation;

namespace Rapport.Cli.Commands.Analyze;

/// <summary>`rapport analyze segments`: clusters customers on standardised shopping-habit and RFM/loyalty features.</summary>
internal static class AnalyzeSegmentsCommand
{
    public static Command Create()
    {
        var input = new TransactionInput();
        var method = new Option<string>("--method") { Description = "kmeans, dbscan or hierarchical (Ward, up to 20,000 customers).", DefaultValueFactory = _ => "kmeans" };
        method.AcceptOnlyFromAmong("kmeans", "dbscan", "hierarchical");
        var k = new Option<string>("--k") { Description = "Number of segments, or auto (chosen by silhouette).", DefaultValueFactory = _ => "auto" };
        var eps = new Option<double?>("--eps") { Description = "DBSCAN radius in standardised units (default: the k-distance knee)." };
        var minPts = new Option<int?>("--min-pts") { Description = "DBSCAN minimum points (default: 2 × features)." };
        var seed = new Option<int>("--seed") { Description = "Seed for k-means++ and samples.", DefaultValueFactory = _ => 42 };
        var featureSet = new Option<string>("--features")
        {
            Description = "Features to cluster on: behaviour (purchase rate while active, items per order, units per line, unit price, discount share, repeat-item share), rfm (recency, frequency, monetary, order value, purchase rate), all, or a comma-separated list of names.",
            DefaultValueFactory = _ => "behaviour",
        };
        var asOf = new Option<string?>("--as-of") { Description = "Reference date yyyy-MM-dd (default: the day after the last transaction)." };
        var output = new Option<FileInfo>("--out") { Description = "Output JSON file.", Required = true };

        var command = new Command("segments", "Find customer segments by clustering how customers shop and their RFM/loyalty features.");
        input.AddTo(command);
        foreach (var option in new Option[] { method, k, eps, minPts, seed, featureSet, asOf, output }) command.Options.Add(option);
        command.SetAction(parse =>
        {
            var kText = parse.GetValue(k)!;
            int? fixedK = kText.Equals("auto", StringComparison.OrdinalIgnoreCase) ? null
                : int.TryParse(kText, out var n) && n is >= 2 and <= 50 ? n
                : throw new CliInputException($"--k must be 'auto' or a number from 2 to 50 (got '{kText}').");
            var options = new SegmentationOptions(
                Method: parse.GetValue(method) switch { "dbscan" => SegmentationMethod.Dbscan, "hierarchical" => SegmentationMethod.Hierarchical, _ => SegmentationMethod.KMeans },
                K: fixedK, Seed: parse.GetValue(seed), Eps: parse.GetValue(eps), MinPts: parse.GetValue(minPts));

            var reader = input.Open(parse);
            var rfm = RfmCalculator.Compute(reader, new RfmOptions { AsOf = AnalyzeCommand.ParseDate(parse.GetValue(asOf), "--as-of") });
            if (rfm.Customers.Count < 10)
                throw new CliInputException($"only {rfm.Customers.Count} customers with purchases: segmentation needs at least 10.");
            var table = CustomerFeatures.Compute(rfm, () => input.Open(parse));
            var revenue = rfm.Customers.Select(c => c.Monetary).ToArray();
            SegmentationResult result;
            try
            {
                var features = table.Select(CustomerFeatures.ParseSet(parse.GetValue(featureSet), table.HasItems));
                result = Segmenter.Run(features, table.Customers, revenue, options, profileFeatures: table.All);
            }
            catch (ArgumentException ex)
            {
                throw new CliInputException(ex.Message, ex);
            }
            AnalysisOutput.WriteJson(parse.GetValue(output)!.FullName, rfm.DataQuality, result);
            Console.WriteLine($"{result.Method}: {result.K} segments over {rfm.Customers.Count:N0} customers, silhouette {result.Silhouette:0.000}; wrote {parse.GetValue(output)!.FullName}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
