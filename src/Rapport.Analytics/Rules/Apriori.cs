namespace Rapport.Analytics.Rules;

/// <summary>
/// Apriori (Agrawal &amp; Srikant 1994), level by level: pairs are counted in one pass over the baskets into a
/// triangular matrix; longer candidates are joined from two frequent itemsets sharing all but their last item, pruned
/// when any other subset is infrequent, and counted by intersecting the parents' tidsets (bitsets for dense sets,
/// sorted basket lists for sparse ones). Items are int ranks; no strings are touched while mining.
/// </summary>
public static class Apriori
{
    /// <summary>Largest number of frequent items for which pairs are counted in a matrix (4 bytes per pair).</summary>
    private const int MatrixItemLimit = 16_384;

    internal static FrequentItemsets Mine(ItemDictionary items, RankedBaskets ranked, int maxLength)
    {
        var result = new FrequentItemsets(items, ranked.Transactions, ranked.MinCount, ranked.RankToItem);
        int n = ranked.Items;
        int minCount = ranked.MinCount;
        int transactions = ranked.Transactions;
        Span<int> one = stackalloc int[1];
        for (int r = 0; r < n; r++)
        {
            one[0] = r;
            result.Add(one, ranked.RankCount[r]);
        }
        if (n < 2 || maxLength < 2) return result;

        // Level 1 tidsets.
        var tidLists = new int[n][];
        for (int r = 0; r < n; r++) tidLists[r] = new int[ranked.RankCount[r]];
        var fill = new int[n];
        for (int b = 0; b < transactions; b++)
        {
            foreach (int r in ranked[b]) tidLists[r][fill[r]++] = b;
        }
        var buffers = new TidSet.Buffers(transactions);
        var level = new Level(1);
        for (int r = 0; r < n; r++)
        {
            one[0] = r;
            level.Add(one, TidSet.FromTids(tidLists[r], transactions));
        }
        tidLists = null;

        // Level 2: a triangular count matrix when it fits, else tidset intersections like the later levels.
        bool keepNext = maxLength > 2;
        Level next;
        if (n <= MatrixItemLimit) next = PairsByMatrix(ranked, level, result, keepNext, buffers);
        else next = Extend(level, result, minCount, keepNext, buffers);
        level = next;
        for (int k = 3; k <= maxLength && level.Count >= k; k++)
        {
            level = Extend(level, result, minCount, k < maxLength, buffers);
        }
        return result;
    }

    private static Level PairsByMatrix(RankedBaskets ranked, Level singles, FrequentItemsets result, bool keep, TidSet.Buffers buffers)
    {
        int n = ranked.Items;
        // Row i holds pairs (i, j > i) at RowStart(i) + (j - i - 1).
        var counts = new int[(long)n * (n - 1) / 2];
        long RowStart(int i) => (long)i * (2L * n - i - 1) / 2;
        for (int b = 0; b < ranked.Transactions; b++)
        {
            var basket = ranked[b];
            for (int x = 0; x < basket.Length - 1; x++)
            {
                int i = basket[x];
                long row = RowStart(i) - i - 1;
                for (int y = x + 1; y < basket.Length; y++) counts[row + basket[y]]++;
            }
        }
        var level = new Level(2);
        Span<int> pair = stackalloc int[2];
        for (int i = 0; i < n - 1; i++)
        {
            long row = RowStart(i) - i - 1;
            for (int j = i + 1; j < n; j++)
            {
                int c = counts[row + j];
                if (c < ranked.MinCount) continue;
                pair[0] = i;
                pair[1] = j;
                result.Add(pair, c);
                if (!keep) continue;
                TidSet.Intersect(singles.Tids[i], singles.Tids[j], ranked.MinCount, keep: true, buffers, out var tids);
                level.Add(pair, tids);
            }
        }
        return level;
    }

    /// <summary>Level k → k + 1: join itemsets that share their first k − 1 items, prune, count by intersection.</summary>
    private static Level Extend(Level level, FrequentItemsets result, int minCount, bool keep, TidSet.Buffers buffers)
    {
        int k = level.Width;
        var next = new Level(k + 1);
        var candidate = new int[k + 1];
        var subset = new int[k];
        var found = new int[k + 1];
        int count = level.Count;
        int blockStart = 0;
        while (blockStart < count)
        {
            // Block of itemsets with the same first k − 1 items (the level is in lexicographic order).
            int blockEnd = blockStart + 1;
            var prefix = level[blockStart][..(k - 1)];
            while (blockEnd < count && level[blockEnd][..(k - 1)].SequenceEqual(prefix)) blockEnd++;
            for (int a = blockStart; a < blockEnd - 1; a++)
            {
                level[a].CopyTo(candidate);
                for (int b = a + 1; b < blockEnd; b++)
                {
                    candidate[k] = level[b][k - 1];
                    if (!AllSubsetsFrequent(level, candidate, subset)) continue;
                    int c = TidSet.Intersect(level.Tids[a], level.Tids[b], minCount, keep, buffers, out var tids);
                    if (c < minCount) continue;
                    candidate.CopyTo(found, 0);
                    result.Add(found, c);
                    if (keep) next.Add(candidate, tids);
                }
            }
            blockStart = blockEnd;
        }
        return next;
    }

    /// <summary>Whether every k-subset of the (k+1)-candidate other than its two parents is in the level.</summary>
    private static bool AllSubsetsFrequent(Level level, int[] candidate, int[] subset)
    {
        int k = candidate.Length - 1;
        for (int drop = 0; drop < k - 1; drop++)
        {
            int w = 0;
            for (int i = 0; i <= k; i++)
            {
                if (i != drop) subset[w++] = candidate[i];
            }
            if (level.IndexOf(subset) < 0) return false;
        }
        return true;
    }

    /// <summary>The frequent itemsets of one length, in lexicographic order, with their tidsets.</summary>
    private sealed class Level(int width)
    {
        private readonly ItemsetIndex _sets = new();
        public TidSet[] Tids = new TidSet[64];

        public int Width { get; } = width;
        public int Count => _sets.Count;
        public ReadOnlySpan<int> this[int index] => _sets[index];
        public int IndexOf(ReadOnlySpan<int> sorted) => _sets.IndexOf(sorted);

        public void Add(ReadOnlySpan<int> sorted, TidSet tids)
        {
            int index = _sets.Add(sorted);
            if (index == Tids.Length) Array.Resize(ref Tids, Tids.Length * 2);
            Tids[index] = tids;
        }
    }
}
