namespace Rapport.Analytics.Transactions;

/// <summary>
/// Transaction lines held in memory (for example read from the database) with their key tables. Unlike a file reader
/// it can be read any number of times, so several analyses share one load. Lines are kept in date order (ties in the
/// order they were added), which every analysis accepts without sorting again.
/// </summary>
public sealed class TransactionTable : ITransactionBatchSource
{
    private readonly TransactionLine[] _lines;

    /// <param name="lines">The lines; sorted here by day (stable), so the caller may add them in any order.</param>
    public TransactionTable(TransactionLine[] lines, IReadOnlyList<string> customerKeys, IReadOnlyList<string> orderKeys, IReadOnlyList<string> itemKeys)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(customerKeys);
        ArgumentNullException.ThrowIfNull(orderKeys);
        ArgumentNullException.ThrowIfNull(itemKeys);
        if (!IsSortedByDay(lines))
        {
            // Stable: the key carries the original position below the day.
            var keys = new long[lines.Length];
            for (var i = 0; i < lines.Length; i++) keys[i] = ((long)lines[i].Day << 32) | (uint)i;
            Array.Sort(keys, lines);
        }
        _lines = lines;
        CustomerKeys = customerKeys;
        OrderKeys = orderKeys;
        ItemKeys = itemKeys;
    }

    public IReadOnlyList<string> CustomerKeys { get; }
    public IReadOnlyList<string> OrderKeys { get; }
    public IReadOnlyList<string> ItemKeys { get; }

    public int Count => _lines.Length;

    /// <summary>First and last day with a line; null when there are none.</summary>
    public (DateOnly First, DateOnly Last)? DayRange => _lines.Length == 0 ? null : (_lines[0].Date, _lines[^1].Date);

    /// <summary>Customers that have at least one line.</summary>
    public int CustomersWithLines
    {
        get
        {
            var seen = new bool[CustomerKeys.Count];
            var n = 0;
            foreach (var line in _lines)
                if (!seen[line.Customer])
                {
                    seen[line.Customer] = true;
                    n++;
                }
            return n;
        }
    }

    public IEnumerable<TransactionLine> ReadLines()
    {
        for (var i = 0; i < _lines.Length; i++) yield return _lines[i];
    }

    public IEnumerable<ReadOnlyMemory<TransactionLine>> ReadBatches()
    {
        yield return _lines;
    }

    private static bool IsSortedByDay(TransactionLine[] lines)
    {
        for (var i = 1; i < lines.Length; i++)
            if (lines[i].Day < lines[i - 1].Day) return false;
        return true;
    }
}
