using System.Text;

namespace Rapport.Analytics.Prediction;

/// <summary>A CSV table as text: header names and rows of cells (every row padded or cut to the header's width).</summary>
/// <param name="Columns">Header names, trimmed.</param>
/// <param name="Rows">Data rows; each has exactly <c>Columns.Count</c> cells.</param>
/// <param name="RaggedRows">Rows whose cell count differed from the header's (padded with blanks or cut).</param>
public sealed record RawTable(IReadOnlyList<string> Columns, IReadOnlyList<string[]> Rows, int RaggedRows = 0)
{
    /// <summary>Index of a column by name (ordinal, then case-insensitive), or −1.</summary>
    public int IndexOf(string name)
    {
        for (var i = 0; i < Columns.Count; i++) if (string.Equals(Columns[i], name, StringComparison.Ordinal)) return i;
        for (var i = 0; i < Columns.Count; i++) if (string.Equals(Columns[i], name, StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }
}

/// <summary>
/// A small RFC-4180 reader: quoted fields with doubled quotes and embedded line breaks, CRLF or LF, a UTF-8 BOM.
/// The delimiter (comma, semicolon, tab or pipe) is sniffed from the header line. Blank lines are skipped.
/// </summary>
public static class TableReader
{
    /// <summary>Reads a CSV file.</summary>
    public static RawTable Read(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return Read(reader);
    }

    /// <summary>Reads CSV text.</summary>
    public static RawTable Parse(string text) => Read(new StringReader(text));

    /// <summary>Reads CSV from a text reader (the whole input).</summary>
    public static RawTable Read(TextReader reader)
    {
        var text = reader.ReadToEnd();
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        var delimiter = SniffDelimiter(text);
        var records = Tokenize(text, delimiter);
        if (records.Count == 0) throw new InvalidDataException("The table is empty: no header row.");
        var header = records[0].Select(h => h.Trim()).ToArray();
        for (var i = 0; i < header.Length; i++) if (header[i].Length == 0) header[i] = "column" + (i + 1);
        var rows = new List<string[]>(records.Count - 1);
        var ragged = 0;
        for (var r = 1; r < records.Count; r++)
        {
            var rec = records[r];
            if (rec.Count != header.Length)
            {
                ragged++;
                var fixedRow = new string[header.Length];
                for (var i = 0; i < header.Length; i++) fixedRow[i] = i < rec.Count ? rec[i] : "";
                rows.Add(fixedRow);
            }
            else rows.Add(rec.ToArray());
        }
        return new RawTable(header, rows, ragged);
    }

    private static char SniffDelimiter(string text)
    {
        var end = text.IndexOf('\n');
        var line = end < 0 ? text : text[..end];
        char[] candidates = [',', ';', '\t', '|'];
        var best = ',';
        var bestCount = 0;
        foreach (var c in candidates)
        {
            var count = 0;
            var inQuotes = false;
            foreach (var ch in line)
            {
                if (ch == '"') inQuotes = !inQuotes;
                else if (ch == c && !inQuotes) count++;
            }
            if (count > bestCount) { best = c; bestCount = count; }
        }
        return best;
    }

    private static List<List<string>> Tokenize(string text, char delimiter)
    {
        var records = new List<List<string>>();
        var current = new List<string>();
        var field = new StringBuilder();
        var inQuotes = false;
        var fieldStarted = false;
        var i = 0;
        void EndField() { current.Add(field.ToString()); field.Clear(); fieldStarted = false; }
        void EndRecord()
        {
            EndField();
            if (!(current.Count == 1 && current[0].Length == 0)) records.Add(current);
            current = new List<string>();
        }
        while (i < text.Length)
        {
            var ch = text[i];
            if (inQuotes)
            {
                if (ch == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i += 2; continue; }
                    inQuotes = false; i++; continue;
                }
                field.Append(ch); i++; continue;
            }
            if (ch == '"' && !fieldStarted && field.Length == 0) { inQuotes = true; fieldStarted = true; i++; continue; }
            if (ch == delimiter) { EndField(); i++; continue; }
            if (ch == '\r')
            {
                EndRecord();
                i += i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
                continue;
            }
            if (ch == '\n') { EndRecord(); i++; continue; }
            field.Append(ch); fieldStarted = true; i++;
        }
        if (field.Length > 0 || current.Count > 0 || fieldStarted) EndRecord();
        return records;
    }
}
