using System.Globalization;
using System.Net.Mail;

namespace Rapport.Core.Import;

/// <summary>Parses and cleans cell text: numbers, instants, dates, e-mail, phone, country. Culture-independent.</summary>
public static class ImportValues
{
    private static readonly string[] IsoInstants =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mm:ssK", "yyyy-MM-dd HH:mmK", "yyyy-MM-dd",
    ];

    /// <summary>Decimal from "1234.5", "1,234.50", "£3.50", "12,5" (a lone comma is a decimal comma), "(4.00)" (negative).</summary>
    public static bool TryNumber(string text, out decimal value)
    {
        // Fast path: plain invariant numbers, the vast majority of cells.
        if (decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value)) return true;
        var s = text.Trim().TrimStart('£', '$', '€', '¥', '￥').Trim();
        var negative = s.StartsWith('(') && s.EndsWith(')');
        if (negative) s = s[1..^1];
        if (s.Count(c => c == ',') == 1 && !s.Contains('.') && s.IndexOf(',') >= s.Length - 3) s = s.Replace(',', '.');
        if (!decimal.TryParse(s, NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value)) return false;
        if (negative) value = -value;
        return true;
    }

    /// <summary>Whole number; "6.0" (as spreadsheets write counts) is 6, "6.5" is not a whole number.</summary>
    public static bool TryInteger(string text, out int value)
    {
        value = 0;
        if (!TryNumber(text, out var number) || number != decimal.Truncate(number) || number is > int.MaxValue or < int.MinValue) return false;
        value = (int)number;
        return true;
    }

    /// <summary>An instant in UTC: ISO 8601 (an offset is honoured, none means UTC), or the file's <paramref name="format"/>.</summary>
    public static bool TryInstant(string text, string[]? formats, out DateTime value)
    {
        const DateTimeStyles styles = DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces;
        var s = text.AsSpan().Trim();
        // The file's own format first (every row has it), then ISO 8601.
        if (formats is not null && DateTime.TryParseExact(s, formats, CultureInfo.InvariantCulture, styles, out value)) return true;
        return DateTime.TryParseExact(s, IsoInstants, CultureInfo.InvariantCulture, styles, out value);
    }

    public static bool TryDate(string text, string[]? format, out DateOnly value)
    {
        value = default;
        if (!TryInstant(text, format, out var instant)) return false;
        value = DateOnly.FromDateTime(instant);
        return true;
    }

    /// <summary>Lower-cased, trimmed address when it is a plausible e-mail address (one @, a dotted domain, no spaces).</summary>
    public static bool TryEmail(string text, out string normalized)
    {
        normalized = text.Trim().ToLowerInvariant();
        var at = normalized.IndexOf('@');
        return at > 0 && at == normalized.LastIndexOf('@') && normalized.IndexOf('.', at) > at + 1 && !normalized.EndsWith('.')
               && !normalized.Any(char.IsWhiteSpace) && MailAddress.TryCreate(normalized, out _);
    }

    /// <summary>Digits only (a leading + dropped), 6 to 15 of them as E.164 allows; letters make it invalid.</summary>
    public static bool TryPhone(string text, out string digits)
    {
        digits = new string(text.Where(char.IsAsciiDigit).ToArray());
        var allowed = text.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '-' or '(' or ')' or '.' or '/');
        return allowed && digits.Length is >= 6 and <= 15;
    }

    private static readonly Dictionary<string, string?> CountryAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UK"] = "GB", ["Great Britain"] = "GB", ["England"] = "GB", ["Scotland"] = "GB", ["Wales"] = "GB", ["Northern Ireland"] = "GB",
        ["EIRE"] = "IE", ["USA"] = "US", ["United States of America"] = "US", ["RSA"] = "ZA", ["Czech Republic"] = "CZ",
        ["China"] = "CN", ["中国"] = "CN", ["Korea"] = "KR", ["South Korea"] = "KR", ["Holland"] = "NL", ["Russia"] = "RU",
    };

    private static readonly Lazy<Dictionary<string, string>> CountryNames = new(() =>
    {
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var culture in CultureInfo.GetCultures(CultureTypes.SpecificCultures))
        {
            RegionInfo region;
            try { region = new RegionInfo(culture.Name); }
            catch (ArgumentException) { continue; }
            if (region.TwoLetterISORegionName.Length != 2) continue;
            names.TryAdd(region.EnglishName, region.TwoLetterISORegionName);
            names.TryAdd(region.TwoLetterISORegionName, region.TwoLetterISORegionName);
            names.TryAdd(region.ThreeLetterISORegionName, region.TwoLetterISORegionName);
        }
        return names;
    });

    /// <summary>ISO 3166 alpha-2 code for a code ("gb", "GBR") or an English name ("United Kingdom", "EIRE"); null when unknown.</summary>
    public static string? CountryCode(string text)
    {
        var s = text.Trim();
        if (s.Length == 0) return null;
        if (CountryAliases.TryGetValue(s, out var alias)) return alias;
        return CountryNames.Value.TryGetValue(s, out var code) ? code : null;
    }
}
