using System.Globalization;
using Rapport.Analytics.Lifetime;
using Rapport.Analytics.Prediction;
using Rapport.Analytics.Transactions;

namespace Rapport.Analytics.Churn;

/// <summary>
/// Builds one row per customer at a cutoff date from a transaction stream: behaviour up to the cutoff (RFM, trend,
/// time between purchases and how overdue the next one is, returns, item and category mix) and the label "no
/// purchase in the next N days", plus the buy-till-you-die view of the same history (BG/NBD fitted on the lines up to the
/// cutoff: P(alive) and expected purchases in the window). The table feeds <see cref="Predictor"/> unchanged, so churn gets the same typing,
/// model choice, calibration and reasons as any other prediction.
/// </summary>
public static class ChurnFeatureBuilder
{
    public const string CustomerColumn = "customer";
    public const string TargetColumn = "churned";

    /// <summary>One order (or purchase day when the source has no order column) of one customer.</summary>
    private readonly record struct Purchase(int Day, double Amount);

    /// <summary>
    /// The training table (features at the cutoff, label from the window) and the current table (the same features at
    /// the last day of the data, label unknown) for scoring every customer now.
    /// </summary>
    public static ChurnTables Build(ITransactionSource source, ChurnOptions options)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (options.WindowDays < 1) throw new ArgumentException("The churn window must be at least one day.");
        var cutoff = options.Cutoff.DayNumber;
        var windowEnd = cutoff + options.WindowDays;
        var lines = source.ReadLines().ToList();
        if (lines.Count == 0) throw new ArgumentException("The transaction file has no usable lines.");
        var dataEnd = lines.Max(l => l.Day);
        if (dataEnd < windowEnd)
            throw new ArgumentException($"The file ends on {Date(dataEnd)}, before the end of the churn window ({Date(windowEnd)}): choose an earlier --cutoff or a shorter --window-days.");
        if (lines.Min(l => l.Day) > cutoff)
            throw new ArgumentException($"No purchase on or before the cutoff {Date(cutoff)}: choose a later --cutoff.");

        var categories = CategoryColumns(source, lines, cutoff, options);
        var header = new List<string>
        {
            CustomerColumn, "recency_days", "frequency", "monetary", "avg_order_value", "tenure_days",
            $"orders_last_{options.TrendDays}d", $"orders_prior_{options.TrendDays}d", $"spend_last_{options.TrendDays}d", $"spend_prior_{options.TrendDays}d",
            "mean_days_between_orders", "days_overdue_ratio", "return_lines", "returned_share", "distinct_items", "top_item_share",
            "p_alive", "expected_purchases_in_window",
        };
        if (options.ItemCategories is not null)
        {
            header.Add("distinct_categories");
            header.Add("favourite_category");
            header.AddRange(categories.Select(c => "share_" + c));
        }
        header.Add(TargetColumn);

        var byCustomer = lines.GroupBy(l => l.Customer).OrderBy(g => g.Key).Select(g => (Key: source.CustomerKeys[g.Key], Lines: g.ToList())).ToList();
        var (training, afterCutoffOnly, churned) = Rows(source, lines, byCustomer, cutoff, windowEnd, options, categories);
        var (current, _, _) = Rows(source, lines, byCustomer, dataEnd, null, options, categories);
        var summary = new ChurnSummary(options.Cutoff, DateOnly.FromDayNumber(windowEnd), DateOnly.FromDayNumber(dataEnd), training.Count, afterCutoffOnly, churned);
        return new ChurnTables(new RawTable(header, training), new RawTable(header, current), summary);
    }

    /// <summary>One row per customer with a purchase on or before <paramref name="cutoff"/>; the label when a window end is given.</summary>
    private static (List<string[]> Rows, int AfterCutoffOnly, int Churned) Rows(
        ITransactionSource source, List<TransactionLine> lines, List<(string Key, List<TransactionLine> Lines)> byCustomer,
        int cutoff, int? windowEnd, ChurnOptions options, List<string> categories)
    {
        var lifetime = LifetimeFeatures(source, lines, cutoff, options.WindowDays);
        var rows = new List<string[]>();
        int afterCutoffOnly = 0, churned = 0;
        foreach (var (key, customerLines) in byCustomer)
        {
            var before = customerLines.Where(l => l.Day <= cutoff).ToList();
            if (!before.Any(l => l.Amount > 0)) { afterCutoffOnly++; continue; }
            var row = Features(key, before, cutoff, options, source.ItemKeys, categories);
            var (alive, expected) = lifetime.TryGetValue(key, out var f) ? f : (double.NaN, double.NaN);
            row.Insert(16, double.IsNaN(alive) ? "" : N(alive));
            row.Insert(17, double.IsNaN(expected) ? "" : N(expected));
            if (windowEnd is { } end)
            {
                var isChurned = !customerLines.Any(l => l.Day > cutoff && l.Day <= end && l.Amount > 0);
                if (isChurned) churned++;
                row.Add(isChurned ? "yes" : "no");
            }
            else row.Add("");
            rows.Add(row.ToArray());
        }
        return (rows, afterCutoffOnly, churned);
    }

    private static List<string> Features(string customer, List<TransactionLine> before, int cutoff, ChurnOptions options, IReadOnlyList<string> itemKeys, List<string> categories)
    {
        // Orders: lines grouped by order (or by day without an order column), net of returns on the same order.
        var purchases = before
            .GroupBy(l => l.Order >= 0 ? (long)l.Order : -1L - l.Day)
            .Where(g => g.Any(l => l.Amount > 0))
            .Select(g => new Purchase(g.Min(l => l.Day), g.Sum(l => l.Amount)))
            .OrderBy(p => p.Day).ToList();
        var first = purchases[0].Day;
        var last = purchases[^1].Day;
        var frequency = purchases.Count;
        var monetary = before.Sum(l => l.Amount);
        var gross = before.Where(l => l.Amount > 0).Sum(l => l.Amount);
        var returned = Math.Max(0, -before.Where(l => l.Amount < 0).Sum(l => l.Amount));
        var trend = options.TrendDays;
        var recent = purchases.Where(p => p.Day > cutoff - trend).ToList();
        var prior = purchases.Where(p => p.Day > cutoff - 2 * trend && p.Day <= cutoff - trend).ToList();
        var meanGap = frequency >= 2 ? (double)(last - first) / (frequency - 1) : double.NaN;
        var recency = cutoff - last;
        var itemSpend = before.Where(l => l.Item >= 0 && l.Amount > 0).GroupBy(l => l.Item).ToDictionary(g => g.Key, g => g.Sum(l => l.Amount));

        var row = new List<string>
        {
            customer, N(recency), N(frequency), N(monetary), N(monetary / frequency), N(cutoff - first),
            N(recent.Count), N(prior.Count), N(recent.Sum(p => p.Amount)), N(prior.Sum(p => p.Amount)),
            // Blank for one-off buyers: there is no gap yet (the predictor imputes and reports it).
            double.IsNaN(meanGap) ? "" : N(meanGap),
            double.IsNaN(meanGap) ? "" : N(recency / Math.Max(1, meanGap)),
            N(before.Count(l => l.Amount < 0)), N(gross > 0 ? returned / gross : 0),
            N(itemSpend.Count), N(itemSpend.Count > 0 && gross > 0 ? itemSpend.Values.Max() / gross : 0),
        };
        if (options.ItemCategories is { } map)
        {
            var byCategory = itemSpend
                .GroupBy(kv => map.TryGetValue(itemKeys[kv.Key], out var c) ? c : "(unknown)")
                .ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value));
            var spend = byCategory.Values.Sum();
            row.Add(N(byCategory.Count));
            row.Add(byCategory.Count == 0 ? "" : byCategory.MaxBy(kv => kv.Value).Key);
            foreach (var c in categories) row.Add(N(spend > 0 ? byCategory.GetValueOrDefault(c) / spend : 0));
        }
        return row;
    }

    /// <summary>
    /// BG/NBD (weeks, as in the literature) fitted on every customer's history up to the cutoff: P(alive) at the cutoff
    /// and the expected purchases in the label window. Only lines on or before the cutoff are seen, so nothing leaks.
    /// </summary>
    private static Dictionary<string, (double Alive, double Expected)> LifetimeFeatures(ITransactionSource source, List<TransactionLine> lines, int cutoff, int windowDays)
    {
        var summary = CustomerSummaryBuilder.Build(lines.Where(l => l.Day <= cutoff), source.CustomerKeys,
            new CustomerSummaryOptions(DateOnly.FromDayNumber(cutoff), TimeUnit: TimeUnit.Weeks, SortInput: true));
        var model = BgNbd.Fit(summary);
        var weeks = windowDays / 7.0;
        var result = new Dictionary<string, (double, double)>(summary.Count, StringComparer.Ordinal);
        for (var i = 0; i < summary.Count; i++)
        {
            var (x, tx, t) = (summary.Frequency[i], summary.Recency[i], summary.T[i]);
            result[summary.Customers[i]] = (model.ProbabilityAlive(x, tx, t), model.ExpectedPurchases(weeks, x, tx, t));
        }
        return result;
    }

    /// <summary>The commonest categories by spend before the cutoff, at most <see cref="ChurnOptions.MaxCategoryColumns"/>.</summary>
    private static List<string> CategoryColumns(ITransactionSource source, List<TransactionLine> lines, int cutoff, ChurnOptions options)
    {
        if (options.ItemCategories is not { } map) return [];
        return lines.Where(l => l.Day <= cutoff && l.Item >= 0 && l.Amount > 0)
            .GroupBy(l => map.TryGetValue(source.ItemKeys[l.Item], out var c) ? c : null)
            .Where(g => g.Key is not null)
            .OrderByDescending(g => g.Sum(l => l.Amount)).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Take(ChurnOptions.MaxCategoryColumns).Select(g => g.Key!).ToList();
    }

    private static string N(double v) => Math.Round(v, 4).ToString(CultureInfo.InvariantCulture);

    private static string Date(int day) => DateOnly.FromDayNumber(day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
