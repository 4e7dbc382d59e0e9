namespace Rapport.Analytics.Transactions;

/// <summary>
/// How a transaction file is read, once its encoding, delimiter, header and columns have been resolved (given or
/// detected). Column positions are 0-based; -1 = not used.
/// </summary>
public sealed record TransactionFileLayout
{
    /// <summary><c>utf-8</c>, <c>utf-8-bom</c> or <c>latin1</c> as decided from the file's start (auto mode can still switch to Latin-1 later).</summary>
    public required string Encoding { get; init; }
    /// <summary>',', ';', '\t', '|' or ' ' for runs of blanks.</summary>
    public required char Delimiter { get; init; }
    public required bool HasHeader { get; init; }
    /// <summary>Names of the columns (header, given names, or <c>column1</c>, <c>column2</c>, … for headerless files).</summary>
    public required IReadOnlyList<string> ColumnNames { get; init; }
    public required int CustomerColumn { get; init; }
    public required int DateColumn { get; init; }
    public int AmountColumn { get; init; } = -1;
    public int QuantityColumn { get; init; } = -1;
    public int PriceColumn { get; init; } = -1;
    public int InvoiceColumn { get; init; } = -1;
    public int ItemColumn { get; init; } = -1;
    public string? DateFormat { get; init; }
    /// <summary><c>options</c>, <c>names</c>, <c>content</c> or a combination joined by '+'.</summary>
    public required string ColumnsFoundBy { get; init; }

    /// <summary>Amount of a line = the amount column when there is one, else quantity × price.</summary>
    public bool AmountFromQuantityAndPrice => AmountColumn < 0;

    /// <summary>Byte offset of the first data record (after BOM and header).</summary>
    internal long DataOffset { get; init; }
    /// <summary>1-based line number of the first data record.</summary>
    internal long DataFirstLine { get; init; }

    /// <summary>Role → column name, for reports.</summary>
    public IReadOnlyDictionary<string, string> RoleColumns()
    {
        var d = new Dictionary<string, string>();
        void Add(string role, int col)
        {
            if (col >= 0) d[role] = ColumnNames[col];
        }
        Add("customer", CustomerColumn);
        Add("date", DateColumn);
        Add("amount", AmountColumn);
        Add("quantity", QuantityColumn);
        Add("price", PriceColumn);
        Add("invoice", InvoiceColumn);
        Add("item", ItemColumn);
        return d;
    }

    internal string DelimiterName => Delimiter switch
    {
        '\t' => "tab",
        ' ' => "whitespace",
        _ => Delimiter.ToString(),
    };
}
