using Microsoft.EntityFrameworkCore;
using Rapport.Core.CustomFields;
using Rapport.Core.Domain;

namespace Rapport.Data.CustomFields;

/// <summary>Custom field filters as SQL: an EXISTS on the value table per filter, served by its (field, typed value) indexes.</summary>
public static class CustomFieldQueries
{
    /// <summary>The query-string name of a filter: <c>cf.KEY</c> (equals), <c>cf.KEY.min</c>, <c>cf.KEY.max</c>.</summary>
    public const string ParameterPrefix = "cf.";

    /// <summary>Reads <c>cf.KEY[.min|.max]</c> parameters into filters (values still text: <see cref="ResolveAsync"/> checks them).</summary>
    public static List<CustomFieldFilter> FromQuery(IEnumerable<KeyValuePair<string, string?>> parameters)
    {
        var byKey = new Dictionary<string, CustomFieldFilter>(StringComparer.Ordinal);
        foreach (var (name, value) in parameters)
        {
            if (!name.StartsWith(ParameterPrefix, StringComparison.Ordinal) || string.IsNullOrWhiteSpace(value)) continue;
            var rest = name[ParameterPrefix.Length..];
            var (key, bound) = rest.EndsWith(".min", StringComparison.Ordinal) ? (rest[..^4], "min") : rest.EndsWith(".max", StringComparison.Ordinal) ? (rest[..^4], "max") : (rest, "eq");
            var filter = byKey.GetValueOrDefault(key) ?? new CustomFieldFilter(key);
            byKey[key] = bound switch { "min" => filter with { Min = value }, "max" => filter with { Max = value }, _ => filter with { EqualTo = value } };
        }
        return byKey.Values.ToList();
    }

    /// <summary>Typed filters for the record kind's fields, and problems keyed by parameter name (<c>cf.KEY</c>).</summary>
    public static async Task<(List<TypedCustomFieldFilter> Filters, Dictionary<string, string[]> Problems)> ResolveAsync(
        RapportDb db, CustomFieldEntity entity, IReadOnlyList<CustomFieldFilter> filters, CancellationToken ct)
    {
        var typed = new List<TypedCustomFieldFilter>();
        var problems = new Dictionary<string, string[]>();
        if (filters.Count == 0) return (typed, problems);
        var keys = filters.Select(f => f.Key).ToList();
        var fields = await db.CustomFieldDefinitions.AsNoTracking().Where(d => d.EntityType == entity && keys.Contains(d.Key)).ToDictionaryAsync(d => d.Key, ct);
        foreach (var filter in filters)
        {
            if (!fields.TryGetValue(filter.Key, out var field))
            {
                problems[ParameterPrefix + filter.Key] = [$"not a custom field of {CustomFieldStore.Plural(entity)}"];
                continue;
            }
            var (resolved, problem) = filter.Resolve(field);
            if (problem is not null) problems[ParameterPrefix + filter.Key] = [problem];
            else if (resolved is not null) typed.Add(resolved);
        }
        return (typed, problems);
    }

    /// <summary>
    /// The ids of the records each filter selects, one query per filter, for any record kind: callers narrow their list with
    /// <c>query.Where(r =&gt; ids.Contains(r.Id))</c> for each (an indexed <c>id IN (…)</c> in SQL). Unusable filters throw
    /// <see cref="ArgumentException"/> naming the parameter: callers check them first (<see cref="ResolveAsync"/>).
    /// </summary>
    public static async Task<List<IQueryable<long>>> MatchingIdsAsync(RapportDb db, CustomFieldEntity entity, IReadOnlyList<CustomFieldFilter> filters, CancellationToken ct)
    {
        if (filters.Count == 0) return [];
        var (typed, problems) = await ResolveAsync(db, entity, filters, ct);
        if (problems.Count > 0) throw new ArgumentException(string.Join("; ", problems.Select(p => $"{p.Key}: {p.Value[0]}")));
        return typed.Select(f => MatchingIds(db, entity, f)).ToList();
    }

    /// <summary>The ids of the records of <paramref name="entity"/> whose value passes <paramref name="filter"/>.</summary>
    public static IQueryable<long> MatchingIds(RapportDb db, CustomFieldEntity entity, TypedCustomFieldFilter filter)
    {
        var values = db.CustomFieldValues.Where(v => v.EntityType == entity && v.FieldId == filter.FieldId);
        values = filter.Type switch
        {
            CustomFieldType.Number => Range(values, filter.EqualTo?.Number, filter.Min?.Number, filter.Max?.Number),
            CustomFieldType.Date => DateRange(values, filter.EqualTo?.Date, filter.Min?.Date, filter.Max?.Date),
            _ => filter.EqualTo?.Text is { } text ? values.Where(v => v.TextValue == text) : values,
        };
        return values.Select(v => v.EntityId);
    }

    private static IQueryable<CustomFieldValue> Range(IQueryable<CustomFieldValue> values, double? equal, double? min, double? max)
    {
        if (equal is { } e) values = values.Where(v => v.NumberValue == e);
        if (min is { } lo) values = values.Where(v => v.NumberValue >= lo);
        if (max is { } hi) values = values.Where(v => v.NumberValue <= hi);
        return values;
    }

    private static IQueryable<CustomFieldValue> DateRange(IQueryable<CustomFieldValue> values, DateOnly? equal, DateOnly? min, DateOnly? max)
    {
        if (equal is { } e) values = values.Where(v => v.DateValue == e);
        if (min is { } lo) values = values.Where(v => v.DateValue >= lo);
        if (max is { } hi) values = values.Where(v => v.DateValue <= hi);
        return values;
    }
}
