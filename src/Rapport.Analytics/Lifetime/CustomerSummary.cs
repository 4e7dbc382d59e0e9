namespace Rapport.Analytics.Lifetime;

/// <summary>The unit in which recency, age (T), horizons and holdout lengths are measured.</summary>
public enum TimeUnit
{
    Days,
    Weeks,
}

public static class TimeUnitExtensions
{
    /// <summary>Length of one unit in days (1 or 7).</summary>
    public static int Days(this TimeUnit unit) => unit switch
    {
        TimeUnit.Days => 1,
        TimeUnit.Weeks => 7,
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "Unknown time unit."),
    };
}

/// <summary>
/// Per-customer calibration summary in the columnar form the lifetime models consume, following the
/// literature's conventions (Fader, Hardie &amp; Lee 2005; lifetimes' <c>summary_data_from_transaction_data</c>):
/// <list type="bullet">
/// <item><see cref="Frequency"/> x: number of <em>repeat</em> purchase days in the calibration period (purchase days − 1);</item>
/// <item><see cref="Recency"/> tₓ: time from the first to the last purchase day (0 when x = 0);</item>
/// <item><see cref="T"/>: time from the first purchase day to the calibration end;</item>
/// <item><see cref="Monetary"/>: mean value of the repeat purchase days (0 when x = 0); a purchase day's value is
/// the sum of that day's lines;</item>
/// <item><see cref="HoldoutPurchases"/>/<see cref="HoldoutValue"/>: purchase days and their value after the
/// calibration end up to the observation end, when one was given.</item>
/// </list>
/// Times are in <see cref="TimeUnit"/>. Arrays are owned by the summary and must not be modified.
/// </summary>
public sealed class CustomerSummary
{
    private readonly string[] _customers;
    private readonly int[] _frequency;
    private readonly double[] _recency;
    private readonly double[] _age;
    private readonly double[] _monetary;
    private readonly int[]? _holdoutPurchases;
    private readonly double[]? _holdoutValue;

    /// <summary>Creates a summary from columns (validated: same lengths, x ≥ 0, 0 ≤ tₓ ≤ T, tₓ = 0 when x = 0).</summary>
    /// <param name="customers">Customer keys; pass null to number customers 0…n−1.</param>
    /// <param name="frequency">Repeat purchases x.</param>
    /// <param name="recency">tₓ.</param>
    /// <param name="age">T.</param>
    /// <param name="monetary">Mean repeat-purchase value; null for none (all zeros).</param>
    /// <param name="timeUnit">The unit of tₓ and T.</param>
    /// <param name="holdoutPurchases">Holdout purchase counts, or null.</param>
    /// <param name="holdoutValue">Holdout spend, or null.</param>
    /// <param name="holdoutLength">Length of the holdout period in <paramref name="timeUnit"/>; required with holdout data.</param>
    public CustomerSummary(
        IReadOnlyList<string>? customers,
        int[] frequency,
        double[] recency,
        double[] age,
        double[]? monetary = null,
        TimeUnit timeUnit = TimeUnit.Weeks,
        int[]? holdoutPurchases = null,
        double[]? holdoutValue = null,
        double? holdoutLength = null)
    {
        ArgumentNullException.ThrowIfNull(frequency);
        ArgumentNullException.ThrowIfNull(recency);
        ArgumentNullException.ThrowIfNull(age);
        int n = frequency.Length;
        if (recency.Length != n || age.Length != n || (monetary != null && monetary.Length != n)
            || (customers != null && customers.Count != n)
            || (holdoutPurchases != null && holdoutPurchases.Length != n) || (holdoutValue != null && holdoutValue.Length != n))
            throw new ArgumentException("All summary columns must have the same length.");
        if (holdoutPurchases != null && holdoutLength is not > 0)
            throw new ArgumentException("A positive holdout length is required with holdout purchases.", nameof(holdoutLength));
        for (int i = 0; i < n; i++)
            Validate(i, frequency[i], recency[i], age[i], monetary?[i] ?? 0);

        _customers = customers switch
        {
            null => Enumerable.Range(0, n).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
            string[] array => array,
            _ => customers.ToArray(),
        };
        _frequency = frequency;
        _recency = recency;
        _age = age;
        _monetary = monetary ?? new double[n];
        _holdoutPurchases = holdoutPurchases;
        _holdoutValue = holdoutValue ?? (holdoutPurchases != null ? new double[n] : null);
        TimeUnit = timeUnit;
        HoldoutLength = holdoutPurchases != null ? holdoutLength : null;
    }

    internal static void Validate(int i, int x, double tx, double T, double monetary)
    {
        if (x < 0) throw new ArgumentException($"Customer #{i}: frequency {x} is negative.");
        if (!double.IsFinite(tx) || !double.IsFinite(T) || tx < 0 || T < 0)
            throw new ArgumentException($"Customer #{i}: recency {tx} and T {T} must be finite and non-negative.");
        if (tx > T * (1 + 1e-12) + 1e-12) throw new ArgumentException($"Customer #{i}: recency {tx} exceeds T {T}.");
        if (x == 0 && tx != 0) throw new ArgumentException($"Customer #{i}: recency must be 0 when frequency is 0 (got {tx}).");
        if (!double.IsFinite(monetary)) throw new ArgumentException($"Customer #{i}: monetary value {monetary} is not finite.");
    }

    internal int[] FrequencyArray => _frequency;
    internal double[] RecencyArray => _recency;
    internal double[] TArray => _age;
    internal double[] MonetaryArray => _monetary;

    public int Count => _frequency.Length;
    public IReadOnlyList<string> Customers => _customers;
    public ReadOnlySpan<int> Frequency => _frequency;
    public ReadOnlySpan<double> Recency => _recency;
    /// <summary>Age T: time from the first purchase to the calibration end.</summary>
    public ReadOnlySpan<double> T => _age;
    public ReadOnlySpan<double> Monetary => _monetary;
    public bool HasHoldout => _holdoutPurchases != null;
    public ReadOnlySpan<int> HoldoutPurchases => _holdoutPurchases;
    public ReadOnlySpan<double> HoldoutValue => _holdoutValue;
    public TimeUnit TimeUnit { get; }
    /// <summary>Holdout length in <see cref="TimeUnit"/> (observation end − calibration end), when there is a holdout.</summary>
    public double? HoldoutLength { get; }

    /// <summary>Calibration end (inclusive) used to build the summary, when built from transactions.</summary>
    public DateOnly? CalibrationEnd { get; init; }
    /// <summary>Observation end (inclusive), when given.</summary>
    public DateOnly? ObservationEnd { get; init; }
    /// <summary>Customers whose first purchase falls after the calibration end: left out of the summary.</summary>
    public int ExcludedAfterCalibration { get; init; }
    /// <summary>Lines with a negative amount (returns): neither purchases nor spend.</summary>
    public long ReturnLinesIgnored { get; init; }
    /// <summary>Lines after the observation end (or after the calibration end when there is no observation end).</summary>
    public long LinesAfterPeriod { get; init; }
    /// <summary>
    /// Purchase days of the summarised customers in the holdout, by day offset after the calibration end
    /// (index 0 = the first day after it); null without a holdout. Used for the cumulative tracking curve.
    /// </summary>
    public IReadOnlyList<int>? HoldoutPurchasesByDay { get; init; }

    /// <summary>Number of customers with at least one repeat purchase.</summary>
    public int RepeatBuyers
    {
        get
        {
            int k = 0;
            foreach (int x in _frequency) if (x > 0) k++;
            return k;
        }
    }
}
