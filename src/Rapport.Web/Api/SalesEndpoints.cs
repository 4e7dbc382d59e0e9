using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Rapport.Core.Domain;
using Rapport.Core.Security;
using Rapport.Web.Account;
using Rapport.Web.Features.Sales;

using Rapport.Web.Features.Common;

namespace Rapport.Web.Api;

/// <summary>
/// The sales API: deals (list with win probability and reasons, get, create, update, move), pipelines, the forecast,
/// tasks. Reading needs sales.read, writing sales.manage; bad input is a validation problem naming the field.
/// </summary>
internal static class SalesEndpoints
{
    public static void MapSales(this RouteGroupBuilder api)
    {
        var read = Token(Permissions.SalesRead);
        var manage = Token(Permissions.SalesManage);
        // Bearer-token clients send no cookies, so there is no cross-site form to forge.
        var deals = api.MapGroup("/deals").WithTags("Deals");
        deals.MapGet("", ListAsync).RequireAuthorization(read)
            .WithSummary("Filter (also cf.KEY, cf.KEY.min, cf.KEY.max on custom fields), sort and page deals with win probability and reasons; bad paging, sort, status or custom filters are refused with 400")
            .ProducesValidationProblem();
        deals.MapGet("/{id:long}", GetAsync).RequireAuthorization(read)
            .WithSummary("One deal with its win probability and reasons").ProducesProblem(StatusCodes.Status404NotFound);
        deals.MapPost("", CreateAsync).RequireAuthorization(manage).DisableAntiforgery()
            .WithSummary("Create a deal (201; default pipeline's first stage unless given); a missing title or amount, invalid fields or unknown references are refused with 400")
            .ProducesValidationProblem();
        deals.MapPut("/{id:long}", UpdateAsync).RequireAuthorization(manage).DisableAntiforgery()
            .WithSummary("Change a deal's fields (a new stage is a recorded move); invalid fields, unknown references or a stage outside its pipeline are refused with 400")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        deals.MapPost("/{id:long}/move", MoveAsync).RequireAuthorization(manage).DisableAntiforgery()
            .WithSummary("Move a deal to a stage (recorded; probability, status and close time follow the stage); a missing stageId or one outside its pipeline is refused with 400")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        deals.MapPost("/scoring/retrain", RetrainAsync).RequireAuthorization(manage).DisableAntiforgery()
            .WithSummary("Retrain the win-scoring model from the closed deals now (trained false when the history is too small)");
        api.MapGet("/pipelines", PipelinesAsync).RequireAuthorization(read).WithTags("Pipelines")
            .WithSummary("The pipelines with their stages, default probabilities and won/lost flags");
        api.MapGet("/sales/forecast", ForecastAsync).RequireAuthorization(read).WithTags("Sales")
            .WithSummary("Open deals by expected close month (pipeline and owner filters), weighted by each deal's probability and by its scored win probability");
        var tasks = api.MapGroup("/tasks").WithTags("Tasks");
        tasks.MapGet("", TasksAsync).RequireAuthorization(read)
            .WithSummary("Sales tasks, filtered by owner, deal and done");
        tasks.MapGet("/{id:long}", TaskAsync).RequireAuthorization(read)
            .WithSummary("One sales task").ProducesProblem(StatusCodes.Status404NotFound);
        tasks.MapPost("", CreateTaskAsync).RequireAuthorization(manage).DisableAntiforgery()
            .WithSummary("Create a sales task (201); a missing title or an unknown owner, deal or customer is refused with 400")
            .ProducesValidationProblem();
        tasks.MapPut("/{id:long}", UpdateTaskAsync).RequireAuthorization(manage).DisableAntiforgery()
            .WithSummary("Change a sales task or mark it done; an empty title or an unknown owner, deal or customer is refused with 400")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        tasks.MapDelete("/{id:long}", DeleteTaskAsync).RequireAuthorization(manage).DisableAntiforgery()
            .WithSummary("Delete a sales task").ProducesProblem(StatusCodes.Status404NotFound);
    }

    public sealed record MoveRequest(long? StageId);

    private static async Task<IResult> ListAsync(int? page, int? pageSize, string? sort, string? status, long? stageId, long? ownerId, long? pipelineId,
        bool? stale, HttpRequest http, ClaimsPrincipal user, IAuthorizationService authorization, DealService deals,
        Microsoft.EntityFrameworkCore.IDbContextFactory<Rapport.Data.RapportDb> databases, RecordScopes scopes, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (page is < 1) errors["page"] = ["must be 1 or more"];
        if (pageSize is < 1 or > DealService.MaxPageSize) errors["pageSize"] = [$"must be between 1 and {DealService.MaxPageSize}"];
        var (sortBy, descending) = (DealSort.Newest, false);
        if (sort is not null && !TryParseSort(sort, out sortBy, out descending)) errors["sort"] = ["one of newest, amount, expectedClose, title (prefix - for descending)"];
        DealStatus? statusValue = null;
        if (status is not null)
        {
            if (Enum.TryParse<DealStatus>(status, ignoreCase: true, out var s) && Enum.IsDefined(s)) statusValue = s;
            else errors["status"] = ["one of open, won, lost"];
        }
        var custom = CustomFieldListParameters.Read(http);
        await CustomFieldListParameters.CheckAsync(databases, CustomFieldEntity.Deal, custom, errors, ct);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var query = new DealQuery
        {
            Page = page ?? 1, PageSize = pageSize ?? 25, Sort = sortBy, Descending = descending, Status = statusValue, StageId = stageId,
            OwnerId = ownerId, PipelineId = pipelineId, StaleOnly = stale == true, CustomFields = custom, Scope = await scopes.ForAsync(user, ct),
        };
        var result = await deals.FindAsync(query, await authorization.SeesPersonalDataAsync(user), ct);
        return TypedResults.Ok(new { items = result.Items.Select(Json), total = result.Total, page = query.Page, pageSize = query.PageSize });
    }

    private static bool TryParseSort(string sort, out DealSort by, out bool descending)
    {
        descending = sort.StartsWith('-');
        return Enum.TryParse(sort.TrimStart('-'), ignoreCase: true, out by) && Enum.IsDefined(by);
    }

    private static async Task<IResult> GetAsync(long id, DealService deals, ClaimsPrincipal user, RecordScopes scopes, CancellationToken ct)
        => await deals.GetAsync(id, await scopes.ForAsync(user, ct), ct) is { } deal ? TypedResults.Ok(Json(deal)) : NotFound("deal", id);

    private static async Task<IResult> CreateAsync(DealInput? input, ClaimsPrincipal user, DealEditor editor, DealService deals, CancellationToken ct)
    {
        if (input is null) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["a JSON deal is required"] });
        try
        {
            var id = await editor.CreateAsync(input with { OwnerId = input.OwnerId ?? user.UserId() }, user.UserId(), ct);
            return TypedResults.Created($"/api/v1/deals/{id}", Json((await deals.GetAsync(id, RecordScope.Everything, ct))!));
        }
        catch (DealValidationException e) { return TypedResults.ValidationProblem(e.Errors); }
    }

    private static async Task<IResult> UpdateAsync(long id, DealInput? input, ClaimsPrincipal user, DealEditor editor, DealService deals,
        RecordScopes scopes, CancellationToken ct)
    {
        if (input is null) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["a JSON deal is required"] });
        if (await deals.GetAsync(id, await scopes.ForAsync(user, ct), ct) is null) return NotFound("deal", id);
        try
        {
            if (!await editor.UpdateAsync(id, input, user.UserId(), ct)) return NotFound("deal", id);
            return TypedResults.Ok(Json((await deals.GetAsync(id, RecordScope.Everything, ct))!));
        }
        catch (DealValidationException e) { return TypedResults.ValidationProblem(e.Errors); }
    }

    private static async Task<IResult> MoveAsync(long id, MoveRequest? request, ClaimsPrincipal user, DealEditor editor, DealService deals,
        RecordScopes scopes, CancellationToken ct)
    {
        if (request?.StageId is not { } stageId) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["stageId"] = ["is required"] });
        if (await deals.GetAsync(id, await scopes.ForAsync(user, ct), ct) is null) return NotFound("deal", id);
        try
        {
            if (await editor.MoveAsync(id, stageId, user.UserId(), ct) is null) return NotFound("deal", id);
            return TypedResults.Ok(Json((await deals.GetAsync(id, RecordScope.Everything, ct))!));
        }
        catch (DealValidationException e) { return TypedResults.ValidationProblem(e.Errors); }
    }

    private static async Task<IResult> RetrainAsync(DealScoring scoring, CancellationToken ct)
    {
        var model = await scoring.RetrainAsync(ct);
        return TypedResults.Ok(model is null
            ? new { trained = false, closedDeals = 0, auc = (double?)null, model = (string?)null }
            : new { trained = true, closedDeals = model.ClosedDeals, auc = (double?)Math.Round(model.Report.Metrics.Auc, 4), model = (string?)model.Report.Model });
    }

    private static async Task<IResult> PipelinesAsync(DealService deals, CancellationToken ct)
        => TypedResults.Ok((await deals.PipelinesAsync(ct)).Select(p => new
        {
            id = p.Id, name = p.Name, isDefault = p.IsDefault,
            stages = p.Stages.Select(s => new { id = s.Id, name = s.Name, position = s.Position, probability = s.Probability, isWon = s.IsWon, isLost = s.IsLost }),
        }));

    private static async Task<IResult> ForecastAsync(long? pipelineId, long? ownerId, SalesForecastService forecasts, CancellationToken ct)
    {
        var f = await forecasts.ForecastAsync(pipelineId, ownerId, ct);
        static object Months(IEnumerable<Core.Sales.ForecastMonth> months) => months.Select(m => new
        {
            month = m.Month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), deals = m.Deals, amount = m.Amount, weighted = m.Weighted,
        });
        return TypedResults.Ok(new
        {
            probability = "stage", total = f.StageTotal, months = Months(f.ByStage),
            scored = new { available = f.Scored, total = f.ScoreTotal, months = Months(f.ByScore) },
        });
    }

    private static async Task<IResult> TasksAsync(long? ownerId, long? dealId, bool? done, SalesTaskService tasks, CancellationToken ct)
        => TypedResults.Ok((await tasks.ListAsync(ownerId, dealId, done, ct)).Select(TaskJson));

    private static async Task<IResult> TaskAsync(long id, SalesTaskService tasks, CancellationToken ct)
        => await tasks.GetAsync(id, ct) is { } task ? TypedResults.Ok(TaskJson(task)) : NotFound("task", id);

    private static async Task<IResult> CreateTaskAsync(SalesTaskInput? input, ClaimsPrincipal user, SalesTaskService tasks, CancellationToken ct)
    {
        if (input is null) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["a JSON task is required"] });
        try
        {
            var task = await tasks.CreateAsync(input, user.UserId(), ct);
            return TypedResults.Created($"/api/v1/tasks/{task.Id}", TaskJson(task));
        }
        catch (DealValidationException e) { return TypedResults.ValidationProblem(e.Errors); }
    }

    private static async Task<IResult> UpdateTaskAsync(long id, SalesTaskInput? input, SalesTaskService tasks, CancellationToken ct)
    {
        if (input is null) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["a JSON task is required"] });
        try
        {
            return await tasks.UpdateAsync(id, input, ct) is { } task ? TypedResults.Ok(TaskJson(task)) : NotFound("task", id);
        }
        catch (DealValidationException e) { return TypedResults.ValidationProblem(e.Errors); }
    }

    private static async Task<IResult> DeleteTaskAsync(long id, SalesTaskService tasks, CancellationToken ct)
        => await tasks.DeleteAsync(id, ct) ? TypedResults.NoContent() : NotFound("task", id);

    private static object Json(DealRow d) => new
    {
        id = d.Id, title = d.Title, pipelineId = d.PipelineId, stageId = d.StageId, stage = d.Stage, status = d.Status.ToString().ToLowerInvariant(),
        amount = d.Amount, currency = d.Currency, probability = d.StageProbability, winProbability = d.WinProbability, reasons = d.Reasons,
        expectedClose = d.ExpectedClose, ownerId = d.OwnerId, owner = d.Owner, companyId = d.CompanyId, company = d.Company, customerId = d.CustomerId,
        nextStep = d.NextStep, createdAt = d.CreatedAt, closedAt = d.ClosedAt, lastTouched = d.LastTouched, stale = d.Stale, customFields = d.CustomFields,
    };

    private static object TaskJson(SalesTask t) => new
    {
        id = t.Id, title = t.Title, dueAt = t.DueAt, ownerId = t.OwnerId, dealId = t.DealId, customerId = t.CustomerId, done = t.Done, doneAt = t.DoneAt, createdAt = t.CreatedAt,
    };

    private static IResult NotFound(string what, long id) => TypedResults.Problem($"No {what} with id {id}.", statusCode: StatusCodes.Status404NotFound);


    private static AuthorizeAttribute Token(string permission) => new(permission) { AuthenticationSchemes = ApiTokenAuthentication.SchemeName };
}
