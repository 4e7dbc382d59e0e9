using System.Globalization;
using System.Reflection;
using Rapport.Core.Domain;

namespace Rapport.Core.Automation;

public enum FieldKind { Text, Number, Id, Date, Enum }

/// <summary>A field of a record that conditions may read and (when <see cref="Settable"/>) the "change a field" action may write.</summary>
public sealed record AutomationField(string Name, PropertyInfo Property, FieldKind Kind, bool Settable)
{
    public Type ValueType => System.Nullable.GetUnderlyingType(Property.PropertyType) ?? Property.PropertyType;
    /// <summary>Whether the field may be empty (nullable reference annotations included: a deal's title may not).</summary>
    public bool Nullable => new NullabilityInfoContext().Create(Property).WriteState == NullabilityState.Nullable;
    public IReadOnlyList<string> Choices => Kind == FieldKind.Enum ? Enum.GetNames(ValueType) : [];

    public object? Read(object record) => Property.GetValue(record);

    /// <summary>Parses <paramref name="text"/> as this field's type (enums by name, numbers and dates invariant); null text clears a nullable field.</summary>
    public bool TryParse(string? text, out object? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text)) return Nullable;
        var t = text.Trim();
        var type = ValueType;
        if (type == typeof(string)) { value = t; return true; }
        if (type.IsEnum)
        {
            if (char.IsAsciiDigit(t[0]) || t[0] == '-' || !Enum.TryParse(type, t, ignoreCase: true, out var e) || !Enum.IsDefined(type, e!)) return false;
            value = e; return true;
        }
        if (type == typeof(decimal) && decimal.TryParse(t, NumberStyles.Number, CultureInfo.InvariantCulture, out var d)) { value = d; return true; }
        if (type == typeof(double) && double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) && double.IsFinite(f)) { value = f; return true; }
        if (type == typeof(long) && long.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l)) { value = l; return true; }
        if (type == typeof(DateOnly) && DateOnly.TryParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) { value = day; return true; }
        if (type == typeof(DateTime) && DateTime.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at)) { value = at; return true; }
        return false;
    }

    /// <summary>What a value of this type looks like, for error messages.</summary>
    public string Expected => Kind switch
    {
        FieldKind.Enum => "one of " + string.Join(", ", Choices),
        FieldKind.Number or FieldKind.Id => "a number (e.g. 1200.50)",
        FieldKind.Date => ValueType == typeof(DateOnly) ? "a date yyyy-MM-dd" : "a date and time (ISO 8601)",
        _ => "text",
    };
}

/// <summary>
/// The whitelist: which fields of customers, deals and tickets rules may read and write. Personal fields (names, e-mail,
/// descriptions) are left out: a rule never needs them, and a webhook or notification built from them would leak them.
/// </summary>
public static class AutomationFields
{
    public const string Customer = nameof(Domain.Customer);
    public const string Deal = nameof(Domain.Deal);
    public const string Ticket = nameof(Domain.Ticket);
    public static readonly IReadOnlyList<string> Entities = [Customer, Deal, Ticket];

    private static readonly Dictionary<string, IReadOnlyList<AutomationField>> ByEntity = new(StringComparer.Ordinal)
    {
        [Customer] =
        [
            F<Domain.Customer>(nameof(Domain.Customer.Country), FieldKind.Text, true),
            F<Domain.Customer>(nameof(Domain.Customer.JobTitle), FieldKind.Text, true),
            F<Domain.Customer>(nameof(Domain.Customer.PreferredLanguage), FieldKind.Text, true),
            F<Domain.Customer>(nameof(Domain.Customer.Source), FieldKind.Text, false),
            F<Domain.Customer>(nameof(Domain.Customer.Gender), FieldKind.Text, false),
            F<Domain.Customer>(nameof(Domain.Customer.Status), FieldKind.Enum, false),
            F<Domain.Customer>(nameof(Domain.Customer.OwnerId), FieldKind.Id, false),
            F<Domain.Customer>(nameof(Domain.Customer.CompanyId), FieldKind.Id, false),
            F<Domain.Customer>(nameof(Domain.Customer.CreatedAt), FieldKind.Date, false),
        ],
        [Deal] =
        [
            F<Domain.Deal>(nameof(Domain.Deal.Title), FieldKind.Text, true),
            F<Domain.Deal>(nameof(Domain.Deal.Amount), FieldKind.Number, true),
            F<Domain.Deal>(nameof(Domain.Deal.Currency), FieldKind.Text, false),
            F<Domain.Deal>(nameof(Domain.Deal.Probability), FieldKind.Number, true),
            F<Domain.Deal>(nameof(Domain.Deal.ExpectedClose), FieldKind.Date, true),
            F<Domain.Deal>(nameof(Domain.Deal.NextStep), FieldKind.Text, true),
            F<Domain.Deal>(nameof(Domain.Deal.Status), FieldKind.Enum, false),
            F<Domain.Deal>(nameof(Domain.Deal.StageId), FieldKind.Id, false),
            F<Domain.Deal>(nameof(Domain.Deal.PipelineId), FieldKind.Id, false),
            F<Domain.Deal>(nameof(Domain.Deal.OwnerId), FieldKind.Id, false),
            F<Domain.Deal>(nameof(Domain.Deal.CompanyId), FieldKind.Id, false),
            F<Domain.Deal>(nameof(Domain.Deal.CustomerId), FieldKind.Id, false),
        ],
        [Ticket] =
        [
            F<Domain.Ticket>(nameof(Domain.Ticket.Subject), FieldKind.Text, false),
            F<Domain.Ticket>(nameof(Domain.Ticket.Status), FieldKind.Enum, true),
            F<Domain.Ticket>(nameof(Domain.Ticket.Priority), FieldKind.Enum, true),
            F<Domain.Ticket>(nameof(Domain.Ticket.Category), FieldKind.Text, true),
            F<Domain.Ticket>(nameof(Domain.Ticket.Channel), FieldKind.Enum, false),
            F<Domain.Ticket>(nameof(Domain.Ticket.Intent), FieldKind.Text, false),
            F<Domain.Ticket>(nameof(Domain.Ticket.Sentiment), FieldKind.Number, false),
            F<Domain.Ticket>(nameof(Domain.Ticket.Language), FieldKind.Text, false),
            F<Domain.Ticket>(nameof(Domain.Ticket.AssigneeId), FieldKind.Id, false),
            F<Domain.Ticket>(nameof(Domain.Ticket.CustomerId), FieldKind.Id, false),
            F<Domain.Ticket>(nameof(Domain.Ticket.SlaDueAt), FieldKind.Date, false),
        ],
    };

    private static AutomationField F<T>(string property, FieldKind kind, bool settable)
        => new(char.ToLowerInvariant(property[0]) + property[1..], typeof(T).GetProperty(property)!, kind, settable);

    public static IReadOnlyList<AutomationField> Of(string? entity) => entity is not null && ByEntity.TryGetValue(entity, out var f) ? f : [];

    /// <summary>The field by its API name (camelCase) or property name, case-insensitive.</summary>
    public static AutomationField? Find(string? entity, string? name)
        => name is null ? null : Of(entity).FirstOrDefault(f => string.Equals(f.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The property that the "assign" action sets: the owner of customers and deals, the assignee of tickets.</summary>
    public static PropertyInfo? AssigneeProperty(string? entity) => entity switch
    {
        Customer => typeof(Domain.Customer).GetProperty(nameof(Domain.Customer.OwnerId)),
        Deal => typeof(Domain.Deal).GetProperty(nameof(Domain.Deal.OwnerId)),
        Ticket => typeof(Domain.Ticket).GetProperty(nameof(Domain.Ticket.AssigneeId)),
        _ => null,
    };
}
