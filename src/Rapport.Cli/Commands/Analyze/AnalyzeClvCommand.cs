using System.CommandLine;
using Rapport.Analytics.Lifetime;

namespace Rapport.Cli.Commands.Analyze;

/// <summary>`rapport analyze clv`: BG/NBD, Pareto/NBD and Gamma-Gamma lifetime value.</summary>
internal static class AnalyzeClvCommand
{
    public static Command Create()
    {
        var input = new TransactionInput();
        var calibrationEnd = new Option<string>("--calibration-end") { Description = "Last day of the calibration (fitting) period, yyyy-MM-dd.", Required = true };
        var observationEnd = new Option<string?>("--observation-end") { Description = "Last day of the holdout period, yyyy-MM-dd (adds the holdout comparison)." };
        var unit = new Option<string>("--time-unit") { Description = "days or weeks.", DefaultValueFactory = _ => "weeks" };
        unit.AcceptOnlyFromAmong("days", "weeks");
        var horizon = new Option<int?>("--horizon") { Description = "CLV horizon in time units (default: one year)." };
        var discount = new Option<double>("--discount-rate") { Description = "Discount rate per time unit (e.g. 0.0019 ≈ 10% a year in weeks).", DefaultValueFactory = _ => 0 };
        var model = new Option<string>("--model") { Description = "Purchase model that scores customers: bgnbd or paretonbd.", DefaultValueFactory = _ => "bgnbd" };
        model.AcceptOnlyFromAmong("bgnbd", "paretonbd");
        var noPareto = new Option<bool>("--no-pareto") { Description = "Skip the Pareto/NBD fit (the slow part on millions of customers)." };
        var sort = new Option<bool>("--sort-input") { Description = "Sort lines by date in memory (for files not in date order)." };
        var output = new Option<FileInfo>("--out") { Description = "Output JSON file.", Required = true };

        var command = new Command("clv", "Fit BG/NBD, Pareto/NBD and Gamma-Gamma; P(alive), expected purchases and discounted CLV per customer.");
        input.AddTo(command);
        foreach (var option in new Option[] { calibrationEnd, observationEnd, unit, horizon, discount, model, noPareto, sort, output }) command.Options.Add(option);
        command.SetAction(parse =>
        {
            var calibration = AnalyzeCommand.ParseDate(parse.GetValue(calibrationEnd), "--calibration-end")!.Value;
            var observation = AnalyzeCommand.ParseDate(parse.GetValue(observationEnd), "--observation-end");
            if (observation is { } o && o <= calibration) throw new CliInputException("--observation-end must come after --calibration-end.");
            if (parse.GetValue(horizon) is < 1) throw new CliInputException("--horizon must be at least 1.");
            if (parse.GetValue(discount) is < 0 or >= 1) throw new CliInputException("--discount-rate must be in [0, 1).");
            var scoring = parse.GetValue(model) == "paretonbd" ? ClvPurchaseModel.ParetoNbd : ClvPurchaseModel.BgNbd;
            var options = new ClvOptions(calibration)
            {
                ObservationEnd = observation,
                TimeUnit = parse.GetValue(unit) == "days" ? TimeUnit.Days : TimeUnit.Weeks,
                Horizon = parse.GetValue(horizon),
                DiscountRate = parse.GetValue(discount),
                ScoringModel = scoring,
                FitParetoNbd = scoring == ClvPurchaseModel.ParetoNbd || !parse.GetValue(noPareto),
                SortInput = parse.GetValue(sort),
            };
            var reader = input.Open(parse);
            ClvReport report;
            try
            {
                report = ClvAnalysis.Run(reader, options);
            }
            catch (Exception ex) when (ex is InvalidOperationException or InvalidDataException)
            {
                throw new CliInputException(ex.Message, ex);
            }
            AnalysisOutput.WriteJson(parse.GetValue(output)!.FullName, reader.DataQuality, report);
            var bg = report.BgNbd;
            Console.WriteLine($"BG/NBD over {report.Customers.Count:N0} customers: r {bg.R:0.####}, alpha {bg.Alpha:0.####}, a {bg.A:0.####}, b {bg.B:0.####}, LL {bg.LogLikelihood:0.##}; wrote {parse.GetValue(output)!.FullName}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
