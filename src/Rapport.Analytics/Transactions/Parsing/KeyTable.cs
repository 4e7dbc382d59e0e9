using System.Buffers.Binary;
using System.Collections;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Rapport.Analytics.Transactions.Parsing;

/// <summary>Seeded 64-bit hash of short byte strings (keys, lines); the seed is random per reader.</summary>
internal static class KeyHasher
{
    private const ulong Golden = 0x9E3779B97F4A7C15;
    private const ulong M1 = 0xff51afd7ed558ccd;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Hash(ReadOnlySpan<byte> key, ulong seed)
    {
        int n = key.Length;
        if (n <= 8) return Mix(Pack(key) ^ seed ^ ((ulong)n * Golden));
        return HashLong(key, seed);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ulong HashLong(ReadOnlySpan<byte> key, ulong seed)
    {
        int n = key.Length;
        ulong h = seed ^ ((ulong)n * Golden);
        ref byte r = ref MemoryMarshal.GetReference(key);
        int i = 0;
        for (; i + 8 <= n; i += 8) h = BitOperations.RotateLeft((h ^ Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref r, i))) * M1, 29);
        // The tail: the last 8 bytes (overlapping what came before).
        if (i < n) h = BitOperations.RotateLeft((h ^ Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref r, n - 8))) * M1, 29);
        return Mix(h);
    }

    /// <summary>Up to 8 bytes, little-endian, zero-padded (without a copy: two overlapping reads).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Pack(ReadOnlySpan<byte> key)
    {
        int n = key.Length;
        ref byte r = ref MemoryMarshal.GetReference(key);
        if (n >= 4)
        {
            if (n == 8) return Unsafe.ReadUnaligned<ulong>(ref r);
            ulong lo = Unsafe.ReadUnaligned<uint>(ref r);
            ulong hi = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref r, n - 4));
            return lo | (hi << ((n - 4) * 8));
        }
        if (n >= 2)
        {
            ulong lo = Unsafe.ReadUnaligned<ushort>(ref r);
            ulong hi = Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref r, n - 2));
            return lo | (hi << ((n - 2) * 8));
        }
        return n == 1 ? r : 0UL;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mix(ulong x)
    {
        x ^= x >> 33;
        x *= M1;
        x ^= x >> 33;
        x *= 0xc4ceb9fe1a85ec53;
        x ^= x >> 33;
        return x;
    }
}

/// <summary>
/// Interns byte-string keys into dense indexes 0, 1, 2, … in order of first appearance. Open addressing with linear
/// probing, home slot from the hash's top bits. A slot (16 bytes) holds the hash's top 28 bits, the length class, the
/// entry number and a key of up to 8 bytes itself (a longer key's arena offset), so a lookup of a short key costs one
/// memory access; growing needs no rehashing: slots are re-inserted in order, which writes the new table almost
/// sequentially. Entries (for reading keys back by index) keep short keys in an array of <see cref="ulong"/>, longer
/// keys in one byte arena. About 35–60 bytes per distinct key; at most 2^28 slots (~188 million keys).
/// Not thread-safe: one writer.
/// </summary>
internal sealed class KeyTable
{
    private const int LongCode = 15;
    private const ulong TagMask = 0xFFFFFFFF00000000UL;

    /// <summary>A slot: fingerprint, length class and entry number; and the key itself when short (else its arena offset).</summary>
    private struct Slot
    {
        public ulong Meta;
        public ulong Packed;
    }

    private Slot[] _slots;
    private int _shift;
    private int _mask;
    private ulong[] _packed;   // short key bytes, or arena offset of a long key
    private int[] _length;
    private byte[] _arena = [];
    private long _arenaUsed;
    private int _slotted; // keys in the hash slots
    private readonly ulong _seed;

    // Ascending fast path (order keys): keys that arrive in increasing (length, bytes) order, as invoice numbers
    // usually do, are known to be new without touching the hash slots; they are kept in a sorted list instead.
    private bool _ascending;
    private int[] _ascEntries = [];
    private int _ascCount;
    private int _hashInserts;

    /// <param name="seed">Hash seed (the same as the one the hashes passed in were made with).</param>
    /// <param name="initialCapacity">Expected keys.</param>
    /// <param name="ascendingFastPath">
    /// Expect keys mostly in increasing order (invoice numbers): a key greater than every key so far is added without a
    /// hash lookup. If more than 1/8 of the keys do not follow the order, the table falls back to hashing alone.
    /// </param>
    public KeyTable(ulong seed, int initialCapacity = 1024, bool ascendingFastPath = false)
    {
        _seed = seed;
        _ascending = ascendingFastPath;
        int bits = 4;
        while ((1 << bits) < initialCapacity * 2 && bits < 28) bits++;
        _slots = new Slot[1 << bits];
        _mask = (1 << bits) - 1;
        _shift = 64 - bits;
        _packed = new ulong[Math.Max(16, initialCapacity)];
        _length = new int[_packed.Length];
    }

    public int Count { get; private set; }

    /// <summary>Bytes held (slots, entries, arena), for memory estimates.</summary>
    public long BytesHeld => (long)_slots.Length * 16 + (long)_packed.Length * 12 + _arena.Length;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Tag(ulong hash, int length) =>
        (hash & 0xFFFFFFF000000000UL) | ((ulong)(length <= 8 ? length : LongCode) << 32);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int GetOrAdd(ReadOnlySpan<byte> key, ulong hash)
    {
        if (_ascending) return GetOrAddAscending(key, hash);
        return GetOrAddHashed(key, hash);
    }

    private int GetOrAddAscending(ReadOnlySpan<byte> key, ulong hash)
    {
        int c = _ascCount == 0 ? 1 : Compare(key, _ascEntries[_ascCount - 1]);
        if (c == 0) return _ascEntries[_ascCount - 1];
        if (c > 0)
        {
            int e = AddEntry(key, KeyHasher.Pack(key));
            if (_ascCount == _ascEntries.Length) Array.Resize(ref _ascEntries, Math.Max(1024, _ascCount * 2));
            _ascEntries[_ascCount++] = e;
            return e;
        }
        int lo = 0, hi = _ascCount - 2;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            int cmp = Compare(key, _ascEntries[mid]);
            if (cmp == 0) return _ascEntries[mid];
            if (cmp < 0) hi = mid - 1;
            else lo = mid + 1;
        }
        int before = Count;
        int index = GetOrAddHashed(key, hash);
        if (Count > before && ++_hashInserts > 64 && _hashInserts * 8L > Count) LeaveAscending();
        return index;
    }

    /// <summary>Out-of-order keys are too common: move the sorted keys into the hash slots and hash from now on.</summary>
    private void LeaveAscending()
    {
        _ascending = false;
        Span<byte> scratch = stackalloc byte[8];
        for (int i = 0; i < _ascCount; i++)
        {
            int e = _ascEntries[i];
            var key = GetKey(e, scratch);
            ulong hash = KeyHasher.Hash(key, _seed);
            int pos = (int)(hash >> _shift);
            while (_slots[pos].Meta != 0) pos = (pos + 1) & _mask;
            _slots[pos].Meta = Tag(hash, key.Length) | (uint)(e + 1);
            _slots[pos].Packed = _packed[e];
            _slotted++;
            if (_slotted * 10L > _slots.Length * 7L) Grow();
        }
        _ascEntries = [];
        _ascCount = 0;
    }

    /// <summary>Orders keys by length, then bytes (numeric order for invoice numbers without leading zeros).</summary>
    private int Compare(ReadOnlySpan<byte> key, int e)
    {
        int len = _length[e];
        if (key.Length != len) return key.Length < len ? -1 : 1;
        var other = len <= 8 ? MemoryMarshal.AsBytes(new ReadOnlySpan<ulong>(ref _packed[e]))[..len] : _arena.AsSpan((int)_packed[e], len);
        return key.SequenceCompareTo(other);
    }

    private int GetOrAddHashed(ReadOnlySpan<byte> key, ulong hash)
    {
        int len = key.Length;
        ulong tag = Tag(hash, len);
        var slots = _slots;
        int mask = _mask;
        int pos = (int)(hash >> _shift);
        if (len <= 8)
        {
            ulong packed = KeyHasher.Pack(key);
            while (true)
            {
                ref var s = ref slots[pos];
                if (s.Meta == 0) return Insert(key, packed, tag, pos);
                if ((s.Meta & TagMask) == tag && s.Packed == packed) return (int)(uint)s.Meta - 1;
                pos = (pos + 1) & mask;
            }
        }
        while (true)
        {
            ref var s = ref slots[pos];
            if (s.Meta == 0) return Insert(key, 0, tag, pos);
            if ((s.Meta & TagMask) == tag)
            {
                int e = (int)(uint)s.Meta - 1;
                if (_length[e] == len && _arena.AsSpan((int)s.Packed, len).SequenceEqual(key)) return e;
            }
            pos = (pos + 1) & mask;
        }
    }

    private int Insert(ReadOnlySpan<byte> key, ulong packed, ulong tag, int pos)
    {
        int e = AddEntry(key, packed);
        _slots[pos].Meta = tag | (uint)(e + 1);
        _slots[pos].Packed = _packed[e];
        _slotted++;
        if (_slotted * 10L > _slots.Length * 7L) Grow();
        return e;
    }

    /// <summary>Stores a new key as the next entry (short keys inline, long ones in the arena).</summary>
    private int AddEntry(ReadOnlySpan<byte> key, ulong packed)
    {
        int e = Count;
        if (e == int.MaxValue - 1) throw new InvalidOperationException("Too many distinct keys.");
        if (e == _packed.Length)
        {
            int newSize = (int)Math.Min(Array.MaxLength, (long)_packed.Length * 2);
            Array.Resize(ref _packed, newSize);
            Array.Resize(ref _length, newSize);
        }
        if (key.Length > 8)
        {
            if (_arenaUsed + key.Length > _arena.Length)
            {
                long want = Math.Max(_arena.Length * 2L, _arenaUsed + key.Length + 4096);
                if (want > Array.MaxLength)
                {
                    if (_arenaUsed + key.Length > Array.MaxLength) throw new InvalidOperationException("Distinct keys exceed 2 GB.");
                    want = Array.MaxLength;
                }
                Array.Resize(ref _arena, (int)want);
            }
            key.CopyTo(_arena.AsSpan((int)_arenaUsed));
            packed = (ulong)_arenaUsed;
            _arenaUsed += key.Length;
        }
        _packed[e] = packed;
        _length[e] = key.Length;
        Count = e + 1;
        return e;
    }

    private void Grow()
    {
        int bits = 64 - _shift + 1;
        if (bits > 28) throw new InvalidOperationException("Too many distinct keys (more than 188 million).");
        var old = _slots;
        var slots = new Slot[1 << bits];
        int mask = (1 << bits) - 1;
        int shift = 64 - bits;
        // Old slots in order have (nearly) increasing home positions, so the new table is written almost sequentially.
        foreach (var s in old)
        {
            if (s.Meta == 0) continue;
            int pos = (int)(s.Meta >> shift);
            while (slots[pos].Meta != 0) pos = (pos + 1) & mask;
            slots[pos] = s;
        }
        _slots = slots;
        _mask = mask;
        _shift = shift;
    }

    /// <summary>
    /// Reads the home slot of a hash (which holds a short key itself) so that a later <see cref="GetOrAdd"/> finds it in
    /// cache. Touching a block of upcoming keys first lets the processor overlap the cache misses (no prefetch
    /// instruction without unsafe code); the return value only keeps the reads from being optimised away.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Touch(ulong hash)
    {
        if (_ascending) return 0;
        return _slots[(int)(hash >> _shift)].Meta;
    }

    /// <summary>The key's bytes; <paramref name="scratch"/> (8 bytes) holds short keys.</summary>
    public ReadOnlySpan<byte> GetKey(int index, Span<byte> scratch)
    {
        int len = _length[index];
        if (len > 8) return _arena.AsSpan((int)_packed[index], len);
        BinaryPrimitives.WriteUInt64LittleEndian(scratch, _packed[index]);
        return scratch[..len];
    }

    public ulong Hash(ReadOnlySpan<byte> key) => KeyHasher.Hash(key, _seed);
}

/// <summary>
/// The keys of a <see cref="KeyTable"/> as strings, decoded on first access with the file's encoding. Safe to read
/// from the enumerating thread while the interning thread adds keys (for indexes already handed out).
/// </summary>
internal sealed class KeyList : IReadOnlyList<string>
{
    private readonly KeyTable _table;
    private readonly Lock _lock = new();
    private string?[] _cache = [];
    private Encoding _encoding;

    public KeyList(KeyTable table, Encoding encoding)
    {
        _table = table;
        _encoding = encoding;
    }

    /// <summary>Switches the decoding (auto-detected Latin-1 discovered late); forgets strings decoded so far.</summary>
    public void SetEncoding(Encoding encoding)
    {
        lock (_lock)
        {
            if (ReferenceEquals(encoding, _encoding)) return;
            _encoding = encoding;
            Array.Clear(_cache);
        }
    }

    public int Count => _table.Count;

    public string this[int index]
    {
        get
        {
            if ((uint)index >= (uint)_table.Count) throw new ArgumentOutOfRangeException(nameof(index));
            lock (_lock)
            {
                if (index >= _cache.Length) Array.Resize(ref _cache, Math.Max(index + 1, Math.Min(_table.Count, Math.Max(16, _cache.Length * 2))));
                return _cache[index] ??= _encoding.GetString(_table.GetKey(index, stackalloc byte[8]));
            }
        }
    }

    public IEnumerator<string> GetEnumerator()
    {
        for (int i = 0; i < Count; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
