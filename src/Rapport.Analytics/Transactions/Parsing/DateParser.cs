using System.Globalization;
using System.Text;

namespace Rapport.Analytics.Transactions.Parsing;

/// <summary>
/// Parses calendar days from bytes. Without a format: <c>yyyy-M-d</c> (also with '/' or '.' as separator, so ISO 8601
/// <c>yyyy-MM-dd</c>), optionally followed by 'T' or ' ' and a time (ignored), and ISO basic <c>yyyyMMdd</c>. With a
/// .NET custom format made of numeric parts (y, M, d, H, h, m, s, f, F, tt) and literals it parses bytes directly;
/// other formats (month names, …) go through <see cref="DateTime.TryParseExact(ReadOnlySpan{char}, ReadOnlySpan{char}, IFormatProvider?, DateTimeStyles, out DateTime)"/>.
/// Times and offsets are ignored: the day is the calendar day as written.
/// </summary>
internal sealed class DateParser
{
    private enum Kind : byte { Literal, Year4, Year2, Month, Day, Hour, Minute, Second, Fraction, AmPm }

    private readonly record struct Token(Kind Kind, byte Min, byte Max, byte Literal);

    private readonly Token[]? _tokens;
    private readonly bool _dateOnly;
    private readonly string? _slowFormat;
    private readonly Encoding _slowEncoding;

    public string? Format { get; }

    public DateParser(string? format, Encoding? textEncoding = null)
    {
        Format = format;
        _slowEncoding = textEncoding ?? Encoding.Latin1;
        if (format is null) return;
        if (format.Length == 0 || format.Length > 100) throw new FormatException("the date format is empty or too long");
        // Reject invalid .NET formats up front.
        _ = new DateTime(2001, 2, 3, 4, 5, 6).ToString(format, CultureInfo.InvariantCulture);
        if (TryCompile(format, out var tokens))
        {
            _tokens = tokens;
            _dateOnly = !tokens.Any(t => t.Kind is Kind.Hour or Kind.Minute or Kind.Second or Kind.Fraction or Kind.AmPm);
        }
        else
        {
            _slowFormat = format;
        }
    }

    public bool TryParse(ReadOnlySpan<byte> s, out int dayNumber)
    {
        if (_tokens is not null) return TryParsePattern(s, out dayNumber);
        if (_slowFormat is not null) return TryParseSlow(s, out dayNumber);
        return TryParseAuto(s, out dayNumber);
    }

    /// <summary>Whether a field looks like a date in the automatic forms (used for headerless content detection).</summary>
    public static bool LooksLikeAutoDate(ReadOnlySpan<byte> s) => TryParseAuto(s, out _);

    public static bool TryParseAuto(ReadOnlySpan<byte> s, out int dayNumber)
    {
        dayNumber = 0;
        int n = s.Length;
        if (n < 8) return false;
        if (n == 8 && (uint)(s[4] - '0') <= 9)
        {
            int v = 0;
            for (int k = 0; k < 8; k++)
            {
                uint d = (uint)(s[k] - '0');
                if (d > 9) return false;
                v = v * 10 + (int)d;
            }
            return TryMake(v / 10000, v / 100 % 100, v % 100, out dayNumber);
        }
        // yyyy sep M{1,2} sep d{1,2} [(T|' ') anything]
        int year = 0;
        for (int k = 0; k < 4; k++)
        {
            uint d = (uint)(s[k] - '0');
            if (d > 9) return false;
            year = year * 10 + (int)d;
        }
        byte sep = s[4];
        if (sep != (byte)'-' && sep != (byte)'/' && sep != (byte)'.') return false;
        int i = 5;
        if (!ReadDigits(s, ref i, 1, 2, out int month)) return false;
        if (i >= n || s[i] != sep) return false;
        i++;
        if (!ReadDigits(s, ref i, 1, 2, out int day)) return false;
        if (i < n && s[i] != (byte)'T' && s[i] != (byte)' ') return false;
        return TryMake(year, month, day, out dayNumber);
    }

    private bool TryParsePattern(ReadOnlySpan<byte> s, out int dayNumber)
    {
        dayNumber = 0;
        int year = -1, month = -1, day = -1, i = 0;
        var tokens = _tokens!;
        for (int t = 0; t < tokens.Length; t++)
        {
            var tok = tokens[t];
            if (tok.Kind == Kind.Literal)
            {
                if (i >= s.Length || s[i] != tok.Literal) return false;
                i++;
                // A blank in the format also matches a run of blanks.
                if (tok.Literal == (byte)' ') while (i < s.Length && s[i] == (byte)' ') i++;
                continue;
            }
            if (tok.Kind == Kind.AmPm)
            {
                if (i + 2 > s.Length) return false;
                byte a = (byte)(s[i] | 0x20), m = (byte)(s[i + 1] | 0x20);
                if ((a != (byte)'a' && a != (byte)'p') || m != (byte)'m') return false;
                i += 2;
                continue;
            }
            // A variable-width part followed directly by another number part takes only its minimum width.
            int max = tok.Max;
            if (tok.Min != tok.Max && t + 1 < tokens.Length && tokens[t + 1].Kind is not (Kind.Literal or Kind.AmPm)) max = tok.Min;
            if (!ReadDigits(s, ref i, tok.Min, max, out int v)) return false;
            switch (tok.Kind)
            {
                case Kind.Year4: year = v; break;
                case Kind.Year2: year = v < 50 ? 2000 + v : 1900 + v; break;
                case Kind.Month: month = v; break;
                case Kind.Day: day = v; break;
                case Kind.Hour: if (v > 23) return false; break;
                case Kind.Minute or Kind.Second: if (v > 59) return false; break;
            }
        }
        if (i < s.Length && !(_dateOnly && (s[i] == (byte)' ' || s[i] == (byte)'T'))) return false;
        return TryMake(year, month < 0 ? 1 : month, day < 0 ? 1 : day, out dayNumber);
    }

    private bool TryParseSlow(ReadOnlySpan<byte> s, out int dayNumber)
    {
        dayNumber = 0;
        if (s.Length > 200) return false;
        Span<char> chars = stackalloc char[s.Length * 2];
        int count;
        try { count = _slowEncoding.GetChars(s, chars); }
        catch (ArgumentException) { return false; }
        if (!DateTime.TryParseExact(chars[..count], _slowFormat, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var dt)) return false;
        dayNumber = DateOnly.FromDateTime(dt).DayNumber;
        return true;
    }

    private static bool ReadDigits(ReadOnlySpan<byte> s, ref int i, int min, int max, out int value)
    {
        value = 0;
        int start = i;
        while (i < s.Length && i - start < max)
        {
            uint d = (uint)(s[i] - '0');
            if (d > 9) break;
            value = value * 10 + (int)d;
            i++;
        }
        return i - start >= min;
    }

    private static bool TryMake(int year, int month, int day, out int dayNumber)
    {
        dayNumber = 0;
        if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        dayNumber = new DateOnly(year, month, day).DayNumber;
        return true;
    }

    private static bool TryCompile(string format, out Token[] tokens)
    {
        var list = new List<Token>();
        tokens = [];
        int i = 0;
        while (i < format.Length)
        {
            char c = format[i];
            int run = 1;
            while (i + run < format.Length && format[i + run] == c) run++;
            switch (c)
            {
                case 'y':
                    if (run == 4) list.Add(new Token(Kind.Year4, 4, 4, 0));
                    else if (run == 2) list.Add(new Token(Kind.Year2, 2, 2, 0));
                    else return false;
                    break;
                case 'M':
                    if (run > 2) return false; // month names: slow path
                    list.Add(new Token(Kind.Month, (byte)run, 2, 0));
                    break;
                case 'd':
                    if (run > 2) return false; // day names: slow path
                    list.Add(new Token(Kind.Day, (byte)run, 2, 0));
                    break;
                case 'H' or 'h':
                    if (run > 2) return false;
                    list.Add(new Token(Kind.Hour, (byte)run, 2, 0));
                    break;
                case 'm':
                    if (run > 2) return false;
                    list.Add(new Token(Kind.Minute, (byte)run, 2, 0));
                    break;
                case 's':
                    if (run > 2) return false;
                    list.Add(new Token(Kind.Second, (byte)run, 2, 0));
                    break;
                case 'f' or 'F':
                    list.Add(new Token(Kind.Fraction, (byte)(c == 'f' ? run : 0), (byte)run, 0));
                    break;
                case 't':
                    if (run != 2) return false;
                    list.Add(new Token(Kind.AmPm, 2, 2, 0));
                    break;
                case '\'' or '"':
                {
                    int close = format.IndexOf(c, i + 1);
                    if (close < 0) return false;
                    foreach (char lc in format.AsSpan(i + 1, close - i - 1))
                    {
                        if (lc > 127) return false;
                        list.Add(new Token(Kind.Literal, 1, 1, (byte)lc));
                    }
                    i = close + 1;
                    continue;
                }
                case '\\':
                    if (i + 1 >= format.Length || format[i + 1] > 127) return false;
                    list.Add(new Token(Kind.Literal, 1, 1, (byte)format[i + 1]));
                    i += 2;
                    continue;
                default:
                    if (char.IsAsciiLetter(c) || c > 127 || c is '%' or ':' or '/')
                    {
                        // ':' and '/' are culture separators in .NET formats; with the invariant culture they are ':' and '/'.
                        if (c is ':' or '/')
                        {
                            for (int k = 0; k < run; k++) list.Add(new Token(Kind.Literal, 1, 1, (byte)c));
                            break;
                        }
                        return false; // z, K, g, …: slow path
                    }
                    for (int k = 0; k < run; k++) list.Add(new Token(Kind.Literal, 1, 1, (byte)c));
                    break;
            }
            i += run;
        }
        if (!list.Any(t => t.Kind is Kind.Year4 or Kind.Year2)) return false;
        tokens = list.ToArray();
        return true;
    }
}
