using Rapport.Web.Account;
using System.Security.Claims;
using Rapport.Core.Domain;
using Rapport.Web.Features.Service;

namespace Rapport.Web.Api;

/// <summary>
/// /api/v1/tickets: create (intent, sentiment, SLA and suggested answers on the way in), list (paged; status, priority,
/// assignee filters), read with the conversation, change status/priority/assignee/intent, reply or note, vote on a
/// suggested answer, record satisfaction, and the intent model's state and retraining.
/// </summary>
internal static class TicketEndpoints
{
    public sealed record CreateRequest(long? CustomerId, string? Subject, string? Description, string? Priority, long? AssigneeId);
    public sealed record UpdateRequest(string? Status, string? Priority, long? AssigneeId, bool? Unassign, string? Intent);
    public sealed record MessageRequest(string? Body, bool? Internal);
    public sealed record VoteRequest(bool? Helpful);
    public sealed record SatisfactionRequest(int? Score, string? Comment);

    public static void MapTickets(this RouteGroupBuilder tickets)
    {
        tickets.MapGet("", ListAsync)
            .WithSummary("Filter (status, priority, assignee, open) and page tickets; bad filters or paging are refused with 400").ProducesValidationProblem();
        tickets.MapPost("", CreateAsync)
            .WithSummary("Open a ticket (201) with intent, sentiment, SLA and suggested answers; a missing subject, bad priority or unknown customer or assignee is refused with 400")
            .ProducesValidationProblem();
        tickets.MapGet("/{id:long}", GetAsync)
            .WithSummary("One ticket with its conversation").ProducesProblem(StatusCodes.Status404NotFound);
        tickets.MapPut("/{id:long}", UpdateAsync)
            .WithSummary("Change a ticket's status, priority, assignee or intent; a bad status or priority, an unknown assignee or an over-long intent is refused with 400")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        tickets.MapPost("/{id:long}/messages", MessageAsync)
            .WithSummary("Reply to the customer or add an internal note (201); an empty or over-long message is refused with 400")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        tickets.MapPost("/{id:long}/suggestions/{articleId:long}/vote", VoteAsync)
            .WithSummary("Vote a suggested article helpful or not for this ticket and get the re-ranked suggestions; a missing verdict or unknown article is refused with 400")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        tickets.MapPost("/{id:long}/satisfaction", SatisfactionAsync)
            .WithSummary("Record the customer's satisfaction (1-5); refused with 400 for a bad score, an unresolved ticket or one without a customer")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        tickets.MapGet("/intent-model", ModelAsync)
            .WithSummary("The intent model's state: where it came from, examples, intents and training time, or why there is none");
        tickets.MapPost("/intent-model/retrain", RetrainAsync)
            .WithSummary("Retrain the intent model now and return its new state");
    }

    private static async Task<IResult> ListAsync(string? status, string? priority, long? assigneeId, bool? open, int? page, int? pageSize, TicketDesk desk, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var s = ParseEnum<TicketStatus>(status, "status", errors);
        var p = ParseEnum<TicketPriority>(priority, "priority", errors);
        if (page is < 1) errors.Add("page", "must be 1 or more");
        if (pageSize is < 1 or > TicketDesk.MaxPageSize) errors.Add("pageSize", $"must be between 1 and {TicketDesk.MaxPageSize}");
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var query = new TicketQuery { Status = s, Priority = p, AssigneeId = assigneeId, OpenOnly = open ?? false, Page = page ?? 1, PageSize = pageSize ?? 25 };
        var result = await desk.ListAsync(query, ct);
        return TypedResults.Ok(new { items = result.Items, total = result.Total, page = query.Page, pageSize = query.PageSize });
    }

    private static async Task<IResult> CreateAsync(CreateRequest? body, TicketDesk desk, CancellationToken ct)
    {
        if (body is null) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["subject"] = ["The subject is required."] });
        var errors = new FieldErrors();
        var priority = ParseEnum<TicketPriority>(body.Priority, "priority", errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var result = await desk.CreateAsync(new NewTicket(body.CustomerId, body.Subject, body.Description, priority, TicketChannel.Api, body.AssigneeId), ct);
        return result.Errors is { Count: > 0 } invalid
            ? TypedResults.ValidationProblem(invalid)
            : TypedResults.Created($"/api/v1/tickets/{result.Value!.Id}", result.Value);
    }

    private static async Task<IResult> GetAsync(long id, TicketDesk desk, CancellationToken ct)
        => await desk.GetAsync(id, ct) is { } ticket ? TypedResults.Ok(ticket) : TypedResults.NotFound();

    private static async Task<IResult> UpdateAsync(long id, UpdateRequest? body, TicketDesk desk, CancellationToken ct)
    {
        if (body is null) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = ["Nothing to change."] });
        var errors = new FieldErrors();
        var status = ParseEnum<TicketStatus>(body.Status, "status", errors);
        var priority = ParseEnum<TicketPriority>(body.Priority, "priority", errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return Answer(await desk.UpdateAsync(id, new TicketChange(status, priority, body.AssigneeId, body.Unassign ?? false, body.Intent), ct));
    }

    private static async Task<IResult> MessageAsync(long id, MessageRequest? body, ClaimsPrincipal user, TicketDesk desk, CancellationToken ct)
    {
        var result = await desk.AddMessageAsync(id, body?.Body, body?.Internal ?? false, user.UserId(), ct);
        return result.NotFound ? TypedResults.NotFound()
            : result.Errors is { Count: > 0 } errors ? TypedResults.ValidationProblem(errors)
            : TypedResults.Created($"/api/v1/tickets/{id}", result.Value);
    }

    private static async Task<IResult> VoteAsync(long id, long articleId, VoteRequest? body, ClaimsPrincipal user, TicketDesk desk, CancellationToken ct)
    {
        if (body?.Helpful is not { } helpful) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["helpful"] = ["true or false is required."] });
        var result = await desk.VoteAsync(id, articleId, helpful, user.UserId(), ct);
        return result.NotFound ? TypedResults.NotFound()
            : result.Errors is { Count: > 0 } errors ? TypedResults.ValidationProblem(errors)
            : TypedResults.Ok(new { suggestedAnswers = result.Value });
    }

    private static async Task<IResult> SatisfactionAsync(long id, SatisfactionRequest? body, TicketDesk desk, CancellationToken ct)
    {
        if (body?.Score is not { } score) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["score"] = ["A score from 1 to 5 is required."] });
        var result = await desk.RecordSatisfactionAsync(id, score, body.Comment, ct);
        return result.NotFound ? TypedResults.NotFound()
            : result.Errors is { Count: > 0 } errors ? TypedResults.ValidationProblem(errors)
            : TypedResults.Ok(new { ticketId = id, score = result.Value!.Score, submittedAt = result.Value.SubmittedAt });
    }

    private static async Task<IResult> ModelAsync(IntentModelCache intents, CancellationToken ct) => TypedResults.Ok(Describe(await intents.GetAsync(ct)));

    private static async Task<IResult> RetrainAsync(IntentModelCache intents, CancellationToken ct) => TypedResults.Ok(Describe(await intents.RetrainAsync(ct)));

    private static object Describe(IntentModelState state) => new
    {
        source = state.Source, reason = state.Reason, examples = state.Examples, intents = state.Model?.Intents.Count ?? 0, trainedAt = state.TrainedAt,
    };

    private static IResult Answer(DeskResult<TicketView> result)
        => result.NotFound ? TypedResults.NotFound()
            : result.Errors is { Count: > 0 } errors ? TypedResults.ValidationProblem(errors)
            : TypedResults.Ok(result.Value);


    internal static T? ParseEnum<T>(string? value, string field, FieldErrors errors) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(value, out _)) return parsed;
        errors.Add(field, $"One of {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}.");
        return null;
    }
}
