using System.CommandLine;
using System.Globalization;
using Rapport.Analytics.Text;

namespace Rapport.Cli.Commands.Analyze;

/// <summary>`rapport analyze sentiment`: positive/negative/neutral sentiment of feedback texts, evaluated on a test
/// file or by k-fold cross-validation.</summary>
internal static class AnalyzeSentimentCommand
{
    public static Command Create()
    {
        var train = new Option<FileInfo[]>("--train")
        {
            Description = "Labelled texts: CSV with a header, or 'text<TAB>label' lines without one (labels 1/0 or positive/negative). Repeat for several files.",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var test = new Option<FileInfo?>("--test") { Description = "Test file in the same format (train on --train, score this)." };
        var cv = new Option<int?>("--cv") { Description = "K-fold cross-validation over --train instead of a test file (K ≥ 2)." };
        var seed = new Option<int>("--seed") { Description = "Seed of the cross-validation folds.", DefaultValueFactory = _ => 0 };
        var text = new Option<string?>("--text") { Description = "Text column of a CSV (default: text, query, utterance, message or body, else the first)." };
        var label = new Option<string?>("--label") { Description = "Label column of a CSV (default: sentiment, polarity, label, category, intent or class, else the last)." };
        var neutral = new Option<string>("--neutral-band") { Description = "Scores (probability of positive) in LOW,HIGH are reported as neutral.", DefaultValueFactory = _ => "0.35,0.65" };
        var output = new Option<FileInfo>("--out") { Description = "Output JSON file.", Required = true };
        var command = new Command("sentiment", "Sentiment of feedback or ticket texts (positive/negative with a score, neutral when unsure): TF-IDF + logistic regression.")
        {
            train, test, cv, seed, text, label, neutral, output,
        };
        command.SetAction(parse =>
        {
            var testFile = parse.GetValue(test);
            var folds = parse.GetValue(cv);
            if ((testFile is null) == (folds is null)) throw new CliInputException("Give either --test FILE or --cv K.");
            if (folds is < 2) throw new CliInputException($"--cv must be at least 2 (got {folds}).");
            var band = ParseBand(parse.GetValue(neutral)!);
            var options = new SentimentOptions(NeutralLow: band.Low, NeutralHigh: band.High);
            var trainSet = SentimentDataset.Concat(parse.GetValue(train)!.Select(f => Read(f, parse.GetValue(text), parse.GetValue(label), "--train")));
            SentimentReport report;
            try
            {
                report = testFile is not null
                    ? SentimentEvaluation.TrainTest(trainSet, Read(testFile, parse.GetValue(text), parse.GetValue(label), "--test"), options)
                    : SentimentEvaluation.CrossValidate(trainSet, folds!.Value, options, parse.GetValue(seed));
            }
            catch (ArgumentException ex) { throw new CliInputException(ex.Message, ex); }
            var path = parse.GetValue(output)!.FullName;
            AnalysisOutput.WriteText(path, report.ToJson());
            var m = report.Metrics;
            Console.WriteLine($"{report.Run.Mode} on {report.Run.TrainCount:N0} texts: accuracy {m.Accuracy:0.0000}, macro-F1 {m.MacroF1:0.0000}" +
                              (m.FoldAccuracyStd is { } std ? $" (fold sd {std:0.0000})" : "") +
                              $"; neutral [{m.NeutralBand[0]:0.00}, {m.NeutralBand[1]:0.00}] {m.NeutralShare:P1}, accuracy outside it {m.DecidedAccuracy:0.0000}; wrote {path}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static (double Low, double High) ParseBand(string text)
    {
        var parts = text.Split(',');
        if (parts.Length == 2
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var low)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var high)
            && low is >= 0 and <= 0.5 && high is >= 0.5 and <= 1)
            return (low, high);
        throw new CliInputException($"--neutral-band '{text}' must be LOW,HIGH with 0 ≤ LOW ≤ 0.5 ≤ HIGH ≤ 1 (e.g. 0.35,0.65).");
    }

    private static SentimentDataset Read(FileInfo file, string? textColumn, string? labelColumn, string flag)
    {
        if (!file.Exists) throw new CliInputException($"{file.FullName}: file not found ({flag}).");
        try
        {
            var data = SentimentDataReader.Read(file.FullName, textColumn, labelColumn);
            return data.Count > 0 ? data : throw new CliInputException($"{file.FullName}: no labelled texts ({flag}).");
        }
        catch (Exception ex) when (ex is FormatException or InvalidDataException or ArgumentException)
        {
            throw new CliInputException($"{file.FullName}: {ex.Message}", ex);
        }
    }
}
