namespace Rapport.Analytics.Transactions;

/// <summary>Why a row was not used. Each rejected row is counted once, under the first reason that applies (in this order).</summary>
public enum RejectReason
{
    /// <summary>A quoted field has text after its closing quote.</summary>
    BadQuoting,
    /// <summary>The row has fewer fields than the position of a required column.</summary>
    TooFewFields,
    /// <summary>Customer empty or a null marker (NULL, NA, N/A, NaN, None, #N/A).</summary>
    MissingCustomer,
    /// <summary>The invoice starts with the cancellation prefix (default "C").</summary>
    Cancelled,
    /// <summary>An invoice column is mapped but the row's invoice is empty.</summary>
    MissingInvoice,
    /// <summary>The date is empty or does not parse with the date format.</summary>
    BadDate,
    /// <summary>Amount, quantity or price is empty, not a number, or not finite.</summary>
    BadNumber,
    /// <summary>Unit price below zero (adjustments, bad-debt lines).</summary>
    NegativePrice,
    /// <summary>Quantity zero (when amount = quantity × price).</summary>
    ZeroQuantity,
    /// <summary>Unit price zero, or amount zero when the file gives amounts (unless zero amounts are kept).</summary>
    ZeroPrice,
    /// <summary>A return (negative quantity or amount) while returns are not kept.</summary>
    Return,
}

/// <summary>
/// What happened to every row of a transaction file: rows read = rows used + rows rejected, rejected counted by reason.
/// Returns and duplicate lines are kept and counted. Blank lines are skipped and counted apart (not rows).
/// </summary>
public sealed record DataQualityReport
{
    public required string File { get; init; }
    /// <summary><c>utf-8</c>, <c>utf-8-bom</c> or <c>latin1</c> (the encoding finally used for keys).</summary>
    public required string Encoding { get; init; }
    /// <summary><c>,</c> <c>;</c> <c>|</c> <c>tab</c> or <c>whitespace</c>.</summary>
    public required string Delimiter { get; init; }
    public required bool HasHeader { get; init; }
    /// <summary>Role (customer, date, amount, quantity, price, invoice, item) → column name used.</summary>
    public required IReadOnlyDictionary<string, string> Columns { get; init; }
    /// <summary>How the roles were found: <c>options</c>, <c>names</c> (common names) or <c>content</c> (headerless detection), or a mix.</summary>
    public required string ColumnsFoundBy { get; init; }
    /// <summary>The date format given, or null for ISO 8601 and the other unambiguous forms.</summary>
    public string? DateFormat { get; init; }

    /// <summary>Data rows read (header and blank lines excluded).</summary>
    public long RowsRead { get; init; }
    public long RowsUsed { get; init; }
    public long RowsRejected { get; init; }
    /// <summary>Rejected rows by reason (camelCase names of <see cref="RejectReason"/>; every reason present, zero included).</summary>
    public required IReadOnlyDictionary<string, long> Rejected { get; init; }

    /// <summary>Return lines (negative amount) kept as negative amounts.</summary>
    public long Returns { get; init; }
    /// <summary>Sum of the (negative) amounts of the kept returns.</summary>
    public double ReturnsAmount { get; init; }
    /// <summary>
    /// Used rows byte-identical to an earlier used row of the same run of consecutive rows of one customer (kept: the
    /// file cannot tell a double-booked line from a repeated purchase). For files grouped by customer this equals every
    /// exact duplicate of the customer; the look-back is capped at 100,000 rows per run.
    /// </summary>
    public long DuplicateLines { get; init; }
    /// <summary>Zero-amount (or zero-price) rows kept because <see cref="TransactionFileOptions.KeepZeroAmounts"/> is set.</summary>
    public long ZeroAmountLines { get; init; }
    /// <summary>Used rows whose item column is empty (kept, item unknown).</summary>
    public long MissingItem { get; init; }
    public long BlankLines { get; init; }
    /// <summary>Sum of the amounts of the used rows (net spend).</summary>
    public double TotalAmount { get; init; }
    /// <summary>
    /// Distinct customers named in the file: in used rows and in rows rejected after the customer was read (a customer
    /// whose only row has a zero price is still a customer of the file). <see cref="CustomersWithRowsUsed"/> counts
    /// those with at least one used row.
    /// </summary>
    public int Customers { get; init; }
    public int CustomersWithRowsUsed { get; init; }
    public int Orders { get; init; }
    public int Items { get; init; }
    public DateOnly? FirstDate { get; init; }
    public DateOnly? LastDate { get; init; }
    /// <summary>Where the rejected rows were written, or null.</summary>
    public string? RejectsFile { get; init; }

    /// <summary>The camelCase name used for a reason in <see cref="Rejected"/> and in rejects files.</summary>
    public static string ReasonName(RejectReason reason) => ReasonNames[(int)reason];

    internal static readonly string[] ReasonNames =
    [
        "badQuoting", "tooFewFields", "missingCustomer", "cancelled", "missingInvoice", "badDate", "badNumber",
        "negativePrice", "zeroQuantity", "zeroPrice", "return",
    ];
}

/// <summary>A transaction source that can say what it did with its input (complete once its lines have been read).</summary>
public interface IDataQualitySource
{
    DataQualityReport? DataQuality { get; }
}

/// <summary>
/// A transaction source that can hand out lines in blocks, which avoids a call per line on hot paths. Each block is
/// valid only until the next one is requested.
/// </summary>
public interface ITransactionBatchSource : ITransactionSource
{
    IEnumerable<ReadOnlyMemory<TransactionLine>> ReadBatches();
}
