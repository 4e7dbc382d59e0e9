using System.CommandLine;
using Rapport.Analytics.Rules;
using Rapport.Analytics.Transactions;

namespace Rapport.Cli.Commands.Analyze;

/// <summary>`rapport analyze rules`: frequent itemsets (FP-Growth or Apriori) and association rules from baskets.</summary>
internal static class AnalyzeRulesCommand
{
    public static Command Create()
    {
        var input = new TransactionInput(fileRequired: false);
        var baskets = new Option<FileInfo?>("--baskets") { Description = "Basket file: one transaction per line, items separated by commas or whitespace (detected)." };
        var separator = new Option<string?>("--separator") { Description = "Item separator of --baskets: auto (default), comma or whitespace." };
        var minSupport = new Option<double>("--min-support") { Description = "Minimum support, a share of the baskets in (0, 1], e.g. 0.001.", Required = true };
        var minConfidence = new Option<double>("--min-confidence") { Description = "Minimum confidence in [0, 1], e.g. 0.8.", Required = true };
        var minLift = new Option<double>("--min-lift") { Description = "Minimum lift (default 0: no filter)." };
        var maxLength = new Option<int?>("--max-length") { Description = "Most items in a rule (antecedent and consequent together); default: no limit." };
        var maxConsequent = new Option<int?>("--max-consequent") { Description = "Most items on the right-hand side (default 1)." };
        var algorithm = new Option<string?>("--algorithm") { Description = "fpgrowth (default) or apriori; both find the same itemsets." };
        var output = new Option<FileInfo>("--out") { Description = "Output file: .csv (plus NAME.summary.json beside it) or .json.", Required = true };
        var command = new Command("rules", "Association rules (antecedent => consequent) with support, confidence, lift, leverage and conviction.");
        command.Options.Add(baskets);
        command.Options.Add(separator);
        input.AddTo(command);
        foreach (var option in new Option[] { minSupport, minConfidence, minLift, maxLength, maxConsequent, algorithm, output }) command.Options.Add(option);
        command.SetAction(parse =>
        {
            var path = parse.GetValue(output)!.FullName;
            var extension = Path.GetExtension(path).ToLowerInvariant();
            if (extension is not (".csv" or ".json")) throw new CliInputException($"{path}: --out must end in .csv or .json.");
            if (!Directory.Exists(Path.GetDirectoryName(path))) throw new CliInputException($"{path}: the output folder does not exist (--out).");
            var basketFile = parse.GetValue(baskets);
            bool fromTransactions = input.HasFile(parse);
            if ((basketFile is null) == !fromTransactions)
                throw new CliInputException("give exactly one input: --baskets FILE, or --transactions FILE with --invoice COL and --item COL.");
            var options = ReadOptions(parse, minSupport, minConfidence, minLift, maxLength, maxConsequent, algorithm);

            Baskets data;
            object inputReport;
            DataQualityReport? quality = null;
            if (basketFile is not null)
            {
                var sep = ParseSeparator(parse.GetValue(separator));
                (data, var report) = BasketReader.Read(basketFile.FullName, sep);
                inputReport = report;
            }
            else
            {
                if (parse.GetValue(separator) is not null) throw new CliInputException("--separator applies to --baskets only.");
                // Returns are not purchases: rejected (and counted in dataQuality) instead of kept as negative lines.
                var reader = new TransactionFileReader(input.ToOptions(parse) with { KeepReturns = false });
                (data, var report) = TransactionBaskets.Read(reader);
                quality = reader.DataQuality;
                inputReport = report;
            }

            var result = AssociationRules.Mine(data, options);
            var summary = RuleWriter.Summary(result);
            if (extension == ".csv")
            {
                var sidecar = Path.ChangeExtension(path, ".summary.json");
                // The summary is written first and the CSV renamed into place last, so either both appear or the CSV does not.
                Rapport.Analytics.AtomicFile.Write(path, stream => RuleWriter.WriteCsv(result, stream),
                    beforeMove: () => AnalysisOutput.WriteJson(sidecar, quality, new { input = inputReport, summary }));
            }
            else
            {
                var rows = result.Rules.Select(r => RuleWriter.Row(result.Itemsets, r)).ToList();
                AnalysisOutput.WriteJson(path, quality, new { input = inputReport, summary, rules = rows });
            }
            Console.WriteLine($"{result.Rules.Count:N0} rules from {result.Itemsets.Count:N0} frequent itemsets in {data.Count:N0} baskets " +
                              $"({summary.Algorithm}, min count {result.MinCount:N0}, {result.MiningTime.TotalMilliseconds + result.RuleTime.TotalMilliseconds:N0} ms); wrote {path}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static RuleOptions ReadOptions(ParseResult parse, Option<double> minSupport, Option<double> minConfidence, Option<double> minLift,
        Option<int?> maxLength, Option<int?> maxConsequent, Option<string?> algorithm)
    {
        try
        {
            var options = new RuleOptions
            {
                MinSupport = parse.GetValue(minSupport),
                MinConfidence = parse.GetValue(minConfidence),
                MinLift = parse.GetValue(minLift),
                MaxLength = parse.GetValue(maxLength),
                MaxConsequent = parse.GetValue(maxConsequent) ?? 1,
                Algorithm = parse.GetValue(algorithm) is { } a ? RuleOptions.ParseAlgorithm(a) : ItemsetAlgorithm.FpGrowth,
            };
            options.Validate();
            return options;
        }
        catch (ArgumentException ex)
        {
            // Validate's messages start with the option's name.
            var message = ex.Message.Split(" (Parameter", 2)[0];
            throw new CliInputException(message.StartsWith("Unknown", StringComparison.Ordinal) ? "--algorithm: " + message : "--" + message, ex);
        }
    }

    private static BasketSeparator ParseSeparator(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "auto" => BasketSeparator.Auto,
        "comma" or "," => BasketSeparator.Comma,
        "whitespace" or "space" or "spaces" or "tab" => BasketSeparator.Whitespace,
        _ => throw new CliInputException($"--separator '{text}': use auto, comma or whitespace."),
    };
}
