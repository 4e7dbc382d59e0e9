namespace Rapport.Analytics.Recommendations;

/// <summary>
/// Customers × items built from the purchase lines of a period: implicit counts (purchase lines) in a CSR matrix, with
/// spend, distinct purchase days and first/last purchase day of every (customer, item) entry in parallel arrays, and
/// the item × customer transpose. Indexes are the log's key indexes, so every split shares one numbering.
/// </summary>
public sealed class InteractionMatrix
{
    private CsrMatrix? _byItem;

    private InteractionMatrix(InteractionLog log, int startDay, int endDay, CsrMatrix counts, float[] spend, int[] days, int[] firstDay, int[] lastDay)
    {
        Log = log;
        StartDay = startDay;
        EndDay = endDay;
        Counts = counts;
        Spend = spend;
        PurchaseDays = days;
        FirstDay = firstDay;
        LastDay = lastDay;
        var active = 0;
        for (var u = 0; u < counts.Rows; u++) if (counts.RowLength(u) > 0) active++;
        ActiveCustomers = active;
        var seen = new bool[counts.ColumnCount];
        foreach (var i in counts.Columns) seen[i] = true;
        ActiveItems = seen.Count(s => s);
    }

    public InteractionLog Log { get; }
    /// <summary>First day of the period (the first purchase when the period is open at the start).</summary>
    public int StartDay { get; }
    /// <summary>First day after the period (exclusive end, <see cref="DateOnly.DayNumber"/>).</summary>
    public int EndDay { get; }
    /// <summary>Purchase lines per (customer, item).</summary>
    public CsrMatrix Counts { get; }
    /// <summary>Spend per entry, parallel to <c>Counts.Values</c>.</summary>
    public float[] Spend { get; }
    /// <summary>Distinct purchase days per entry.</summary>
    public int[] PurchaseDays { get; }
    public int[] FirstDay { get; }
    public int[] LastDay { get; }
    public int Customers => Counts.Rows;
    public int Items => Counts.ColumnCount;
    /// <summary>Customers with at least one purchase in the period.</summary>
    public int ActiveCustomers { get; }
    /// <summary>Items bought at least once in the period (the catalogue that coverage is measured against).</summary>
    public int ActiveItems { get; }
    /// <summary>Items × customers (built on first use).</summary>
    public CsrMatrix ByItem => _byItem ??= Counts.Transpose();
    public string ItemKey(int item) => Log.ItemKeys[item];
    public string CustomerKey(int customer) => Log.CustomerKeys[customer];

    /// <summary>The matrix of the lines with <paramref name="fromDay"/> ≤ day &lt; <paramref name="endDay"/>.</summary>
    public static InteractionMatrix Build(InteractionLog log, int fromDay = int.MinValue, int endDay = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(log);
        var customers = log.CustomerKeys.Count;
        var items = log.ItemKeys.Count;
        // Bucket the lines by customer (counting sort), then sort each customer's lines by (item, day).
        var start = new int[customers + 1];
        for (var n = 0; n < log.Count; n++)
            if (log.Day[n] >= fromDay && log.Day[n] < endDay) start[log.Customer[n] + 1]++;
        for (var u = 0; u < customers; u++) start[u + 1] += start[u];
        var order = new int[start[customers]];
        var next = (int[])start.Clone();
        for (var n = 0; n < log.Count; n++)
            if (log.Day[n] >= fromDay && log.Day[n] < endDay) order[next[log.Customer[n]]++] = n;

        var keys = new long[order.Length];
        for (var k = 0; k < order.Length; k++) keys[k] = ((long)log.Item[order[k]] << 32) | (uint)log.Day[order[k]];
        var rowStart = new int[customers + 1];
        var entries = 0;
        for (var u = 0; u < customers; u++)
        {
            var (a, b) = (start[u], start[u + 1]);
            Array.Sort(keys, order, a, b - a);
            for (var k = a; k < b; k++)
                if (k == a || (keys[k] >> 32) != (keys[k - 1] >> 32)) entries++;
            rowStart[u + 1] = entries;
        }
        var columns = new int[entries];
        var counts = new float[entries];
        var spend = new float[entries];
        var days = new int[entries];
        var first = new int[entries];
        var last = new int[entries];
        var e = -1;
        for (var u = 0; u < customers; u++)
            for (var k = start[u]; k < start[u + 1]; k++)
            {
                var n = order[k];
                var day = log.Day[n];
                if (k == start[u] || (keys[k] >> 32) != (keys[k - 1] >> 32))
                {
                    e++;
                    columns[e] = log.Item[n];
                    first[e] = day;
                    days[e] = 1;
                }
                else if (day != last[e]) days[e]++;
                counts[e] += 1;
                spend[e] += log.Amount[n];
                last[e] = day;
            }
        var end = endDay == int.MaxValue ? (log.Count == 0 ? 0 : log.LastDay + 1) : endDay;
        var begin = fromDay == int.MinValue ? (log.Count == 0 ? 0 : log.FirstDay) : fromDay;
        return new InteractionMatrix(log, begin, end, new CsrMatrix(customers, items, rowStart, columns, counts), spend, days, first, last);
    }
}
