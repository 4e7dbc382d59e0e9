using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using MiniExcelLibs;

namespace Rapport.Core.Import;

/// <summary>One data row of a file: its number as a spreadsheet shows it (the header is row 1) and its cells.</summary>
public sealed record TabularRow(long Number, string[] Cells, string? Problem = null)
{
    /// <summary>The row as text for a rejects file.</summary>
    public string Raw => string.Join(",", Cells.Select(Analytics.Transactions.CsvText.Cell));
}

/// <summary>A CSV/TSV or .xlsx file read row by row (memory does not grow with the file), header first.</summary>
public abstract class TabularFile : IDisposable
{
    public required string Path { get; init; }
    public IReadOnlyList<string> Headers { get; protected set; } = [];
    public abstract string Format { get; }

    /// <summary>Data rows after the header, streamed; can be called again to read the file once more.</summary>
    public abstract IEnumerable<TabularRow> ReadRows();

    public virtual void Dispose() => GC.SuppressFinalize(this);

    /// <exception cref="ImportFileException">The file is missing, empty, in an unsupported format or has no header.</exception>
    public static TabularFile Open(string path)
    {
        if (!File.Exists(path)) throw new ImportFileException($"{path}: file not found");
        Span<byte> head = stackalloc byte[8];
        int read;
        using (var probe = File.OpenRead(path)) read = probe.Read(head);
        if (read == 0) throw new ImportFileException($"{path}: the file is empty");
        TabularFile file = head[..read] switch
        {
            [0x50, 0x4B, 0x03, 0x04, ..] => new ExcelFile { Path = path },
            [0xD0, 0xCF, 0x11, 0xE0, ..] => throw new ImportFileException($"{path}: old binary Excel (.xls) is not read; save it as .xlsx or CSV"),
            _ => new DelimitedFile { Path = path },
        };
        file.ReadHeader();
        if (file.Headers.Count == 0 || file.Headers.All(string.IsNullOrWhiteSpace))
            throw new ImportFileException($"{path}: no header row (the first row must name the columns)");
        return file;
    }

    protected abstract void ReadHeader();
}

/// <summary>Comma, semicolon, tab or pipe separated text; UTF-8 (with or without BOM), UTF-16 with BOM, else Latin-1.</summary>
internal sealed class DelimitedFile : TabularFile
{
    private Encoding _encoding = Encoding.UTF8;
    private string _delimiter = ",";

    public override string Format => _delimiter switch { "\t" => "TSV", _ => "CSV" } + $" ({_encoding.WebName}, delimiter '{(_delimiter == "\t" ? "\\t" : _delimiter)}')";

    protected override void ReadHeader()
    {
        _encoding = DetectEncoding(Path);
        using var reader = new StreamReader(Path, _encoding, detectEncodingFromByteOrderMarks: true);
        var firstLine = reader.ReadLine() ?? "";
        _delimiter = new[] { ",", ";", "\t", "|" }.MaxBy(d => firstLine.Split(d).Length)!;
        using var parser = NewParser(new StreamReader(Path, _encoding, detectEncodingFromByteOrderMarks: true));
        Headers = parser.Read() ? parser.Record!.Select(h => h.Trim()).ToArray() : [];
    }

    public override IEnumerable<TabularRow> ReadRows()
    {
        string? bad = null;
        using var parser = NewParser(new StreamReader(Path, _encoding, detectEncodingFromByteOrderMarks: true), field => bad ??= field);
        if (!parser.Read()) yield break; // header
        while (parser.Read())
        {
            var cells = parser.Record!;
            if (cells.Length == 1 && cells[0].Length == 0) { bad = null; continue; } // blank line
            var problem = bad is not null ? $"malformed quoting near \"{Shorten(bad)}\""
                : cells.Length != Headers.Count ? $"has {cells.Length} cells where the header has {Headers.Count}"
                : null;
            bad = null;
            yield return new TabularRow(parser.Row, cells, problem);
        }
    }

    private CsvParser NewParser(TextReader reader, Action<string>? onBadData = null) =>
        new(reader, new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = _delimiter,
            BadDataFound = args => onBadData?.Invoke(args.Field),
            TrimOptions = TrimOptions.None,
        });

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "…";

    /// <summary>BOM first; otherwise UTF-8 when the first megabyte decodes strictly, else Latin-1 (older Excel exports).</summary>
    private static Encoding DetectEncoding(string path)
    {
        var buffer = new byte[1 << 20];
        int n;
        using (var stream = File.OpenRead(path)) n = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        if (n >= 2 && (buffer[0], buffer[1]) is (0xFF, 0xFE)) return Encoding.Unicode;
        if (n >= 2 && (buffer[0], buffer[1]) is (0xFE, 0xFF)) return Encoding.BigEndianUnicode;
        try
        {
            // flush: false keeps a character cut at the buffer's end from counting as invalid.
            new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder().GetCharCount(buffer, 0, n, flush: false);
            return new UTF8Encoding(false);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1;
        }
    }
}

/// <summary>The first worksheet of an .xlsx workbook, streamed by MiniExcel; numbers and dates become invariant text.</summary>
internal sealed class ExcelFile : TabularFile
{
    public override string Format => "Excel (.xlsx)";

    protected override void ReadHeader()
    {
        try
        {
            Headers = Rows().Select(r => r.Cells).FirstOrDefault() ?? [];
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or System.Xml.XmlException or InvalidOperationException)
        {
            throw new ImportFileException($"{Path}: not a readable .xlsx workbook ({ex.Message})");
        }
        Headers = Headers.Select(h => h.Trim()).ToArray();
        // Trailing empty header cells come from formatting, not data.
        var last = Headers.Count - 1;
        while (last >= 0 && Headers[last].Length == 0) last--;
        Headers = Headers.Take(last + 1).ToArray();
    }

    public override IEnumerable<TabularRow> ReadRows()
    {
        foreach (var row in Rows().Skip(1))
        {
            if (row.Cells.All(c => c.Length == 0)) continue;
            var cells = row.Cells.Length >= Headers.Count ? row.Cells[..Headers.Count] : [.. row.Cells, .. new string[Headers.Count - row.Cells.Length].Select(_ => "")];
            var extra = row.Cells.Skip(Headers.Count).Any(c => c.Length > 0);
            yield return new TabularRow(row.Number, cells, extra ? "has values beyond the last named column" : null);
        }
    }

    private IEnumerable<TabularRow> Rows()
    {
        long number = 0;
        foreach (IDictionary<string, object?> row in MiniExcel.Query(Path, useHeaderRow: false))
        {
            number++;
            yield return new TabularRow(number, row.Values.Select(Text).ToArray());
        }
    }

    private static string Text(object? value) => value switch
    {
        null => "",
        DateTime d => d.TimeOfDay == TimeSpan.Zero ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : d.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        double x => x.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}

/// <summary>The file cannot be read at all (missing, empty, unsupported); nothing is imported.</summary>
public sealed class ImportFileException(string message) : Exception(message);
