using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Rapport.Core.Domain;
using Rapport.Data;

namespace Rapport.Web.Api;

/// <summary>
/// A customer's stored scores as the API shows them: {"rfm", "segment", "pAlive", "churnRisk", "clv", "recommendations"},
/// each with value, label, reasons, model version and time. Written by the insights job; absent until it has run.
/// </summary>
internal static class CustomerInsightsJson
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        [InsightKinds.RfmScore] = "rfm",
        [InsightKinds.Segment] = "segment",
        [InsightKinds.ProbabilityAlive] = "pAlive",
        [InsightKinds.ChurnRisk] = "churnRisk",
        [InsightKinds.LifetimeValue] = "clv",
    };

    /// <summary>customer id → insights object, for the given customers (one query).</summary>
    public static async Task<Dictionary<long, JsonObject>> ForAsync(RapportDb db, IReadOnlyCollection<long> customerIds, CancellationToken ct)
    {
        var rows = await db.CustomerInsights.AsNoTracking().Where(i => customerIds.Contains(i.CustomerId)).OrderBy(i => i.Id).ToListAsync(ct);
        var result = customerIds.Distinct().ToDictionary(id => id, _ => new JsonObject());
        foreach (var row in rows)
        {
            var target = result[row.CustomerId];
            if (row.Kind == InsightKinds.NextProduct)
            {
                if (target["recommendations"] is not JsonArray list) target["recommendations"] = list = [];
                list.Add(Json(row));
            }
            else target[Names.GetValueOrDefault(row.Kind, row.Kind)] = Json(row);
        }
        return result;
    }

    private static JsonObject Json(CustomerInsight row) => new()
    {
        ["value"] = row.Value,
        ["label"] = row.Label,
        ["reasons"] = new JsonArray([.. row.Reasons.Select(r => (JsonNode)new JsonObject { ["text"] = r.Text, ["effect"] = r.Effect })]),
        ["modelVersion"] = row.ModelVersion,
        ["computedAt"] = DateTime.SpecifyKind(row.ComputedAt, DateTimeKind.Utc),
    };
}
