namespace Rapport.Core.Import;

/// <summary>
/// Typed access to one row through the mapping. The first bad value is kept as <see cref="Problem"/> (field and
/// reason) and makes the row a reject; reading goes on so every accessor returns something usable (null).
/// </summary>
public sealed class ImportRow(TabularRow row, ColumnMapping mapping, ImportReadOptions options)
{
    public TabularRow Source => row;
    public ImportReadOptions Options => options;
    public long RowNumber => row.Number;
    public (string Field, string Reason)? Problem { get; private set; } = row.Problem is null ? null : ("", row.Problem);
    /// <summary>Values cleaned rather than rejected (e.g. an unknown country left empty), by reason.</summary>
    public List<string> Notes { get; } = [];

    public bool IsValid => Problem is null;

    public void Reject(string field, string reason) => Problem ??= (field, reason);

    /// <summary>The trimmed text, or null when empty or not mapped; over-long text is a problem (never cut).</summary>
    public string? Text(string field)
    {
        var spec = mapping.Field(field);
        var column = mapping.ColumnOf(field);
        var value = column >= 0 && column < row.Cells.Length ? row.Cells[column].Trim() : "";
        if (value.Length == 0)
        {
            if (spec.Required) Reject(field, "required value is empty");
            return null;
        }
        if (value.Length > spec.MaxLength)
        {
            Reject(field, $"longer than {spec.MaxLength} characters");
            return null;
        }
        // Control characters other than tab and line breaks have no place in CRM text (and break exports).
        if (value.AsSpan().IndexOfAnyInRange('\0', '\u001F') >= 0 && value.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r')))
        {
            Reject(field, "contains control characters");
            return null;
        }
        return value;
    }

    public decimal? Decimal(string field) => Parse<decimal>(field, ImportValues.TryNumber, "not a number");

    public int? Integer(string field) => Parse<int>(field, ImportValues.TryInteger, "not a whole number");

    public DateTime? Instant(string field) =>
        Parse<DateTime>(field, (string s, out DateTime v) => options.LastInstant.TryParse(s, options.DateFormats, out v),
            options.DateFormat is null ? "not a date (ISO 8601 expected, or pass --date-format)" : $"not a date in the format {options.DateFormat.Split('|')[0]}");

    public DateOnly? Date(string field) =>
        Parse<DateOnly>(field, (string s, out DateOnly v) => ImportValues.TryDate(s, options.DateFormats, out v), "not a date");

    public string? Email(string field) => Parse(field, (string s, out string v) => ImportValues.TryEmail(s, out v), "not an e-mail address");

    /// <summary>(as given, digits only) of a phone number.</summary>
    public (string Value, string Digits)? Phone(string field)
    {
        var text = Text(field);
        if (text is null) return null;
        if (ImportValues.TryPhone(text, out var digits)) return (text, digits);
        Reject(field, "not a phone number (6 to 15 digits)");
        return null;
    }

    public TEnum? Choice<TEnum>(string field) where TEnum : struct, Enum
    {
        var text = Text(field);
        if (text is null) return null;
        if (Enum.TryParse<TEnum>(text.Replace(" ", "").Replace("-", "").Replace("_", ""), ignoreCase: true, out var value) && Enum.IsDefined(value)) return value;
        Reject(field, $"\"{Shorten(text)}\" is not one of {string.Join(", ", Enum.GetNames<TEnum>().Select(n => n.ToLowerInvariant()))}");
        return null;
    }

    /// <summary>ISO country code; an unknown name is left empty and noted, not rejected (the rest of the row is good).</summary>
    public string? Country(string field)
    {
        var text = Text(field);
        if (text is null) return null;
        var code = ImportValues.CountryCode(text);
        if (code is null) Notes.Add($"{field}: unknown country left empty");
        return code;
    }

    private delegate bool TryParser<T>(string text, out T value);

    private T? Parse<T>(string field, TryParser<T> parse, string reason) where T : struct
    {
        var text = Text(field);
        if (text is null) return null;
        if (parse(text, out var value)) return value;
        Reject(field, $"\"{Shorten(text)}\" is {reason}");
        return null;
    }

    private string? Parse(string field, TryParser<string> parse, string reason)
    {
        var text = Text(field);
        if (text is null) return null;
        if (parse(text, out var value)) return value;
        Reject(field, $"\"{Shorten(text)}\" is {reason}");
        return null;
    }


    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "…";
}

/// <summary>How values are read: the date format (detected or given) and defaults for absent fields.</summary>
public sealed record ImportReadOptions
{
    /// <summary>.NET exact format(s), '|'-separated; null = ISO 8601 only.</summary>
    public string? DateFormat
    {
        get;
        init
        {
            field = value;
            DateFormats = value?.Split('|');
        }
    }

    /// <summary><see cref="DateFormat"/> split once, not per value.</summary>
    public string[]? DateFormats { get; private init; }

    /// <summary>The lines of one order repeat its date: the last text parsed is remembered (one reader thread at a time).</summary>
    internal InstantCache LastInstant { get; } = new();

    public string Currency { get; init; } = "EUR";
}

internal sealed class InstantCache
{
    private string? _text;
    private DateTime _value;

    public bool TryParse(string text, string[]? formats, out DateTime value)
    {
        if (text == _text)
        {
            value = _value;
            return true;
        }
        if (!ImportValues.TryInstant(text, formats, out value)) return false;
        (_text, _value) = (text, value);
        return true;
    }
}
