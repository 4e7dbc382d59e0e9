using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Rapport.Core.Domain;

namespace Rapport.Core.CustomFields;

/// <summary>A parsed custom value: the one typed column its field's type fills.</summary>
public readonly record struct CustomTypedValue(string? Text, double? Number, DateOnly? Date)
{
    public bool IsEmpty => Text is null && Number is null && Date is null;

    /// <summary>The value as JSON writes it: text/choice as a string, number as a number, date as "yyyy-MM-dd".</summary>
    public object? ToJson() => Number is { } n ? n : Date is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : Text;

    /// <summary>The value as text for screens and files, culture-invariant so it reads back the same.</summary>
    public string Display() => Number is { } n ? n.ToString("0.##########", CultureInfo.InvariantCulture)
        : Date is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : Text ?? "";

    public static CustomTypedValue Of(CustomFieldValue v) => new(v.TextValue, v.NumberValue, v.DateValue);
}

/// <summary>
/// What a custom field accepts, in one place for the API, the editor, the import and the filters: numbers in invariant
/// form (a dot for decimals, no thousands separators), dates as ISO yyyy-MM-dd, a choice as one of its options
/// (matched case-insensitively, stored as the option is spelled), text up to <see cref="MaxTextLength"/> characters.
/// </summary>
public static partial class CustomFieldRules
{
    public const int MaxTextLength = 1000;
    public const int MaxKeyLength = 40;
    public const int MaxOptions = 100;

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex KeyPattern();

    /// <summary>Keys are lower-case ASCII (letters, digits, underscores) so they work as JSON names, query parameters and import targets.</summary>
    public static string? KeyProblem(string? key) =>
        string.IsNullOrWhiteSpace(key) ? "required"
        : key.Length > MaxKeyLength ? $"at most {MaxKeyLength} characters"
        : !KeyPattern().IsMatch(key) ? "lower-case letters, digits and _ only, starting with a letter" : null;

    /// <summary>Problems of a definition by property name (key, label, options); empty when it is valid.</summary>
    public static Dictionary<string, string> DefinitionProblems(CustomFieldDefinition d)
    {
        var problems = new Dictionary<string, string>();
        if (KeyProblem(d.Key) is { } key) problems["key"] = key;
        if (string.IsNullOrWhiteSpace(d.Label)) problems["label"] = "required";
        else if (d.Label.Length > 200) problems["label"] = "at most 200 characters";
        if (d.Type == CustomFieldType.Choice)
        {
            var options = d.Options.Select(o => o.Trim()).ToList();
            if (options.Count == 0) problems["options"] = "a choice needs at least one option";
            else if (options.Any(o => o.Length is 0 or > 200)) problems["options"] = "options are 1 to 200 characters";
            else if (options.Count > MaxOptions) problems["options"] = $"at most {MaxOptions} options";
            else if (options.Distinct(StringComparer.OrdinalIgnoreCase).Count() != options.Count) problems["options"] = "options must differ";
        }
        else if (d.Options.Count > 0) problems["options"] = "only choice fields have options";
        return problems;
    }

    /// <summary>Parses text as entered or imported. Empty text is an empty value (a problem only when the field is required).</summary>
    public static bool TryParse(CustomFieldDefinition field, string? text, out CustomTypedValue value, out string? problem)
    {
        value = default;
        problem = null;
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            if (field.Required) problem = "required value is empty";
            return problem is null;
        }
        switch (field.Type)
        {
            case CustomFieldType.Number:
                if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
                {
                    value = new(null, number, null);
                    return true;
                }
                problem = $"\"{Shorten(trimmed)}\" is not a number (use a dot for decimals, e.g. 1234.5)";
                return false;
            case CustomFieldType.Date:
                if (DateOnly.TryParseExact(trimmed, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    value = new(null, null, date);
                    return true;
                }
                problem = $"\"{Shorten(trimmed)}\" is not a date of the form yyyy-MM-dd";
                return false;
            case CustomFieldType.Choice:
                var option = field.Options.FirstOrDefault(o => string.Equals(o, trimmed, StringComparison.OrdinalIgnoreCase));
                if (option is not null)
                {
                    value = new(option, null, null);
                    return true;
                }
                problem = $"\"{Shorten(trimmed)}\" is not one of {string.Join(", ", field.Options)}";
                return false;
            default:
                if (trimmed.Length > MaxTextLength)
                {
                    problem = $"longer than {MaxTextLength} characters";
                    return false;
                }
                if (trimmed.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r')))
                {
                    problem = "contains control characters";
                    return false;
                }
                value = new(trimmed, null, null);
                return true;
        }
    }

    /// <summary>Parses a JSON value sent to the API: numbers as JSON numbers (or invariant text), dates and text as strings, null clears.</summary>
    public static bool TryParse(CustomFieldDefinition field, JsonElement json, out CustomTypedValue value, out string? problem)
    {
        switch (json.ValueKind)
        {
            case JsonValueKind.Null or JsonValueKind.Undefined:
                return TryParse(field, null, out value, out problem);
            case JsonValueKind.Number when field.Type is CustomFieldType.Number:
                return TryParse(field, json.GetRawText(), out value, out problem);
            case JsonValueKind.String:
                return TryParse(field, json.GetString(), out value, out problem);
            default:
                value = default;
                problem = field.Type switch
                {
                    CustomFieldType.Number => "expected a number",
                    CustomFieldType.Date => "expected a date string of the form yyyy-MM-dd",
                    CustomFieldType.Choice => $"expected one of {string.Join(", ", field.Options)} as a string",
                    _ => "expected a string",
                };
                return false;
        }
    }

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
