using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Rapport.Core.Marketing;
using Rapport.Core.Security;
using Rapport.Web.Account;
using Rapport.Web.Features.Common;
using Rapport.Web.Features.Marketing;

namespace Rapport.Web.Api;

/// <summary>
/// /api/v1/campaigns (marketing.manage): list, get with audience counts and results, create, draw the audience, members,
/// optimise under a budget (and optionally apply the plan), send. Bad input is a validation problem naming the field.
/// </summary>
internal static class CampaignEndpoints
{
    public static void MapCampaigns(this RouteGroupBuilder api)
    {
        // Bearer-token clients send no cookies, so there is no cross-site form to forge.
        var campaigns = api.MapGroup("/campaigns").RequireAuthorization(ApiEndpoints.Token(Permissions.MarketingManage)).WithTags("Campaigns").DisableAntiforgery();
        campaigns.MapGet("", ListAsync)
            .WithSummary("Page campaigns (newest first by default) with member, holdout and sent counts; bad paging or sort is refused with 400").ProducesValidationProblem();
        campaigns.MapGet("/{id:long}", GetAsync)
            .WithSummary("One campaign with its target, audience counts (suppressed by reason, holdout, to send), outbox counts and results with the uplift versus holdout")
            .ProducesProblem(StatusCodes.Status404NotFound);
        campaigns.MapPost("", CreateAsync)
            .WithSummary("Create a draft campaign (201): name, channel and a target (segmentId or targetRule such as \"p_alive < 0.5 and clv > 300\") are required; problems are named by field")
            .ProducesValidationProblem();
        campaigns.MapPost("/{id:long}/audience", AudienceAsync)
            .WithSummary("Draw the audience afresh (before the send): consent, address and frequency cap applied, holdout drawn; answers the counts")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        campaigns.MapGet("/{id:long}/members", MembersAsync)
            .WithSummary("A campaign's members with status, suppression reason and outbox state (attempts, last error); names masked without personal-data.read")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        campaigns.MapPost("/{id:long}/optimize", OptimizeAsync)
            .WithSummary("Choose whom to contact within {\"budget\"} to maximise expected return (exact knapsack), with the return-against-budget curve; \"apply\": true limits the audience to them")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        campaigns.MapPost("/{id:long}/send", SendAsync)
            .WithSummary("Send: queue one outbox message per member to send (the background sender delivers them with retries); 409 when already sent")
            .Produces(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    public sealed record CampaignBody(string? Name, string? Channel, long? SegmentId, string? TargetRule, DateTime? ScheduledAt, int? WindowDays,
        decimal? CostPerContact, double? HoldoutFraction, int? FrequencyCapMessages, int? FrequencyCapDays, string? Subject, string? Template);

    public sealed record OptimizeBody(double? Budget, bool? Apply);

    private static async Task<IResult> ListAsync(int? page, int? pageSize, string? sort, CampaignService campaigns, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        Paging.Validate(page, pageSize, sort, CampaignService.Sorts, errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var request = Paging.Request(page, pageSize, sort);
        var result = await campaigns.ListAsync(request, ct);
        return TypedResults.Ok(new
        {
            items = result.Items.Select(c => new
            {
                id = c.Id, name = c.Name, channel = c.Channel.ToString(), status = c.Status.ToString(), scheduledAt = c.ScheduledAt, sentAt = c.SentAt,
                members = c.Members, holdout = c.Holdout, sent = c.Sent,
            }),
            total = result.Total, page = request.Page, pageSize = request.PageSize,
        });
    }

    private static async Task<IResult> GetAsync(long id, CampaignService campaigns, CampaignResultsService results, CancellationToken ct)
        => await campaigns.GetAsync(id, ct) is { } detail ? TypedResults.Ok(Json(detail, await results.ComputeAsync(id, ct))) : NotFound(id);

    private static async Task<IResult> CreateAsync(CampaignBody? body, CampaignService campaigns, CancellationToken ct)
    {
        if (body is null) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["a JSON body is required"] });
        var defaults = new CampaignInput();
        var input = new CampaignInput
        {
            Name = body.Name, Channel = body.Channel, SegmentId = body.SegmentId, TargetRule = body.TargetRule, ScheduledAt = body.ScheduledAt,
            WindowDays = body.WindowDays ?? defaults.WindowDays, CostPerContact = body.CostPerContact ?? defaults.CostPerContact,
            HoldoutFraction = body.HoldoutFraction ?? defaults.HoldoutFraction, FrequencyCapMessages = body.FrequencyCapMessages ?? defaults.FrequencyCapMessages,
            FrequencyCapDays = body.FrequencyCapDays ?? defaults.FrequencyCapDays, Subject = body.Subject ?? defaults.Subject, Template = body.Template ?? defaults.Template,
        };
        var (saved, errors) = await campaigns.SaveAsync(null, input, ct);
        if (saved is null) return TypedResults.ValidationProblem(errors);
        return TypedResults.Created($"/api/v1/campaigns/{saved.Id}", Json((await campaigns.GetAsync(saved.Id, ct))!, null));
    }

    private static async Task<IResult> AudienceAsync(long id, CampaignService campaigns, CancellationToken ct)
    {
        if (await campaigns.GetAsync(id, ct) is not { } detail) return NotFound(id);
        if (detail.Campaign.SentAt is not null) return AlreadySent(id);
        return TypedResults.Ok(Counts(await campaigns.BuildAudienceAsync(id, ct)));
    }

    private static async Task<IResult> MembersAsync(long id, int? page, int? pageSize, ClaimsPrincipal user, IAuthorizationService authorization,
        CampaignService campaigns, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        Paging.Validate(page, pageSize, null, CampaignService.Sorts, errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        if (await campaigns.GetAsync(id, ct) is null) return NotFound(id);
        var request = Paging.Request(page, pageSize, null);
        var showPersonal = await authorization.SeesPersonalDataAsync(user);
        var result = await campaigns.MembersAsync(id, request, showPersonal, ct);
        return TypedResults.Ok(new
        {
            items = result.Items.Select(m => new
            {
                memberId = m.MemberId, customerId = m.CustomerId, name = m.Name, isHoldout = m.IsHoldout, status = m.Status.ToString(),
                suppressionReason = m.Reason?.ToString(), messageStatus = m.MessageStatus?.ToString(), attempts = m.Attempts, lastError = m.LastError,
                nextAttemptAt = m.NextAttemptAt, sentAt = m.SentAt,
            }),
            total = result.Total, page = request.Page, pageSize = request.PageSize, masked = !showPersonal,
        });
    }

    private static async Task<IResult> OptimizeAsync(long id, OptimizeBody? body, CampaignService campaigns, CampaignBudget budgets, CancellationToken ct)
    {
        if (body?.Budget is not { } budget) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["budget"] = ["a budget is required"] });
        if (double.IsNaN(budget) || double.IsInfinity(budget) || budget < 0)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["budget"] = ["must be zero or more"] });
        if (budget > 100_000_000) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["budget"] = ["at most 100000000"] });
        if (await campaigns.GetAsync(id, ct) is not { } detail) return NotFound(id);
        if (body.Apply == true && detail.Campaign.SentAt is not null) return AlreadySent(id);
        var plan = body.Apply == true ? await budgets.ApplyAsync(id, budget, ct) : await budgets.OptimizeAsync(id, budget, ct);
        if (plan is null) return NotFound(id);
        return TypedResults.Ok(new
        {
            budget = plan.Plan.Budget, spent = plan.Plan.Spent, expectedReturn = plan.Plan.ExpectedReturn, expectedRevenue = plan.Plan.ExpectedRevenue,
            exact = plan.Plan.Exact, applied = body.Apply == true, baseResponseRate = plan.BaseResponseRate, candidates = plan.Candidates,
            recipients = plan.Plan.Chosen.Select(c => new { customerId = c.CustomerId, responseProbability = c.ResponseProbability, value = c.ValueIfResponds, cost = c.Cost }),
            curve = plan.Curve.Select(p => new { budget = p.Budget, contacts = p.Contacts, spent = p.Spent, expectedReturn = p.ExpectedReturn }),
        });
    }

    private static async Task<IResult> SendAsync(long id, CampaignService campaigns, CancellationToken ct)
        => await campaigns.SendAsync(id, ct) switch
        {
            null => NotFound(id),
            -1 => AlreadySent(id),
            var queued => TypedResults.Accepted($"/api/v1/campaigns/{id}", new { id, queued }),
        };

    private static IResult NotFound(long id) => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"no campaign {id}");

    private static IResult AlreadySent(long id) => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already sent", detail: $"campaign {id} was sent");

    private static object? Counts(AudienceCounts? a) => a is null ? null : new
    {
        targeted = a.Targeted, suppressed = a.SuppressedTotal, suppressedByReason = a.Suppressed.ToDictionary(s => s.Key.ToString(), s => s.Value),
        holdout = a.Holdout, toSend = a.ToSend,
    };

    private static object Json(CampaignDetail d, CampaignResults? results)
    {
        var c = d.Campaign;
        return new
        {
            id = c.Id, name = c.Name, channel = c.Channel.ToString(), status = c.Status.ToString(), segmentId = c.SegmentId, segmentName = d.SegmentName,
            targetRule = d.TargetText, scheduledAt = c.ScheduledAt, sentAt = c.SentAt, windowDays = c.WindowDays, costPerContact = c.CostPerContact,
            holdoutFraction = c.HoldoutFraction, frequencyCap = new { messages = c.FrequencyCapMessages, days = c.FrequencyCapDays }, budget = c.Budget,
            subject = c.Subject, template = c.Template, createdAt = c.CreatedAt,
            audience = Counts(d.Audience),
            outbox = new { pending = d.Outbox.Pending, sent = d.Outbox.Sent, failed = d.Outbox.Failed, cancelled = d.Outbox.Cancelled },
            results = results is null ? null : new
            {
                responseDefinition = "a non-cancelled order above zero by the member within windowDays after the send (treated: their own send time; holdout: the campaign's send time), with or without the campaign id",
                windowStart = results.WindowStart, windowDays = results.WindowDays,
                treated = new { members = results.Treated.Members, responders = results.Treated.Responders, revenue = results.Treated.Revenue },
                holdout = new { members = results.Holdout.Members, responders = results.Holdout.Responders, revenue = results.Holdout.Revenue },
                uplift = results.Uplift is not { } u ? null : new
                {
                    treatedRate = u.TreatedRate, holdoutRate = u.HoldoutRate, uplift = u.Uplift, lower = u.UpliftLower, upper = u.UpliftUpper, confidence = u.Confidence,
                    treatedRevenuePerMember = u.TreatedRevenuePerMember, holdoutRevenuePerMember = u.HoldoutRevenuePerMember, incrementalRevenue = u.IncrementalRevenue,
                },
            },
        };
    }
}
