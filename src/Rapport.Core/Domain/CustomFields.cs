namespace Rapport.Core.Domain;

/// <summary>The records an administrator can extend with custom fields.</summary>
public enum CustomFieldEntity { Customer, Company, Deal }

public enum CustomFieldType { Text, Number, Date, Choice }

/// <summary>
/// A field an administrator added to customers, companies or deals. <see cref="Key"/> is the stable name the API,
/// filters and imports use (<c>custom.KEY</c>); <see cref="Label"/> is what the screens show.
/// </summary>
public class CustomFieldDefinition
{
    public long Id { get; set; }
    public CustomFieldEntity EntityType { get; set; }
    public string Key { get; set; } = "";
    public string Label { get; set; } = "";
    public CustomFieldType Type { get; set; }
    /// <summary>The allowed values of a <see cref="CustomFieldType.Choice"/> field, in display order.</summary>
    public List<string> Options { get; set; } = [];
    public bool Required { get; set; }
    /// <summary>
    /// Set by an administrator when the values identify or describe a person (e.g. a loyalty card number): they are masked
    /// for viewers without personal-data.read like the built-in personal fields.
    /// </summary>
    public bool HoldsPersonalData { get; set; }
    public int Position { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>
/// One value of one custom field on one record. Exactly one typed column is set, by the field's type (a choice is
/// stored as its text), so the database can filter and index values by type: text equality, number and date ranges.
/// </summary>
public class CustomFieldValue
{
    public long Id { get; set; }
    public CustomFieldEntity EntityType { get; set; }
    /// <summary>The customer's, company's or deal's id (by <see cref="EntityType"/>).</summary>
    public long EntityId { get; set; }
    public long FieldId { get; set; }
    public CustomFieldDefinition? Field { get; set; }
    public string? TextValue { get; set; }
    public double? NumberValue { get; set; }
    public DateOnly? DateValue { get; set; }
    public DateTime UpdatedAt { get; set; }
}
