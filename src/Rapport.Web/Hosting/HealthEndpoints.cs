using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Rapport.Data;

namespace Rapport.Web.Hosting;

/// <summary><c>GET /health</c>: 200 when every check is healthy (503 otherwise) with a JSON body per check.</summary>
internal static class HealthEndpoints
{
    public const string Path = "/health";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    public static IEndpointConventionBuilder MapRapportHealth(this IEndpointRouteBuilder endpoints)
        => endpoints.MapHealthChecks(Path, new HealthCheckOptions { ResponseWriter = WriteAsync })
            .AllowAnonymous()
            .DisableHttpMetrics();

    /// <summary>Not just "can connect" (SQLite creates an empty file on connect): the schema must be there too.</summary>
    public static async Task<bool> DatabaseAnswersAsync(RapportDb db, CancellationToken ct)
    {
        await db.Roles.AnyAsync(ct);
        return true;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        // Exception details go to the log (the health check service logs them), not to this anonymous endpoint.
        var body = new HealthBody(
            report.Status.ToString(),
            Math.Round(report.TotalDuration.TotalMilliseconds, 1),
            report.Entries.Select(e => new HealthCheckBody(
                e.Key,
                e.Value.Status.ToString(),
                Math.Round(e.Value.Duration.TotalMilliseconds, 1),
                e.Value.Description ?? (e.Value.Exception is null ? null : e.Value.Exception.GetType().Name))).ToList());
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, Json));
    }

    internal sealed record HealthBody(string Status, double DurationMs, IReadOnlyList<HealthCheckBody> Checks);

    internal sealed record HealthCheckBody(string Name, string Status, double DurationMs, string? Description);
}
