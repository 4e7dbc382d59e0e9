using System.Text;

namespace Rapport.Analytics.Text;

/// <summary>One line of a <see cref="TabLabelledTextReader"/> file.</summary>
/// <param name="Line">Its line number (1-based).</param>
/// <param name="Text">The text, trimmed.</param>
/// <param name="Label">The label, trimmed.</param>
public sealed record LabelledLine(int Line, string Text, string Label);

/// <summary>
/// Reads labelled texts in the headerless "text TAB label" format of the UCI Sentiment Labelled Sentences files:
/// one record per line (LF or CRLF), split at the line's <em>last</em> tab; quotes are ordinary characters (the
/// sentences contain unbalanced double quotes, so a CSV reader would swallow lines). Text and label are trimmed;
/// blank lines are skipped; a line without a tab, or with an empty text or label, is an error naming the line.
/// </summary>
public static class TabLabelledTextReader
{
    /// <summary>Reads a file (UTF-8, with or without BOM).</summary>
    public static IReadOnlyList<LabelledLine> ReadLines(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return ReadLines(reader);
    }

    /// <summary>Reads text (see the class remarks).</summary>
    public static IReadOnlyList<LabelledLine> ReadLines(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var lines = new List<LabelledLine>();
        var number = 0;
        string? line;
        while ((line = reader.ReadLine()) != null)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var tab = line.LastIndexOf('\t');
            if (tab < 0) throw new FormatException($"Line {number}: no tab between the text and the label.");
            var text = line[..tab].Trim();
            var label = line[(tab + 1)..].Trim();
            if (text.Length == 0) throw new FormatException($"Line {number}: the text field is empty.");
            if (label.Length == 0) throw new FormatException($"Line {number}: the label field is empty.");
            lines.Add(new LabelledLine(number, text, label));
        }
        return lines;
    }

    /// <summary>Reads a file as a labelled data set.</summary>
    public static IntentDataset Read(string path)
    {
        var lines = ReadLines(path);
        return new IntentDataset(lines.Select(l => l.Text).ToArray(), lines.Select(l => l.Label).ToArray());
    }
}
