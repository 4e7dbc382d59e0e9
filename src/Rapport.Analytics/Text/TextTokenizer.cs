using System.Text;

namespace Rapport.Analytics.Text;

/// <summary>One token of <see cref="TextTokenizer.Tokenize"/>: a run of word characters, lower-cased.</summary>
/// <param name="Text">The token's text (NFKC-normalised, lower-cased).</param>
/// <param name="Unspaced">
/// True for a run of characters of a script written without spaces between words (Han, Hiragana, Katakana, Thai,
/// Lao, Khmer, Myanmar): such a run is a whole phrase, so the featurizer takes character n-grams of it instead of
/// treating it as one word.
/// </param>
public readonly record struct TextToken(string Text, bool Unspaced);

/// <summary>
/// Unicode-aware tokeniser. The text is NFKC-normalised (full-width forms, ligatures, no-break spaces become their
/// plain forms) and lower-cased with the invariant culture; tokens are maximal runs of word characters (letters,
/// digits, combining marks, connector punctuation such as '_', like the regex <c>\w</c>). A run is split where it
/// passes between an unspaced script (Chinese, Japanese kana, Thai, …) and any other script, so "退款refund" gives
/// the tokens "退款" (unspaced) and "refund". Everything else (spaces, punctuation, symbols) separates tokens.
/// </summary>
public static class TextTokenizer
{
    /// <summary>NFKC normalisation and invariant lower-casing.</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
    }

    /// <summary>The tokens of <paramref name="text"/>, in order (see the class remarks).</summary>
    public static List<TextToken> Tokenize(string text)
    {
        var normalized = Normalize(text);
        var tokens = new List<TextToken>();
        var start = -1;
        var unspaced = false;
        var index = 0;
        foreach (var rune in normalized.EnumerateRunes())
        {
            var isWord = IsWordRune(rune);
            var isUnspaced = isWord && IsUnspacedScript(rune.Value);
            if (start >= 0 && (!isWord || isUnspaced != unspaced))
            {
                tokens.Add(new TextToken(normalized[start..index], unspaced));
                start = -1;
            }
            if (isWord && start < 0)
            {
                start = index;
                unspaced = isUnspaced;
            }
            index += rune.Utf16SequenceLength;
        }
        if (start >= 0) tokens.Add(new TextToken(normalized[start..], unspaced));
        return tokens;
    }

    /// <summary>
    /// The normalised text split on white space, with unspaced-script characters (see <see cref="IsUnspacedScript"/>)
    /// counted as white space: the chunks scikit-learn's <c>char_wb</c> analyser pads, punctuation included.
    /// </summary>
    public static List<string> SpacedChunks(string text)
    {
        var normalized = Normalize(text);
        var chunks = new List<string>();
        var current = new StringBuilder();
        foreach (var rune in normalized.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune) || IsUnspacedScript(rune.Value))
            {
                if (current.Length > 0) { chunks.Add(current.ToString()); current.Clear(); }
            }
            else current.Append(rune.ToString());
        }
        if (current.Length > 0) chunks.Add(current.ToString());
        return chunks;
    }

    /// <summary>Whether a rune is a word character (<c>\w</c>: letter, digit, mark or connector punctuation).</summary>
    public static bool IsWordRune(Rune rune)
    {
        switch (Rune.GetUnicodeCategory(rune))
        {
            case System.Globalization.UnicodeCategory.UppercaseLetter:
            case System.Globalization.UnicodeCategory.LowercaseLetter:
            case System.Globalization.UnicodeCategory.TitlecaseLetter:
            case System.Globalization.UnicodeCategory.ModifierLetter:
            case System.Globalization.UnicodeCategory.OtherLetter:
            case System.Globalization.UnicodeCategory.DecimalDigitNumber:
            case System.Globalization.UnicodeCategory.LetterNumber:
            case System.Globalization.UnicodeCategory.OtherNumber:
            case System.Globalization.UnicodeCategory.NonSpacingMark:
            case System.Globalization.UnicodeCategory.SpacingCombiningMark:
            case System.Globalization.UnicodeCategory.ConnectorPunctuation:
                return true;
            default:
                return false;
        }
    }

    /// <summary>Whether a code point belongs to a script written without spaces between words.</summary>
    public static bool IsUnspacedScript(int codePoint) =>
        codePoint is >= 0x4E00 and <= 0x9FFF     // CJK unified ideographs
            or >= 0x3400 and <= 0x4DBF           // extension A
            or >= 0x20000 and <= 0x323AF         // extensions B…H
            or >= 0xF900 and <= 0xFAFF           // compatibility ideographs
            or >= 0x3040 and <= 0x30FF           // Hiragana, Katakana
            or >= 0x31F0 and <= 0x31FF           // Katakana phonetic extensions
            or >= 0x3005 and <= 0x3007           // 々 〆 〇
            or >= 0x0E00 and <= 0x0EFF           // Thai, Lao
            or >= 0x1000 and <= 0x109F           // Myanmar
            or >= 0x1780 and <= 0x17FF;          // Khmer
}
