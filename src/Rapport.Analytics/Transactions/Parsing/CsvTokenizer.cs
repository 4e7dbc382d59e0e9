using System.Runtime.CompilerServices;

namespace Rapport.Analytics.Transactions.Parsing;

/// <summary>A field of a record: where its content lies (quotes stripped, doubled quotes not yet undone).</summary>
internal struct FieldRef
{
    public int Start;
    public int Length;
    /// <summary>The content has doubled quotes ("") to undo.</summary>
    public bool Escaped;
    /// <summary>Text after the closing quote, or a quote that never closes.</summary>
    public bool BadQuoting;
}

/// <summary>
/// The byte-level CSV rules shared by the chunker, the parsers and the sniffer, so that they always agree on where a
/// record ends. RFC 4180 quoting: a field is quoted when its first non-blank byte is '"'; inside, "" is a quote and
/// newlines are data; a '"' elsewhere is an ordinary character. Delimiter 0 means "runs of spaces and tabs".
/// Unquoted fields are trimmed of spaces (and of tabs unless tab is the delimiter).
/// </summary>
internal static class CsvTokenizer
{
    public const byte Whitespace = 0;

    /// <summary>Record end found at a '\n' (returns its index), or one of these codes.</summary>
    public const int NoNewline = -1, InsideQuotes = -2;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsTrim(byte b, byte delimiter) => b == (byte)' ' || (b == (byte)'\t' && delimiter != (byte)'\t');

    /// <summary>
    /// Finds the '\n' that ends the record starting at <paramref name="pos"/>: its index, <see cref="NoNewline"/> when
    /// the span ends outside quotes, <see cref="InsideQuotes"/> when it ends inside a quoted field.
    /// <paramref name="innerNewlines"/> counts newlines inside quoted fields. <paramref name="isFinal"/>: the span ends
    /// at the end of the file (a quote as its last byte then closes a field).
    /// </summary>
    public static int FindRecordEnd(ReadOnlySpan<byte> span, int pos, byte delimiter, bool isFinal, out int innerNewlines)
    {
        innerNewlines = 0;
        int i = pos;
        while (true)
        {
            int rel = span[i..].IndexOfAny((byte)'\n', (byte)'"');
            if (rel < 0) return NoNewline;
            int j = i + rel;
            if (span[j] == (byte)'\n') return j;
            if (!IsFieldStart(span, pos, j, delimiter))
            {
                i = j + 1;
                continue;
            }
            int k = j + 1;
            while (true)
            {
                int r2 = span[k..].IndexOf((byte)'"');
                if (r2 < 0) return InsideQuotes;
                k += r2;
                if (k + 1 < span.Length && span[k + 1] == (byte)'"')
                {
                    k += 2;
                    continue;
                }
                // A closing quote at the very end of the span may be the first half of "" whose second half has not been read.
                if (k + 1 == span.Length && !isFinal) return InsideQuotes;
                break;
            }
            innerNewlines += span[(j + 1)..k].Count((byte)'\n');
            i = k + 1;
        }
    }

    private static bool IsFieldStart(ReadOnlySpan<byte> span, int recordStart, int quote, byte delimiter)
    {
        int b = quote - 1;
        if (delimiter == Whitespace) return b < recordStart || span[b] == (byte)' ' || span[b] == (byte)'\t';
        while (b >= recordStart && IsTrim(span[b], delimiter)) b--;
        return b < recordStart || span[b] == delimiter;
    }

    /// <summary>
    /// Splits a record (line ending removed) into fields. Fills at most <paramref name="fields"/>.Length fields and stops
    /// there; returns how many were found (up to that limit).
    /// </summary>
    public static int Split(ReadOnlySpan<byte> rec, byte delimiter, Span<FieldRef> fields)
    {
        return delimiter == Whitespace ? SplitWhitespace(rec, fields) : SplitDelimited(rec, delimiter, fields);
    }

    private static int SplitDelimited(ReadOnlySpan<byte> rec, byte d, Span<FieldRef> fields)
    {
        int n = rec.Length, p = 0, count = 0;
        while (count < fields.Length)
        {
            int q = p;
            while (q < n && IsTrim(rec[q], d)) q++;
            ref var f = ref fields[count];
            f = default;
            int end;
            if (q < n && rec[q] == (byte)'"')
            {
                end = ParseQuoted(rec, q, d, ref f);
            }
            else
            {
                int rel = rec[p..].IndexOf(d);
                end = rel < 0 ? n : p + rel;
                int s = p, e = end;
                while (s < e && IsTrim(rec[s], d)) s++;
                while (e > s && IsTrim(rec[e - 1], d)) e--;
                f.Start = s;
                f.Length = e - s;
            }
            count++;
            if (end >= n) break;
            p = end + 1;
        }
        return count;
    }

    private static int SplitWhitespace(ReadOnlySpan<byte> rec, Span<FieldRef> fields)
    {
        int n = rec.Length, p = 0, count = 0;
        while (p < n && (rec[p] == (byte)' ' || rec[p] == (byte)'\t')) p++;
        while (p < n && count < fields.Length)
        {
            ref var f = ref fields[count];
            f = default;
            int end;
            if (rec[p] == (byte)'"')
            {
                end = ParseQuoted(rec, p, Whitespace, ref f);
            }
            else
            {
                int rel = rec[p..].IndexOfAny((byte)' ', (byte)'\t');
                end = rel < 0 ? n : p + rel;
                f.Start = p;
                f.Length = end - p;
            }
            count++;
            p = end;
            while (p < n && (rec[p] == (byte)' ' || rec[p] == (byte)'\t')) p++;
        }
        return count;
    }

    /// <summary>Parses a quoted field whose opening quote is at <paramref name="q"/>; returns the index of the delimiter after it (or the record length).</summary>
    private static int ParseQuoted(ReadOnlySpan<byte> rec, int q, byte d, ref FieldRef f)
    {
        int n = rec.Length;
        int k = q + 1;
        while (true)
        {
            int rel = rec[k..].IndexOf((byte)'"');
            if (rel < 0)
            {
                f.Start = q + 1;
                f.Length = n - q - 1;
                f.BadQuoting = true;
                return n;
            }
            k += rel;
            if (k + 1 < n && rec[k + 1] == (byte)'"')
            {
                f.Escaped = true;
                k += 2;
                continue;
            }
            break;
        }
        f.Start = q + 1;
        f.Length = k - q - 1;
        int a = k + 1;
        if (d == Whitespace)
        {
            if (a < n && rec[a] != (byte)' ' && rec[a] != (byte)'\t')
            {
                f.BadQuoting = true;
                int rel = rec[a..].IndexOfAny((byte)' ', (byte)'\t');
                return rel < 0 ? n : a + rel;
            }
            return a;
        }
        while (a < n && IsTrim(rec[a], d)) a++;
        if (a < n && rec[a] != d)
        {
            f.BadQuoting = true;
            int rel = rec[a..].IndexOf(d);
            return rel < 0 ? n : a + rel;
        }
        return a;
    }

    /// <summary>Copies a quoted field's content with "" turned into ", returns the length written.</summary>
    public static int Unescape(ReadOnlySpan<byte> content, Span<byte> destination)
    {
        int w = 0;
        for (int i = 0; i < content.Length; i++)
        {
            byte b = content[i];
            destination[w++] = b;
            if (b == (byte)'"' && i + 1 < content.Length && content[i + 1] == (byte)'"') i++;
        }
        return w;
    }

    public static bool IsBlank(ReadOnlySpan<byte> rec) => rec.IndexOfAnyExcept((byte)' ', (byte)'\t') < 0;
}
