using Rapport.Analytics.Rfm;
using Rapport.Analytics.Transactions;

namespace Rapport.Analytics.Segmentation;

/// <summary>
/// Every per-customer feature segmentation can cluster on, in original units, one row per scored RFM customer (same
/// order as <see cref="RfmResult.Customers"/>). <see cref="Select"/> picks the columns of one feature set.
/// </summary>
/// <param name="Customers">Customer keys, one per row.</param>
/// <param name="All">Every feature (<see cref="CustomerFeatures.AllNames"/>, minus the item-based ones when the source has no item column).</param>
/// <param name="HasItems">Whether the source has an item column (discount_share and repeat_item_share need one).</param>
public sealed record CustomerFeatureTable(IReadOnlyList<string> Customers, FeatureMatrix All, bool HasItems)
{
    /// <summary>The columns <paramref name="names"/> (in that order) of <see cref="All"/>; names missing from the table are refused.</summary>
    public FeatureMatrix Select(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var indexes = names.Select(n => All.IndexOf(n)).ToArray();
        for (var j = 0; j < indexes.Length; j++)
        {
            if (indexes[j] < 0)
                throw new ArgumentException($"Unknown feature '{names[j]}'" + (HasItems ? "" : " (item-based features need an item column)")
                    + $"; available: {string.Join(", ", All.ColumnNames)}.", nameof(names));
        }

        return FeatureMatrix.FromColumns(names.ToArray(), indexes.Select(All.Column).ToArray());
    }
}

/// <summary>
/// Per-customer features for segmentation, computed from any transaction source: the RFM figures (when and how much)
/// plus how a customer shops — purchase rate while active, basket size, unit price, discount use, returns and repeat
/// buying of the same items. The shopping habits tell customer types apart even for customers with one or two orders,
/// whose recency, frequency and tenure mostly say when they joined. See <c>docs/analytics/rfm.md</c> ("Segmentation features").
/// </summary>
/// <remarks>
/// Two streaming passes: the first learns each item's usual price (the unit price at which it sold most often, ties to
/// the higher price), the second aggregates per customer. Memory: per item its distinct unit prices, per customer a few
/// counters, and one 8-byte entry per distinct (customer, item) pair for repeat buying. Lines after the RFM as-of day
/// are left out, as in RFM. Purchase lines are lines with amount ≥ 0, returns those with amount &lt; 0.
/// </remarks>
public static class CustomerFeatures
{
    /// <summary>Recency, frequency, spend, order value and purchase rate over tenure: the RFM/loyalty view (when and how much).</summary>
    public static readonly IReadOnlyList<string> RfmNames = ["recency_days", "frequency", "monetary", "avg_order_value", "purchase_frequency"];

    /// <summary>
    /// How a customer shops: purchase rate while active, items per order, units per line, average unit price, share of
    /// lines bought below the item's usual price, share of lines that re-buy an item. The default set of
    /// <c>rapport analyze segments</c>.
    /// </summary>
    public static readonly IReadOnlyList<string> BehaviourNames = ["active_purchase_rate", "items_per_order", "units_per_line", "avg_unit_price", "discount_share", "repeat_item_share"];

    /// <summary>The behaviour set for a source without an item column.</summary>
    public static readonly IReadOnlyList<string> BehaviourNamesWithoutItems = ["active_purchase_rate", "items_per_order", "units_per_line", "avg_unit_price"];

    /// <summary>Every feature, in table order.</summary>
    public static readonly IReadOnlyList<string> AllNames =
    [
        "recency_days", "frequency", "monetary", "avg_order_value", "purchase_frequency", "tenure_days",
        "active_purchase_rate", "items_per_order", "units_per_line", "avg_unit_price", "return_share",
        "discount_share", "repeat_item_share",
    ];

    /// <summary>A line counts as discounted when its unit price is below this share of the item's usual price (2 % against rounding).</summary>
    public const double DiscountTolerance = 0.98;

    /// <summary>
    /// Feature names of a set: <c>rfm</c>, <c>behaviour</c> (default), <c>all</c>, or a comma-separated list of names.
    /// </summary>
    public static IReadOnlyList<string> ParseSet(string? set, bool hasItems)
    {
        var text = string.IsNullOrWhiteSpace(set) ? "behaviour" : set.Trim();
        return text.ToLowerInvariant() switch
        {
            "behaviour" or "behavior" => hasItems ? BehaviourNames : BehaviourNamesWithoutItems,
            "rfm" => RfmNames,
            "all" => hasItems ? AllNames : AllNames.Where(n => n is not ("discount_share" or "repeat_item_share")).ToArray(),
            _ => text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        };
    }

    /// <summary>Computes every feature of the RFM-scored customers.</summary>
    /// <param name="rfm">RFM figures of the same source (customers, as-of day).</param>
    /// <param name="open">Opens the source; called twice (a file reader streams once per call).</param>
    public static CustomerFeatureTable Compute(RfmResult rfm, Func<ITransactionSource> open)
    {
        ArgumentNullException.ThrowIfNull(rfm);
        ArgumentNullException.ThrowIfNull(open);
        var limit = rfm.AsOf.DayNumber;

        // Pass 1: each item's usual price.
        var prices = new Dictionary<int, Dictionary<long, int>>();
        var hasItems = false;
        foreach (var line in open().ReadLines())
        {
            if (line.Day > limit || line.Amount <= 0 || line.Item < 0 || line.Quantity <= 0) continue;
            hasItems = true;
            if (!prices.TryGetValue(line.Item, out var counts)) prices[line.Item] = counts = [];
            var cents = Cents(line.Amount / line.Quantity);
            counts[cents] = counts.GetValueOrDefault(cents) + 1;
        }

        var usual = new Dictionary<int, double>(prices.Count);
        foreach (var (item, counts) in prices)
        {
            long best = 0;
            var bestCount = -1;
            foreach (var (cents, count) in counts)
            {
                if (count > bestCount || (count == bestCount && cents > best))
                {
                    best = cents;
                    bestCount = count;
                }
            }

            usual[item] = best / 100.0;
        }

        // Pass 2: per-customer sums, by the source's customer index.
        var source = open();
        var acc = new Acc[1024];
        var pairs = new HashSet<long>();
        foreach (var line in source.ReadLines())
        {
            if (line.Day > limit) continue;
            var c = line.Customer;
            if (c >= acc.Length) Array.Resize(ref acc, Math.Max(acc.Length * 2, c + 1));
            ref var a = ref acc[c];
            if (line.Amount < 0)
            {
                a.Returned -= line.Amount;
                continue;
            }

            a.Lines++;
            a.Spend += line.Amount;
            a.Units += line.Quantity > 0 ? line.Quantity : 1;
            if (line.Item >= 0)
            {
                a.ItemLines++;
                if (!pairs.Add(((long)c << 32) | (uint)line.Item)) a.RepeatLines++;
                if (line.Amount > 0 && line.Quantity > 0 && usual.TryGetValue(line.Item, out var reference)
                    && line.Amount / line.Quantity < DiscountTolerance * reference) a.DiscountedLines++;
            }
        }

        var keys = source.CustomerKeys;
        var index = new Dictionary<string, int>(keys.Count, StringComparer.Ordinal);
        for (var i = 0; i < keys.Count; i++) index.TryAdd(keys[i], i);

        var names = hasItems ? AllNames : AllNames.Where(n => n is not ("discount_share" or "repeat_item_share")).ToArray();
        var n = rfm.Customers.Count;
        var d = names.Count;
        var values = new double[n * d];
        var customers = new string[n];
        for (var r = 0; r < n; r++)
        {
            var c = rfm.Customers[r];
            customers[r] = c.Customer;
            var a = index.TryGetValue(c.Customer, out var i) && i < acc.Length ? acc[i] : default;
            var row = values.AsSpan(r * d, d);
            row[0] = c.RecencyDays;
            row[1] = c.Frequency;
            row[2] = c.Monetary;
            row[3] = c.AvgOrderValue;
            row[4] = c.PurchaseFrequency;
            row[5] = c.TenureDays;
            row[6] = ActivePurchaseRate(c);
            row[7] = c.Frequency > 0 ? a.Lines / (double)c.Frequency : 0;
            row[8] = a.Lines > 0 ? a.Units / a.Lines : 0;
            row[9] = a.Units > 0 ? a.Spend / a.Units : 0;
            row[10] = a.Spend > 0 ? Math.Min(1, a.Returned / a.Spend) : 0;
            if (hasItems)
            {
                row[11] = a.ItemLines > 0 ? a.DiscountedLines / (double)a.ItemLines : 0;
                row[12] = a.ItemLines > 0 ? a.RepeatLines / (double)a.ItemLines : 0;
            }
        }

        return new CustomerFeatureTable(customers, new FeatureMatrix(values, n, d, names), hasItems);
    }

    /// <summary>Repeat orders per 30 days between the first and the last order (a span under 30 days counts as 30): the rate while active.</summary>
    public static double ActivePurchaseRate(RfmCustomer c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return (c.Frequency - 1) * 30.0 / Math.Max(c.TenureDays - c.RecencyDays, 30);
    }

    private static long Cents(double price) => (long)Math.Round(price * 100, MidpointRounding.AwayFromZero);

    private struct Acc
    {
        public long Lines;
        public long ItemLines;
        public long RepeatLines;
        public long DiscountedLines;
        public double Spend;
        public double Units;
        public double Returned;
    }
}
