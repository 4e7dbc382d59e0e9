using System.CommandLine;

namespace Rapport.Cli.Commands.Analyze;

/// <summary>`rapport analyze …`: every analysis on plain files, no database needed.</summary>
internal static class AnalyzeCommand
{
    public static Command Create() => new("analyze", "Run an analysis on a transaction file and write CSV/JSON results.")
    {
        AnalyzeRfmCommand.Create(),
        AnalyzeSegmentsCommand.Create(),
        AnalyzeClvCommand.Create(),
        AnalyzeIntentsCommand.Create(),
        AnalyzeAnswerCommand.Create(),
        AnalyzeSentimentCommand.Create(),
        AnalyzePredictCommand.Create(),
        AnalyzeChurnCommand.Create(),
        AnalyzeForecastCommand.Create(),
        AnalyzeRulesCommand.Create(),
        AnalyzeRecommendCommand.Create(),
    };

    /// <summary>Parses a yyyy-MM-dd flag value.</summary>
    public static DateOnly? ParseDate(string? text, string flag)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date)
            ? date
            : throw new CliInputException($"{flag} '{text}' is not a date of the form yyyy-MM-dd.");
    }
}
