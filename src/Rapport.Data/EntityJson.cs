using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore.Metadata;
using Rapport.Core.Security;
using Rapport.Data.Model;

namespace Rapport.Data;

/// <summary>
/// An entity as a JSON object of its mapped scalar properties (camelCase, enums by name; no navigations, so no
/// cycles), optionally with the personal ones masked — what exports and the API show of a record.
/// </summary>
public static class EntityJson
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static JsonObject Row<T>(RapportDb db, T entity, bool maskPersonal = false) where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        var type = db.Model.FindEntityType(entity.GetType()) ?? throw new InvalidOperationException($"{entity.GetType().Name} is not mapped.");
        var row = new JsonObject();
        foreach (IProperty property in type.GetProperties())
        {
            // A blind index is a keyed hash for lookups, not data about anyone: left out.
            if (property.PropertyInfo is null || property.IsBlindIndexed()) continue;
            var value = property.PropertyInfo.GetValue(entity);
            row[JsonNamingPolicy.CamelCase.ConvertName(property.Name)] = maskPersonal && property.IsPersonal()
                ? PersonalDataMask.Mask(value)
                : JsonSerializer.SerializeToNode(value, property.ClrType, Json);
        }
        return row;
    }

    public static JsonArray Rows<T>(RapportDb db, IEnumerable<T> entities, bool maskPersonal = false) where T : class =>
        new(entities.Select(e => (JsonNode?)Row(db, e, maskPersonal)).ToArray());
}
