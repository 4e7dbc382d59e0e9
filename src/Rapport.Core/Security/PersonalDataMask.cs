namespace Rapport.Core.Security;

/// <summary>
/// How personal values look to someone without <see cref="Permissions.PersonalDataRead"/>: enough to tell records
/// apart, not enough to contact or identify the person ("j***@example.com", "+** *** ***78", "J***").
/// </summary>
public static class PersonalDataMask
{
    public const string Hidden = "***";

    public static string? Mask(object? value) => value switch
    {
        null => null,
        string text => MaskText(text),
        // Dates of birth and other non-text personal values: nothing of them is shown.
        _ => Hidden,
    };

    private static string MaskText(string text)
    {
        if (text.Length == 0) return text;
        var at = text.IndexOf('@', StringComparison.Ordinal);
        if (at > 0) return text[0] + Hidden + text[at..];
        var digits = text.Count(char.IsDigit);
        if (digits >= 6 && digits >= text.Length / 2)
        {
            // A phone number: keep the last two digits and the layout.
            var keep = 2;
            var chars = text.ToCharArray();
            for (var i = chars.Length - 1; i >= 0; i--)
            {
                if (!char.IsDigit(chars[i])) continue;
                if (keep > 0) { keep--; continue; }
                chars[i] = '*';
            }
            return new string(chars);
        }
        // Names and the like keep their first letter (as "J***", or the surname in "李***", the usual Chinese
        // practice); a one-letter value (a one-character surname) would be shown whole, so it is hidden.
        return text.Length == 1 ? Hidden : char.ToUpperInvariant(text[0]) + Hidden;
    }
}
