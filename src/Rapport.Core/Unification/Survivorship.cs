using System.Globalization;
using Rapport.Core.Domain;

namespace Rapport.Core.Unification;

/// <summary>A survivor field a merge changed: values as invariant text ("" for empty), so it can be stored and restored.</summary>
public sealed record FieldChange(string Field, string? Before, string? After);

/// <summary>
/// Survivorship rules, pure. <b>Survivor</b>: the older record (earlier <see cref="Customer.CreatedAt"/>, then the lower id) —
/// its id is the one other systems, orders and the audit trail have known longest. <b>Fields</b>: for each field, a
/// non-empty value beats an empty one; between two different non-empty values the more trusted source wins
/// (<see cref="UnificationOptions.SourcePriority"/>), and between equally trusted sources the record updated last wins
/// ("newest non-empty"); on a tie the survivor keeps its value. Source, external id, status and times stay the survivor's.
/// </summary>
public static class Survivorship
{
    private sealed record Field(string Name, Func<Customer, string?> Get, Action<Customer, string?> Set);

    private static readonly Field[] Fields =
    [
        new(nameof(Customer.FirstName), c => c.FirstName, (c, v) => c.FirstName = v ?? ""),
        new(nameof(Customer.LastName), c => c.LastName, (c, v) => c.LastName = v ?? ""),
        new(nameof(Customer.BirthDate), c => c.BirthDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            (c, v) => c.BirthDate = string.IsNullOrEmpty(v) ? null : DateOnly.ParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture)),
        new(nameof(Customer.Gender), c => c.Gender, (c, v) => c.Gender = NullIfEmpty(v)),
        new(nameof(Customer.PreferredLanguage), c => c.PreferredLanguage, (c, v) => c.PreferredLanguage = string.IsNullOrEmpty(v) ? "en" : v),
        new(nameof(Customer.Country), c => c.Country, (c, v) => c.Country = NullIfEmpty(v)),
        new(nameof(Customer.CompanyId), c => c.CompanyId?.ToString(CultureInfo.InvariantCulture),
            (c, v) => c.CompanyId = string.IsNullOrEmpty(v) ? null : long.Parse(v, CultureInfo.InvariantCulture)),
        new(nameof(Customer.JobTitle), c => c.JobTitle, (c, v) => c.JobTitle = NullIfEmpty(v)),
        new(nameof(Customer.OwnerId), c => c.OwnerId?.ToString(CultureInfo.InvariantCulture),
            (c, v) => c.OwnerId = string.IsNullOrEmpty(v) ? null : long.Parse(v, CultureInfo.InvariantCulture)),
        new(nameof(Customer.UpdatedAt), c => c.UpdatedAt.ToString("O", CultureInfo.InvariantCulture),
            (c, v) => c.UpdatedAt = DateTime.Parse(v!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)),
    ];

    private static string? NullIfEmpty(string? v) => string.IsNullOrEmpty(v) ? null : v;

    /// <summary>(survivor, merged) of two records by the survivor rule.</summary>
    public static (Customer Survivor, Customer Merged) ChooseSurvivor(Customer a, Customer b)
    {
        var aFirst = a.CreatedAt < b.CreatedAt || (a.CreatedAt == b.CreatedAt && a.Id < b.Id);
        return aFirst ? (a, b) : (b, a);
    }

    /// <summary>Applies the field rules to <paramref name="survivor"/> and returns what changed (the survivor's UpdatedAt becomes the later of the two).</summary>
    public static IReadOnlyList<FieldChange> Apply(Customer survivor, Customer merged, IReadOnlyList<string> sourcePriority)
    {
        var changes = new List<FieldChange>();
        var survivorRank = Rank(survivor.Source, sourcePriority);
        var mergedRank = Rank(merged.Source, sourcePriority);
        var mergedWinsTies = mergedRank < survivorRank || (mergedRank == survivorRank && merged.UpdatedAt > survivor.UpdatedAt);
        foreach (var field in Fields)
        {
            var mine = field.Get(survivor);
            var theirs = field.Get(merged);
            if (field.Name == nameof(Customer.UpdatedAt))
            {
                if (merged.UpdatedAt > survivor.UpdatedAt) Set(field, survivor, mine, theirs, changes);
                continue;
            }
            if (string.IsNullOrEmpty(theirs) || string.Equals(mine, theirs, StringComparison.Ordinal)) continue;
            if (string.IsNullOrEmpty(mine) || mergedWinsTies) Set(field, survivor, mine, theirs, changes);
        }
        return changes;
    }

    /// <summary>Puts the <see cref="FieldChange.Before"/> values back (undo).</summary>
    public static void Restore(Customer survivor, IEnumerable<FieldChange> changes)
    {
        foreach (var change in changes)
        {
            var field = Fields.SingleOrDefault(f => f.Name == change.Field)
                        ?? throw new InvalidOperationException($"The merge record names an unknown field '{change.Field}'.");
            field.Set(survivor, change.Before);
        }
    }

    private static void Set(Field field, Customer survivor, string? before, string? after, List<FieldChange> changes)
    {
        field.Set(survivor, after);
        changes.Add(new FieldChange(field.Name, before, after));
    }

    private static int Rank(string? source, IReadOnlyList<string> priority)
    {
        if (source is null) return int.MaxValue;
        for (var i = 0; i < priority.Count; i++)
            if (string.Equals(priority[i], source, StringComparison.OrdinalIgnoreCase)) return i;
        return int.MaxValue;
    }
}
