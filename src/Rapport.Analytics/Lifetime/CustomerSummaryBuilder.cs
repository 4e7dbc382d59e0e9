using Rapport.Analytics.Transactions;

namespace Rapport.Analytics.Lifetime;

/// <summary>How to cut transactions into a calibration summary.</summary>
/// <param name="CalibrationEnd">Last day (inclusive) of the calibration period.</param>
/// <param name="ObservationEnd">Last day (inclusive) of the holdout period, or null for no holdout.</param>
/// <param name="TimeUnit">Unit of recency, T and the holdout length.</param>
/// <param name="SortInput">
/// False (default): lines are streamed with constant state per customer, which requires each customer's
/// lines to arrive in date order (a file sorted by date, or grouped by customer in date order); a line
/// out of order stops the build with <see cref="InvalidDataException"/>. True: lines are buffered
/// (16 bytes each) and sorted first, for sources in arbitrary order.
/// </param>
public sealed record CustomerSummaryOptions(
    DateOnly CalibrationEnd,
    DateOnly? ObservationEnd = null,
    TimeUnit TimeUnit = TimeUnit.Weeks,
    bool SortInput = false);

/// <summary>
/// Turns transaction lines into a <see cref="CustomerSummary"/> in one pass with a fixed-size running state per
/// customer (memory proportional to customers, not lines). Same-day lines of a customer are one purchase;
/// lines with a negative amount (returns) are neither purchases nor spend; zero-amount lines are purchases.
/// Customers whose first purchase falls after the calibration end are left out and counted.
/// </summary>
public sealed class CustomerSummaryBuilder
{
    private const int None = int.MinValue;

    private struct State
    {
        public int FirstDay;       // None: no calibration purchase yet
        public int LastDay;
        public int Days;
        public double FirstAmount;
        public double Total;
        public int LastHoldoutDay; // None: no holdout purchase yet
        public int HoldoutDays;
        public double HoldoutAmount;
        public bool SeenAfterCalibration;
        public int Latest;         // latest day seen (order check)
    }

    private readonly CustomerSummaryOptions _options;
    private readonly int _calEnd;
    private readonly int _obsEnd;
    private readonly int[]? _holdoutByDay;
    private State[] _state = new State[1024];
    private int _customers;
    private long _returns;
    private long _afterPeriod;
    private Func<int, string>? _keyOf;

    public CustomerSummaryBuilder(CustomerSummaryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _ = options.TimeUnit.Days();
        if (options.ObservationEnd is { } obs && obs <= options.CalibrationEnd)
            throw new ArgumentException($"The observation end {obs:yyyy-MM-dd} must be after the calibration end {options.CalibrationEnd:yyyy-MM-dd}.", nameof(options));
        _options = options;
        _calEnd = options.CalibrationEnd.DayNumber;
        _obsEnd = options.ObservationEnd?.DayNumber ?? _calEnd;
        _holdoutByDay = options.ObservationEnd is null ? null : new int[_obsEnd - _calEnd];
    }

    /// <summary>Summarises a source (enumerates its lines once).</summary>
    public static CustomerSummary Build(ITransactionSource source, CustomerSummaryOptions options)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        if (source is not ITransactionBatchSource batches || options.SortInput)
            return Build(source.ReadLines(), source.CustomerKeys, options);
        // Block-wise: no per-line iterator call.
        var keys = source.CustomerKeys;
        var builder = new CustomerSummaryBuilder(options) { _keyOf = i => i < keys.Count ? keys[i] : "#" + i };
        foreach (var block in batches.ReadBatches())
        {
            var span = block.Span;
            for (int i = 0; i < span.Length; i++) builder.Add(span[i].Customer, span[i].Day, span[i].Amount);
        }
        return builder.Build(keys);
    }

    /// <summary>Summarises lines whose <see cref="TransactionLine.Customer"/> indexes <paramref name="customerKeys"/>
    /// (the list may be filled while the lines are enumerated, as a file reader does).</summary>
    public static CustomerSummary Build(IEnumerable<TransactionLine> lines, IReadOnlyList<string> customerKeys, CustomerSummaryOptions options)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(customerKeys);
        var builder = new CustomerSummaryBuilder(options);
        builder._keyOf = i => i < customerKeys.Count ? customerKeys[i] : "#" + i;
        if (options.SortInput) builder.AddUnordered(lines);
        else foreach (var line in lines) builder.Add(line.Customer, line.Day, line.Amount);
        return builder.Build(customerKeys);
    }

    private void AddUnordered(IEnumerable<TransactionLine> lines)
    {
        var keys = new List<long>();
        var amounts = new List<double>();
        foreach (var line in lines)
        {
            if (line.Customer < 0) throw new InvalidDataException($"Negative customer index {line.Customer}.");
            keys.Add(((long)line.Customer << 32) | (uint)line.Day);
            amounts.Add(line.Amount);
        }
        var k = keys.ToArray();
        var a = amounts.ToArray();
        keys.Clear();
        amounts.Clear();
        Array.Sort(k, a);
        for (int i = 0; i < k.Length; i++) Add((int)(k[i] >> 32), (int)(uint)k[i], a[i]);
    }

    /// <summary>Adds one line (see the class remarks for the order it expects).</summary>
    public void Add(in TransactionLine line) => Add(line.Customer, line.Day, line.Amount);

    /// <summary>Adds one line: customer index, day (<see cref="DateOnly.DayNumber"/>) and amount.</summary>
    public void Add(int customer, int day, double amount)
    {
        if (customer < 0) throw new InvalidDataException($"Negative customer index {customer}.");
        if (!double.IsFinite(amount)) throw new InvalidDataException($"Customer {Key(customer)}: amount {amount} is not a number.");
        if (customer >= _customers)
        {
            if (customer >= _state.Length)
            {
                int size = _state.Length;
                while (size <= customer) size *= 2;
                Array.Resize(ref _state, size);
            }
            for (int i = _customers; i <= customer; i++) _state[i] = new State { FirstDay = None, LastDay = None, LastHoldoutDay = None, Latest = None };
            _customers = customer + 1;
        }
        if (amount < 0)
        {
            _returns++;
            return;
        }
        ref State s = ref _state[customer];
        if (day < s.Latest) OutOfOrder(customer, day, s.Latest);
        s.Latest = day;
        if (day <= _calEnd)
        {
            if (s.FirstDay == None)
            {
                s.FirstDay = s.LastDay = day;
                s.Days = 1;
                s.FirstAmount = amount;
            }
            else if (day == s.LastDay)
            {
                if (s.Days == 1) s.FirstAmount += amount;
            }
            else
            {
                s.LastDay = day;
                s.Days++;
            }
            s.Total += amount;
            return;
        }
        s.SeenAfterCalibration = true;
        if (day > _obsEnd)
        {
            _afterPeriod++;
            return;
        }
        if (day != s.LastHoldoutDay)
        {
            s.LastHoldoutDay = day;
            s.HoldoutDays++;
            if (s.FirstDay != None) _holdoutByDay![day - _calEnd - 1]++;
        }
        s.HoldoutAmount += amount;
    }

    private string Key(int customer) => _keyOf?.Invoke(customer) ?? "#" + customer;

    private void OutOfOrder(int customer, int day, int previous) =>
        throw new InvalidDataException(
            $"Transaction lines for customer '{Key(customer)}' are not in date order ({DateOnly.FromDayNumber(day):yyyy-MM-dd} after " +
            $"{DateOnly.FromDayNumber(previous):yyyy-MM-dd}). The lifetime summary streams one running state per customer and needs each " +
            "customer's lines in date order (sort the file by date, or by customer then date), or set SortInput to buffer and sort the lines.");

    /// <summary>Finishes the summary; <paramref name="customerKeys"/>[i] names customer index i.</summary>
    public CustomerSummary Build(IReadOnlyList<string> customerKeys)
    {
        ArgumentNullException.ThrowIfNull(customerKeys);
        double unit = _options.TimeUnit.Days();
        int n = 0, excluded = 0;
        for (int i = 0; i < _customers; i++)
        {
            if (_state[i].FirstDay != None) n++;
            else if (_state[i].SeenAfterCalibration) excluded++;
        }
        var keys = new string[n];
        var x = new int[n];
        var tx = new double[n];
        var T = new double[n];
        var m = new double[n];
        bool holdout = _holdoutByDay != null;
        var hx = holdout ? new int[n] : null;
        var hv = holdout ? new double[n] : null;
        int j = 0;
        for (int i = 0; i < _customers; i++)
        {
            ref State s = ref _state[i];
            if (s.FirstDay == None) continue;
            keys[j] = i < customerKeys.Count ? customerKeys[i] : "#" + i;
            x[j] = s.Days - 1;
            tx[j] = (s.LastDay - s.FirstDay) / unit;
            T[j] = (_calEnd - s.FirstDay) / unit;
            m[j] = x[j] > 0 ? (s.Total - s.FirstAmount) / x[j] : 0;
            if (holdout)
            {
                hx![j] = s.HoldoutDays;
                hv![j] = s.HoldoutAmount;
            }
            j++;
        }
        return new CustomerSummary(keys, x, tx, T, m, _options.TimeUnit, hx, hv,
            holdout ? (_obsEnd - _calEnd) / unit : null)
        {
            CalibrationEnd = _options.CalibrationEnd,
            ObservationEnd = _options.ObservationEnd,
            ExcludedAfterCalibration = excluded,
            ReturnLinesIgnored = _returns,
            LinesAfterPeriod = _afterPeriod,
            HoldoutPurchasesByDay = _holdoutByDay?.ToArray(),
        };
    }
}
