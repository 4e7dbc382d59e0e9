namespace Rapport.Analytics.Rules;

/// <summary>
/// The frequent itemsets of a set of baskets with their support counts. Internally items are <em>ranks</em>
/// (0 = the most frequent item; ties by item id), each itemset a sorted span of ranks; <see cref="ItemOf"/> maps a rank
/// back to the item id of <see cref="Items"/>.
/// </summary>
public sealed class FrequentItemsets
{
    private readonly ItemsetIndex _sets = new();
    private int[] _support = new int[256];

    internal FrequentItemsets(ItemDictionary items, int transactions, int minCount, int[] rankToItem)
    {
        Items = items;
        Transactions = transactions;
        MinCount = minCount;
        RankToItem = rankToItem;
    }

    public ItemDictionary Items { get; }

    /// <summary>Number of baskets (the support denominator).</summary>
    public int Transactions { get; }

    /// <summary>Smallest support count accepted.</summary>
    public int MinCount { get; }

    internal int[] RankToItem { get; }

    /// <summary>Number of frequent items (ranks 0 … FrequentItems − 1).</summary>
    public int FrequentItems => RankToItem.Length;

    public int Count => _sets.Count;

    /// <summary>The ranks of itemset <paramref name="index"/>, ascending.</summary>
    public ReadOnlySpan<int> Ranks(int index) => _sets[index];

    public int Length(int index) => _sets.Length(index);

    public int SupportCount(int index) => _support[index];

    public double Support(int index) => (double)_support[index] / Transactions;

    public int ItemOf(int rank) => RankToItem[rank];

    /// <summary>The index of the itemset with these ranks (sorted ascending), or -1.</summary>
    public int IndexOf(ReadOnlySpan<int> sortedRanks) => _sets.IndexOf(sortedRanks);

    /// <summary>Item names of itemset <paramref name="index"/>, in ordinal order.</summary>
    public string[] Names(int index)
    {
        var ranks = _sets[index];
        var names = new string[ranks.Length];
        for (int i = 0; i < ranks.Length; i++) names[i] = Items[RankToItem[ranks[i]]];
        Array.Sort(names, StringComparer.Ordinal);
        return names;
    }

    /// <summary>Counts by itemset length: element k = number of frequent itemsets with k items (element 0 unused).</summary>
    public int[] CountsByLength()
    {
        int max = 0;
        for (int i = 0; i < Count; i++) max = Math.Max(max, Length(i));
        var counts = new int[max + 1];
        for (int i = 0; i < Count; i++) counts[Length(i)]++;
        return counts;
    }

    /// <summary>Adds an itemset given as ranks in any order (the span is sorted in place).</summary>
    internal void Add(Span<int> ranks, int count)
    {
        if (ranks.Length > 1) ranks.Sort();
        int index = _sets.Add(ranks);
        if (index == _support.Length) Array.Resize(ref _support, _support.Length * 2);
        _support[index] = count;
    }
}
