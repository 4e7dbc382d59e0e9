using System.Globalization;
using System.Text;
using Rapport.Core.Domain;

namespace Rapport.Core.Unification;

/// <summary>
/// The one place that turns contact values into their matching form: what <c>ContactPoint.NormalizedValue</c> holds
/// (the demo generator and the import both call it) and what identity resolution compares.
/// <list type="bullet">
/// <item>E-mail: trimmed, white space removed, lower-cased (invariant). No provider-specific folding (Gmail's dots or
/// "+tags" are not removed: that is only true for some providers); the matcher compares a dot/tag-insensitive form
/// separately, as weaker evidence.</item>
/// <item>Phone: digits only in E.164 form without the plus ("+44 7700 900123" and "07700 900123" with default country
/// GB both give 447700900123): a leading + or 00 means the number already has its country code; otherwise the
/// national trunk prefix (0 in most of Europe and China, 1 in North America) is dropped and the calling code of the
/// record's country, or the default country, put in front. Unknown country and no +: the digits as they are.</item>
/// <item>Names: for comparison only (never stored): lower-case, accents and diacritics folded (Müller → muller,
/// Łukasz → lukasz, ß → ss), full-width forms folded (NFKC), punctuation dropped, white space collapsed; CJK kept as is.</item>
/// <item>Postal codes: upper-case letters and digits only ("sw1a 1aa" → SW1A1AA, "D02 X285" → D02X285).</item>
/// </list>
/// </summary>
public static class ContactNormalizer
{
    /// <summary>Calling code and national trunk prefix per ISO country (the countries the CRM meets; extend as needed).</summary>
    private static readonly Dictionary<string, (string Code, string Trunk)> Countries = new(StringComparer.OrdinalIgnoreCase)
    {
        ["CN"] = ("86", "0"), ["HK"] = ("852", ""), ["TW"] = ("886", "0"), ["SG"] = ("65", ""), ["JP"] = ("81", "0"),
        ["GB"] = ("44", "0"), ["IE"] = ("353", "0"), ["DE"] = ("49", "0"), ["FR"] = ("33", "0"), ["NL"] = ("31", "0"),
        ["BE"] = ("32", "0"), ["AT"] = ("43", "0"), ["CH"] = ("41", "0"), ["ES"] = ("34", ""), ["IT"] = ("39", ""),
        ["PT"] = ("351", ""), ["SE"] = ("46", "0"), ["DK"] = ("45", ""), ["NO"] = ("47", ""), ["FI"] = ("358", "0"),
        ["PL"] = ("48", ""), ["US"] = ("1", "1"), ["CA"] = ("1", "1"), ["AU"] = ("61", "0"), ["NZ"] = ("64", "0"),
    };

    /// <summary>
    /// Sets <see cref="ContactPoint.NormalizedValue"/> from the point's kind and values — what the import, the API and
    /// forms call for every contact point they write. <paramref name="defaultCountry"/> is used for phone numbers when the point has no country.
    /// </summary>
    public static ContactPoint Apply(ContactPoint point, string? defaultCountry = null)
    {
        point.NormalizedValue = point.Kind switch
        {
            ContactKind.Email => Email(point.Value),
            ContactKind.Phone => Phone(point.Value, point.Country ?? defaultCountry),
            _ => string.IsNullOrWhiteSpace(point.Value) && point.PostalCode is null ? null : Address(point.Value, point.PostalCode, point.City, point.Country),
        };
        return point;
    }

    /// <summary>Trimmed, white space removed, lower-case; null when nothing is left.</summary>
    public static string? Email(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var sb = new StringBuilder(value.Length);
        foreach (var ch in value)
            if (!char.IsWhiteSpace(ch)) sb.Append(char.ToLowerInvariant(ch));
        return sb.ToString();
    }

    /// <summary>
    /// The e-mail with dots and a "+tag" removed from the local part ("J.Smith+shop@x.com" → jsmith@x.com): a key for
    /// addresses that differ only in ways many providers ignore. Evidence, not identity.
    /// </summary>
    public static string? EmailLoose(string? normalizedEmail)
    {
        if (string.IsNullOrEmpty(normalizedEmail)) return null;
        var at = normalizedEmail.LastIndexOf('@');
        if (at <= 0) return null;
        var local = normalizedEmail.AsSpan(0, at);
        var plus = local.IndexOf('+');
        if (plus > 0) local = local[..plus];
        var sb = new StringBuilder(normalizedEmail.Length);
        foreach (var ch in local)
            if (ch != '.') sb.Append(ch);
        if (sb.Length == 0) return null;
        sb.Append(normalizedEmail, at, normalizedEmail.Length - at);
        return sb.ToString();
    }

    /// <summary>Digits-only E.164 (no plus) using <paramref name="country"/> when the number has no country code; null when fewer than 6 digits.</summary>
    public static string? Phone(string? value, string? country)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var text = value.Trim().Replace("(0)", "", StringComparison.Ordinal);
        var international = text.StartsWith('+');
        var sb = new StringBuilder(text.Length);
        foreach (var ch in text)
            if (ch is >= '0' and <= '9') sb.Append(ch);
            else if (char.IsDigit(ch)) sb.Append((char)('0' + (int)char.GetNumericValue(ch)));
        var digits = sb.ToString();
        if (digits.Length < 6) return null;
        if (!international && digits.StartsWith("00", StringComparison.Ordinal))
        {
            digits = digits[2..];
            international = true;
        }
        if (!international && country is not null && Countries.TryGetValue(country, out var spec))
        {
            if (spec.Trunk.Length > 0 && digits.StartsWith(spec.Trunk, StringComparison.Ordinal)) digits = digits[spec.Trunk.Length..];
            // Written with the country code but without a plus ("44 7700 900123"): keep it.
            if (!(digits.StartsWith(spec.Code, StringComparison.Ordinal) && digits.Length >= spec.Code.Length + 9))
                digits = spec.Code + digits;
        }
        return digits.Length < 6 ? null : digits;
    }

    /// <summary>
    /// Every stored form a typed phone number can have: as written internationally, or national in any country the
    /// normaliser knows. Lets a search look numbers up by exact (indexed) value instead of scanning for a suffix.
    /// </summary>
    public static IReadOnlyList<string> PhoneCandidates(string? value)
    {
        var forms = new SortedSet<string>(StringComparer.Ordinal);
        if (Phone(value, null) is { } asWritten) forms.Add(asWritten);
        foreach (var country in Countries.Keys)
            if (Phone(value, country) is { } national) forms.Add(national);
        return [.. forms];
    }

    /// <summary>Upper-case letters and digits of a postal code; null when nothing is left.</summary>
    public static string? PostalCode(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var sb = new StringBuilder(value.Length);
        foreach (var ch in value.Normalize(NormalizationForm.FormKC))
            if (char.IsLetterOrDigit(ch)) sb.Append(char.ToUpperInvariant(ch));
        return sb.Length == 0 ? null : sb.ToString();
    }

    /// <summary>The stored matching form of a postal address: "street, postal city, country", trimmed and lower-case.</summary>
    public static string Address(string street, string? postalCode, string? city, string? country)
    {
        var sb = new StringBuilder();
        sb.Append(street.Trim());
        var place = $"{postalCode?.Trim()} {city?.Trim()}".Trim();
        if (place.Length > 0) sb.Append(", ").Append(place);
        if (!string.IsNullOrWhiteSpace(country)) sb.Append(", ").Append(country.Trim());
        return sb.ToString().ToLowerInvariant();
    }

    /// <summary>A name folded for comparison: lower-case, no diacritics, no punctuation, single spaces; CJK kept.</summary>
    public static string Name(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return "";
        var decomposed = value.Normalize(NormalizationForm.FormKC).Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        var space = false;
        foreach (var ch in decomposed)
        {
            string? replacement = ch switch
            {
                'ß' => "ss", 'ø' or 'Ø' => "o", 'æ' or 'Æ' => "ae", 'œ' or 'Œ' => "oe", 'ł' or 'Ł' => "l", 'đ' or 'Đ' => "d", 'ı' => "i", 'þ' or 'Þ' => "th",
                _ => null,
            };
            if (replacement is not null)
            {
                if (space && sb.Length > 0) sb.Append(' ');
                space = false;
                sb.Append(replacement);
                continue;
            }
            var category = CharUnicodeInfo.GetUnicodeCategory(ch);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark) continue;
            if (char.IsLetterOrDigit(ch))
            {
                if (space && sb.Length > 0) sb.Append(' ');
                space = false;
                sb.Append(char.ToLowerInvariant(ch));
            }
            else if (char.IsWhiteSpace(ch) || ch is '-' or '‐' or '_' or '·' or '・')
            {
                space = true;
            }
            // Apostrophes, dots and other punctuation vanish: O'Brien → obrien, J. → j.
        }
        return sb.ToString();
    }

    /// <summary>True when the (folded) text contains CJK ideographs, Hiragana/Katakana or Hangul.</summary>
    public static bool IsCjk(string text)
    {
        foreach (var ch in text)
            if (ch is >= '\u3040' and <= '\u30FF' or >= '\u3400' and <= '\u9FFF' or >= '\uAC00' and <= '\uD7AF' or >= '\uF900' and <= '\uFAFF') return true;
        return false;
    }
}
