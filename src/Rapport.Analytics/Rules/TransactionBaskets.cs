using Rapport.Analytics.Transactions;

namespace Rapport.Analytics.Rules;

/// <summary>What turning a long-format transaction file into baskets found, beside the reader's own data-quality report.</summary>
public sealed record TransactionBasketReport
{
    public required int Baskets { get; init; }
    /// <summary>Used lines that were returns (negative quantity or amount): not purchases, left out of the baskets.</summary>
    public required long ReturnLinesSkipped { get; init; }
    /// <summary>Used lines without an item: left out.</summary>
    public required long LinesWithoutItem { get; init; }
    /// <summary>The same item on several lines of one invoice: counted once.</summary>
    public required long RepeatedItems { get; init; }
}

/// <summary>
/// Baskets from a long-format transaction file (one row per invoice line): one basket per invoice, holding its
/// distinct items. The file is read by <see cref="TransactionFileReader"/>, so delimiter, encoding and column
/// detection, cancellations (rejected) and the data-quality report are the same as for every other analysis.
/// </summary>
public static class TransactionBaskets
{
    public static (Baskets Baskets, TransactionBasketReport Report) Read(TransactionFileReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var path = reader.Options.Path;
        if (reader.Layout.InvoiceColumn < 0)
            throw new TransactionFileException(path, null, null, $"no invoice column: pass --invoice COL (columns: {string.Join(", ", reader.Layout.ColumnNames)})");
        if (reader.Layout.ItemColumn < 0)
            throw new TransactionFileException(path, null, null, $"no item column: pass --item COL (columns: {string.Join(", ", reader.Layout.ColumnNames)})");
        try
        {
            return Read((ITransactionSource)reader);
        }
        catch (InvalidDataException ex)
        {
            throw new TransactionFileException(path, null, reader.Layout.ColumnNames[reader.Layout.ItemColumn], ex.Message);
        }
    }

    /// <summary>
    /// Baskets from any transaction source (a file reader, the database): one basket per order with its distinct
    /// purchased items; returns and lines without an order or item are left out and counted.
    /// </summary>
    /// <exception cref="InvalidDataException">No order has a purchased item.</exception>
    public static (Baskets Baskets, TransactionBasketReport Report) Read(ITransactionSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var orders = new int[1 << 16];
        var items = new int[1 << 16];
        int n = 0;
        long returns = 0, noItem = 0;
        var blocks = source is ITransactionBatchSource batches ? batches.ReadBatches() : Blocks(source);
        foreach (var block in blocks)
        {
            foreach (var line in block.Span)
            {
                if (line.Amount < 0 || line.Quantity < 0)
                {
                    returns++;
                    continue;
                }
                if (line.Item < 0 || line.Order < 0)
                {
                    noItem++;
                    continue;
                }
                if (n == orders.Length)
                {
                    Array.Resize(ref orders, n * 2);
                    Array.Resize(ref items, n * 2);
                }
                orders[n] = line.Order;
                items[n] = line.Item;
                n++;
            }
        }

        // Counting sort by invoice; invoices with no item lines get no basket.
        int orderCount = source.OrderKeys.Count;
        var start = new int[orderCount + 1];
        for (int i = 0; i < n; i++) start[orders[i] + 1]++;
        for (int o = 0; o < orderCount; o++) start[o + 1] += start[o];
        var grouped = new int[n];
        var fill = (int[])start.Clone();
        for (int i = 0; i < n; i++) grouped[fill[orders[i]]++] = items[i];

        var dictionary = new ItemDictionary();
        // Two byte keys could decode to the same text (Latin-1 fallback): map through the dictionary, never assume equal ids.
        var itemKeys = source.ItemKeys;
        var idOf = new int[itemKeys.Count];
        for (int i = 0; i < idOf.Length; i++) idOf[i] = dictionary.GetOrAdd(itemKeys[i]);
        var builder = new BasketBuilder(dictionary);
        for (int o = 0; o < orderCount; o++)
        {
            if (start[o + 1] == start[o]) continue;
            for (int i = start[o]; i < start[o + 1]; i++) builder.Add(idOf[grouped[i]]);
            builder.EndBasket();
        }
        if (builder.BasketCount == 0)
            throw new InvalidDataException("no invoice has a purchased item: there are no baskets to mine");
        var report = new TransactionBasketReport
        {
            Baskets = builder.BasketCount,
            ReturnLinesSkipped = returns,
            LinesWithoutItem = noItem,
            RepeatedItems = builder.Repeats,
        };
        return (builder.Build(), report);
    }

    private static IEnumerable<ReadOnlyMemory<TransactionLine>> Blocks(ITransactionSource source)
    {
        var block = new TransactionLine[4096];
        var n = 0;
        foreach (var line in source.ReadLines())
        {
            block[n++] = line;
            if (n == block.Length)
            {
                yield return block;
                n = 0;
            }
        }
        if (n > 0) yield return block.AsMemory(0, n);
    }
}
