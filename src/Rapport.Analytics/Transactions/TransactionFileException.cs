namespace Rapport.Analytics.Transactions;

/// <summary>
/// A problem that stops the reading of a transaction file (file missing, no usable columns, a required column absent,
/// a line too long, an unterminated quote, …). The message names the file, the row (1-based line number as a text
/// editor shows it, header included) and the field when they are known, and the reason.
/// </summary>
public sealed class TransactionFileException : Exception
{
    public TransactionFileException(string filePath, long? row, string? field, string reason, Exception? inner = null)
        : base(Format(filePath, row, field, reason), inner)
    {
        FilePath = filePath;
        Row = row;
        Field = field;
        Reason = reason;
    }

    public string FilePath { get; }
    /// <summary>1-based line number where the offending record starts, or null when the problem is not tied to a row.</summary>
    public long? Row { get; }
    /// <summary>Column name involved, or null.</summary>
    public string? Field { get; }
    public string Reason { get; }

    private static string Format(string filePath, long? row, string? field, string reason)
    {
        var where = filePath;
        if (row is { } r) where += $", row {r}";
        if (!string.IsNullOrEmpty(field)) where += $", field '{field}'";
        return $"{where}: {reason}";
    }
}
