using System.CommandLine;
using Rapport.Analytics.Lifetime;
using Rapport.Analytics.Reporting;
using Rapport.Analytics.Rfm;
using Rapport.Analytics.Segmentation;
using Rapport.Cli.Commands.Analyze;

namespace Rapport.Cli.Commands;

/// <summary>`rapport report`: one self-contained HTML report (RFM, segments, CLV, purchases over time).</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var input = new TransactionInput();
        var asOf = new Option<string?>("--as-of") { Description = "Reference date yyyy-MM-dd (default: the day after the last transaction)." };
        var calibrationEnd = new Option<string?>("--calibration-end") { Description = "CLV calibration end yyyy-MM-dd (default: the last transaction day, no holdout)." };
        var title = new Option<string>("--title") { Description = "Report title.", DefaultValueFactory = _ => "Customer report" };
        var seed = new Option<int>("--seed") { Description = "Seed for the segmentation.", DefaultValueFactory = _ => 42 };
        var output = new Option<FileInfo>("--out") { Description = "Output HTML file.", Required = true };

        var command = new Command("report", "Write a self-contained HTML customer report with charts (no network needed to view it).");
        input.AddTo(command);
        foreach (var option in new Option[] { asOf, calibrationEnd, title, seed, output }) command.Options.Add(option);
        command.SetAction(parse =>
        {
            // Each analysis streams the file again: memory stays proportional to customers.
            var rfmReader = input.Open(parse);
            var rfm = RfmCalculator.Compute(rfmReader, new RfmOptions { AsOf = AnalyzeCommand.ParseDate(parse.GetValue(asOf), "--as-of") });
            if (rfm.Customers.Count == 0) throw new CliInputException("no customer has a usable purchase: nothing to report.");

            SegmentationResult? segments = null;
            if (rfm.Customers.Count >= 10)
            {
                var table = CustomerFeatures.Compute(rfm, () => input.Open(parse));
                segments = Segmenter.Run(table.Select(CustomerFeatures.ParseSet(null, table.HasItems)), table.Customers,
                    rfm.Customers.Select(c => c.Monetary).ToArray(), new SegmentationOptions(Seed: parse.GetValue(seed), SilhouetteSampleSize: 5000),
                    profileFeatures: table.All);
            }

            var calibration = AnalyzeCommand.ParseDate(parse.GetValue(calibrationEnd), "--calibration-end") ?? rfm.AsOf.AddDays(-1);
            ClvReport? clv = null;
            try
            {
                clv = ClvAnalysis.Run(input.Open(parse), new ClvOptions(calibration) { FitParetoNbd = false, SortInput = true });
            }
            catch (Exception ex) when (ex is InvalidOperationException or InvalidDataException)
            {
                Console.Error.WriteLine($"warning: lifetime value left out of the report: {ex.Message}");
            }

            var timelineReader = input.Open(parse);
            var firstDay = rfm.Customers.ToDictionary(c => c.Customer, c => rfm.AsOf.DayNumber - c.TenureDays);
            var timeline = PurchaseTimeline.Build(timelineReader.ReadLines(),
                index => firstDay.TryGetValue(timelineReader.CustomerKeys[index], out var day) ? day : null);

            var html = CustomerReport.Render(new CustomerReportInput(parse.GetValue(title)!, rfm, segments, clv, timeline, rfm.DataQuality));
            var path = parse.GetValue(output)!.FullName;
            AnalysisOutput.WriteText(path, html);
            Console.WriteLine($"Wrote {path} ({rfm.Customers.Count:N0} customers).");
            return ExitCodes.Ok;
        });
        return command;
    }
}
