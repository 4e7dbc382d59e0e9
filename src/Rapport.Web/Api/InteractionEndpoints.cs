using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Rapport.Core.Security;
using Rapport.Web.Account;
using Rapport.Web.Features.Common;
using Rapport.Web.Features.Customers;

namespace Rapport.Web.Api;

/// <summary>
/// GET /api/v1/customers/{id}/interactions?page=&amp;pageSize=&amp;sort= (occurredAt, kind, id; default newest first) →
/// {"items","total"}, bodies masked without personal-data.read; POST /api/v1/customers/{id}/interactions
/// {"kind","subject","body","direction","occurredAt","durationMinutes","dealId"} logs one (201).
/// </summary>
internal static class InteractionEndpoints
{
    public static void MapInteractions(this RouteGroupBuilder api)
    {
        var interactions = api.MapGroup("/customers/{id:long}/interactions").WithTags("Customers");
        interactions.MapGet("", ListAsync).RequireAuthorization(ApiEndpoints.Token(Permissions.CustomersRead))
            .WithSummary("A customer's calls, e-mails, meetings, chats and notes, newest first (bodies masked without personal-data.read)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        interactions.MapPost("", AddAsync).RequireAuthorization(ApiEndpoints.Token(Permissions.CustomersWrite)).DisableAntiforgery()
            .WithSummary("Log an interaction with the customer (201); an unknown kind or direction, a missing subject or a future time is refused with 400")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> ListAsync(long id, int? page, int? pageSize, string? sort, ClaimsPrincipal user, IAuthorizationService authorization,
        InteractionLog log, RecordScopes scopes, CancellationToken ct)
    {
        if (!await scopes.SeesCustomerAsync(user, id, ct)) return ApiResults.NotFound("customer", id);
        var errors = new FieldErrors();
        Paging.Validate(page, pageSize, sort, InteractionLog.Sorts, errors);
        if (errors.Count > 0) return ApiResults.Invalid(errors);
        var request = Paging.Request(page, pageSize, sort);
        var found = await log.FindAsync(id, request, await authorization.SeesPersonalDataAsync(user), ct);
        return found is null ? ApiResults.NotFound("customer", id) : ApiResults.List(found, request);
    }

    private static async Task<IResult> AddAsync(long id, InteractionInput? input, ClaimsPrincipal user, InteractionLog log, RecordScopes scopes, CancellationToken ct)
    {
        if (!await scopes.SeesCustomerAsync(user, id, ct)) return ApiResults.NotFound("customer", id);
        if (input is null) return ApiResults.MissingBody();
        return await ApiResults.WrittenAsync(await log.AddAsync(id, input, user.UserId(), ct), "customer", id,
            interaction => Task.FromResult<IResult>(TypedResults.Created($"/api/v1/customers/{id}/interactions", new { id = interaction })));
    }
}
