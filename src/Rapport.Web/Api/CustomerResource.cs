using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Rapport.Core.Domain;
using Rapport.Core.Security;
using Rapport.Data;
using Rapport.Data.Audit;

using Rapport.Web.Account;

namespace Rapport.Web.Api;

/// <summary>
/// GET /api/v1/customers/{id}: a customer with contact points, consents and stored insights (scores with their reasons). Personal values are masked unless the
/// caller holds <see cref="Permissions.PersonalDataRead"/>; an unmasked read is written to the audit log.
/// </summary>
internal static class CustomerResource
{
    public static async Task<IResult> GetAsync(long id, ClaimsPrincipal user, RapportDb db, IAuthorizationService authorization, AuditRecorder audit,
        Rapport.Data.CustomFields.CustomFieldStore customFields, Features.Common.RecordScopes scopes, CancellationToken ct)
    {
        var scope = await scopes.ForAsync(user, ct);
        var customer = await scope.Apply(db.Customers.AsNoTracking()).Include(c => c.ContactPoints).Include(c => c.Consents).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (customer is null) return TypedResults.NotFound();
        var clear = await authorization.SeesPersonalDataAsync(user);
        var body = EntityJson.Row(db, customer, maskPersonal: !clear);
        body["contactPoints"] = EntityJson.Rows(db, customer.ContactPoints.OrderBy(p => p.Id), maskPersonal: !clear);
        body["consents"] = EntityJson.Rows(db, customer.Consents.OrderBy(c => c.Id), maskPersonal: !clear);
        body["masked"] = !clear;
        body["insights"] = (await CustomerInsightsJson.ForAsync(db, [id], ct))[id];
        body["customFields"] = System.Text.Json.JsonSerializer.SerializeToNode((await Features.CustomFields.CustomFieldColumns.ReadAsync(db, CustomFieldEntity.Customer, [id], clear, ct))(id));
        if (clear) await audit.RecordAsync(AuditAction.Read, nameof(Customer), id.ToString(CultureInfo.InvariantCulture), new { via = "api", fields = "personal" }, ct);
        return TypedResults.Ok(body);
    }
}
