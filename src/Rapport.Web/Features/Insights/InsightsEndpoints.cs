using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Rapport.Core.Insights;
using Rapport.Core.Security;
using Rapport.Web.Account;

namespace Rapport.Web.Features.Insights;

/// <summary><c>POST /api/v1/insights/refresh</c> starts a refresh (202 + run id); <c>GET /api/v1/insights/runs/{id}</c> follows it.</summary>
internal static class InsightsEndpoints
{
    public static RouteGroupBuilder MapInsights(this RouteGroupBuilder api)
    {
        var insights = api.MapGroup("/insights")
            .RequireAuthorization(new AuthorizeAttribute(Permissions.InsightsRefresh) { AuthenticationSchemes = ApiTokenAuthentication.SchemeName }).WithTags("Insights");
        insights.MapPost("/refresh", RefreshAsync).WithSummary("Start an insights refresh (202 with the run to follow)");
        insights.MapGet("/runs/{id:long}", GetRunAsync).WithSummary("Progress and outcome of one insights run");
        // Analysts (analytics.run) read customer-level scores only under pseudonyms: no ids, names or contacts.
        api.MapGet("/insights/export", ExportAsync)
            .RequireAuthorization(new AuthorizeAttribute(Permissions.AnalyticsRun) { AuthenticationSchemes = ApiTokenAuthentication.SchemeName }).WithTags("Insights")
            .WithSummary("Stored scores per customer as CSV under keyed pseudonyms (pseudonym, rfm, segment, p_alive, churn_risk, clv)")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv");
        return insights;
    }

    public static async Task<Results<Accepted<RunView>, Conflict<ProblemDetails>, ProblemHttpResult>> RefreshAsync(
        InsightsRunner runner, string? asOf, CancellationToken ct)
    {
        DateOnly? day = null;
        if (!string.IsNullOrEmpty(asOf))
        {
            if (!DateOnly.TryParseExact(asOf, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid asOf",
                    detail: $"asOf '{asOf}' is not a date of the form yyyy-MM-dd.", extensions: new Dictionary<string, object?> { ["field"] = "asOf" });
            day = parsed;
        }
        var run = await runner.TryStartAsync("api", day, ct);
        if (run is null)
            return TypedResults.Conflict(new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "A refresh is already running",
                Detail = $"Insights run {runner.RunningId} is in progress; follow it at /api/v1/insights/runs/{runner.RunningId}.",
                Extensions = { ["runId"] = runner.RunningId },
            });
        return TypedResults.Accepted($"/api/v1/insights/runs/{run.Id}", RunView.From(run));
    }

    public static async Task ExportAsync(HttpContext http, PseudonymousInsightsExport export, CancellationToken ct)
    {
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"insights-{DateTime.UtcNow:yyyyMMdd}.csv\"";
        await using var writer = new StreamWriter(http.Response.Body, new System.Text.UTF8Encoding(false));
        await export.WriteAsync(writer, ct);
    }

    public static async Task<Results<Ok<RunView>, NotFound>> GetRunAsync(long id, IInsightRunStore runs, CancellationToken ct)
        => await runs.FindAsync(id, ct) is { } run ? TypedResults.Ok(RunView.From(run)) : TypedResults.NotFound();

    /// <summary>A run as the API shows it.</summary>
    public sealed record RunView(
        long RunId, string Status, string Trigger, DateOnly? AsOf, string Step, int StepNumber, int StepCount,
        DateTime StartedAt, DateTime? FinishedAt, IReadOnlyDictionary<string, long> Counts, IReadOnlyDictionary<string, double> StepSeconds,
        IReadOnlyList<InsightSkippedStep> Skipped, IReadOnlyList<string> Warnings, IReadOnlyDictionary<string, string> ModelVersions, string? Error)
    {
        public static RunView From(InsightRun r) => new(r.Id, r.Status.ToString().ToLowerInvariant(), r.Trigger,
            r.AsOf is { } a ? DateOnly.FromDateTime(a) : null, r.Step, r.StepNumber, r.StepCount, r.StartedAt, r.FinishedAt,
            r.Counts, r.StepSeconds, r.Skipped, r.Warnings, r.ModelVersions, r.Error);
    }
}
