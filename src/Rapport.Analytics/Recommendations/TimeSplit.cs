namespace Rapport.Analytics.Recommendations;

/// <summary>
/// A time split for offline evaluation: training = purchases before <see cref="HoldoutStart"/>; test = for every
/// customer with training history, the distinct items bought on or after it. Customers new in the holdout have no
/// history to recommend from and are not tested.
/// </summary>
public sealed class TimeSplit
{
    private TimeSplit(InteractionMatrix train, int holdoutStart, int holdoutEnd, int[] testCustomers, int[][] testItems, int newCustomers)
    {
        Train = train;
        HoldoutStart = holdoutStart;
        HoldoutEnd = holdoutEnd;
        TestCustomers = testCustomers;
        TestItems = testItems;
        NewCustomersInHoldout = newCustomers;
    }

    public InteractionMatrix Train { get; }
    public int HoldoutStart { get; }
    /// <summary>First day after the holdout window.</summary>
    public int HoldoutEnd { get; }
    public int HoldoutDays => HoldoutEnd - HoldoutStart;
    public int[] TestCustomers { get; }
    /// <summary>Distinct items each test customer bought in the holdout, sorted, parallel to <see cref="TestCustomers"/>.</summary>
    public int[][] TestItems { get; }
    public int NewCustomersInHoldout { get; }

    /// <summary>
    /// Splits at <paramref name="holdoutStart"/> and tests on [holdoutStart, holdoutEnd). Throws <see cref="ArgumentException"/>
    /// when the split leaves no training data or no test customers.
    /// </summary>
    public static TimeSplit At(InteractionLog log, int holdoutStart, int holdoutEnd = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(log);
        var date = DateOnly.FromDayNumber(holdoutStart).ToString("yyyy-MM-dd");
        var train = InteractionMatrix.Build(log, int.MinValue, holdoutStart);
        if (train.ActiveCustomers == 0) throw new ArgumentException($"The holdout starting {date} leaves no training data: every purchase is on or after it.");
        var test = new SortedSet<int>?[log.CustomerKeys.Count];
        var newCustomers = new HashSet<int>();
        var last = holdoutStart;
        for (var n = 0; n < log.Count; n++)
        {
            var day = log.Day[n];
            if (day < holdoutStart || day >= holdoutEnd) continue;
            last = Math.Max(last, day);
            var u = log.Customer[n];
            if (train.Counts.RowLength(u) == 0) { newCustomers.Add(u); continue; }
            (test[u] ??= []).Add(log.Item[n]);
        }
        var customers = new List<int>();
        var items = new List<int[]>();
        for (var u = 0; u < test.Length; u++)
            if (test[u] is { } set) { customers.Add(u); items.Add([.. set]); }
        if (customers.Count == 0)
            throw new ArgumentException($"The holdout starting {date} leaves no test customers: nobody with purchases before it bought anything on or after it" +
                                        (newCustomers.Count > 0 ? $" ({newCustomers.Count} customers bought only in the holdout)." : "."));
        return new TimeSplit(train, holdoutStart, holdoutEnd == int.MaxValue ? last + 1 : holdoutEnd, [.. customers], [.. items], newCustomers.Count);
    }

    /// <summary>The holdout start that leaves the last <paramref name="days"/> days of the log for testing.</summary>
    public static int StartForDays(InteractionLog log, int days)
    {
        if (days < 1) throw new ArgumentException("The holdout must be at least 1 day.");
        var start = log.LastDay + 1 - days;
        if (start <= log.FirstDay)
            throw new ArgumentException($"A holdout of {days} days covers the whole log ({log.LastDay - log.FirstDay + 1} days); nothing is left for training.");
        return start;
    }

    /// <summary>The holdout start such that about <paramref name="fraction"/> of the purchase lines fall on or after it (whole days).</summary>
    public static int StartForFraction(InteractionLog log, double fraction)
    {
        if (fraction is <= 0 or >= 1 || double.IsNaN(fraction)) throw new ArgumentException("The holdout fraction must be between 0 and 1 (exclusive).");
        var days = (int[])log.Day.Clone();
        Array.Sort(days);
        var index = (int)Math.Floor(days.Length * (1 - fraction));
        var start = days[Math.Clamp(index, 0, days.Length - 1)];
        if (start <= days[0]) throw new ArgumentException($"A holdout fraction of {fraction} starts on the first day of the log; nothing is left for training.");
        return start;
    }
}
