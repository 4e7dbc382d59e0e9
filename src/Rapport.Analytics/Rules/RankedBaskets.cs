namespace Rapport.Analytics.Rules;

/// <summary>
/// The baskets as both miners see them: infrequent items dropped, the others recoded to ranks (0 = most frequent,
/// ties by item id) and each basket sorted by rank.
/// </summary>
internal sealed class RankedBaskets
{
    private RankedBaskets(int transactions, int minCount, int[] rankToItem, int[] rankCount, int[] offsets, int[] ranks)
    {
        Transactions = transactions;
        MinCount = minCount;
        RankToItem = rankToItem;
        RankCount = rankCount;
        Offsets = offsets;
        Ranks = ranks;
    }

    public int Transactions { get; }
    public int MinCount { get; }
    public int[] RankToItem { get; }
    public int[] RankCount { get; }
    public int[] Offsets { get; }
    public int[] Ranks { get; }
    public int Items => RankToItem.Length;

    public ReadOnlySpan<int> this[int basket] => Ranks.AsSpan(Offsets[basket], Offsets[basket + 1] - Offsets[basket]);

    /// <summary>Support count needed for <paramref name="minSupport"/> of <paramref name="transactions"/> baskets (support ≥ minSupport, as arules).</summary>
    public static int MinCountFor(double minSupport, int transactions) =>
        Math.Max(1, (int)Math.Ceiling(minSupport * transactions - 1e-9));

    public static RankedBaskets Build(Baskets baskets, int minCount)
    {
        int n = baskets.Items.Count;
        var counts = new int[n];
        foreach (int item in baskets.ItemIds) counts[item]++;
        var frequent = new List<int>();
        for (int i = 0; i < n; i++)
        {
            if (counts[i] >= minCount) frequent.Add(i);
        }
        var rankToItem = frequent.ToArray();
        Array.Sort(rankToItem, (a, b) => counts[a] != counts[b] ? counts[b].CompareTo(counts[a]) : a.CompareTo(b));
        var rankOf = new int[n];
        Array.Fill(rankOf, -1);
        var rankCount = new int[rankToItem.Length];
        for (int r = 0; r < rankToItem.Length; r++)
        {
            rankOf[rankToItem[r]] = r;
            rankCount[r] = counts[rankToItem[r]];
        }
        long kept = 0;
        foreach (int r in rankCount) kept += r;
        var ranks = new int[kept];
        var offsets = new int[baskets.Count + 1];
        int w = 0;
        for (int b = 0; b < baskets.Count; b++)
        {
            int start = w;
            foreach (int item in baskets[b])
            {
                int r = rankOf[item];
                if (r >= 0) ranks[w++] = r;
            }
            if (w - start > 1) ranks.AsSpan(start, w - start).Sort();
            offsets[b + 1] = w;
        }
        return new RankedBaskets(baskets.Count, minCount, rankToItem, rankCount, offsets, ranks);
    }
}
