namespace Rapport.Web.Features.Common;

/// <summary>How a create, update or delete ended: done (with the record's id), bad input by field, no such record, or refused.</summary>
public sealed record WriteResult(WriteOutcome Outcome, long Id = 0, IReadOnlyDictionary<string, string[]>? Errors = null, string? Reason = null)
{
    public static WriteResult Done(long id) => new(WriteOutcome.Done, id);
    public static WriteResult NotFound() => new(WriteOutcome.NotFound);
    public static WriteResult Invalid(IReadOnlyDictionary<string, string[]> errors) => new(WriteOutcome.Invalid, Errors: errors);
    public static WriteResult Invalid(string field, string message) => Invalid(new Dictionary<string, string[]> { [field] = [message] });
    public static WriteResult Refused(string reason) => new(WriteOutcome.Refused, Reason: reason);

    public bool Succeeded => Outcome == WriteOutcome.Done;

    /// <summary>The errors as one line for a snackbar.</summary>
    public string Message => Reason ?? (Errors is null ? Outcome.ToString() : string.Join("; ", Errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")));
}

public enum WriteOutcome { Done, Invalid, NotFound, Refused }

/// <summary>Field checks shared by the inputs: errors keyed by the field's API name.</summary>
public sealed class FieldErrors : Dictionary<string, string[]>
{
    public void Required(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value)) this[field] = ["is required"];
        else MaxLength(field, value, maxLength);
    }

    public void MaxLength(string field, string? value, int maxLength)
    {
        if (value is not null && value.Trim().Length > maxLength) this[field] = [$"at most {maxLength} characters"];
    }

    public void NotNegative(string field, decimal? value)
    {
        if (value is < 0) this[field] = ["must not be negative"];
    }

    /// <summary>An enum member by name (case-insensitive, no numbers); null is left to the caller.</summary>
    public void EnumName<TEnum>(string field, string? value) where TEnum : struct, Enum
    {
        if (value is not null && !Enums.TryParse<TEnum>(value, out _)) this[field] = [$"one of {string.Join(", ", Enum.GetNames<TEnum>())}"];
    }

    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>Enum values by name only: "3" is not a status.</summary>
public static class Enums
{
    public static bool TryParse<TEnum>(string? value, out TEnum result) where TEnum : struct, Enum
    {
        result = default;
        return !string.IsNullOrWhiteSpace(value) && !char.IsAsciiDigit(value.Trim()[0]) && value.Trim()[0] != '-'
               && Enum.TryParse(value.Trim(), ignoreCase: true, out result) && Enum.IsDefined(result);
    }

    public static TEnum? Parse<TEnum>(string? value) where TEnum : struct, Enum => TryParse<TEnum>(value, out var result) ? result : null;
}
