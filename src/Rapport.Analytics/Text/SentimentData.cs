using System.Text;

namespace Rapport.Analytics.Text;

/// <summary>Texts with a positive/negative class and where each came from.</summary>
/// <param name="Texts">The texts.</param>
/// <param name="Positive">The class of each text (true: positive).</param>
/// <param name="Origins">"file:line" (or "file:record" for CSV) of each text.</param>
public sealed record SentimentDataset(IReadOnlyList<string> Texts, IReadOnlyList<bool> Positive, IReadOnlyList<string> Origins)
{
    /// <summary>Number of texts.</summary>
    public int Count => Texts.Count;

    /// <summary>Several data sets one after the other.</summary>
    public static SentimentDataset Concat(IEnumerable<SentimentDataset> parts)
    {
        var list = parts.ToList();
        return new SentimentDataset(list.SelectMany(p => p.Texts).ToArray(), list.SelectMany(p => p.Positive).ToArray(), list.SelectMany(p => p.Origins).ToArray());
    }
}

/// <summary>
/// Reads labelled sentiment texts: a <c>.csv</c> file through <see cref="IntentCsvReader.ReadColumns"/> (header row;
/// text and label columns by name, else as for intents), any other file in the headerless "text TAB label" format
/// (<see cref="TabLabelledTextReader"/>, e.g. the UCI Sentiment Labelled Sentences). Labels are read by
/// <see cref="SentimentClassifier.ParseLabel"/> (1/0, positive/negative, …); a row with an empty field or another
/// label is an error naming the row and the field.
/// </summary>
public static class SentimentDataReader
{
    /// <summary>Reads one file (see the class remarks).</summary>
    public static SentimentDataset Read(string path, string? textColumn = null, string? labelColumn = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var name = Path.GetFileName(path);
        var texts = new List<string>();
        var positive = new List<bool>();
        var origins = new List<string>();
        if (string.Equals(Path.GetExtension(path), ".csv", StringComparison.OrdinalIgnoreCase))
        {
            using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            var table = IntentCsvReader.ReadColumns(reader,
            [
                new CsvColumn("text", textColumn, IntentCsvReader.TextColumnNames, Fallback: 0),
                new CsvColumn("label", labelColumn, ["sentiment", "polarity", .. IntentCsvReader.LabelColumnNames], Fallback: -1),
            ]);
            foreach (var record in table.Records)
            {
                if (record.Values[0]!.Length == 0) throw new FormatException($"Record {record.Record}: the text field ('{table.Columns[0]}') is empty.");
                if (record.Values[1]!.Length == 0) throw new FormatException($"Record {record.Record}: the label field ('{table.Columns[1]}') is empty.");
                texts.Add(record.Values[0]!);
                positive.Add(Parse(record.Values[1]!, $"Record {record.Record}", table.Columns[1]!));
                origins.Add($"{name}:{record.Record}");
            }
        }
        else
        {
            if (textColumn != null || labelColumn != null)
                throw new FormatException("Column names apply to CSV files only; a tab-separated file has no header (text TAB label).");
            foreach (var line in TabLabelledTextReader.ReadLines(path))
            {
                texts.Add(line.Text);
                positive.Add(Parse(line.Label, $"Line {line.Line}", "label"));
                origins.Add($"{name}:{line.Line}");
            }
        }
        return new SentimentDataset(texts, positive, origins);
    }

    private static bool Parse(string label, string where, string field)
    {
        try { return SentimentClassifier.ParseLabel(label); }
        catch (FormatException ex) { throw new FormatException($"{where}: the {field} field: {ex.Message}", ex); }
    }
}
