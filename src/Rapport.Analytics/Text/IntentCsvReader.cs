using System.Text;

namespace Rapport.Analytics.Text;

/// <summary>Labelled texts (same length lists).</summary>
public sealed record IntentDataset(IReadOnlyList<string> Texts, IReadOnlyList<string> Labels)
{
    /// <summary>Number of texts.</summary>
    public int Count => Texts.Count;
}

/// <summary>
/// Reads labelled texts from CSV (RFC 4180: comma separated, fields optionally double-quoted, <c>""</c> inside quotes
/// for a quote, line breaks allowed inside quotes, CRLF or LF rows, UTF-8 with or without BOM). The first row is the
/// header. Texts and labels are trimmed; rows whose text or label is empty are skipped.
/// </summary>
public static class IntentCsvReader
{
    /// <summary>Header names tried for the text column when none is given.</summary>
    public static readonly IReadOnlyList<string> TextColumnNames = ["text", "query", "utterance", "message", "body"];

    /// <summary>Header names tried for the label column when none is given.</summary>
    public static readonly IReadOnlyList<string> LabelColumnNames = ["label", "category", "intent", "class"];

    /// <summary>Reads a CSV file (see <see cref="Read(TextReader, string?, string?)"/>).</summary>
    public static IntentDataset Read(string path, string? textColumn = null, string? labelColumn = null)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return Read(reader, textColumn, labelColumn);
    }

    /// <summary>
    /// Reads CSV text. Columns are matched by header name, case-insensitively; without a name the text column is the
    /// first of <see cref="TextColumnNames"/> present, else the first column, and the label column the first of
    /// <see cref="LabelColumnNames"/> present, else the last column.
    /// </summary>
    public static IntentDataset Read(TextReader reader, string? textColumn = null, string? labelColumn = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        using var rows = ReadRows(reader).GetEnumerator();
        if (!rows.MoveNext()) throw new FormatException("The CSV is empty (no header row).");
        var header = rows.Current.Select(h => h.Trim().TrimStart('\uFEFF')).ToArray();
        var textIndex = Column(header, textColumn, TextColumnNames, 0, "text");
        var labelIndex = Column(header, labelColumn, LabelColumnNames, header.Length - 1, "label");
        if (textIndex == labelIndex) throw new FormatException($"The text and label columns are the same column ('{header[textIndex]}').");
        var texts = new List<string>();
        var labels = new List<string>();
        var line = 1;
        while (rows.MoveNext())
        {
            line++;
            var row = rows.Current;
            if (row.Count == 1 && string.IsNullOrWhiteSpace(row[0])) continue; // blank line
            if (row.Count <= Math.Max(textIndex, labelIndex))
                throw new FormatException($"Record {line} has {row.Count} fields; the header has {header.Length}.");
            var text = row[textIndex].Trim();
            var label = row[labelIndex].Trim();
            if (text.Length == 0 || label.Length == 0) continue;
            texts.Add(text);
            labels.Add(label);
        }
        return new IntentDataset(texts, labels);
    }

    private static int Column(string[] header, string? name, IReadOnlyList<string> defaults, int fallback, string what)
    {
        if (name != null)
        {
            var i = Array.FindIndex(header, h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));
            if (i < 0) throw new FormatException($"No {what} column '{name}' in the header ({string.Join(", ", header)}).");
            return i;
        }
        foreach (var candidate in defaults)
        {
            var i = Array.FindIndex(header, h => string.Equals(h, candidate, StringComparison.OrdinalIgnoreCase));
            if (i >= 0) return i;
        }
        return fallback;
    }

    /// <summary>The records of a CSV text as lists of fields (RFC 4180).</summary>
    public static IEnumerable<List<string>> ReadRows(TextReader reader)
    {
        var field = new StringBuilder();
        var row = new List<string>();
        var inQuotes = false;
        var any = false; // anything read for the current record
        int ch;
        while ((ch = reader.Read()) >= 0)
        {
            var c = (char)ch;
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (reader.Peek() == '"') { reader.Read(); field.Append('"'); }
                    else inQuotes = false;
                }
                else field.Append(c);
                continue;
            }
            switch (c)
            {
                case '"':
                    inQuotes = true;
                    any = true;
                    break;
                case ',':
                    row.Add(field.ToString());
                    field.Clear();
                    any = true;
                    break;
                case '\r':
                case '\n':
                    if (c == '\r' && reader.Peek() == '\n') reader.Read();
                    if (any || field.Length > 0)
                    {
                        row.Add(field.ToString());
                        yield return row;
                        row = [];
                        field.Clear();
                        any = false;
                    }
                    break;
                default:
                    field.Append(c);
                    any = true;
                    break;
            }
        }
        if (inQuotes) throw new FormatException("The CSV ends inside a quoted field.");
        if (any || field.Length > 0)
        {
            row.Add(field.ToString());
            yield return row;
        }
    }
}
