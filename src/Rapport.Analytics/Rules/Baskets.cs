namespace Rapport.Analytics.Rules;

/// <summary>
/// A set of transactions (baskets) in compressed-row form: basket <c>b</c> holds the item ids
/// <c>Items[Offsets[b] .. Offsets[b + 1]]</c>, sorted ascending and without repeats. Empty baskets are kept (they count
/// in the support denominator, as in arules).
/// </summary>
public sealed class Baskets
{
    public Baskets(ItemDictionary items, int[] offsets, int[] itemIds)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(offsets);
        ArgumentNullException.ThrowIfNull(itemIds);
        if (offsets.Length == 0 || offsets[0] != 0 || offsets[^1] != itemIds.Length)
            throw new ArgumentException("offsets must start at 0 and end at the number of item occurrences", nameof(offsets));
        Items = items;
        Offsets = offsets;
        ItemIds = itemIds;
    }

    public ItemDictionary Items { get; }
    public int[] Offsets { get; }
    public int[] ItemIds { get; }

    public int Count => Offsets.Length - 1;

    /// <summary>Item occurrences over all baskets.</summary>
    public long Occurrences => ItemIds.Length;

    public ReadOnlySpan<int> this[int basket] => ItemIds.AsSpan(Offsets[basket], Offsets[basket + 1] - Offsets[basket]);

    /// <summary>Builds baskets from lists of item names (tests, small inputs); repeats inside a basket count once.</summary>
    public static Baskets FromNames(IEnumerable<IEnumerable<string>> baskets)
    {
        ArgumentNullException.ThrowIfNull(baskets);
        var builder = new BasketBuilder();
        foreach (var basket in baskets)
        {
            foreach (var item in basket) builder.Add(builder.Items.GetOrAdd(item));
            builder.EndBasket();
        }
        return builder.Build();
    }
}

/// <summary>Collects baskets one item at a time; each basket is sorted and de-duplicated when it ends.</summary>
public sealed class BasketBuilder
{
    private int[] _items = new int[1024];
    private int _itemCount;
    private int[] _offsets = new int[256];
    private int _basketCount;

    public BasketBuilder(ItemDictionary? items = null) => Items = items ?? new ItemDictionary();

    public ItemDictionary Items { get; }

    public int BasketCount => _basketCount;

    /// <summary>Repeats of an item inside the current basket seen so far (removed).</summary>
    public long Repeats { get; private set; }

    public void Add(int item)
    {
        if (_itemCount == _items.Length) Array.Resize(ref _items, _items.Length * 2);
        _items[_itemCount++] = item;
    }

    public void EndBasket()
    {
        int start = _offsets[_basketCount];
        int n = _itemCount - start;
        if (n > 1)
        {
            var span = _items.AsSpan(start, n);
            span.Sort();
            int w = 1;
            for (int r = 1; r < n; r++)
            {
                if (span[r] != span[w - 1]) span[w++] = span[r];
            }
            Repeats += n - w;
            _itemCount = start + w;
        }
        if (_basketCount + 2 > _offsets.Length) Array.Resize(ref _offsets, _offsets.Length * 2);
        _offsets[++_basketCount] = _itemCount;
    }

    public Baskets Build() => new(Items, _offsets[..(_basketCount + 1)], _items[.._itemCount]);
}
