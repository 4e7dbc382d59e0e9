using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rapport.Core.CustomFields;
using Rapport.Core.Domain;

namespace Rapport.Data.CustomFields;

/// <summary>
/// Custom field definitions and values: what the admin page, the <c>CustomFieldsEditor</c> component and the API use.
/// Every value is checked by <see cref="CustomFieldRules"/>; problems come back keyed <c>customFields.KEY</c> and nothing
/// is written unless all values are good. Writes go through the tracked EF path, so they are audited.
/// </summary>
public sealed class CustomFieldStore(IDbContextFactory<RapportDb> databases, TimeProvider clock)
{
    public async Task<List<CustomFieldDefinition>> DefinitionsAsync(CustomFieldEntity? entity = null, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var query = db.CustomFieldDefinitions.AsNoTracking();
        if (entity is { } e) query = query.Where(d => d.EntityType == e);
        return await query.OrderBy(d => d.EntityType).ThenBy(d => d.Position).ThenBy(d => d.Id).ToListAsync(ct);
    }

    /// <summary>Creates (id 0) or updates a definition; returns problems by property (key, label, options, type) and saves nothing if any.</summary>
    public async Task<Dictionary<string, string>> SaveDefinitionAsync(CustomFieldDefinition definition, CancellationToken ct = default)
    {
        definition.Key = definition.Key.Trim();
        definition.Label = definition.Label.Trim();
        definition.Options = definition.Options.Select(o => o.Trim()).Where(o => o.Length > 0).ToList();
        var problems = CustomFieldRules.DefinitionProblems(definition);
        await using var db = await databases.CreateDbContextAsync(ct);
        if (!problems.ContainsKey("key") && await db.CustomFieldDefinitions.AnyAsync(d => d.EntityType == definition.EntityType && d.Key == definition.Key && d.Id != definition.Id, ct))
            problems["key"] = $"{definition.EntityType.ToString().ToLowerInvariant()} already have a field \"{definition.Key}\"";
        CustomFieldDefinition? stored = null;
        if (definition.Id != 0)
        {
            stored = await db.CustomFieldDefinitions.SingleOrDefaultAsync(d => d.Id == definition.Id, ct);
            if (stored is null) problems["id"] = "no such field";
            else if ((stored.Type != definition.Type || stored.EntityType != definition.EntityType) && await db.CustomFieldValues.AnyAsync(v => v.FieldId == stored.Id, ct))
                problems["type"] = "the field has values: its type and record kind cannot change";
            else if (stored.Type == CustomFieldType.Choice && definition.Type == CustomFieldType.Choice)
            {
                var removed = stored.Options.Except(definition.Options, StringComparer.Ordinal).ToList();
                var inUse = await db.CustomFieldValues.Where(v => v.FieldId == stored.Id && v.TextValue != null && removed.Contains(v.TextValue))
                    .Select(v => v.TextValue!).Distinct().ToListAsync(ct);
                if (inUse.Count > 0) problems["options"] = $"options still in use: {string.Join(", ", inUse)}";
            }
        }
        if (problems.Count > 0) return problems;
        if (stored is null)
        {
            definition.CreatedAt = Now;
            db.CustomFieldDefinitions.Add(definition);
        }
        else
        {
            stored.EntityType = definition.EntityType;
            stored.Key = definition.Key;
            stored.Label = definition.Label;
            stored.Type = definition.Type;
            stored.Options = definition.Options;
            stored.Required = definition.Required;
            stored.HoldsPersonalData = definition.HoldsPersonalData;
            stored.Position = definition.Position;
        }
        await db.SaveChangesAsync(ct);
        return problems;
    }

    /// <summary>Deletes a field and (by cascade) its values; false when it does not exist.</summary>
    public async Task<bool> DeleteDefinitionAsync(long id, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var stored = await db.CustomFieldDefinitions.SingleOrDefaultAsync(d => d.Id == id, ct);
        if (stored is null) return false;
        // Tracked deletes, so each value's removal is in the audit trail too.
        db.CustomFieldValues.RemoveRange(await db.CustomFieldValues.Where(v => v.FieldId == id).ToListAsync(ct));
        db.CustomFieldDefinitions.Remove(stored);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Whether the customer, company or deal exists.</summary>
    public async Task<bool> RecordExistsAsync(CustomFieldEntity entity, long id, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        return entity switch
        {
            CustomFieldEntity.Customer => await db.Customers.AnyAsync(c => c.Id == id, ct),
            CustomFieldEntity.Company => await db.Companies.AnyAsync(c => c.Id == id, ct),
            _ => await db.Deals.AnyAsync(d => d.Id == id, ct),
        };
    }

    /// <summary>The stored values of the given records: record id → field key → typed value.</summary>
    public async Task<Dictionary<long, Dictionary<string, CustomTypedValue>>> ValuesAsync(CustomFieldEntity entity, IReadOnlyCollection<long> ids, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        return await ValuesAsync(db, entity, ids, ct);
    }

    public static async Task<Dictionary<long, Dictionary<string, CustomTypedValue>>> ValuesAsync(RapportDb db, CustomFieldEntity entity, IReadOnlyCollection<long> ids, CancellationToken ct)
    {
        var result = ids.Distinct().ToDictionary(id => id, _ => new Dictionary<string, CustomTypedValue>(StringComparer.Ordinal));
        if (ids.Count == 0) return result;
        var idList = ids.Distinct().ToList();
        var rows = await db.CustomFieldValues.AsNoTracking()
            .Where(v => v.EntityType == entity && idList.Contains(v.EntityId))
            .Select(v => new { v.EntityId, v.Field!.Key, v.TextValue, v.NumberValue, v.DateValue }).ToListAsync(ct);
        foreach (var r in rows) result[r.EntityId][r.Key] = new CustomTypedValue(r.TextValue, r.NumberValue, r.DateValue);
        return result;
    }

    /// <summary>
    /// Sets values sent as JSON (the API). With <paramref name="replace"/> (PUT) fields left out are cleared and required
    /// ones must be given; without it (PATCH) only the given keys change and null clears one. Returns problems keyed
    /// <c>customFields.KEY</c>; nothing is written unless there are none.
    /// </summary>
    public Task<Dictionary<string, string[]>> SetAsync(CustomFieldEntity entity, long id, IReadOnlyDictionary<string, JsonElement> values, bool replace, CancellationToken ct = default)
        => SetAsync(entity, id, values.Keys, replace, (CustomFieldDefinition f, string key, out CustomTypedValue v, out string? p) => CustomFieldRules.TryParse(f, values[key], out v, out p), ct);

    /// <summary>Sets values entered as text (the editor); same rules as the JSON form.</summary>
    public Task<Dictionary<string, string[]>> SetTextAsync(CustomFieldEntity entity, long id, IReadOnlyDictionary<string, string?> values, bool replace, CancellationToken ct = default)
        => SetAsync(entity, id, values.Keys, replace, (CustomFieldDefinition f, string key, out CustomTypedValue v, out string? p) => CustomFieldRules.TryParse(f, values[key], out v, out p), ct);

    private delegate bool Parser(CustomFieldDefinition field, string key, out CustomTypedValue value, out string? problem);

    private async Task<Dictionary<string, string[]>> SetAsync(CustomFieldEntity entity, long id, IEnumerable<string> keys, bool replace, Parser parse, CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var fields = await db.CustomFieldDefinitions.AsNoTracking().Where(d => d.EntityType == entity).ToListAsync(ct);
        var byKey = fields.ToDictionary(f => f.Key, StringComparer.Ordinal);
        var errors = new Dictionary<string, string[]>();
        var parsed = new Dictionary<long, CustomTypedValue>();
        var given = keys.ToList();
        foreach (var key in given)
        {
            if (!byKey.TryGetValue(key, out var field))
            {
                errors[ErrorKey(key)] = [$"not a custom field of {Plural(entity)} (known: {string.Join(", ", fields.Select(f => f.Key))})"];
                continue;
            }
            if (parse(field, key, out var value, out var problem)) parsed[field.Id] = value;
            else errors[ErrorKey(key)] = [problem!];
        }
        if (replace)
            foreach (var missing in fields.Where(f => f.Required && !given.Contains(f.Key, StringComparer.Ordinal)))
                errors[ErrorKey(missing.Key)] = ["required value is missing"];
        if (errors.Count > 0) return errors;
        if (replace)
            foreach (var absent in fields.Where(f => !given.Contains(f.Key, StringComparer.Ordinal)))
                parsed[absent.Id] = default;

        var ids = parsed.Keys.ToList();
        var stored = await db.CustomFieldValues.Where(v => v.EntityType == entity && v.EntityId == id && ids.Contains(v.FieldId)).ToListAsync(ct);
        foreach (var (fieldId, value) in parsed)
        {
            var row = stored.FirstOrDefault(v => v.FieldId == fieldId);
            if (value.IsEmpty)
            {
                if (row is not null) db.CustomFieldValues.Remove(row);
                continue;
            }
            if (row is null)
            {
                row = new CustomFieldValue { EntityType = entity, EntityId = id, FieldId = fieldId };
                db.CustomFieldValues.Add(row);
            }
            else if (row.TextValue == value.Text && row.NumberValue == value.Number && row.DateValue == value.Date) continue;
            (row.TextValue, row.NumberValue, row.DateValue, row.UpdatedAt) = (value.Text, value.Number, value.Date, Now);
        }
        await db.SaveChangesAsync(ct);
        return errors;
    }

    /// <summary>The keys of the record kind's fields that hold personal data (masked for viewers without personal-data.read).</summary>
    public static async Task<HashSet<string>> PersonalKeysAsync(RapportDb db, CustomFieldEntity entity, CancellationToken ct) =>
        (await db.CustomFieldDefinitions.AsNoTracking().Where(d => d.EntityType == entity && d.HoldsPersonalData).Select(d => d.Key).ToListAsync(ct))
        .ToHashSet(StringComparer.Ordinal);

    public static string ErrorKey(string key) => "customFields." + key;

    public static string Plural(CustomFieldEntity entity) => entity switch
    {
        CustomFieldEntity.Customer => "customers",
        CustomFieldEntity.Company => "companies",
        _ => "deals",
    };

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
