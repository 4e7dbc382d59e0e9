using System.CommandLine;
using Rapport.Analytics.Rfm;

namespace Rapport.Cli.Commands.Analyze;

/// <summary>`rapport analyze rfm`: recency, frequency, monetary, quintile scores, named segments and loyalty metrics.</summary>
internal static class AnalyzeRfmCommand
{
    public static Command Create()
    {
        var input = new TransactionInput();
        var asOf = new Option<string?>("--as-of") { Description = "Reference date yyyy-MM-dd (default: the day after the last transaction)." };
        var output = new Option<FileInfo>("--out") { Description = "Output file: .csv (plus NAME.quality.json beside it) or .json.", Required = true };
        var command = new Command("rfm", "Per-customer RFM figures, quintile scores, named RFM segments and loyalty metrics.");
        input.AddTo(command);
        command.Options.Add(asOf);
        command.Options.Add(output);
        command.SetAction(parse =>
        {
            var path = parse.GetValue(output)!.FullName;
            if (Path.GetExtension(path).ToLowerInvariant() is not (".csv" or ".json"))
                throw new CliInputException($"{path}: --out must end in .csv or .json.");
            if (!Directory.Exists(Path.GetDirectoryName(path))) throw new CliInputException($"{path}: the output folder does not exist (--out).");
            var result = RfmCalculator.Compute(input.Open(parse), new RfmOptions { AsOf = AnalyzeCommand.ParseDate(parse.GetValue(asOf), "--as-of") });
            RfmWriter.WriteFile(result, path);
            var quality = result.DataQuality;
            Console.WriteLine($"RFM for {result.Customers.Count:N0} customers as of {result.AsOf:yyyy-MM-dd}" +
                              (quality is null ? "" : $" ({quality.RowsUsed:N0} of {quality.RowsRead:N0} rows used, {quality.RowsRejected:N0} rejected)") +
                              $"; wrote {path}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
