using Microsoft.EntityFrameworkCore;
using Rapport.Analytics.Reporting;
using Rapport.Core.Domain;
using Rapport.Data;

namespace Rapport.Web.Features.Dashboard;

/// <summary>
/// Active, at-risk and likely-lapsed customers from the stored scores, with the thresholds that define them, and the
/// products recommended to the most customers.
/// </summary>
public sealed record CustomerActivity(long Active, long AtRisk, long Lapsed, string? Chart, IReadOnlyList<TopRecommendation> Recommendations)
{
    /// <summary>Churn risk at or above this is "at risk" (the churn job's "high" label).</summary>
    public const double AtRiskChurn = 0.6;
    /// <summary>P(alive) below this (and not at risk) is "likely lapsed"; the rest with scores are active.</summary>
    public const double ActiveProbability = 0.5;

    public long Scored => Active + AtRisk + Lapsed;
    public double Share(long count) => Scored == 0 ? 0 : (double)count / Scored;
}

/// <summary>A product and how many customers have it among their stored next-product recommendations.</summary>
public sealed record TopRecommendation(string Sku, string Name, long Customers);

internal sealed class CustomerActivityService(IDbContextFactory<RapportDb> databases)
{
    public async Task<CustomerActivity> GetAsync(string title, IReadOnlyList<string> labels, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var insights = db.CustomerInsights;
        var customers = db.Customers.Where(c => c.Status == RecordStatus.Active && c.MergedIntoId == null);
        var scored = customers.Where(c => insights.Any(i => i.CustomerId == c.Id && (i.Kind == InsightKinds.ChurnRisk || i.Kind == InsightKinds.ProbabilityAlive)));
        var atRisk = scored.Where(c => insights.Any(i => i.CustomerId == c.Id && i.Kind == InsightKinds.ChurnRisk && i.Value >= CustomerActivity.AtRiskChurn));
        var notAtRisk = scored.Where(c => !insights.Any(i => i.CustomerId == c.Id && i.Kind == InsightKinds.ChurnRisk && i.Value >= CustomerActivity.AtRiskChurn));
        var lapsed = notAtRisk.Where(c => insights.Any(i => i.CustomerId == c.Id && i.Kind == InsightKinds.ProbabilityAlive && i.Value < CustomerActivity.ActiveProbability));
        var total = await scored.LongCountAsync(ct);
        var risk = await atRisk.LongCountAsync(ct);
        var gone = await lapsed.LongCountAsync(ct);
        var active = total - risk - gone;
        var chart = total == 0 ? null : SvgCharts.Bars(title, labels, [active, risk, gone]);

        var top = await insights.Where(i => i.Kind == InsightKinds.NextProduct && i.Label != null)
            .GroupBy(i => i.Label!).Select(g => new { Sku = g.Key, Customers = g.Select(i => i.CustomerId).Distinct().LongCount() })
            .OrderByDescending(g => g.Customers).ThenBy(g => g.Sku).Take(5).ToListAsync(ct);
        var skus = top.Select(t => t.Sku).ToList();
        var names = await db.Products.AsNoTracking().Where(p => skus.Contains(p.Sku)).ToDictionaryAsync(p => p.Sku, p => p.Name, ct);
        return new CustomerActivity(active, risk, gone, chart, top.Select(t => new TopRecommendation(t.Sku, names.GetValueOrDefault(t.Sku, t.Sku), t.Customers)).ToList());
    }
}
