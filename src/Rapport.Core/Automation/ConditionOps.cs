namespace Rapport.Core.Automation;

/// <summary>The comparison operators of conditions, and which field kinds each applies to.</summary>
public static class ConditionOps
{
    public const string Equal = "eq";
    public const string NotEqual = "ne";
    public const string Greater = "gt";
    public const string GreaterOrEqual = "gte";
    public const string Less = "lt";
    public const string LessOrEqual = "lte";
    public const string Contains = "contains";
    public const string Empty = "empty";
    public const string NotEmpty = "not_empty";
    /// <summary>The field changed in the event that fired the rule.</summary>
    public const string Changed = "changed";

    public static readonly IReadOnlyList<string> All = [Equal, NotEqual, Greater, GreaterOrEqual, Less, LessOrEqual, Contains, Empty, NotEmpty, Changed];

    /// <summary>Operators that need no value.</summary>
    public static bool IsUnary(string op) => op is Empty or NotEmpty or Changed;

    public static bool AppliesTo(string op, FieldKind kind) => op switch
    {
        Greater or GreaterOrEqual or Less or LessOrEqual => kind is FieldKind.Number or FieldKind.Id or FieldKind.Date,
        Contains => kind == FieldKind.Text,
        _ => true,
    };
}

/// <summary>Evaluates a rule's conditions (all must hold) against a record and the fields its event changed.</summary>
public static class ConditionEvaluator
{
    public static bool AllHold(string? entity, IEnumerable<RuleCondition> conditions, object? record, IReadOnlySet<string> changedFields)
        => conditions.All(c => Holds(entity, c, record, changedFields));

    public static bool Holds(string? entity, RuleCondition condition, object? record, IReadOnlySet<string> changedFields)
    {
        var field = AutomationFields.Find(entity, condition.Field);
        if (field is null || record is null || condition.Op is null) return false;
        if (condition.Op == ConditionOps.Changed) return changedFields.Contains(field.Property.Name);
        var actual = field.Read(record);
        if (condition.Op == ConditionOps.Empty) return IsEmpty(actual);
        if (condition.Op == ConditionOps.NotEmpty) return !IsEmpty(actual);
        if (condition.Op == ConditionOps.Contains)
            return actual is string s && condition.Value is { } v && s.Contains(v.Trim(), StringComparison.OrdinalIgnoreCase);
        if (!field.TryParse(condition.Value, out var expected)) return false;
        var order = Compare(actual, expected);
        return condition.Op switch
        {
            ConditionOps.Equal => order == 0,
            ConditionOps.NotEqual => order != 0,
            // An empty value is neither greater nor less than anything.
            ConditionOps.Greater => actual is not null && expected is not null && order > 0,
            ConditionOps.GreaterOrEqual => actual is not null && expected is not null && order >= 0,
            ConditionOps.Less => actual is not null && expected is not null && order < 0,
            ConditionOps.LessOrEqual => actual is not null && expected is not null && order <= 0,
            _ => false,
        };
    }

    private static bool IsEmpty(object? value) => value is null || value is string s && string.IsNullOrWhiteSpace(s);

    /// <summary>Typed comparison: numbers as decimals, text case-insensitively, enums and dates by their own order; null sorts first.</summary>
    private static int Compare(object? actual, object? expected)
    {
        if (actual is null || expected is null) return actual is null && expected is null ? 0 : actual is null ? -1 : 1;
        if (actual is string a && expected is string b) return string.Compare(a.Trim(), b, StringComparison.OrdinalIgnoreCase);
        if (IsNumber(actual) && IsNumber(expected)) return Convert.ToDecimal(actual).CompareTo(Convert.ToDecimal(expected));
        return actual is IComparable c && actual.GetType() == expected.GetType() ? c.CompareTo(expected) : -1;
    }

    private static bool IsNumber(object value) => value is decimal or double or float or long or int;
}
