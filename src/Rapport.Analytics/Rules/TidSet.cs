using System.Numerics;

namespace Rapport.Analytics.Rules;

/// <summary>
/// The baskets that contain an itemset: a bitset when it is dense (more than one basket in 32, where a bitset is the
/// smaller of the two), otherwise a sorted list of basket numbers.
/// </summary>
internal readonly struct TidSet
{
    private TidSet(int[]? tids, ulong[]? bits, int count)
    {
        Tids = tids;
        Bits = bits;
        Count = count;
    }

    public int[]? Tids { get; }
    public ulong[]? Bits { get; }
    public int Count { get; }

    public static bool DenseEnough(int count, int transactions) => (long)count * 32 > transactions;

    public static TidSet FromTids(int[] tids, int transactions)
    {
        if (!DenseEnough(tids.Length, transactions)) return new TidSet(tids, null, tids.Length);
        var bits = new ulong[(transactions + 63) >> 6];
        foreach (int t in tids) bits[t >> 6] |= 1UL << (t & 63);
        return new TidSet(null, bits, tids.Length);
    }

    /// <summary>Working buffers for <see cref="Intersect"/>.</summary>
    public sealed class Buffers(int transactions)
    {
        public readonly ulong[] Bits = new ulong[(transactions + 63) >> 6];
        public int[] Tids = new int[1024];
        public readonly int Transactions = transactions;
    }

    /// <summary>
    /// Counts the baskets in both sets; when that is at least <paramref name="minCount"/> and <paramref name="keep"/>
    /// is set, also returns the intersection. Stops early once <paramref name="minCount"/> can no longer be reached.
    /// </summary>
    public static int Intersect(in TidSet a, in TidSet b, int minCount, bool keep, Buffers buffers, out TidSet result)
    {
        result = default;
        if (a.Bits is { } ab && b.Bits is { } bb)
        {
            var o = buffers.Bits;
            int count = 0;
            for (int w = 0; w < ab.Length; w++)
            {
                ulong v = ab[w] & bb[w];
                o[w] = v;
                count += BitOperations.PopCount(v);
            }
            if (count < minCount || !keep) return count;
            if (DenseEnough(count, buffers.Transactions))
            {
                result = new TidSet(null, (ulong[])o.Clone(), count);
                return count;
            }
            var tids = new int[count];
            int n = 0;
            for (int w = 0; w < o.Length; w++)
            {
                ulong v = o[w];
                while (v != 0)
                {
                    tids[n++] = (w << 6) + BitOperations.TrailingZeroCount(v);
                    v &= v - 1;
                }
            }
            result = new TidSet(tids, null, count);
            return count;
        }
        if (a.Tids is not null && b.Tids is not null) return Merge(a.Tids, b.Tids, minCount, keep, buffers, out result);
        var list = a.Tids ?? b.Tids!;
        var bitset = a.Bits ?? b.Bits!;
        return Filter(list, bitset, minCount, keep, buffers, out result);
    }

    private static int[] Room(Buffers buffers, int size)
    {
        if (buffers.Tids.Length < size) buffers.Tids = new int[Math.Max(size, buffers.Tids.Length * 2)];
        return buffers.Tids;
    }

    private static int Filter(int[] list, ulong[] bits, int minCount, bool keep, Buffers buffers, out TidSet result)
    {
        result = default;
        var o = Room(buffers, list.Length);
        int n = 0;
        for (int i = 0; i < list.Length; i++)
        {
            int t = list[i];
            o[n] = t;
            n += (int)((bits[t >> 6] >> (t & 63)) & 1);
            if (n + (list.Length - i - 1) < minCount) return n;
        }
        if (n >= minCount && keep) result = new TidSet(o[..n], null, n);
        return n;
    }

    private static int Merge(int[] a, int[] b, int minCount, bool keep, Buffers buffers, out TidSet result)
    {
        result = default;
        var o = Room(buffers, Math.Min(a.Length, b.Length));
        int i = 0, j = 0, n = 0;
        while (i < a.Length && j < b.Length)
        {
            if (n + Math.Min(a.Length - i, b.Length - j) < minCount) return n;
            int x = a[i], y = b[j];
            if (x == y)
            {
                o[n++] = x;
                i++;
                j++;
            }
            else if (x < y) i++;
            else j++;
        }
        if (n >= minCount && keep) result = new TidSet(o[..n], null, n);
        return n;
    }
}
