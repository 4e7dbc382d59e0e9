using System.Runtime.CompilerServices;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text.Unicode;

namespace Rapport.Analytics.Transactions.Parsing;

/// <summary>Everything a parsing thread needs; immutable and shared.</summary>
internal sealed class ParseSettings
{
    public required string Path { get; init; }
    public required byte Delimiter { get; init; }
    public required int Customer { get; init; }
    public required int Date { get; init; }
    public required int Amount { get; init; }
    public required int Quantity { get; init; }
    public required int Price { get; init; }
    public required int Invoice { get; init; }
    public required int Item { get; init; }
    public required IReadOnlyList<string> ColumnNames { get; init; }
    public required DateParser Dates { get; init; }
    public required bool DecimalComma { get; init; }
    public required byte[] CancelPrefix { get; init; }
    public required bool KeepReturns { get; init; }
    public required bool KeepZeroAmounts { get; init; }
    public required int MaxLineLength { get; init; }
    public required ulong KeySeed { get; init; }
    public required ulong LineSeed { get; init; }
    public required bool ValidateUtf8 { get; init; }

    /// <summary>Fields to split per record (highest used column + 1).</summary>
    public int FieldCount => Math.Max(Math.Max(Math.Max(Customer, Date), Math.Max(Amount, Quantity)), Math.Max(Math.Max(Price, Invoice), Item)) + 1;

    /// <summary>Required columns in the order they are checked for <see cref="RejectReason.TooFewFields"/>.</summary>
    public int[] RequiredColumns => new[] { Customer, Invoice, Date, Amount, Quantity, Price }.Where(c => c >= 0).ToArray();
}

/// <summary>Where a key lies in the chunk (or, when <see cref="Start"/> is negative, in the side buffer) and its hash.</summary>
internal struct KeyRef
{
    public int Start, Length;
    public ulong Hash;
}

/// <summary>A rejected row; when its customer was valid, where the key is (so the customer is still registered) and how many used rows precede it in the chunk.</summary>
internal readonly record struct RejectRow(long Line, RejectReason Reason, int Column, int RawStart, int RawLength,
    int CustStart, int CustLen, ulong CustHash, int UsedBefore);

/// <summary>
/// One chunk of the file (whole records) and what its parser found. Used rows are written straight into
/// <see cref="Lines"/>, with placeholders instead of key indexes: <see cref="SameKey"/> (same key as the row before) or
/// the number of a key event in <see cref="Customers"/>/<see cref="Orders"/>/<see cref="Items"/> (a key that changed);
/// the interning stage replaces them with dense indexes in place. Orders and items use -1 for "none".
/// </summary>
internal sealed class ParsedBatch
{
    public const int SameKey = int.MinValue;

    public byte[] Buffer = [];
    public int Length;
    public long StartLine;
    public long Index;
    public TransactionLine[] Lines = new TransactionLine[4096];
    public int RowCount;
    public KeyRef[] Customers = new KeyRef[1024], Orders = new KeyRef[1024], Items = new KeyRef[1024];
    public int CustomerCount, OrderCount, ItemCount;
    public readonly List<RejectRow> Rejects = new();
    public byte[] Side = new byte[1024];
    public int SideUsed;
    public long RowsRead, BlankLines, Returns, MissingItem, DuplicatesWithin, ZeroAmounts;
    public double ReturnsAmount, TotalAmount;
    /// <summary>Rows [0, FirstRunEnd) are the chunk's first run (one customer); their line hashes and whether the parser found them duplicated.</summary>
    public int FirstRunEnd;
    public readonly List<(ulong Hash, bool Duplicate)> FirstRun = new();
    /// <summary>Line hashes of the chunk's last run.</summary>
    public readonly List<ulong> LastRun = new();
    public int MinDay, MaxDay;
    public bool Utf8Valid;

    public void Reset(byte[] buffer, int length, long startLine, long index)
    {
        Buffer = buffer;
        Length = length;
        StartLine = startLine;
        Index = index;
        RowCount = CustomerCount = OrderCount = ItemCount = 0;
        Rejects.Clear();
        FirstRun.Clear();
        LastRun.Clear();
        SideUsed = 0;
        RowsRead = BlankLines = Returns = MissingItem = DuplicatesWithin = ZeroAmounts = 0;
        ReturnsAmount = TotalAmount = 0;
        FirstRunEnd = -1;
        MinDay = int.MaxValue;
        MaxDay = int.MinValue;
        Utf8Valid = true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<byte> Key(int start, int length) =>
        start >= 0 ? new ReadOnlySpan<byte>(Buffer, start, length) : new ReadOnlySpan<byte>(Side, ~start, length);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<byte> Key(in KeyRef k) => Key(k.Start, k.Length);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Add(ref KeyRef[] events, ref int count, int start, int length, ulong hash)
    {
        if (count == events.Length) Array.Resize(ref events, events.Length * 2);
        ref var e = ref events[count];
        e.Start = start;
        e.Length = length;
        e.Hash = hash;
        return count++;
    }
}

/// <summary>
/// Detects rows identical to an earlier row of the current run (consecutive rows of one customer) by a 64-bit hash of
/// the line. Small runs use a linear scan, long runs a set; the look-back is capped.
/// </summary>
internal sealed class RunDuplicateTracker
{
    public const int Cap = 100_000;
    private const int Small = 32;
    private readonly ulong[] _small = new ulong[Small];
    private int _n;
    private HashSet<ulong>? _set;
    private bool _useSet;

    public void Reset()
    {
        _n = 0;
        if (_useSet)
        {
            if (_set!.Count > 4096) _set = null;
            else _set.Clear();
            _useSet = false;
        }
    }

    /// <summary>Adds the hash; true when it was already in the run.</summary>
    public bool Add(ulong h)
    {
        if (!_useSet)
        {
            for (int i = 0; i < _n; i++)
            {
                if (_small[i] == h) return true;
            }
            if (_n < Small)
            {
                _small[_n++] = h;
                return false;
            }
            _set ??= new HashSet<ulong>();
            _set.Clear();
            for (int i = 0; i < _n; i++) _set.Add(_small[i]);
            _useSet = true;
        }
        if (_set!.Count >= Cap) return _set.Contains(h);
        return !_set.Add(h);
    }
}

/// <summary>Parses one chunk: splits records, checks and converts fields, records rejects. Runs on worker threads.</summary>
internal sealed class ChunkParser
{
    private readonly ParseSettings s;
    private readonly ParsedBatch b;
    private readonly int[] required;
    private readonly int requiredMax;
    private readonly RunDuplicateTracker tracker = new();
    private readonly byte[] cancel;
    private readonly bool hasQuotes;
    private int prevCustStart, prevCustLen = -1, prevOrderStart, prevOrderLen = -1;
    private int prevDateStart, prevDateLen = -1, prevDay;

    private ChunkParser(ParseSettings settings, ParsedBatch batch, bool quotes)
    {
        s = settings;
        b = batch;
        required = settings.RequiredColumns;
        requiredMax = required.Max();
        cancel = settings.CancelPrefix;
        hasQuotes = quotes;
    }

    public static void Parse(ParseSettings s, ParsedBatch b)
    {
        var buf = b.Buffer.AsSpan(0, b.Length);
        bool hasQuotes = buf.IndexOf((byte)'"') >= 0;
        if (s.ValidateUtf8) b.Utf8Valid = Utf8.IsValid(buf);
        var p = new ChunkParser(s, b, hasQuotes);
        if (!hasQuotes && s.Delimiter != CsvTokenizer.Whitespace && Vector256.IsHardwareAccelerated) p.ScanUnquoted(buf);
        else p.ScanGeneral(buf);
        if (b.FirstRunEnd < 0) b.FirstRunEnd = b.RowCount;
    }

    /// <summary>
    /// Unquoted delimited chunks: one vectorised pass finds every delimiter and newline (32 bytes at a time); fields
    /// are cut from those positions without a search per field.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ScanUnquoted(ReadOnlySpan<byte> buf)
    {
        var fields = new FieldRef[s.FieldCount];
        int nWanted = fields.Length;
        byte d = s.Delimiter;
        var vd = Vector256.Create(d);
        var vn = Vector256.Create((byte)'\n');
        int n = buf.Length;
        long line = b.StartLine;
        int recStart = 0, fieldStart = 0, field = 0;
        ref byte r0 = ref MemoryMarshal.GetReference(buf);
        for (int blk = 0; blk < n; blk += 32)
        {
            uint mask;
            if (blk + 32 <= n)
            {
                var v = Vector256.LoadUnsafe(ref r0, (nuint)blk);
                mask = (Vector256.Equals(v, vd) | Vector256.Equals(v, vn)).ExtractMostSignificantBits();
            }
            else
            {
                mask = 0;
                for (int k = blk; k < n; k++)
                {
                    byte c = buf[k];
                    if (c == d || c == (byte)'\n') mask |= 1u << (k - blk);
                }
            }
            while (mask != 0)
            {
                int p = blk + BitOperations.TrailingZeroCount(mask);
                mask &= mask - 1;
                bool eol = Unsafe.Add(ref r0, p) == (byte)'\n';
                int fieldEnd = eol && p > fieldStart && Unsafe.Add(ref r0, p - 1) == (byte)'\r' ? p - 1 : p;
                if (field < nWanted) SetField(buf, ref fields[field], recStart, fieldStart, fieldEnd, d);
                field++;
                fieldStart = p + 1;
                if (!eol) continue;
                Record(buf, recStart, fieldEnd - recStart, line, fields, Math.Min(field, nWanted));
                line++;
                recStart = fieldStart;
                field = 0;
            }
        }
        if (recStart < n)
        {
            int fieldEnd = n > fieldStart && buf[n - 1] == (byte)'\r' ? n - 1 : n;
            if (field < nWanted) SetField(buf, ref fields[field], recStart, fieldStart, fieldEnd, d);
            field++;
            Record(buf, recStart, fieldEnd - recStart, line, fields, Math.Min(field, nWanted));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SetField(ReadOnlySpan<byte> buf, ref FieldRef f, int recStart, int start, int end, byte delimiter)
    {
        // Trimmed like CsvTokenizer does: spaces, and tabs unless tab is the delimiter.
        while (start < end && (buf[start] == (byte)' ' || (buf[start] == (byte)'\t' && delimiter != (byte)'\t'))) start++;
        while (end > start && (buf[end - 1] == (byte)' ' || (buf[end - 1] == (byte)'\t' && delimiter != (byte)'\t'))) end--;
        f.Start = start - recStart;
        f.Length = end - start;
        f.Escaped = false;
        f.BadQuoting = false;
    }

    /// <summary>Quoted chunks and whitespace-delimited files: record by record with the full tokenizer.</summary>
    private void ScanGeneral(ReadOnlySpan<byte> buf)
    {
        var fields = new FieldRef[s.FieldCount];
        byte delimiter = s.Delimiter;
        long line = b.StartLine;
        int pos = 0;
        while (pos < buf.Length)
        {
            int end, inner = 0;
            if (!hasQuotes)
            {
                int rel = buf[pos..].IndexOf((byte)'\n');
                end = rel < 0 ? buf.Length : pos + rel;
            }
            else
            {
                end = CsvTokenizer.FindRecordEnd(buf, pos, delimiter, true, out inner);
                if (end == CsvTokenizer.InsideQuotes) throw new TransactionFileException(s.Path, line, null, "a quoted field is never closed (missing '\"')");
                if (end < 0) end = buf.Length;
            }
            int len = end - pos;
            if (len > 0 && buf[pos + len - 1] == (byte)'\r') len--;
            int nf = len > s.MaxLineLength ? 0 : CsvTokenizer.Split(buf.Slice(pos, len), delimiter, fields);
            Record(buf, pos, len, line, fields, nf);
            line += 1 + inner;
            pos = end + 1;
        }
    }

    /// <summary>Checks and converts one record whose fields have been cut.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Record(ReadOnlySpan<byte> buf, int recPos, int len, long recLine, FieldRef[] fields, int nf)
    {
        if (len > s.MaxLineLength) ThrowTooLong(recLine);
        var rec = buf.Slice(recPos, len);
        _line = recLine;
        _recPos = recPos;
        _len = len;
        _custLen = -1;
        if (nf <= 1 && (rec.IsEmpty || CsvTokenizer.IsBlank(rec)))
        {
            b.BlankLines++;
            return;
        }
        b.RowsRead++;

        if (hasQuotes)
        {
            int bad = -1;
            for (int i = 0; i < nf; i++)
            {
                if (fields[i].BadQuoting) { bad = i; break; }
            }
            if (bad >= 0) { RejectN(RejectReason.BadQuoting, bad); return; }
        }
        if (nf <= requiredMax)
        {
            RejectTooFew(nf);
            return;
        }

        // Customer.
        KeyField(b, rec, recPos, fields[s.Customer], out int custStart, out int custLen);
        if (custLen == 0 || IsNullMarker(b.Key(custStart, custLen)))
        {
            RejectN(RejectReason.MissingCustomer, s.Customer);
            return;
        }
        custLen = TrimDecimalZero(b.Key(custStart, custLen));
        _custStart = custStart;
        _custLen = custLen;

        // Invoice.
        int orderStart = 0, orderLen = -1;
        if (s.Invoice >= 0)
        {
            KeyField(b, rec, recPos, fields[s.Invoice], out orderStart, out orderLen);
            var order = b.Key(orderStart, orderLen);
            if (cancel.Length > 0 && order.Length >= cancel.Length && order[0] == cancel[0] && order.StartsWith(cancel))
            {
                RejectC(RejectReason.Cancelled, s.Invoice);
                return;
            }
            if (orderLen == 0)
            {
                RejectC(RejectReason.MissingInvoice, s.Invoice);
                return;
            }
        }

        // Date.
        var df = fields[s.Date];
        var dateRaw = rec.Slice(df.Start, df.Length);
        int dl = 0, dr = dateRaw.Length;
        while (dl < dr && dateRaw[dl] == (byte)' ') dl++;
        while (dr > dl && dateRaw[dr - 1] == (byte)' ') dr--;
        var dateSpan = dateRaw[dl..dr];
        int day;
        if (dateSpan.Length == prevDateLen && SameBytes(dateSpan, buf.Slice(prevDateStart, prevDateLen)))
        {
            day = prevDay;
        }
        else if (dateSpan.Length > 0 && !df.Escaped && s.Dates.TryParse(dateSpan, out day))
        {
            prevDateStart = recPos + df.Start + dl;
            prevDateLen = dateSpan.Length;
            prevDay = day;
        }
        else
        {
            RejectC(RejectReason.BadDate, s.Date);
            return;
        }

        // Numbers.
        double amount, quantity = 1;
        if (s.Amount >= 0)
        {
            if (!Number(buf, recPos, fields[s.Amount], s.DecimalComma, out amount)) { RejectC(RejectReason.BadNumber, s.Amount); return; }
            if (s.Quantity >= 0 && !Number(buf, recPos, fields[s.Quantity], s.DecimalComma, out quantity)) { RejectC(RejectReason.BadNumber, s.Quantity); return; }
            if (amount == 0)
            {
                if (!s.KeepZeroAmounts) { RejectC(RejectReason.ZeroPrice, s.Amount); return; }
                b.ZeroAmounts++;
            }
        }
        else
        {
            if (!Number(buf, recPos, fields[s.Quantity], s.DecimalComma, out quantity)) { RejectC(RejectReason.BadNumber, s.Quantity); return; }
            if (!Number(buf, recPos, fields[s.Price], s.DecimalComma, out double price)) { RejectC(RejectReason.BadNumber, s.Price); return; }
            if (price < 0) { RejectC(RejectReason.NegativePrice, s.Price); return; }
            if (quantity == 0) { RejectC(RejectReason.ZeroQuantity, s.Quantity); return; }
            if (price == 0)
            {
                if (!s.KeepZeroAmounts) { RejectC(RejectReason.ZeroPrice, s.Price); return; }
                b.ZeroAmounts++;
            }
            amount = quantity * price;
        }
        if (!double.IsFinite(amount))
        {
            RejectC(RejectReason.BadNumber, s.Amount >= 0 ? s.Amount : s.Price);
            return;
        }
        if (amount < 0)
        {
            if (!s.KeepReturns)
            {
                RejectC(RejectReason.Return, s.Amount >= 0 ? s.Amount : s.Quantity);
                return;
            }
            b.Returns++;
            b.ReturnsAmount += amount;
        }

        // Item (optional).
        int itemStart = 0, itemLen = -1;
        if (s.Item >= 0)
        {
            if (s.Item < nf) KeyField(b, rec, recPos, fields[s.Item], out itemStart, out itemLen);
            if (itemLen <= 0)
            {
                itemLen = -1;
                b.MissingItem++;
            }
        }

        Accept(rec, custStart, custLen, orderStart, orderLen, itemStart, itemLen, day, amount, quantity);
    }

    private void Accept(ReadOnlySpan<byte> rec, int custStart, int custLen, int orderStart, int orderLen, int itemStart, int itemLen,
        int day, double amount, double quantity)
    {
        if (b.RowCount == b.Lines.Length) Array.Resize(ref b.Lines, b.Lines.Length * 2);
        int idx = b.RowCount++;
        var cust = b.Key(custStart, custLen);
        int custRef;
        bool sameCustomer = custLen == prevCustLen && SameBytes(cust, b.Key(prevCustStart, prevCustLen));
        if (sameCustomer)
        {
            custRef = ParsedBatch.SameKey;
        }
        else
        {
            custRef = ParsedBatch.Add(ref b.Customers, ref b.CustomerCount, custStart, custLen, KeyHasher.Hash(cust, s.KeySeed));
            prevCustStart = custStart;
            prevCustLen = custLen;
        }
        int orderRef = -1;
        if (orderLen >= 0)
        {
            var order = b.Key(orderStart, orderLen);
            if (orderLen == prevOrderLen && SameBytes(order, b.Key(prevOrderStart, prevOrderLen)))
            {
                orderRef = ParsedBatch.SameKey;
            }
            else
            {
                orderRef = ParsedBatch.Add(ref b.Orders, ref b.OrderCount, orderStart, orderLen, KeyHasher.Hash(order, s.KeySeed));
                prevOrderStart = orderStart;
                prevOrderLen = orderLen;
            }
        }
        int itemRef = itemLen >= 0
            ? ParsedBatch.Add(ref b.Items, ref b.ItemCount, itemStart, itemLen, KeyHasher.Hash(b.Key(itemStart, itemLen), s.KeySeed))
            : -1;
        b.Lines[idx] = new TransactionLine(custRef, day, amount, orderRef, itemRef, quantity);

        // Duplicate lines within the run of this customer's consecutive rows.
        ulong lineHash = KeyHasher.Hash(rec, s.LineSeed);
        bool duplicate = false;
        if (sameCustomer)
        {
            if (tracker.Add(lineHash))
            {
                duplicate = true;
                b.DuplicatesWithin++;
            }
        }
        else
        {
            tracker.Reset();
            tracker.Add(lineHash);
            if (idx > 0 && b.FirstRunEnd < 0) b.FirstRunEnd = idx;
            b.LastRun.Clear();
        }
        if (b.FirstRunEnd < 0) b.FirstRun.Add((lineHash, duplicate));
        b.LastRun.Add(lineHash);
        b.TotalAmount += amount;
        if (day < b.MinDay) b.MinDay = day;
        if (day > b.MaxDay) b.MaxDay = day;
    }

    // The record being checked (for rejects).
    private long _line;
    private int _recPos, _len, _custStart, _custLen;

    /// <summary>Rejects the current record before its customer is known.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RejectN(RejectReason reason, int column) =>
        b.Rejects.Add(new RejectRow(_line, reason, column, _recPos, _len, 0, -1, 0, b.RowCount));

    /// <summary>Rejects the current record whose customer is valid: the customer is still registered.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RejectC(RejectReason reason, int column) =>
        b.Rejects.Add(new RejectRow(_line, reason, column, _recPos, _len, _custStart, _custLen,
            KeyHasher.Hash(b.Key(_custStart, _custLen), s.KeySeed), b.RowCount));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RejectTooFew(int fieldsFound) => RejectN(RejectReason.TooFewFields, required.First(c => c >= fieldsFound));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowTooLong(long line) =>
        throw new TransactionFileException(s.Path, line, null, $"line longer than {s.MaxLineLength:N0} bytes (MaxLineLength)");

    /// <summary>Position of a key: in the chunk, or (for quoted fields with doubled quotes) unescaped into the side buffer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void KeyField(ParsedBatch b, ReadOnlySpan<byte> rec, int recPos, in FieldRef f, out int start, out int length)
    {
        var content = rec.Slice(f.Start, f.Length);
        int lead = 0, trail = content.Length;
        while (lead < trail && content[lead] == (byte)' ') lead++;
        while (trail > lead && content[trail - 1] == (byte)' ') trail--;
        content = content[lead..trail];
        if (!f.Escaped)
        {
            start = recPos + f.Start + lead;
            length = content.Length;
            return;
        }
        if (b.SideUsed + content.Length > b.Side.Length) Array.Resize(ref b.Side, Math.Max(b.Side.Length * 2, b.SideUsed + content.Length));
        int n = CsvTokenizer.Unescape(content, b.Side.AsSpan(b.SideUsed));
        start = ~b.SideUsed;
        length = n;
        b.SideUsed += n;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Number(ReadOnlySpan<byte> buf, int recPos, in FieldRef f, bool decimalComma, out double value)
    {
        if (f.Escaped) { value = 0; return false; }
        int start = recPos + f.Start, length = f.Length;
        if (length > 0 && (buf[start] == (byte)' ' || buf[start + length - 1] == (byte)' '))
            return NumberParser.TryParse(buf.Slice(start, length).Trim((byte)' '), decimalComma, out value);
        return NumberParser.TryParse(buf.Slice(start, length), decimalComma, out value);
    }

    /// <summary>Equal bytes (of equal lengths); keys and dates of up to 16 bytes without a call.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool SameBytes(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        int n = a.Length;
        if (n <= 8) return KeyHasher.Pack(a) == KeyHasher.Pack(b);
        if (n <= 16)
        {
            ref byte ra = ref MemoryMarshal.GetReference(a);
            ref byte rb = ref MemoryMarshal.GetReference(b);
            return Unsafe.ReadUnaligned<ulong>(ref ra) == Unsafe.ReadUnaligned<ulong>(ref rb)
                && Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref ra, n - 8)) == Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref rb, n - 8));
        }
        return a.SequenceEqual(b);
    }

    /// <summary>NULL, NA, N/A, NaN, None, #N/A (any case).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsNullMarker(ReadOnlySpan<byte> key) =>
        key.Length is >= 2 and <= 4 && ((key[0] | 0x20) == (byte)'n' || key[0] == (byte)'#') && IsNullMarkerSlow(key);

    private static bool IsNullMarkerSlow(ReadOnlySpan<byte> key)
    {
        Span<byte> lower = stackalloc byte[4];
        for (int i = 0; i < key.Length; i++) lower[i] = (byte)(key[i] | (key[i] is >= (byte)'A' and <= (byte)'Z' ? 0x20 : 0));
        var l = lower[..key.Length];
        return l.SequenceEqual("null"u8) || l.SequenceEqual("na"u8) || l.SequenceEqual("n/a"u8) || l.SequenceEqual("nan"u8)
            || l.SequenceEqual("none"u8) || l.SequenceEqual("#n/a"u8);
    }

    /// <summary>"12345.0" (an integer id exported as a float) → length of "12345"; other keys unchanged.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int TrimDecimalZero(ReadOnlySpan<byte> key)
    {
        int i = key.Length - 1;
        if (i < 2 || key[i] != (byte)'0') return key.Length;
        while (i > 0 && key[i] == (byte)'0') i--;
        if (key[i] != (byte)'.' || i == 0) return key.Length;
        for (int k = 0; k < i; k++)
        {
            if ((uint)(key[k] - '0') > 9) return key.Length;
        }
        return i;
    }
}
