using System.Text;
using Rapport.Analytics.Transactions;

namespace Rapport.Analytics.Rules;

/// <summary>How the items of a basket line are separated.</summary>
public enum BasketSeparator
{
    /// <summary>Comma when any of the first lines holds a comma, otherwise runs of spaces and tabs.</summary>
    Auto,
    /// <summary>Commas (Groceries); everything between two commas is the item name, spaces included.</summary>
    Comma,
    /// <summary>Runs of spaces and tabs (the FIMI files: <c>retail.dat</c>, <c>T10I4D100K.dat</c>, …).</summary>
    Whitespace,
}

/// <summary>What reading a basket file found.</summary>
public sealed record BasketFileReport
{
    public required string File { get; init; }
    /// <summary><c>comma</c> or <c>whitespace</c>.</summary>
    public required string Separator { get; init; }
    public required long Lines { get; init; }
    public required int Baskets { get; init; }
    /// <summary>Blank lines: not baskets, skipped.</summary>
    public required long BlankLines { get; init; }
    public required long ItemOccurrences { get; init; }
    /// <summary>Repeats of an item inside one basket (each basket is a set: counted once).</summary>
    public required long RepeatedItems { get; init; }
    /// <summary>Empty fields between two commas (or at a line's end): skipped.</summary>
    public required long EmptyFields { get; init; }
    public required int DistinctItems { get; init; }
}

/// <summary>
/// Reads a basket file: one transaction per line, items separated by commas or by whitespace (detected from the first
/// lines). Item names are kept exactly as written between the separators (Groceries' <c>"cream cheese "</c> keeps its
/// trailing space, as in arules); blank lines are skipped, repeated items in one line count once. UTF-8 (a BOM is
/// skipped); other bytes stop the read. Problems are reported as <see cref="TransactionFileException"/> naming the
/// file and, where there is one, the row.
/// </summary>
public static class BasketReader
{
    private const int SniffLines = 1000;

    public static (Baskets Baskets, BasketFileReport Report) Read(string path, BasketSeparator separator = BasketSeparator.Auto)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        try
        {
            if (!File.Exists(full)) throw new TransactionFileException(full, null, null, Directory.Exists(Path.GetDirectoryName(full)) ? "file not found" : "file not found (no such folder)");
            if (new FileInfo(full).Length == 0) throw new TransactionFileException(full, null, null, "the file is empty");
            if (separator == BasketSeparator.Auto) separator = Detect(full);
            return ReadCore(full, separator);
        }
        catch (DecoderFallbackException e)
        {
            throw new TransactionFileException(full, null, null, "the bytes are not valid UTF-8: save the file as UTF-8", e);
        }
        catch (IOException e)
        {
            throw new TransactionFileException(full, null, null, "the file cannot be read: " + e.Message, e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new TransactionFileException(full, null, null, "the file cannot be read: " + e.Message, e);
        }
    }

    private static StreamReader Open(string path) =>
        new(path, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);

    private static BasketSeparator Detect(string path)
    {
        using var reader = Open(path);
        int seen = 0;
        while (seen < SniffLines && reader.ReadLine() is { } line)
        {
            if (line.AsSpan().Trim().IsEmpty) continue;
            if (line.Contains(',')) return BasketSeparator.Comma;
            seen++;
        }
        return BasketSeparator.Whitespace;
    }

    private static (Baskets, BasketFileReport) ReadCore(string path, BasketSeparator separator)
    {
        var builder = new BasketBuilder();
        var items = builder.Items;
        long lines = 0, blank = 0, occurrences = 0, emptyFields = 0;
        using (var reader = Open(path))
        {
            while (reader.ReadLine() is { } line)
            {
                lines++;
                var span = line.AsSpan();
                if (lines == 1 && span.Length > 0 && span[0] == '\uFEFF') span = span[1..];
                if (span.Length > 0 && span.IndexOf('\0') >= 0)
                    throw new TransactionFileException(path, lines, null, "the line contains NUL bytes: this is not a text basket file");
                if (span.IsWhiteSpace())
                {
                    blank++;
                    continue;
                }
                if (separator == BasketSeparator.Comma)
                {
                    foreach (var range in span.Split(','))
                    {
                        var name = span[range];
                        if (name.IsEmpty || name.IsWhiteSpace())
                        {
                            emptyFields++;
                            continue;
                        }
                        builder.Add(items.GetOrAdd(name));
                        occurrences++;
                    }
                }
                else
                {
                    int i = 0;
                    while (i < span.Length)
                    {
                        while (i < span.Length && span[i] is ' ' or '\t') i++;
                        int start = i;
                        while (i < span.Length && span[i] is not (' ' or '\t')) i++;
                        if (i > start)
                        {
                            builder.Add(items.GetOrAdd(span[start..i]));
                            occurrences++;
                        }
                    }
                }
                builder.EndBasket();
                if (occurrences > int.MaxValue - 1) throw new TransactionFileException(path, lines, null, "more than 2^31 item occurrences: the file is too large to mine in memory");
            }
        }
        if (builder.BasketCount == 0) throw new TransactionFileException(path, null, null, lines == 0 ? "the file is empty" : "the file has no baskets (only blank lines)");
        var baskets = builder.Build();
        var report = new BasketFileReport
        {
            File = path,
            Separator = separator == BasketSeparator.Comma ? "comma" : "whitespace",
            Lines = lines,
            Baskets = baskets.Count,
            BlankLines = blank,
            ItemOccurrences = baskets.Occurrences,
            RepeatedItems = builder.Repeats,
            EmptyFields = emptyFields,
            DistinctItems = items.Count,
        };
        return (baskets, report);
    }
}
