using System.Runtime.CompilerServices;

namespace Rapport.Analytics.Rules;

/// <summary>
/// Itemsets (sorted spans of item ranks) stored back to back in one int array, with an open-addressing hash index
/// from content to position: no object or string per itemset.
/// </summary>
internal sealed class ItemsetIndex
{
    private int[] _items = new int[1024];
    private int _itemCount;
    private int[] _starts = new int[257];
    private int _count;
    private int[] _slots = new int[512]; // itemset index + 1; 0 = empty
    private int _mask = 511;

    public int Count => _count;

    public ReadOnlySpan<int> this[int index] => _items.AsSpan(_starts[index], _starts[index + 1] - _starts[index]);

    public int Length(int index) => _starts[index + 1] - _starts[index];

    /// <summary>Adds a sorted itemset that is not yet present; returns its index.</summary>
    public int Add(ReadOnlySpan<int> sorted)
    {
        if (_itemCount + sorted.Length > _items.Length) Array.Resize(ref _items, Math.Max(_items.Length * 2, _itemCount + sorted.Length));
        if (_count + 2 > _starts.Length) Array.Resize(ref _starts, _starts.Length * 2);
        sorted.CopyTo(_items.AsSpan(_itemCount));
        _itemCount += sorted.Length;
        int index = _count++;
        _starts[index + 1] = _itemCount;
        if (_count * 2 > _slots.Length) Grow();
        else Insert(index, Hash(sorted));
        return index;
    }

    /// <summary>The index of the sorted itemset, or -1.</summary>
    public int IndexOf(ReadOnlySpan<int> sorted)
    {
        int slot = (int)Hash(sorted) & _mask;
        while (true)
        {
            int v = _slots[slot];
            if (v == 0) return -1;
            if (this[v - 1].SequenceEqual(sorted)) return v - 1;
            slot = (slot + 1) & _mask;
        }
    }

    private void Insert(int index, uint hash)
    {
        int slot = (int)hash & _mask;
        while (_slots[slot] != 0) slot = (slot + 1) & _mask;
        _slots[slot] = index + 1;
    }

    private void Grow()
    {
        _slots = new int[_slots.Length * 2];
        _mask = _slots.Length - 1;
        for (int i = 0; i < _count; i++) Insert(i, Hash(this[i]));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Hash(ReadOnlySpan<int> items)
    {
        ulong h = 0x9E3779B97F4A7C15UL ^ (ulong)items.Length;
        foreach (int x in items)
        {
            h = (h ^ (uint)x) * 0xFF51AFD7ED558CCDUL;
            h ^= h >> 29;
        }
        h *= 0xC4CEB9FE1A85EC53UL;
        return (uint)(h ^ (h >> 32));
    }
}
