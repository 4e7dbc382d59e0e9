using Rapport.Core.Automation;
using Rapport.Core.Security;
using Rapport.Web.Features.Automation;
using Rapport.Web.Features.Common;

namespace Rapport.Web.Api;

/// <summary>
/// Workflow rules (GET/POST /api/v1/automation/rules, PUT/DELETE /api/v1/automation/rules/{id}), their runs
/// (GET /api/v1/automation/runs?ruleId=&amp;status=&amp;page=&amp;pageSize=) and outgoing webhooks (GET/POST /api/v1/webhooks,
/// DELETE /api/v1/webhooks/{id}, GET /api/v1/webhooks/{id}/deliveries). All need automation.manage.
/// </summary>
internal static class AutomationEndpoints
{
    public static void MapAutomation(this RouteGroupBuilder api)
    {
        var rules = api.MapGroup("/automation").RequireAuthorization(ApiEndpoints.Token(Permissions.AutomationManage)).DisableAntiforgery().WithTags("Automation");
        rules.MapGet("/rules", async (AutomationRuleStore store, CancellationToken ct) => TypedResults.Json(await store.ListAsync(ct), RuleJson.Options))
            .WithSummary("Workflow rules with their trigger, conditions and actions");
        rules.MapPost("/rules", CreateAsync)
            .WithSummary("Create a rule (201); a bad trigger, condition or action is refused with 400 naming the part, e.g. actions[0].field")
            .ProducesValidationProblem();
        rules.MapPut("/rules/{id:long}", UpdateAsync)
            .WithSummary("Replace a rule; refused with 400 naming the part").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        rules.MapDelete("/rules/{id:long}", async (long id, AutomationRuleStore store, CancellationToken ct)
                => await store.DeleteAsync(id, ct) ? Results.NoContent() : ApiResults.NotFound("rule", id))
            .WithSummary("Delete a rule and its run log").ProducesProblem(StatusCodes.Status404NotFound);
        rules.MapGet("/runs", RunsAsync)
            .WithSummary("Rule runs newest first: trigger event, record, each action's outcome, attempts and error").ProducesValidationProblem();

        var hooks = api.MapGroup("/webhooks").RequireAuthorization(ApiEndpoints.Token(Permissions.AutomationManage)).DisableAntiforgery().WithTags("Automation");
        hooks.MapGet("", async (WebhookStore store, CancellationToken ct) => TypedResults.Ok(await store.ListAsync(ct)))
            .WithSummary("Webhook subscriptions (secrets masked)");
        hooks.MapPost("", CreateWebhookAsync)
            .WithSummary("Subscribe a URL to events (201); the response carries the signing secret, the only time it is shown")
            .ProducesValidationProblem();
        hooks.MapDelete("/{id:long}", async (long id, WebhookStore store, CancellationToken ct)
                => await store.DeleteAsync(id, ct) ? Results.NoContent() : ApiResults.NotFound("webhook", id))
            .WithSummary("Delete a subscription and its delivery log").ProducesProblem(StatusCodes.Status404NotFound);
        hooks.MapGet("/{id:long}/deliveries", async (long id, WebhookStore store, CancellationToken ct)
                => await store.DeliveriesAsync(id, ct: ct) is { } log ? Results.Json(log, ApiResults.Json) : ApiResults.NotFound("webhook", id))
            .WithSummary("A subscription's delivery attempts newest first: status code, duration, attempt, error").ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> CreateAsync(RuleInput? input, AutomationRuleStore store, CancellationToken ct)
    {
        if (input is null) return ApiResults.MissingBody();
        return await ApiResults.WrittenAsync(await store.CreateAsync(input, ct), "rule", 0,
            id => Task.FromResult<IResult>(TypedResults.Created($"/api/v1/automation/rules/{id}", new { id })));
    }

    private static async Task<IResult> UpdateAsync(long id, RuleInput? input, AutomationRuleStore store, CancellationToken ct)
    {
        if (input is null) return ApiResults.MissingBody();
        return await ApiResults.WrittenAsync(await store.UpdateAsync(id, input, ct), "rule", id,
            done => Task.FromResult<IResult>(TypedResults.Ok(new { id = done })));
    }

    private static async Task<IResult> RunsAsync(long? ruleId, string? status, int? page, int? pageSize, AutomationRuleStore store, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (page is < 1) errors["page"] = ["must be 1 or more"];
        if (pageSize is < 1 or > Paging.MaxPageSize) errors["pageSize"] = [$"must be between 1 and {Paging.MaxPageSize}"];
        errors.EnumName<AutomationRunStatus>("status", status);
        if (errors.Count > 0) return ApiResults.Invalid(errors);
        var request = Paging.Request(page, pageSize, null);
        return ApiResults.List(await store.RunsAsync(ruleId, Enums.Parse<AutomationRunStatus>(status), request.Page, request.PageSize, ct), request);
    }

    private static async Task<IResult> CreateWebhookAsync(WebhookInput? input, WebhookStore store, CancellationToken ct)
    {
        if (input is null) return ApiResults.MissingBody();
        var (created, errors) = await store.CreateAsync(input, ct);
        return created is null ? ApiResults.Invalid(errors) : TypedResults.Created($"/api/v1/webhooks/{created.Id}", created);
    }
}
