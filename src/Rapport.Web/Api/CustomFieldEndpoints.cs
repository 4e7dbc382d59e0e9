using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Rapport.Core.CustomFields;
using Rapport.Core.Domain;
using Rapport.Core.Security;
using Rapport.Data.CustomFields;
using Microsoft.EntityFrameworkCore;
using Rapport.Data;
using Rapport.Web.Account;
using Rapport.Web.Features.CustomFields;
using Rapport.Web.Features.Common;

namespace Rapport.Web.Api;

/// <summary>
/// GET /api/v1/custom-fields?entityType= lists the definitions; /api/v1/{customers|companies|deals}/{id}/custom-fields reads
/// (GET), replaces (PUT: fields left out are cleared) or changes (PATCH: only the keys sent; null clears) one record's values,
/// sent as a JSON object {"key": value}. Numbers are JSON numbers, dates "yyyy-MM-dd", choices one of their options;
/// anything else answers 400 naming <c>customFields.KEY</c>.
/// </summary>
internal static class CustomFieldEndpoints
{
    public static RouteGroupBuilder MapCustomFields(this RouteGroupBuilder outer)
    {
        var api = outer.MapGroup("").WithTags("Custom fields");
        api.MapGet("/custom-fields", ListAsync).RequireAuthorization(Token(Permissions.CustomersRead))
            .WithSummary("Custom field definitions (optionally of one record kind: customer, company, deal)").ProducesValidationProblem();
        Values(api, "customers", CustomFieldEntity.Customer, read: Permissions.CustomersRead, write: Permissions.CustomersWrite);
        Values(api, "companies", CustomFieldEntity.Company, read: Permissions.CustomersRead, write: Permissions.CustomersWrite);
        Values(api, "deals", CustomFieldEntity.Deal, read: Permissions.SalesManage, write: Permissions.SalesManage);
        return outer;
    }

    private static void Values(RouteGroupBuilder api, string resource, CustomFieldEntity entity, string read, string write)
    {
        var route = $"/{resource}/{{id:long}}/custom-fields";
        // Records outside the caller's scope (a Sales user's colleagues') answer 404 like missing ones.
        api.MapGet(route, async (long id, ClaimsPrincipal user, IAuthorizationService authorization, CustomFieldStore store, IDbContextFactory<RapportDb> databases,
                RecordScopes scopes, CancellationToken ct) =>
                await scopes.SeesAsync(user, entity, id, ct) ? await GetAsync(entity, id, user, authorization, store, databases, ct) : TypedResults.NotFound())
            .RequireAuthorization(Token(read)).WithSummary($"The custom field values of one of the {resource}").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut(route, async (long id, Dictionary<string, JsonElement> values, ClaimsPrincipal user, IAuthorizationService authorization, CustomFieldStore store,
                IDbContextFactory<RapportDb> databases, RecordScopes scopes, CancellationToken ct) =>
                await scopes.SeesAsync(user, entity, id, ct) ? await SetAsync(entity, id, values, true, user, authorization, store, databases, ct) : TypedResults.NotFound())
            .RequireAuthorization(Token(write)).WithSummary($"Replace the custom field values of one of the {resource} (fields left out are cleared)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPatch(route, async (long id, Dictionary<string, JsonElement> values, ClaimsPrincipal user, IAuthorizationService authorization, CustomFieldStore store,
                IDbContextFactory<RapportDb> databases, RecordScopes scopes, CancellationToken ct) =>
                await scopes.SeesAsync(user, entity, id, ct) ? await SetAsync(entity, id, values, false, user, authorization, store, databases, ct) : TypedResults.NotFound())
            .RequireAuthorization(Token(write)).WithSummary($"Change some custom field values of one of the {resource} (null clears one)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
    }

    public static async Task<IResult> ListAsync(string? entityType, CustomFieldStore store, CancellationToken ct)
    {
        CustomFieldEntity? entity = null;
        if (!string.IsNullOrEmpty(entityType))
        {
            if (!Enum.TryParse<CustomFieldEntity>(entityType, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["entityType"] = ["one of customer, company, deal"] });
            entity = parsed;
        }
        var definitions = await store.DefinitionsAsync(entity, ct);
        return TypedResults.Ok(definitions.Select(d => new
        {
            d.Id, entityType = d.EntityType.ToString().ToLowerInvariant(), d.Key, d.Label, type = d.Type.ToString().ToLowerInvariant(),
            d.Options, d.Required, d.HoldsPersonalData, d.Position,
        }));
    }

    private static async Task<IResult> GetAsync(CustomFieldEntity entity, long id, ClaimsPrincipal user, IAuthorizationService authorization, CustomFieldStore store,
        IDbContextFactory<RapportDb> databases, CancellationToken ct)
    {
        if (!await store.RecordExistsAsync(entity, id, ct)) return TypedResults.NotFound();
        return TypedResults.Ok(await CustomFieldColumns.ReadOneAsync(databases, entity, id, await authorization.SeesPersonalDataAsync(user), ct));
    }

    private static async Task<IResult> SetAsync(CustomFieldEntity entity, long id, Dictionary<string, JsonElement> values, bool replace, ClaimsPrincipal user,
        IAuthorizationService authorization, CustomFieldStore store, IDbContextFactory<RapportDb> databases, CancellationToken ct)
    {
        if (!await store.RecordExistsAsync(entity, id, ct)) return TypedResults.NotFound();
        var errors = await store.SetAsync(entity, id, values, replace, ct);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return TypedResults.Ok(await CustomFieldColumns.ReadOneAsync(databases, entity, id, await authorization.SeesPersonalDataAsync(user), ct));
    }

    private static AuthorizeAttribute Token(string permission) => new(permission) { AuthenticationSchemes = ApiTokenAuthentication.SchemeName };
}
