using Rapport.Core.CustomFields;
using Rapport.Core.Domain;

namespace Rapport.Data.CustomFields;

/// <summary>Custom field filters as SQL: an EXISTS on the value table per filter, served by its (field, typed value) indexes.</summary>
public static class CustomFieldQueries
{
    public static IQueryable<Customer> WhereCustom(this IQueryable<Customer> customers, RapportDb db, TypedCustomFieldFilter filter)
    {
        var values = db.CustomFieldValues.Where(v => v.EntityType == CustomFieldEntity.Customer && v.FieldId == filter.FieldId);
        values = filter.Type switch
        {
            CustomFieldType.Number => Range(values, filter.EqualTo?.Number, filter.Min?.Number, filter.Max?.Number),
            CustomFieldType.Date => DateRange(values, filter.EqualTo?.Date, filter.Min?.Date, filter.Max?.Date),
            _ => filter.EqualTo?.Text is { } text ? values.Where(v => v.TextValue == text) : values,
        };
        return customers.Where(c => values.Any(v => v.EntityId == c.Id));
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
