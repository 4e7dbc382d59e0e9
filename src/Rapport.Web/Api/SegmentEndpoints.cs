using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Rapport.Core.Segments;
using Rapport.Web.Account;
using Rapport.Web.Features.Customers;
using Rapport.Web.Features.Segments;

namespace Rapport.Web.Api;

/// <summary>
/// /api/v1/segments: clustered and rule-based segments with their sizes and profiles (customers.read), their members
/// paged like the customer list (masked without personal-data.read), and rule segments created, changed and deleted
/// (marketing.manage). A rule is <c>{"name","description","conditions":[{"field","op","value"}]}</c>; problems are
/// named by field ("conditions[1].op").
/// </summary>
internal static class SegmentEndpoints
{
    /// <summary>The body of POST and PUT.</summary>
    public sealed record RuleSegmentBody(string? Name, string? Description, List<ConditionBody>? Conditions);

    public sealed record ConditionBody(string? Field, string? Op, JsonElement? Value);

    public static async Task<IResult> ListAsync(SegmentCatalog segments, CancellationToken ct)
        => TypedResults.Ok(new { items = (await segments.ListAsync(ct)).Select(Json) });

    public static async Task<IResult> GetAsync(long id, SegmentCatalog segments, CancellationToken ct)
        => await segments.GetAsync(id, ct) is { } s ? TypedResults.Ok(Json(s)) : NotFound(id);

    public static async Task<IResult> MembersAsync(long id, int? page, int? pageSize, ClaimsPrincipal user, SegmentCatalog segments, CustomerSearch customers,
        IAuthorizationService authorization, Features.Common.RecordScopes scopes, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (page is < 1) errors["page"] = ["must be 1 or more"];
        if (pageSize is < 1 or > CustomerSearch.MaxPageSize) errors["pageSize"] = [$"must be between 1 and {CustomerSearch.MaxPageSize}"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        if (await segments.GetAsync(id, ct) is null) return NotFound(id);
        var query = new CustomerQuery { SegmentId = id, Sort = CustomerSort.Id, Page = page ?? 1, PageSize = pageSize ?? 25,
            Scope = await scopes.ForAsync(user, ct) };
        var result = await customers.FindAsync(query, await authorization.SeesPersonalDataAsync(user), ct);
        return TypedResults.Ok(new { items = result.Items, total = result.Total, page = query.Page, pageSize = query.PageSize, masked = result.Masked });
    }

    public static Task<IResult> CreateAsync(RuleSegmentBody body, SegmentCatalog segments, CancellationToken ct) => SaveAsync(null, body, segments, ct);

    public static Task<IResult> UpdateAsync(long id, RuleSegmentBody body, SegmentCatalog segments, CancellationToken ct) => SaveAsync(id, body, segments, ct);

    public static async Task<IResult> DeleteAsync(long id, SegmentCatalog segments, CancellationToken ct)
        => await segments.DeleteAsync(id, ct) ? TypedResults.NoContent() : NotFound(id);

    private static async Task<IResult> SaveAsync(long? id, RuleSegmentBody? body, SegmentCatalog segments, CancellationToken ct)
    {
        if (body is null) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["a JSON body is required"] });
        if (id is { } existing && (await segments.GetAsync(existing, ct))?.Kind != Core.Domain.SegmentKind.Rule) return NotFound(existing);
        var parse = SegmentRuleParser.Validate(body.Conditions?.Select(c => (c?.Field, c?.Op, c?.Value)).ToList());
        var (saved, errors) = await segments.SaveAsync(id, body.Name, body.Description, parse.Rule, parse.Errors, ct);
        if (saved is null) return errors.Count > 0 ? TypedResults.ValidationProblem(errors) : NotFound(id ?? 0);
        return id is null ? TypedResults.Created($"/api/v1/segments/{saved.Id}", Json(saved)) : TypedResults.Ok(Json(saved));
    }

    private static IResult NotFound(long id) => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"no segment {id}");

    private static object Json(SegmentSummary s) => new
    {
        id = s.Id, name = s.Name, kind = s.Kind.ToString().ToLowerInvariant(), description = s.Description, rule = s.Rule, size = s.Size,
        refreshedAt = s.RefreshedAt, profile = s.Profile,
    };
}
