using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Rapport.Core.Security;
using Rapport.Data;
using Rapport.Web.Account;
using Rapport.Web.Features.Customers;

namespace Rapport.Web.Api;

/// <summary>
/// A customer's contact points and consents. GET/POST /api/v1/customers/{id}/contact-points,
/// PUT/DELETE /api/v1/customers/{id}/contact-points/{cpId} ({"kind","value","label","city","region","postalCode","country","isPrimary"});
/// GET/POST /api/v1/customers/{id}/consents ({"channel","purpose","status","source"}: each POST appends a decision; GET answers
/// {"history","current"}). Personal values are masked for callers without personal-data.read.
/// </summary>
internal static class ContactPointEndpoints
{
    public static void MapContactPointsAndConsents(this RouteGroupBuilder api)
    {
        var read = ApiEndpoints.Token(Permissions.CustomersRead);
        var write = ApiEndpoints.Token(Permissions.CustomersWrite);
        var points = api.MapGroup("/customers/{id:long}/contact-points").WithTags("Customers");
        points.MapGet("", ListAsync).RequireAuthorization(read)
            .WithSummary("A customer's e-mail addresses, phone numbers and postal addresses (values masked without personal-data.read)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        points.MapPost("", AddAsync).RequireAuthorization(write).DisableAntiforgery()
            .WithSummary("Add a contact point (201); an unknown kind, a bad e-mail or a phone number that cannot be normalised is refused with 400 naming the field")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        points.MapPut("/{cpId:long}", UpdateAsync).RequireAuthorization(write).DisableAntiforgery()
            .WithSummary("Replace a contact point; invalid fields are refused with 400 naming the field")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        points.MapDelete("/{cpId:long}", DeleteAsync).RequireAuthorization(write)
            .WithSummary("Delete a contact point").ProducesProblem(StatusCodes.Status404NotFound);

        var consents = api.MapGroup("/customers/{id:long}/consents").WithTags("Customers");
        consents.MapGet("", ConsentsAsync).RequireAuthorization(read)
            .WithSummary("A customer's consent history (newest first) and the decision in force per channel and purpose")
            .ProducesProblem(StatusCodes.Status404NotFound);
        consents.MapPost("", RecordConsentAsync).RequireAuthorization(write).DisableAntiforgery()
            .WithSummary("Record a consent decision (appended, never edited; 201); an unknown channel, purpose or status or a missing source is refused with 400")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> ListAsync(long id, ClaimsPrincipal user, IAuthorizationService authorization, ContactPointBook book, RapportDb db, CancellationToken ct)
    {
        var points = await book.ListAsync(id, ct);
        if (points is null) return ApiResults.NotFound("customer", id);
        var mask = !await authorization.SeesPersonalDataAsync(user);
        return TypedResults.Ok(new System.Text.Json.Nodes.JsonArray(points.Select(p => (System.Text.Json.Nodes.JsonNode?)PointJson(db, p, mask)).ToArray()));
    }

    /// <summary>
    /// A point as the API shows it: its stored fields (the blind index left out by <see cref="EntityJson"/>) plus the matching
    /// form recomputed from the decrypted value (<see cref="ContactPointBook"/>), masked like the value.
    /// </summary>
    private static System.Text.Json.Nodes.JsonObject PointJson(RapportDb db, Rapport.Core.Domain.ContactPoint point, bool mask)
    {
        var body = EntityJson.Row(db, point, maskPersonal: mask);
        body["normalizedValue"] = mask ? PersonalDataMask.Mask(point.NormalizedValue) : point.NormalizedValue;
        return body;
    }

    private static async Task<IResult> AddAsync(long id, ContactPointInput? input, ClaimsPrincipal user, IAuthorizationService authorization,
        ContactPointBook book, RapportDb db, CancellationToken ct)
    {
        if (input is null) return ApiResults.MissingBody();
        var clear = await authorization.SeesPersonalDataAsync(user);
        return await ApiResults.WrittenAsync(await book.AddAsync(id, input, ct), "customer", id,
            async cp => TypedResults.Created($"/api/v1/customers/{id}/contact-points/{cp}", PointJson(db, (await book.GetAsync(id, cp, ct))!, mask: !clear)));
    }

    private static async Task<IResult> UpdateAsync(long id, long cpId, ContactPointInput? input, ClaimsPrincipal user, IAuthorizationService authorization,
        ContactPointBook book, RapportDb db, CancellationToken ct)
    {
        if (input is null) return ApiResults.MissingBody();
        var clear = await authorization.SeesPersonalDataAsync(user);
        return await ApiResults.WrittenAsync(await book.UpdateAsync(id, cpId, input, ct), "contact point", cpId,
            async cp => TypedResults.Ok(PointJson(db, (await book.GetAsync(id, cp, ct))!, mask: !clear)));
    }

    private static async Task<IResult> DeleteAsync(long id, long cpId, ContactPointBook book, CancellationToken ct) =>
        await ApiResults.WrittenAsync(await book.DeleteAsync(id, cpId, ct), "contact point", cpId, _ => Task.FromResult<IResult>(TypedResults.NoContent()));

    private static async Task<IResult> ConsentsAsync(long id, ClaimsPrincipal user, IAuthorizationService authorization, ConsentLedger ledger, RapportDb db, CancellationToken ct)
    {
        var consents = await ledger.HistoryAsync(id, ct);
        if (consents is null) return ApiResults.NotFound("customer", id);
        var mask = !await authorization.SeesPersonalDataAsync(user);
        return TypedResults.Ok(new System.Text.Json.Nodes.JsonObject
        {
            ["history"] = EntityJson.Rows(db, consents.History, maskPersonal: mask),
            ["current"] = EntityJson.Rows(db, consents.Current, maskPersonal: mask),
        });
    }

    private static async Task<IResult> RecordConsentAsync(long id, ConsentInput? input, ClaimsPrincipal user, IAuthorizationService authorization,
        ConsentLedger ledger, RapportDb db, CancellationToken ct)
    {
        if (input is null) return ApiResults.MissingBody();
        var mask = !await authorization.SeesPersonalDataAsync(user);
        return await ApiResults.WrittenAsync(await ledger.RecordAsync(id, input, ct), "customer", id, async consent =>
        {
            var recorded = await db.Consents.AsNoTracking().SingleAsync(c => c.Id == consent, ct);
            return TypedResults.Created($"/api/v1/customers/{id}/consents", EntityJson.Row(db, recorded, maskPersonal: mask));
        });
    }
}
