using System.Text;

namespace Rapport.Analytics.Text;

/// <summary>Labelled texts (same length lists).</summary>
public sealed record IntentDataset(IReadOnlyList<string> Texts, IReadOnlyList<string> Labels)
{
    /// <summary>Number of texts.</summary>
    public int Count => Texts.Count;
}

/// <summary>A column wanted from a CSV header (see <see cref="IntentCsvReader.ReadColumns"/>).</summary>
/// <param name="Role">What the column holds, for messages ("text", "answer").</param>
/// <param name="Name">The header name given by the user (matched case-insensitively), or null to detect it.</param>
/// <param name="Defaults">Header names tried, in order, when no name is given.</param>
/// <param name="Fallback">Position used when no default name is present (negative: from the end, -1 the last), or
/// null for none.</param>
/// <param name="Optional">Whether a column that cannot be found is simply absent (its values are null).</param>
public sealed record CsvColumn(string Role, string? Name, IReadOnlyList<string> Defaults, int? Fallback = null, bool Optional = false);

/// <summary>One data record of <see cref="CsvColumnTable"/>.</summary>
/// <param name="Record">Its record number in the file, the header being record 1.</param>
/// <param name="Values">The wanted columns' trimmed values, in the order asked (null for an absent optional column).</param>
public sealed record CsvColumnRecord(int Record, IReadOnlyList<string?> Values);

/// <summary>The result of <see cref="IntentCsvReader.ReadColumns"/>.</summary>
/// <param name="Header">The whole header row.</param>
/// <param name="Columns">The header name each wanted column was matched to (null: absent optional column).</param>
/// <param name="Records">The data records (blank lines skipped).</param>
public sealed record CsvColumnTable(IReadOnlyList<string> Header, IReadOnlyList<string?> Columns, IReadOnlyList<CsvColumnRecord> Records);

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
        var table = ReadColumns(reader,
        [
            new CsvColumn("text", textColumn, TextColumnNames, Fallback: 0),
            new CsvColumn("label", labelColumn, LabelColumnNames, Fallback: -1),
        ]);
        var texts = new List<string>();
        var labels = new List<string>();
        foreach (var record in table.Records)
        {
            var text = record.Values[0]!;
            var label = record.Values[1]!;
            if (text.Length == 0 || label.Length == 0) continue;
            texts.Add(text);
            labels.Add(label);
        }
        return new IntentDataset(texts, labels);
    }

    /// <summary>
    /// Reads the named columns of a CSV text whose first row is the header (the shared core of every labelled-text
    /// reader: intents, knowledge bases, sentiment). Each column is matched by its given name, else by the first of
    /// its default names present, else by its fallback position; a column with none of these is missing, which is
    /// an error unless it is optional. Blank lines are skipped; a record too short for a wanted column is an error
    /// naming the record. Values are trimmed.
    /// </summary>
    public static CsvColumnTable ReadColumns(TextReader reader, IReadOnlyList<CsvColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(columns);
        using var rows = ReadRows(reader).GetEnumerator();
        if (!rows.MoveNext()) throw new FormatException("The CSV is empty (no header row).");
        var header = rows.Current.Select(h => h.Trim().TrimStart('\uFEFF')).ToArray();
        var indices = columns.Select(c => Column(header, c)).ToArray();
        for (var a = 0; a < indices.Length; a++)
            for (var b = a + 1; b < indices.Length; b++)
                if (indices[a] >= 0 && indices[a] == indices[b])
                    throw new FormatException($"The {columns[a].Role} and {columns[b].Role} columns are the same column ('{header[indices[a]]}').");
        var needed = indices.Max();
        var records = new List<CsvColumnRecord>();
        var line = 1;
        while (rows.MoveNext())
        {
            line++;
            var row = rows.Current;
            if (row.Count == 1 && string.IsNullOrWhiteSpace(row[0])) continue; // blank line
            if (row.Count <= needed)
                throw new FormatException($"Record {line} has {row.Count} fields; the header has {header.Length}.");
            var values = new string?[indices.Length];
            for (var k = 0; k < indices.Length; k++) values[k] = indices[k] < 0 ? null : row[indices[k]].Trim();
            records.Add(new CsvColumnRecord(line, values));
        }
        return new CsvColumnTable(header, indices.Select(i => i < 0 ? null : header[i]).ToArray(), records);
    }

    private static int Column(string[] header, CsvColumn column)
    {
        if (column.Name != null)
        {
            var i = Array.FindIndex(header, h => string.Equals(h, column.Name, StringComparison.OrdinalIgnoreCase));
            if (i < 0) throw new FormatException($"No {column.Role} column '{column.Name}' in the header ({string.Join(", ", header)}).");
            return i;
        }
        foreach (var candidate in column.Defaults)
        {
            var i = Array.FindIndex(header, h => string.Equals(h, candidate, StringComparison.OrdinalIgnoreCase));
            if (i >= 0) return i;
        }
        if (column.Fallback is { } fallback) return fallback >= 0 ? Math.Min(fallback, header.Length - 1) : Math.Max(0, header.Length + fallback);
        if (column.Optional) return -1;
        throw new FormatException($"No {column.Role} column in the header ({string.Join(", ", header)}); expected one of {string.Join(", ", column.Defaults)}, or name it.");
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
