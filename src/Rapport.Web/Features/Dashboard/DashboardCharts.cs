using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Rapport.Analytics.Reporting;
using Rapport.Core.Domain;
using Rapport.Data;

namespace Rapport.Web.Features.Dashboard;

/// <summary>The dashboard's charts as SVG (the report's dependency-free <see cref="SvgCharts"/>), from what the insights job stored.</summary>
public sealed record DashboardCharts(string? Revenue, string? Segments, string? Clv, IReadOnlyList<TopRule> Rules);

/// <summary>"Customers who buy the antecedent also buy the consequent", with the rule's confidence and lift.</summary>
public sealed record TopRule(string Antecedent, string Consequent, double Confidence, double Lift);

/// <summary>Chart titles in the viewer's language.</summary>
public sealed record DashboardChartTitles(string Revenue, string Forecast, string Segments, string Clv);

internal sealed class DashboardChartService(IDbContextFactory<RapportDb> databases)
{
    public async Task<DashboardCharts> GetAsync(DashboardChartTitles titles, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);

        // Revenue per month, the last 12 actual months and the forecast after them.
        var periods = await db.ForecastPeriods.AsNoTracking().Where(p => p.Series == ForecastSeries.Revenue).OrderBy(p => p.PeriodStart).ToListAsync(ct);
        var shown = periods.Where(p => !p.IsForecast).TakeLast(12).Concat(periods.Where(p => p.IsForecast)).ToList();
        var revenue = shown.Count == 0 ? null : SvgCharts.Bars(titles.Revenue,
            shown.Select(p => p.PeriodStart.ToString("yyyy-MM", CultureInfo.InvariantCulture) + (p.IsForecast ? " " + titles.Forecast : "")).ToList(),
            shown.Select(p => p.Value).ToList());

        var segments = await db.Segments.AsNoTracking().Where(s => s.Kind == SegmentKind.Cluster)
            .Select(s => new { s.Name, Members = db.SegmentMemberships.Count(m => m.SegmentId == s.Id) }).ToListAsync(ct);
        var segmentChart = segments.Count == 0 ? null
            : SvgCharts.Bars(titles.Segments, segments.Select(s => s.Name).ToList(), segments.Select(s => (double)s.Members).ToList());

        var clv = await db.CustomerInsights.AsNoTracking().Where(i => i.Kind == InsightKinds.LifetimeValue).Select(i => i.Value).ToListAsync(ct);
        // The long tail would flatten the histogram: it shows customers up to the 99th percentile.
        clv.Sort();
        var clvChart = clv.Count == 0 ? null : SvgCharts.Histogram(titles.Clv, clv.Take(Math.Max(1, (int)(clv.Count * 0.99))).ToList());

        var rules = await db.ProductAssociations.AsNoTracking().OrderByDescending(r => r.Lift).Take(5).ToListAsync(ct);
        var ids = rules.SelectMany(r => r.AntecedentProductIds.Append(r.ConsequentProductId)).Distinct().ToList();
        var names = await db.Products.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var top = rules.Select(r => new TopRule(string.Join(" + ", r.AntecedentProductIds.Select(id => names.GetValueOrDefault(id, $"#{id}"))),
            names.GetValueOrDefault(r.ConsequentProductId, $"#{r.ConsequentProductId}"), r.Confidence, r.Lift)).ToList();
        return new DashboardCharts(revenue, segmentChart, clvChart, top);
    }
}
