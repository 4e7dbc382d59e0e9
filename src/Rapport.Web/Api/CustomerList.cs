using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Rapport.Core.Domain;
using Rapport.Core.Security;
using Rapport.Data;

namespace Rapport.Web.Api;

/// <summary>
/// GET /api/v1/customers?search=&amp;page=&amp;pageSize=&amp;sort= → {"items","total","page","pageSize"}: active customers
/// (merged and erased records left out), newest first unless sorted by name. The search finds an exact e-mail, a phone
/// number (digits), an external id, or the start of a first or last name. Names, e-mail and phone are masked for callers
/// without personal-data.read.
/// </summary>
internal static class CustomerList
{
    public const int MaxPageSize = 200;

    public static async Task<IResult> GetAsync(string? search, int? page, int? pageSize, string? sort, ClaimsPrincipal user, RapportDb db,
        IAuthorizationService authorization, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (page is < 1) errors["page"] = ["must be 1 or more"];
        if (pageSize is < 1 or > MaxPageSize) errors["pageSize"] = [$"must be between 1 and {MaxPageSize}"];
        if (sort is not (null or "name" or "newest" or "id")) errors["sort"] = ["one of name, newest, id"];
        if (search is { Length: > 200 }) errors["search"] = ["at most 200 characters"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var (p, size) = (page ?? 1, pageSize ?? 25);

        var query = Search(db, search?.Trim());
        var total = await query.LongCountAsync(ct);
        query = sort switch
        {
            "name" => query.OrderBy(c => c.LastName).ThenBy(c => c.FirstName).ThenBy(c => c.Id),
            "id" => query.OrderBy(c => c.Id),
            _ => query.OrderByDescending(c => c.Id),
        };
        var customers = await query.Skip((p - 1) * size).Take(size).ToListAsync(ct);
        var ids = customers.Select(c => c.Id).ToList();
        var contacts = await db.ContactPoints.AsNoTracking()
            .Where(cp => cp.CustomerId != null && ids.Contains(cp.CustomerId.Value) && cp.Kind != ContactKind.Address)
            .OrderByDescending(cp => cp.IsPrimary).ThenBy(cp => cp.Id).ToListAsync(ct);
        var insights = await CustomerInsightsJson.ForAsync(db, ids, ct);
        var clear = (await authorization.AuthorizeAsync(user, null, Permissions.PersonalDataRead)).Succeeded;
        string? Show(string? value) => clear ? value : PersonalDataMask.Mask(value);

        var items = new JsonArray();
        foreach (var c in customers)
        {
            var email = contacts.FirstOrDefault(cp => cp.CustomerId == c.Id && cp.Kind == ContactKind.Email)?.Value;
            var phone = contacts.FirstOrDefault(cp => cp.CustomerId == c.Id && cp.Kind == ContactKind.Phone)?.Value;
            var scores = insights[c.Id];
            items.Add(new JsonObject
            {
                ["id"] = c.Id,
                ["name"] = Show(c.DisplayName),
                ["email"] = Show(email),
                ["phone"] = Show(phone),
                ["country"] = c.Country,
                ["source"] = c.Source,
                ["segment"] = scores["segment"]?["label"]?.DeepClone(),
                ["churnRisk"] = scores["churnRisk"]?["value"]?.DeepClone(),
                ["clv"] = scores["clv"]?["value"]?.DeepClone(),
            });
        }
        return TypedResults.Ok(new JsonObject { ["items"] = items, ["total"] = total, ["page"] = p, ["pageSize"] = size, ["masked"] = !clear });
    }

    private static IQueryable<Customer> Search(RapportDb db, string? term)
    {
        var query = db.Customers.AsNoTracking().Where(c => c.Status == RecordStatus.Active && c.MergedIntoId == null);
        if (string.IsNullOrEmpty(term)) return query;
        if (term.Contains('@'))
        {
            var email = term.ToLowerInvariant();
            return query.Where(c => db.ContactPoints.Any(cp => cp.CustomerId == c.Id && cp.Kind == ContactKind.Email && cp.NormalizedValue == email));
        }
        var digits = new string(term.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length >= 6 && digits.Length >= term.Count(char.IsLetterOrDigit))
            return query.Where(c => c.ExternalId == term
                                    || db.ContactPoints.Any(cp => cp.CustomerId == c.Id && cp.Kind == ContactKind.Phone && cp.NormalizedValue!.EndsWith(digits)));
        var lower = term.ToLowerInvariant();
        return query.Where(c => c.ExternalId == term || c.LastName.ToLower().StartsWith(lower) || c.FirstName.ToLower().StartsWith(lower)
                                || (c.FirstName + " " + c.LastName).ToLower().StartsWith(lower));
    }
}
