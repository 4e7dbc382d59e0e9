using Rapport.Core.Domain;

namespace Rapport.Core.CustomFields;

/// <summary>A list filter on one custom field as asked for (text from a query string or a form): equals, or a range for numbers and dates.</summary>
public sealed record CustomFieldFilter(string Key, string? EqualTo = null, string? Min = null, string? Max = null)
{
    /// <summary>The filter with typed bounds for <paramref name="field"/>, or the problem (naming no field: the caller knows its parameter).</summary>
    public (TypedCustomFieldFilter? Filter, string? Problem) Resolve(CustomFieldDefinition field)
    {
        // Bounds are never "required": parse them as an optional field of the same type.
        var optional = new CustomFieldDefinition { Key = field.Key, Type = field.Type, Options = field.Options };
        if ((Min is not null || Max is not null) && field.Type is not (CustomFieldType.Number or CustomFieldType.Date))
            return (null, "a range needs a number or date field");
        CustomTypedValue? Parse(string? text, out string? problem)
        {
            problem = null;
            if (string.IsNullOrWhiteSpace(text)) return null;
            return CustomFieldRules.TryParse(optional, text, out var value, out problem) ? value : null;
        }
        var equal = Parse(EqualTo, out var p1);
        var min = Parse(Min, out var p2);
        var max = Parse(Max, out var p3);
        if ((p1 ?? p2 ?? p3) is { } problem) return (null, problem);
        if (equal is null && min is null && max is null) return (null, null);
        return (new TypedCustomFieldFilter(field.Id, field.Type, equal, min, max), null);
    }
}

/// <summary>A resolved filter: the field's id and typed bounds (any may be null).</summary>
public sealed record TypedCustomFieldFilter(long FieldId, CustomFieldType Type, CustomTypedValue? EqualTo, CustomTypedValue? Min, CustomTypedValue? Max);
