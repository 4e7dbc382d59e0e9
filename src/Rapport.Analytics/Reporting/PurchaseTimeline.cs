using Rapport.Analytics.Transactions;

namespace Rapport.Analytics.Reporting;

/// <summary>Purchases per week, split into first and repeat purchases (one purchase = one customer-day).</summary>
public sealed record PurchaseTimeline(IReadOnlyList<DateOnly> WeekStarts, IReadOnlyList<double> FirstPurchases, IReadOnlyList<double> RepeatPurchases)
{
    /// <param name="lines">The transaction lines (any order).</param>
    /// <param name="firstDay">A customer's first purchase day (<see cref="DateOnly.DayNumber"/>) by the lines' customer index,
    /// or null for customers to leave out; typically from an RFM pass over the same file.</param>
    public static PurchaseTimeline Build(IEnumerable<TransactionLine> lines, Func<int, int?> firstDay)
    {
        // Same-day lines of a customer are one purchase (memory grows with customer-days, fine for a report).
        var seen = new HashSet<(int Customer, int Day)>();
        var first = new SortedDictionary<int, double>();
        var repeat = new SortedDictionary<int, double>();
        foreach (var line in lines)
        {
            if (line.Amount < 0 || firstDay(line.Customer) is not { } firstPurchase) continue;
            if (!seen.Add((line.Customer, line.Day))) continue;
            var week = line.Day - ((int)DateOnly.FromDayNumber(line.Day).DayOfWeek + 6) % 7; // Monday
            var bucket = line.Day == firstPurchase ? first : repeat;
            bucket[week] = bucket.GetValueOrDefault(week) + 1;
        }
        if (first.Count == 0 && repeat.Count == 0) return new([], [], []);
        var start = Math.Min(first.Keys.DefaultIfEmpty(int.MaxValue).First(), repeat.Keys.DefaultIfEmpty(int.MaxValue).First());
        var end = Math.Max(first.Keys.DefaultIfEmpty(int.MinValue).Last(), repeat.Keys.DefaultIfEmpty(int.MinValue).Last());
        var weeks = new List<DateOnly>();
        var f = new List<double>();
        var r = new List<double>();
        for (var w = start; w <= end; w += 7)
        {
            weeks.Add(DateOnly.FromDayNumber(w));
            f.Add(first.GetValueOrDefault(w));
            r.Add(repeat.GetValueOrDefault(w));
        }
        return new(weeks, f, r);
    }
}
