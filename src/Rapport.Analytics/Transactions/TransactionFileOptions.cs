namespace Rapport.Analytics.Transactions;

/// <summary>Text encoding of a transaction file.</summary>
public enum TextEncodingChoice
{
    /// <summary>UTF-8 with or without BOM; Latin-1 (ISO-8859-1) when the bytes are not valid UTF-8.</summary>
    Auto,
    /// <summary>UTF-8 (a BOM is skipped); invalid bytes stop the read with an error naming the row.</summary>
    Utf8,
    /// <summary>Latin-1 (ISO-8859-1): every byte is one character.</summary>
    Latin1,
}

/// <summary>
/// How to read a transaction file. Maps 1:1 to the flags of the <c>analyze</c> verbs:
/// <list type="table">
/// <item><term><c>--transactions FILE</c></term><description><see cref="Path"/></description></item>
/// <item><term><c>--no-header</c></term><description><see cref="HasHeader"/> = false</description></item>
/// <item><term><c>--column-names a,b,…</c></term><description><see cref="ColumnNames"/></description></item>
/// <item><term><c>--delimiter X</c></term><description><see cref="Delimiter"/> (parse with <see cref="ParseDelimiter"/>)</description></item>
/// <item><term><c>--encoding auto|utf-8|latin1</c></term><description><see cref="Encoding"/> (parse with <see cref="ParseEncoding"/>)</description></item>
/// <item><term><c>--customer/--date/--amount/--quantity/--price/--invoice/--item COL</c></term><description>the <c>…Column</c> properties</description></item>
/// <item><term><c>--date-format F</c></term><description><see cref="DateFormat"/></description></item>
/// <item><term><c>--cancellation-prefix P</c></term><description><see cref="CancellationPrefix"/> ("" disables)</description></item>
/// <item><term><c>--drop-returns</c></term><description><see cref="KeepReturns"/> = false</description></item>
/// <item><term><c>--keep-zero-amounts</c></term><description><see cref="KeepZeroAmounts"/> = true</description></item>
/// <item><term><c>--rejects FILE</c></term><description><see cref="RejectsPath"/></description></item>
/// </list>
/// </summary>
public sealed record TransactionFileOptions
{
    /// <summary>The file to read.</summary>
    public required string Path { get; init; }

    /// <summary>Whether the first line holds column names (default true).</summary>
    public bool HasHeader { get; init; } = true;

    /// <summary>
    /// Column names in file order. With <see cref="HasHeader"/> they replace the header's names (the header line is still
    /// skipped); without a header they name the columns so that roles can be found by name.
    /// </summary>
    public IReadOnlyList<string>? ColumnNames { get; init; }

    /// <summary>
    /// Field delimiter: ',', ';', '\t', '|' or ' ' (any run of spaces and tabs; leading blanks ignored, as in the
    /// CDNOW files). Null: detected from the first lines.
    /// </summary>
    public char? Delimiter { get; init; }

    public TextEncodingChoice Encoding { get; init; } = TextEncodingChoice.Auto;

    /// <summary>
    /// Column names (or 1-based positions) of each role; null = detected from common names (see
    /// <c>docs/analytics/rfm.md</c>, section "Transaction input") or, in headerless files without names, from the content.
    /// </summary>
    public string? CustomerColumn { get; init; }
    public string? DateColumn { get; init; }
    /// <summary>Net amount of the line. When absent, amount = quantity × price.</summary>
    public string? AmountColumn { get; init; }
    public string? QuantityColumn { get; init; }
    public string? PriceColumn { get; init; }
    public string? InvoiceColumn { get; init; }
    public string? ItemColumn { get; init; }

    /// <summary>
    /// .NET custom date format such as <c>yyyyMMdd</c>, <c>dd/MM/yyyy</c> or <c>M/d/yyyy H:mm</c>. Null: ISO 8601
    /// (<c>yyyy-MM-dd</c>, optionally followed by a time, which is ignored), <c>yyyyMMdd</c>, <c>yyyy/M/d</c> and
    /// <c>yyyy.M.d</c>. A date-only format also accepts a time after a space or 'T' (ignored).
    /// </summary>
    public string? DateFormat { get; init; }

    /// <summary>Invoices starting with this text (ordinal, case-sensitive) are cancellations and are rejected. Null or "" disables the rule.</summary>
    public string? CancellationPrefix { get; init; } = "C";

    /// <summary>
    /// Returns (negative quantity or amount) are kept as negative lines so that net spend is right (default) and
    /// counted in <see cref="DataQualityReport.Returns"/>; when false they are rejected with reason <c>return</c>.
    /// </summary>
    public bool KeepReturns { get; init; } = true;

    /// <summary>
    /// Keep lines whose amount (or unit price) is zero as zero-amount purchases, counted in
    /// <see cref="DataQualityReport.ZeroAmountLines"/>, instead of rejecting them as <c>zeroPrice</c> (default). Right for
    /// data where a zero line is a real purchase (CDNOW's free items); wrong for retail exports where it is an adjustment.
    /// </summary>
    public bool KeepZeroAmounts { get; init; }

    /// <summary>When set, every rejected row is written there as CSV <c>row,reason,field,raw</c> (streamed; the file appears only when the read completes).</summary>
    public string? RejectsPath { get; init; }

    /// <summary>Longest accepted line (record) in bytes; longer lines stop the read with an error. Default 1 MiB.</summary>
    public int MaxLineLength { get; init; } = 1 << 20;

    /// <summary>Parsing threads; null = <see cref="Environment.ProcessorCount"/>.</summary>
    public int? Parallelism { get; init; }

    /// <summary>Parses the text of <c>--delimiter</c>: a single character, or <c>tab</c>, <c>\t</c>, <c>comma</c>, <c>semicolon</c>, <c>pipe</c>, <c>space</c>/<c>whitespace</c>; <c>auto</c> gives null.</summary>
    public static char? ParseDelimiter(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        switch (text.Trim().ToLowerInvariant())
        {
            case "auto": return null;
            case "tab" or "\\t" or "\t": return '\t';
            case "comma" or ",": return ',';
            case "semicolon" or ";": return ';';
            case "pipe" or "|": return '|';
            case "space" or "spaces" or "whitespace" or "": return ' ';
        }
        if (text.Length == 1 && text[0] is not ('"' or '\r' or '\n') && text[0] < 128) return text[0];
        throw new ArgumentException($"Unknown delimiter '{text}': use ',', ';', '|', tab, whitespace or auto.", nameof(text));
    }

    /// <summary>Parses the text of <c>--encoding</c>: <c>auto</c>, <c>utf-8</c>/<c>utf8</c>, <c>latin1</c>/<c>latin-1</c>/<c>iso-8859-1</c>.</summary>
    public static TextEncodingChoice ParseEncoding(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Trim().ToLowerInvariant() switch
        {
            "auto" => TextEncodingChoice.Auto,
            "utf-8" or "utf8" => TextEncodingChoice.Utf8,
            "latin1" or "latin-1" or "iso-8859-1" or "iso8859-1" => TextEncodingChoice.Latin1,
            _ => throw new ArgumentException($"Unknown encoding '{text}': use auto, utf-8 or latin1.", nameof(text)),
        };
    }
}
