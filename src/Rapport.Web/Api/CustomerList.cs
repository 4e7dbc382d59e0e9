using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Rapport.Core.Security;
using Rapport.Web.Features.Common;
using Rapport.Web.Features.Customers;

using Rapport.Web.Account;

namespace Rapport.Web.Api;

/// <summary>
/// GET /api/v1/customers?search=&amp;page=&amp;pageSize=&amp;sort=&amp;segment=&amp;minChurnRisk=&amp;minClv=&amp;maxClv=&amp;segmentId=
/// &amp;cf.KEY=&amp;cf.KEY.min=&amp;cf.KEY.max= (custom fields: equals, or a number/date range)
/// → {"items","total","page","pageSize","masked"} (see <see cref="CustomerSearch"/>); each item carries its "customFields". Names, e-mail and phone are
/// masked for callers without personal-data.read.
/// </summary>
internal static class CustomerList
{
    public static async Task<IResult> GetAsync(string? search, int? page, int? pageSize, string? sort, string? segment, double? minChurnRisk,
        double? minClv, double? maxClv, long? segmentId, HttpRequest http, ClaimsPrincipal user, CustomerSearch customers, IAuthorizationService authorization,
        Microsoft.EntityFrameworkCore.IDbContextFactory<Rapport.Data.RapportDb> databases, RecordScopes scopes, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (page is < 1) errors["page"] = ["must be 1 or more"];
        if (pageSize is < 1 or > CustomerSearch.MaxPageSize) errors["pageSize"] = [$"must be between 1 and {CustomerSearch.MaxPageSize}"];
        if (sort is not null && ParseSort(sort) is null) errors["sort"] = ["one of newest, name, id, -id"];
        if (search is { Length: > 200 }) errors["search"] = ["at most 200 characters"];
        if (minChurnRisk is < 0 or > 1) errors["minChurnRisk"] = ["between 0 and 1"];
        var customFilters = CustomFieldListParameters.Read(http);
        await CustomFieldListParameters.CheckAsync(databases, Core.Domain.CustomFieldEntity.Customer, customFilters, errors, ct);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var query = new CustomerQuery
        {
            Search = search, Segment = segment, SegmentId = segmentId, CustomFields = customFilters, MinChurnRisk = minChurnRisk, MinClv = minClv, MaxClv = maxClv,
            Sort = sort is null ? CustomerSort.Newest : ParseSort(sort)!.Value, Page = page ?? 1, PageSize = pageSize ?? 25,
            Scope = await scopes.ForAsync(user, ct),
        };
        var clear = await authorization.SeesPersonalDataAsync(user);
        var result = await customers.FindAsync(query, clear, ct);
        return TypedResults.Ok(new { items = result.Items, total = result.Total, page = query.Page, pageSize = query.PageSize, masked = result.Masked });
    }

    /// <summary>The list's sorts by name; "-id" (descending id, as the other lists spell it) is the same as newest.</summary>
    private static CustomerSort? ParseSort(string sort) =>
        sort.Trim() == "-id" ? CustomerSort.Newest : Enums.Parse<CustomerSort>(sort);
}
