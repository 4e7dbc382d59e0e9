using Microsoft.EntityFrameworkCore;
using Rapport.Core.CustomFields;
using Rapport.Core.Domain;
using Rapport.Core.Security;
using Rapport.Data;
using Rapport.Data.CustomFields;

namespace Rapport.Web.Features.CustomFields;

/// <summary>
/// Custom field values as lists, pages, exports and the API show them: {"key": value} (numbers as numbers, dates as
/// yyyy-MM-dd), values of fields that hold personal data masked with <see cref="PersonalDataMask"/> unless the viewer may see them.
/// </summary>
public static class CustomFieldColumns
{
    /// <summary>The values of the given records, read in two queries; the function answers an empty object for a record without values.</summary>
    public static async Task<Func<long, IReadOnlyDictionary<string, object?>>> ReadAsync(RapportDb db, CustomFieldEntity entity, IReadOnlyCollection<long> ids,
        bool showPersonal, CancellationToken ct)
    {
        var values = await CustomFieldStore.ValuesAsync(db, entity, ids, ct);
        var personal = showPersonal ? [] : await CustomFieldStore.PersonalKeysAsync(db, entity, ct);
        var json = values.ToDictionary(v => v.Key, v => Json(v.Value, personal));
        IReadOnlyDictionary<string, object?> empty = new Dictionary<string, object?>();
        return id => json.TryGetValue(id, out var row) ? row : empty;
    }

    /// <summary>One record's values (the API's /custom-fields resource), masked as <see cref="ReadAsync"/> does.</summary>
    public static async Task<IReadOnlyDictionary<string, object?>> ReadOneAsync(IDbContextFactory<RapportDb> databases, CustomFieldEntity entity, long id,
        bool showPersonal, CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        return (await ReadAsync(db, entity, [id], showPersonal, ct))(id);
    }

    /// <summary>Values by key in key order; those in <paramref name="masked"/> as <see cref="PersonalDataMask"/> shows them.</summary>
    public static Dictionary<string, object?> Json(IReadOnlyDictionary<string, CustomTypedValue> values, IReadOnlySet<string> masked)
        => values.OrderBy(v => v.Key, StringComparer.Ordinal).ToDictionary(v => v.Key,
            v => masked.Contains(v.Key) ? PersonalDataMask.Mask(v.Value.Display()) : v.Value.ToJson());

    /// <summary>A value as a CSV cell shows it.</summary>
    public static string Text(object? value) => value switch
    {
        null => "",
        double d => d.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
