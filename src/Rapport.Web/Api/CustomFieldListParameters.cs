using Microsoft.EntityFrameworkCore;
using Rapport.Core.CustomFields;
using Rapport.Core.Domain;
using Rapport.Data;
using Rapport.Data.CustomFields;

namespace Rapport.Web.Api;

/// <summary>
/// The <c>cf.KEY</c>, <c>cf.KEY.min</c>, <c>cf.KEY.max</c> query parameters every list endpoint with custom fields takes
/// (customers, companies, deals): read from the request, and checked against the record kind's fields with problems named by parameter.
/// </summary>
internal static class CustomFieldListParameters
{
    public static List<CustomFieldFilter> Read(HttpRequest http) =>
        CustomFieldQueries.FromQuery(http.Query.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value.ToString())));

    /// <summary>Adds a problem per unusable filter (unknown field, value the field cannot hold, range on text) to <paramref name="errors"/>.</summary>
    public static async Task CheckAsync(IDbContextFactory<RapportDb> databases, CustomFieldEntity entity, IReadOnlyList<CustomFieldFilter> filters,
        IDictionary<string, string[]> errors, CancellationToken ct)
    {
        if (filters.Count == 0) return;
        await using var db = await databases.CreateDbContextAsync(ct);
        foreach (var (name, problem) in (await CustomFieldQueries.ResolveAsync(db, entity, filters, ct)).Problems) errors[name] = problem;
    }
}
