using System.CommandLine;
using Rapport.Analytics.Prediction;

namespace Rapport.Cli.Commands.Analyze;

/// <summary>`rapport analyze predict`: an explainable yes/no model (churn, response, win) on any CSV table.</summary>
internal static class AnalyzePredictCommand
{
    public static Command Create()
    {
        var table = new Option<FileInfo>("--table") { Description = "CSV table, one row per case, with the outcome column.", Required = true };
        var target = new Option<string>("--target") { Description = "Outcome column (yes/no, true/false, 1/0 or two values).", Required = true };
        var positive = new Option<string?>("--positive") { Description = "Value of the outcome that counts as yes (default: detected, e.g. Yes, true, 1)." };
        var id = new Option<string?>("--id") { Description = "Id column naming each prediction (default: detected; never a feature)." };
        var test = new Option<FileInfo?>("--test") { Description = "Separate test table (instead of a held-out fraction)." };
        var fraction = new Option<double>("--test-fraction") { Description = "Share held out for testing (stratified).", DefaultValueFactory = _ => 0.2 };
        var seed = new Option<int>("--seed") { Description = "Seed of the split and the learners.", DefaultValueFactory = _ => 42 };
        var time = new Option<string?>("--time-column") { Description = "Date or number column: test on the latest rows, validate forward in time; never a feature." };
        var model = new Option<string>("--model") { Description = "auto (best cross-validated AUC), logistic, gbdt, forest or tree.", DefaultValueFactory = _ => "auto" };
        model.AcceptOnlyFromAmong("auto", "logistic", "gbdt", "forest", "tree");
        var output = new Option<FileInfo>("--out") { Description = "Output JSON file.", Required = true };
        var command = new Command("predict", "Learn a calibrated yes/no model on a table; metrics, feature importance and per-row reasons.")
        {
            table, target, positive, id, test, fraction, seed, time, model, output,
        };
        command.SetAction(parse =>
        {
            var testFraction = parse.GetValue(fraction);
            if (testFraction is <= 0 or >= 0.9) throw new CliInputException("--test-fraction must be between 0 and 0.9.");
            var options = new PredictOptions(parse.GetValue(target)!, parse.GetValue(positive), parse.GetValue(id), testFraction, parse.GetValue(seed),
                parse.GetValue(model) switch
                {
                    "logistic" => PredictionModelKind.Logistic,
                    "gbdt" => PredictionModelKind.Gbdt,
                    "forest" => PredictionModelKind.Forest,
                    "tree" => PredictionModelKind.Tree,
                    _ => PredictionModelKind.Auto,
                }, TimeColumn: parse.GetValue(time));
            var report = Run(() => Predictor.Train(Read(parse.GetValue(table)!, "--table"), options,
                parse.GetValue(test) is { } testFile ? Read(testFile, "--test") : null));
            var path = parse.GetValue(output)!.FullName;
            AnalysisOutput.WriteText(path, report.ToJson());
            foreach (var rule in report.Rules ?? []) Console.WriteLine(rule.Text);
            Console.WriteLine($"{report.Model}: test AUC {report.Metrics.Auc:0.0000} (cross-validated {report.CrossValidation.AucMean:0.0000} ± {report.CrossValidation.AucStd:0.0000}); wrote {path}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static RawTable Read(FileInfo file, string flag)
    {
        if (!file.Exists) throw new CliInputException($"{file.FullName}: file not found ({flag}).");
        return Run(() => TableReader.Read(file.FullName));
    }

    /// <summary>Problems with the table itself (no such column, one class only, unparsable file) are bad input.</summary>
    private static T Run<T>(Func<T> work)
    {
        try
        {
            return work();
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidDataException)
        {
            throw new CliInputException(ex.Message, ex);
        }
    }
}
