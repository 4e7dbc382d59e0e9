using System.Runtime.InteropServices;
using System.Text;

namespace Rapport.Data.Bulk;

/// <summary>
/// A block of rows already turned into what SQLite stores: per value a storage class and either the integer, the
/// double's bits or the place of its UTF-8 text in one pinned buffer. Filling a batch (reading entities, converting
/// enums and JSON, formatting decimals and instants, encoding text) is the CPU-heavy half of a load and runs on its
/// own thread; the writer thread only binds the prepared values and steps SQLite.
/// </summary>
internal sealed class SqliteRowBatch(int columns, int capacity)
{
    public const byte Null = 0, Integer = 1, Real = 2, Text = 3, Blob = 4;

    public int Columns { get; } = columns;
    public int Capacity { get; } = capacity;
    /// <summary>Complete rows in the batch.</summary>
    public int Count { get; private set; }
    /// <summary>Number (from 1) of the batch's first row within its table, for error messages.</summary>
    public long FirstRow { get; set; }

    public readonly byte[] Kinds = new byte[columns * capacity];
    public readonly long[] Values = new long[columns * capacity];
    private int _next;
    // Pinned (allocated on the pinned object heap) so SQLite can read text from it in place while a statement steps.
    private byte[] _bytes = GC.AllocateUninitializedArray<byte>(1 << 20, pinned: true);
    private int _used;

    public bool IsFull => Count == Capacity;

    /// <summary>Address of the text/blob buffer; stable until the next <see cref="AddText(ReadOnlySpan{char})"/> grows it.</summary>
    public nint BytesAddress => Marshal.UnsafeAddrOfPinnedArrayElement(_bytes, 0);

    public void Clear()
    {
        Count = 0;
        _next = 0;
        _used = 0;
    }

    public void EndRow()
    {
        Count++;
        if (_next != Count * Columns) throw new InvalidOperationException($"a row gave {_next - (Count - 1) * Columns} values for {Columns} columns.");
    }

    public void AddNull()
    {
        Kinds[_next] = Null;
        Values[_next++] = 0;
    }

    public void AddInteger(long value)
    {
        Kinds[_next] = Integer;
        Values[_next++] = value;
    }

    public void AddReal(double value)
    {
        Kinds[_next] = Real;
        Values[_next++] = BitConverter.DoubleToInt64Bits(value);
    }

    /// <summary>Text as UTF-8, the database's encoding (the bytes Microsoft.Data.Sqlite would bind for the same string).</summary>
    public void AddText(ReadOnlySpan<char> text)
    {
        var length = Encoding.UTF8.GetBytes(text, Reserve(Encoding.UTF8.GetMaxByteCount(text.Length)));
        Add(Text, length);
    }

    public void AddBlob(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Reserve(bytes.Length));
        Add(Blob, bytes.Length);
    }

    private void Add(byte kind, int length)
    {
        Kinds[_next] = kind;
        Values[_next++] = (long)_used << 32 | (uint)length;
        _used += length;
    }

    private Span<byte> Reserve(int length)
    {
        if (_bytes.Length - _used < length)
        {
            var bigger = GC.AllocateUninitializedArray<byte>(Math.Max(_bytes.Length * 2, _used + length), pinned: true);
            _bytes.AsSpan(0, _used).CopyTo(bigger);
            _bytes = bigger;
        }
        return _bytes.AsSpan(_used, length);
    }
}
