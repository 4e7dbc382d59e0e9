using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Rapport.Core.Domain;
using Rapport.Core.Security;
using Rapport.Data;
using Rapport.Data.Audit;
using Rapport.Data.Model;

namespace Rapport.Web.Api;

/// <summary>
/// GET /api/v1/customers/{id}: a customer with contact points and consents. Personal values are masked unless the
/// caller holds <see cref="Permissions.PersonalDataRead"/>; an unmasked read is written to the audit log.
/// </summary>
internal static class CustomerResource
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public static async Task<IResult> GetAsync(long id, ClaimsPrincipal user, RapportDb db, IAuthorizationService authorization, AuditRecorder audit, CancellationToken ct)
    {
        var customer = await db.Customers.AsNoTracking().Include(c => c.ContactPoints).Include(c => c.Consents).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (customer is null) return TypedResults.NotFound();
        var clear = (await authorization.AuthorizeAsync(user, null, Permissions.PersonalDataRead)).Succeeded;
        var body = Row(db, customer, clear);
        body["contactPoints"] = new JsonArray(customer.ContactPoints.OrderBy(p => p.Id).Select(p => (JsonNode?)Row(db, p, clear)).ToArray());
        body["consents"] = new JsonArray(customer.Consents.OrderBy(c => c.Id).Select(c => (JsonNode?)Row(db, c, clear)).ToArray());
        body["masked"] = !clear;
        if (clear) await audit.RecordAsync(AuditAction.Read, nameof(Customer), id.ToString(CultureInfo.InvariantCulture), new { via = "api", fields = "personal" }, ct);
        return TypedResults.Ok(body);
    }

    /// <summary>Scalar properties by the EF model; the personal ones masked when <paramref name="clear"/> is false.</summary>
    private static JsonObject Row<T>(RapportDb db, T entity, bool clear) where T : class
    {
        var type = db.Model.FindEntityType(typeof(T))!;
        var row = new JsonObject();
        foreach (IProperty property in type.GetProperties())
        {
            if (property.PropertyInfo is null) continue;
            var value = property.PropertyInfo.GetValue(entity);
            row[JsonNamingPolicy.CamelCase.ConvertName(property.Name)] = !clear && property.IsPersonal()
                ? PersonalDataMask.Mask(value)
                : JsonSerializer.SerializeToNode(value, property.ClrType, Json);
        }
        return row;
    }
}
