using System.Globalization;

namespace Rapport.Analytics.Transactions.Parsing;

/// <summary>
/// Parses decimal numbers straight from UTF-8/Latin-1 bytes without allocating. Plain decimals with at most 15
/// significant digits take an exact fast path (Clinger: an integer below 2^53 divided or multiplied by an exact power of
/// ten is correctly rounded); anything else falls back to <see cref="double.TryParse(ReadOnlySpan{byte}, NumberStyles, IFormatProvider?, out double)"/>.
/// Thousands separators, currency signs, NaN and infinities are refused.
/// </summary>
internal static class NumberParser
{
    private static readonly double[] Pow10 =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22,
    ];

    /// <param name="s">Trimmed field.</param>
    /// <param name="decimalComma">Also accept ',' as the decimal separator (semicolon-delimited files).</param>
    public static bool TryParse(ReadOnlySpan<byte> s, bool decimalComma, out double value)
    {
        // Fast path: [-]digits[.digits] with at most 15 digits in all.
        int n0 = s.Length;
        if (n0 is > 0 and <= 17)
        {
            int i = 0;
            bool neg = s[0] == (byte)'-';
            if (neg) i = 1;
            ulong m = 0;
            int start = i;
            while (i < n0)
            {
                uint d = (uint)(s[i] - '0');
                if (d > 9) break;
                m = m * 10 + d;
                i++;
            }
            int intDigits = i - start, fracDigits = 0;
            if (i < n0 && (s[i] == (byte)'.' || (decimalComma && s[i] == (byte)',')))
            {
                int fs = ++i;
                while (i < n0)
                {
                    uint d = (uint)(s[i] - '0');
                    if (d > 9) break;
                    m = m * 10 + d;
                    i++;
                }
                fracDigits = i - fs;
            }
            if (i == n0 && intDigits + fracDigits is > 0 and <= 15)
            {
                double v = fracDigits == 0 ? m : m / Pow10[fracDigits];
                value = neg ? -v : v;
                return true;
            }
        }
        return TryParseGeneral(s, decimalComma, out value);
    }

    private static bool TryParseGeneral(ReadOnlySpan<byte> s, bool decimalComma, out double value)
    {
        value = 0;
        int n = s.Length;
        if (n == 0) return false;
        int i = 0;
        bool negative = false;
        if (s[0] == (byte)'-') { negative = true; i = 1; }
        else if (s[0] == (byte)'+') i = 1;

        ulong mantissa = 0;
        int significant = 0, exponent = 0, digits = 0;
        bool seenPoint = false, slow = false;
        for (; i < n; i++)
        {
            uint d = (uint)(s[i] - '0');
            if (d <= 9)
            {
                digits++;
                if (mantissa == 0 && d == 0)
                {
                    if (seenPoint) exponent--;
                    continue;
                }
                if (significant < 19)
                {
                    mantissa = mantissa * 10 + d;
                    significant++;
                    if (seenPoint) exponent--;
                }
                else
                {
                    slow = true;
                    if (!seenPoint) exponent++;
                }
                continue;
            }
            byte c = s[i];
            if ((c == (byte)'.' || (decimalComma && c == (byte)',')) && !seenPoint)
            {
                seenPoint = true;
                continue;
            }
            break;
        }
        if (digits == 0) return false;
        if (i < n)
        {
            if ((s[i] | 0x20) != (byte)'e') return false;
            i++;
            bool expNegative = false;
            if (i < n && (s[i] == (byte)'-' || s[i] == (byte)'+')) { expNegative = s[i] == (byte)'-'; i++; }
            if (i == n) return false;
            int e = 0;
            for (; i < n; i++)
            {
                uint d = (uint)(s[i] - '0');
                if (d > 9) return false;
                if (e < 100_000) e = e * 10 + (int)d;
            }
            exponent += expNegative ? -e : e;
        }

        if (!slow && significant <= 15 && exponent >= -22 && exponent <= 22)
        {
            double m = mantissa;
            value = exponent < 0 ? m / Pow10[-exponent] : m * Pow10[exponent];
            if (negative) value = -value;
            return true;
        }
        return SlowParse(s, decimalComma, out value);
    }

    private static bool SlowParse(ReadOnlySpan<byte> s, bool decimalComma, out double value)
    {
        value = 0;
        if (s.Length > 400) return false;
        Span<byte> copy = stackalloc byte[s.Length];
        s.CopyTo(copy);
        if (decimalComma) copy.Replace((byte)',', (byte)'.');
        if (!double.TryParse(copy, NumberStyles.Float, CultureInfo.InvariantCulture, out value)) return false;
        return double.IsFinite(value);
    }
}
