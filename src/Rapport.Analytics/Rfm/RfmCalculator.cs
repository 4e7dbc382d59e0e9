using System.Runtime.CompilerServices;
using Rapport.Analytics.Transactions;

namespace Rapport.Analytics.Rfm;

/// <summary>
/// Recency, frequency and monetary value per customer, quintile scores and named segments, in one streaming pass over an
/// <see cref="ITransactionSource"/>. See <c>docs/analytics/rfm.md</c> for the definitions.
/// <para>
/// Memory: 32 bytes per customer, plus, for distinct counting, 4 bytes per order (which customer used it first) or a
/// set of (customer, day) pairs when the source has no orders. The contiguous case costs nothing more: consecutive lines
/// of one order (or one day) are recognised by comparing with the customer's last order (day) and skip every lookup;
/// lines of an order that come back later, or orders shared by several customers, are still counted exactly.
/// </para>
/// </summary>
public static class RfmCalculator
{
    private struct Aggregate
    {
        public double Monetary;
        public int First;
        public int Last;
        public int Count;
        public int LastOrder;
        public int LastDay;
    }

    public static RfmResult Compute(ITransactionSource source, RfmOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        options ??= new RfmOptions();
        var state = new State(options.AsOf?.DayNumber ?? int.MaxValue);
        if (source is ITransactionBatchSource batches)
        {
            foreach (var block in batches.ReadBatches()) state.Add(block.Span);
        }
        else
        {
            foreach (var line in source.ReadLines()) state.Add(line);
        }
        return state.Finish(source, options);
    }

    private sealed class State(int limitDay)
    {
        private Aggregate[] _agg = new Aggregate[1024];
        private int[] _orderOwner = [];
        private HashSet<long>? _sharedOrders;
        private HashSet<long>? _days;
        private int _maxCustomer = -1;
        private int _maxDay = int.MinValue;
        private long _afterAsOf;
        private bool _anyOrder, _anyDayOnly;
        private int _sink;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Add(ReadOnlySpan<TransactionLine> lines)
        {
            // In blocks of 64 lines: touch the customers' aggregates first so that their cache misses overlap.
            for (int start = 0; start < lines.Length; start += 64)
            {
                var block = lines.Slice(start, Math.Min(64, lines.Length - start));
                int sink = 0, last = -1;
                var agg = _agg;
                foreach (ref readonly var line in block)
                {
                    int c = line.Customer;
                    if (c != last && (uint)c < (uint)agg.Length) sink ^= agg[c].Count;
                    last = c;
                }
                _sink ^= sink;
                foreach (ref readonly var line in block) Add(line);
            }
        }

        public void Add(in TransactionLine line)
        {
            int day = line.Day;
            if (day > limitDay)
            {
                _afterAsOf++;
                return;
            }
            int c = line.Customer;
            if ((uint)c >= (uint)_agg.Length) Grow(c);
            if (c > _maxCustomer) _maxCustomer = c;
            if (day > _maxDay) _maxDay = day;
            ref var a = ref _agg[c];
            a.Monetary += line.Amount;
            if (line.Amount < 0) return; // a return: net spend only
            int order = line.Order;
            if (a.Count == 0)
            {
                a.First = a.Last = day;
                a.LastOrder = order;
                a.LastDay = day;
                a.Count = 1;
                if (order >= 0) NewOrder(c, order);
                else NewDay(c, day);
                return;
            }
            if (day < a.First) a.First = day;
            if (day > a.Last) a.Last = day;
            if (order >= 0)
            {
                if (order != a.LastOrder)
                {
                    if (NewOrder(c, order)) a.Count++;
                    a.LastOrder = order;
                }
            }
            else if (day != a.LastDay)
            {
                if (NewDay(c, day)) a.Count++;
                a.LastDay = day;
            }
        }

        private void Grow(int c)
        {
            if (c < 0) throw new ArgumentException($"Negative customer index {c} in the transaction source.");
            Array.Resize(ref _agg, (int)Math.Min(Array.MaxLength, Math.Max(c + 1L, _agg.Length * 2L)));
        }

        /// <summary>Whether customer <paramref name="c"/> uses <paramref name="order"/> for the first time.</summary>
        private bool NewOrder(int c, int order)
        {
            _anyOrder = true;
            if (order >= _orderOwner.Length)
            {
                int old = _orderOwner.Length;
                Array.Resize(ref _orderOwner, (int)Math.Min(Array.MaxLength, Math.Max(order + 1L, Math.Max(1024, old * 2L))));
                _orderOwner.AsSpan(old).Fill(-1);
            }
            int owner = _orderOwner[order];
            if (owner == -1)
            {
                _orderOwner[order] = c;
                return true;
            }
            if (owner == c) return false;
            return (_sharedOrders ??= new HashSet<long>()).Add(((long)c << 32) | (uint)order);
        }

        private bool NewDay(int c, int day)
        {
            _anyDayOnly = true;
            return (_days ??= new HashSet<long>()).Add(((long)c << 32) | (uint)day);
        }

        public RfmResult Finish(ITransactionSource source, RfmOptions options)
        {
            var keys = source.CustomerKeys;
            int customersInSource = Math.Max(keys.Count, _maxCustomer + 1);
            var ids = new List<int>(_maxCustomer + 1);
            for (int c = 0; c <= _maxCustomer; c++)
            {
                if (_agg[c].Count > 0) ids.Add(c);
            }
            if (ids.Count == 0)
                throw new InvalidOperationException(_afterAsOf > 0
                    ? $"No purchase on or before the as-of day {options.AsOf:yyyy-MM-dd}: nothing to score."
                    : "The transaction source has no purchase lines: nothing to score.");

            int asOf = options.AsOf?.DayNumber ?? _maxDay + 1;
            int n = ids.Count;
            var recency = new int[n];
            var frequency = new int[n];
            var monetary = new double[n];
            for (int i = 0; i < n; i++)
            {
                ref var a = ref _agg[ids[i]];
                recency[i] = asOf - a.Last;
                frequency[i] = a.Count;
                monetary[i] = a.Monetary;
            }

            // The three rankings and the decoding of the customer keys are independent: run them side by side.
            int[] r = [], m = [], f = [];
            var names = new string[n];
            Parallel.Invoke(
                () => r = QuintileScores.TiesShareScore(Array.ConvertAll(recency, v => (double)-v)),
                () => m = QuintileScores.TiesShareScore(monetary),
                () =>
                {
                    // Frequency ties broken by monetary (higher ranks higher), then recency (more recent ranks higher),
                    // then order of first appearance (earlier ranks higher).
                    var fKeys = new FrequencyKey[n];
                    for (int i = 0; i < n; i++) fKeys[i] = new FrequencyKey(frequency[i], monetary[i], recency[i], i);
                    f = QuintileScores.ByRank(fKeys);
                },
                () =>
                {
                    for (int i = 0; i < n; i++)
                    {
                        int c = ids[i];
                        names[i] = c < keys.Count ? keys[c] : c.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    }
                });

            var customers = new RfmCustomer[n];
            var segCount = new int[RfmSegments.All.Count];
            var segMoney = new double[RfmSegments.All.Count];
            double totalMoney = 0;
            for (int i = 0; i < n; i++)
            {
                ref var a = ref _agg[ids[i]];
                int segment = RfmSegments.Index(r[i], f[i]);
                int tenure = asOf - a.First;
                customers[i] = new RfmCustomer(
                    Customer: names[i],
                    RecencyDays: recency[i],
                    Frequency: frequency[i],
                    Monetary: monetary[i],
                    RScore: r[i],
                    FScore: f[i],
                    MScore: m[i],
                    RfmSegment: RfmSegments.All[segment],
                    AvgOrderValue: monetary[i] / frequency[i],
                    PurchaseFrequency: frequency[i] * 30.0 / Math.Max(tenure, 30),
                    TenureDays: tenure);
                segCount[segment]++;
                segMoney[segment] += monetary[i];
                totalMoney += monetary[i];
            }
            var segments = RfmSegments.All
                .Select((s, k) => new RfmSegmentSummary(s, segCount[k], segCount[k] / (double)n, totalMoney > 0 ? segMoney[k] / totalMoney : 0))
                .ToArray();

            return new RfmResult
            {
                AsOf = DateOnly.FromDayNumber(asOf),
                FrequencyBasis = _anyOrder || !_anyDayOnly ? "orders" : "days",
                Customers = customers,
                Segments = segments,
                CustomersWithoutPurchases = customersInSource - n,
                LinesAfterAsOf = _afterAsOf,
                DataQuality = (source as IDataQualitySource)?.DataQuality,
            };
        }
    }
}

/// <summary>Worst-first order for frequency ranks: fewer orders, then less money, then longer ago, then later appearance.</summary>
internal readonly record struct FrequencyKey(int Frequency, double Monetary, int Recency, int Index) : IComparable<FrequencyKey>
{
    public int CompareTo(FrequencyKey other)
    {
        if (Frequency != other.Frequency) return Frequency < other.Frequency ? -1 : 1;
        int c = Monetary.CompareTo(other.Monetary);
        if (c != 0) return c;
        if (Recency != other.Recency) return Recency > other.Recency ? -1 : 1;
        return other.Index.CompareTo(Index);
    }
}

/// <summary>
/// Quintile scores 1–5 (5 = best) from a customer's position p (0-based) among n in worst-to-best order, taken at the
/// middle of its place: score = 1 + ⌊5·(p + ½) / n⌋. Each score gets a fifth of the customers, and with few customers
/// the best still gets 5 and the worst 1.
/// </summary>
public static class QuintileScores
{
    /// <summary>
    /// Higher value = better. Equal values share one score, taken at the middle of their tie group
    /// (positions start … end−1 give 1 + ⌊5·(start + end) / 2n⌋). Used for recency and monetary value, where ties are
    /// small; a large tie group can make the fifths uneven.
    /// </summary>
    public static int[] TiesShareScore(double[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        int n = values.Length;
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        var keys = (double[])values.Clone();
        Array.Sort(keys, order);
        var scores = new int[n];
        int start = 0;
        while (start < n)
        {
            int end = start + 1;
            while (end < n && keys[end] == keys[start]) end++;
            int score = (int)Math.Min(5, 1 + 5L * (start + end) / (2L * n));
            for (int k = start; k < end; k++) scores[order[k]] = score;
            start = end;
        }
        return scores;
    }

    /// <summary>Score of position <paramref name="p"/> (0-based, worst first) among <paramref name="n"/>.</summary>
    public static int ScoreAt(long p, long n) => (int)Math.Min(5, 1 + 5 * (2 * p + 1) / (2 * n));

    internal static int[] ByRank(FrequencyKey[] keys)
    {
        int n = keys.Length;
        var sorted = (FrequencyKey[])keys.Clone();
        Array.Sort(sorted);
        var scores = new int[n];
        for (int p = 0; p < n; p++) scores[sorted[p].Index] = ScoreAt(p, n);
        return scores;
    }

    /// <summary>
    /// Strict ranking by <paramref name="worseFirst"/> (a total order, so the result is deterministic): each score gets a
    /// fifth of the customers even when many share a value. Used for frequency, where most customers often share 1.
    /// </summary>
    public static int[] ByRank(int n, Comparison<int> worseFirst)
    {
        ArgumentNullException.ThrowIfNull(worseFirst);
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Array.Sort(order, worseFirst);
        var scores = new int[n];
        for (int p = 0; p < n; p++) scores[order[p]] = ScoreAt(p, n);
        return scores;
    }
}
