namespace Rapport.Analytics.Lifetime;

/// <summary>
/// Customers collapsed to distinct (x, tₓ, T) triples with counts, plus the distinct x, tₓ and T values the
/// triples index into. Real data (times in whole days) and CDNOW repeat triples a lot, and the likelihoods
/// only depend on the triple, so each evaluation costs O(distinct triples) instead of O(customers), and the
/// x-only terms (log-gammas, digammas) cost O(distinct x).
/// </summary>
internal sealed class SummaryGroups
{
    public required int Count { get; init; }
    /// <summary>Per group: index into <see cref="XValues"/>.</summary>
    public required int[] XIndex { get; init; }
    /// <summary>Per group: index into <see cref="TxValues"/>.</summary>
    public required int[] TxIndex { get; init; }
    /// <summary>Per group: index into <see cref="TValues"/>.</summary>
    public required int[] TIndex { get; init; }
    /// <summary>Per group: number of customers.</summary>
    public required double[] Weight { get; init; }
    public required int[] XValues { get; init; }
    public required double[] TxValues { get; init; }
    public required double[] TValues { get; init; }
    /// <summary>Per distinct x: number of customers.</summary>
    public required double[] XWeight { get; init; }
    public required double TotalWeight { get; init; }

    public static SummaryGroups Build(ReadOnlySpan<int> x, ReadOnlySpan<double> tx, ReadOnlySpan<double> T)
    {
        int n = x.Length;
        if (tx.Length != n || T.Length != n) throw new ArgumentException("frequency, recency and T must have the same length.");
        if (!WorthGrouping(x, tx, T)) return Identity(x, tx, T);
        // Pass 1: index the distinct x, tₓ and T values.
        var xMap = new Dictionary<int, int>();
        var txMap = new Dictionary<double, int>();
        var tMap = new Dictionary<double, int>();
        var xs = new List<int>();
        var txs = new List<double>();
        var ts = new List<double>();
        var ix = new int[n];
        var itx = new int[n];
        var iT = new int[n];
        for (int i = 0; i < n; i++)
        {
            CustomerSummary.Validate(i, x[i], tx[i], T[i], 0);
            ix[i] = Index(xMap, xs, x[i]);
            itx[i] = Index(txMap, txs, tx[i]);
            iT[i] = Index(tMap, ts, T[i]);
        }
        // Pass 2: group the index triples, packed into one 64-bit key (21 bits each) when they fit.
        const int Bits = 21;
        bool packed = xs.Count < (1 << Bits) && txs.Count < (1 << Bits) && ts.Count < (1 << Bits);
        var packedMap = packed ? new Dictionary<long, int>() : null;
        var tupleMap = packed ? null : new Dictionary<(int, int, int), int>();
        var groupOf = new int[n];
        int count = 0;
        for (int i = 0; i < n; i++)
        {
            int g;
            bool found = packed
                ? packedMap!.TryGetValue(((long)ix[i] << (2 * Bits)) | ((long)itx[i] << Bits) | (long)iT[i], out g)
                : tupleMap!.TryGetValue((ix[i], itx[i], iT[i]), out g);
            if (!found)
            {
                g = count++;
                if (packed) packedMap!.Add(((long)ix[i] << (2 * Bits)) | ((long)itx[i] << Bits) | (long)iT[i], g);
                else tupleMap!.Add((ix[i], itx[i], iT[i]), g);
                // Reuse the index arrays: group g's first customer is i, and g ≤ i.
                ix[g] = ix[i];
                itx[g] = itx[i];
                iT[g] = iT[i];
            }
            groupOf[i] = g;
        }
        var weight = new double[count];
        foreach (int g in groupOf) weight[g]++;
        var xWeight = new double[xs.Count];
        var gx = ix.AsSpan(0, count).ToArray();
        for (int g = 0; g < count; g++) xWeight[gx[g]] += weight[g];
        return new SummaryGroups
        {
            Count = count,
            XIndex = gx,
            TxIndex = itx.AsSpan(0, count).ToArray(),
            TIndex = iT.AsSpan(0, count).ToArray(),
            Weight = weight,
            XValues = xs.ToArray(),
            TxValues = txs.ToArray(),
            TValues = ts.ToArray(),
            XWeight = xWeight,
            TotalWeight = n,
        };
    }

    /// <summary>Grouping pays when histories repeat (times in whole days or weeks); with continuous times every
    /// history is distinct and hashing a million doubles costs more than it saves. Decided on a sample.</summary>
    private static bool WorthGrouping(ReadOnlySpan<int> x, ReadOnlySpan<double> tx, ReadOnlySpan<double> T)
    {
        const int Sample = 20_000;
        int n = x.Length;
        if (n <= 4 * Sample) return true;
        // A sample cannot show how often whole histories repeat in the full data, but it shows whether times are
        // discrete: with whole days or weeks a sample of T holds few distinct values, with continuous times nearly all.
        var seen = new HashSet<double>();
        int step = n / Sample, sampled = 0;
        for (int i = 0; i < n; i += step, sampled++) seen.Add(T[i]);
        return seen.Count < 0.5 * sampled;
    }

    /// <summary>One group per customer (no compression); only the distinct x are indexed.</summary>
    private static SummaryGroups Identity(ReadOnlySpan<int> x, ReadOnlySpan<double> tx, ReadOnlySpan<double> T)
    {
        int n = x.Length;
        var xMap = new Dictionary<int, int>();
        var xs = new List<int>();
        var ix = new int[n];
        var identity = new int[n];
        for (int i = 0; i < n; i++)
        {
            CustomerSummary.Validate(i, x[i], tx[i], T[i], 0);
            ix[i] = Index(xMap, xs, x[i]);
            identity[i] = i;
        }
        var xWeight = new double[xs.Count];
        foreach (int k in ix) xWeight[k]++;
        var weight = new double[n];
        Array.Fill(weight, 1.0);
        return new SummaryGroups
        {
            Count = n,
            XIndex = ix,
            TxIndex = identity,
            TIndex = identity,
            Weight = weight,
            XValues = xs.ToArray(),
            TxValues = tx.ToArray(),
            TValues = T.ToArray(),
            XWeight = xWeight,
            TotalWeight = n,
        };
    }

    private static int Index<T>(Dictionary<T, int> map, List<T> values, T value) where T : notnull
    {
        ref int slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(map, value, out bool exists);
        if (!exists)
        {
            slot = values.Count;
            values.Add(value);
        }
        return slot;
    }

    public double MeanT()
    {
        double s = 0;
        for (int g = 0; g < Count; g++) s += Weight[g] * TValues[TIndex[g]];
        return s / TotalWeight;
    }

    public double MeanX()
    {
        double s = 0;
        for (int k = 0; k < XValues.Length; k++) s += XWeight[k] * XValues[k];
        return s / TotalWeight;
    }
}
