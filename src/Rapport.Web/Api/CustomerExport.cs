using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Rapport.Core.Domain;
using Rapport.Core.Security;
using Rapport.Data.Audit;
using Rapport.Web.Features.Customers;

using Rapport.Web.Account;

namespace Rapport.Web.Api;

/// <summary>
/// The customer list as CSV (same search and filters as the list), for the page (cookie, /customers/export.csv) and the
/// API (token, /api/v1/customers/export.csv). Masked for callers without personal-data.read; an unmasked export is
/// audited as an export of personal data.
/// </summary>
internal static class CustomerExport
{
    public static async Task ExportAsync(HttpContext http, string? search, string? segment, double? minChurnRisk, double? minClv, double? maxClv,
        long? segmentId, ClaimsPrincipal user, CustomerSearch customers, IAuthorizationService authorization, AuditRecorder audit,
        Microsoft.EntityFrameworkCore.IDbContextFactory<Rapport.Data.RapportDb> databases, Features.Common.RecordScopes scopes, CancellationToken ct)
    {
        var clear = await authorization.SeesPersonalDataAsync(user);
        // Custom field filters (cf.KEY, cf.KEY.min, cf.KEY.max) as on the list; an unusable one is a 400 naming it.
        var custom = CustomFieldListParameters.Read(http.Request);
        var errors = new Dictionary<string, string[]>();
        await CustomFieldListParameters.CheckAsync(databases, CustomFieldEntity.Customer, custom, errors, ct);
        if (errors.Count > 0)
        {
            await TypedResults.ValidationProblem(errors).ExecuteAsync(http);
            return;
        }
        var query = new CustomerQuery { Search = search, Segment = segment, SegmentId = segmentId, MinChurnRisk = minChurnRisk, MinClv = minClv, MaxClv = maxClv,
            CustomFields = custom, Scope = await scopes.ForAsync(user, ct) };
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"customers-{DateTime.UtcNow:yyyyMMdd}.csv\"";
        await using var writer = new StreamWriter(http.Response.Body, new System.Text.UTF8Encoding(false));
        var count = await customers.ExportAsync(query, clear, writer, ct);
        if (clear)
            await audit.RecordAsync(AuditAction.Export, nameof(Customer), null,
                new { via = http.Request.Path.StartsWithSegments("/api") ? "api" : "ui", rows = count, search, segment }, ct);
    }
}
