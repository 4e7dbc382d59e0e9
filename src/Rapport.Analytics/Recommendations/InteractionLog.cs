using Rapport.Analytics.Transactions;

namespace Rapport.Analytics.Recommendations;

/// <summary>
/// Every purchase line of a transaction source as parallel arrays (customer, item, day, quantity, amount), the raw
/// material of every split. Lines without an item, returns and other non-positive lines are left out and counted.
/// </summary>
public sealed class InteractionLog
{
    public required IReadOnlyList<string> CustomerKeys { get; init; }
    public required IReadOnlyList<string> ItemKeys { get; init; }
    public required int[] Customer { get; init; }
    public required int[] Item { get; init; }
    public required int[] Day { get; init; }
    public required float[] Quantity { get; init; }
    public required float[] Amount { get; init; }
    /// <summary>Lines that were read but are not purchases (returns, zero or negative quantity or amount).</summary>
    public int SkippedLines { get; init; }

    public int Count => Customer.Length;
    public int FirstDay => Day.Length == 0 ? 0 : Day.Min();
    public int LastDay => Day.Length == 0 ? 0 : Day.Max();

    /// <summary>Reads a source once. Throws <see cref="ArgumentException"/> when the source has no item column or no purchases.</summary>
    public static InteractionLog Read(ITransactionSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var customer = new List<int>();
        var item = new List<int>();
        var day = new List<int>();
        var quantity = new List<float>();
        var amount = new List<float>();
        var skipped = 0;
        var lines = 0;
        foreach (var line in source.ReadLines())
        {
            lines++;
            if (line.Item < 0)
                throw new ArgumentException("Recommendations need an item column (e.g. StockCode or sku; name it with --item).");
            if (line.Quantity <= 0 || line.Amount <= 0) { skipped++; continue; }
            customer.Add(line.Customer);
            item.Add(line.Item);
            day.Add(line.Day);
            quantity.Add((float)line.Quantity);
            amount.Add((float)line.Amount);
        }
        if (customer.Count == 0)
            throw new ArgumentException(lines == 0 ? "The transaction file has no usable lines." : "The transaction file has no purchase lines (every line is a return or has no positive amount).");
        return new InteractionLog
        {
            CustomerKeys = source.CustomerKeys,
            ItemKeys = source.ItemKeys,
            Customer = [.. customer],
            Item = [.. item],
            Day = [.. day],
            Quantity = [.. quantity],
            Amount = [.. amount],
            SkippedLines = skipped,
        };
    }

    /// <summary>A log from arrays (tests, benchmarks).</summary>
    public static InteractionLog FromArrays(IReadOnlyList<string> customerKeys, IReadOnlyList<string> itemKeys, int[] customer, int[] item, int[] day, float[]? quantity = null, float[]? amount = null)
    {
        if (customer.Length != item.Length || customer.Length != day.Length) throw new ArgumentException("customer, item and day arrays differ in length");
        return new InteractionLog
        {
            CustomerKeys = customerKeys,
            ItemKeys = itemKeys,
            Customer = customer,
            Item = item,
            Day = day,
            Quantity = quantity ?? Enumerable.Repeat(1f, customer.Length).ToArray(),
            Amount = amount ?? Enumerable.Repeat(1f, customer.Length).ToArray(),
        };
    }
}
