using System.CommandLine;
using Rapport.Analytics.Text;

namespace Rapport.Cli.Commands.Analyze;

/// <summary>`rapport analyze intents`: trains the ticket intent classifier on one file and evaluates it on another.</summary>
internal static class AnalyzeIntentsCommand
{
    public static Command Create()
    {
        var train = new Option<FileInfo>("--train") { Description = "Training CSV: one text and one label per row.", Required = true };
        var test = new Option<FileInfo>("--test") { Description = "Test CSV with the same columns.", Required = true };
        var text = new Option<string?>("--text") { Description = "Text column (default: text, query, utterance, message or body)." };
        var label = new Option<string?>("--label") { Description = "Label column (default: label, category, intent or class)." };
        var output = new Option<FileInfo>("--out") { Description = "Output JSON file.", Required = true };
        var command = new Command("intents", "Classify ticket texts (English and Chinese) into intents: TF-IDF words + character n-grams, linear SVM.")
        {
            train, test, text, label, output,
        };
        command.SetAction(parse =>
        {
            var trainSet = Read(parse.GetValue(train)!, parse.GetValue(text), parse.GetValue(label), "--train");
            var testSet = Read(parse.GetValue(test)!, parse.GetValue(text), parse.GetValue(label), "--test");
            var report = IntentReport.Evaluate(trainSet, testSet);
            var path = parse.GetValue(output)!.FullName;
            AnalysisOutput.WriteText(path, report.ToJson());
            Console.WriteLine($"{report.Run.Intents} intents, trained on {report.Run.TrainCount:N0} texts: accuracy {report.Metrics.Accuracy:0.0000}, macro-F1 {report.Metrics.MacroF1:0.0000} on {report.Run.TestCount:N0}; wrote {path}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static IntentDataset Read(FileInfo file, string? textColumn, string? labelColumn, string flag)
    {
        if (!file.Exists) throw new CliInputException($"{file.FullName}: file not found ({flag}).");
        try
        {
            var data = IntentCsvReader.Read(file.FullName, textColumn, labelColumn);
            return data.Count > 0 ? data : throw new CliInputException($"{file.FullName}: no rows with both a text and a label ({flag}).");
        }
        catch (Exception ex) when (ex is FormatException or InvalidDataException or ArgumentException)
        {
            throw new CliInputException($"{file.FullName}: {ex.Message}", ex);
        }
    }
}
