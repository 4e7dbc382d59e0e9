using Rapport.Analytics.Reporting;

namespace Rapport.Web.Features.Segments;

/// <summary>The segments page's charts, drawn with the report's <see cref="SvgCharts"/> like the dashboard's.</summary>
public static class SegmentCharts
{
    public static string Sizes(string title, IReadOnlyList<SegmentSummary> segments)
        => SvgCharts.Bars(title, segments.Select(s => s.Name).ToList(), segments.Select(s => (double)s.Size).ToList());

    /// <summary>
    /// Each segment's mean on each measure relative to all customers (+0.5 = 50 % above the overall mean), as a
    /// diverging heat map: what sets a segment apart at a glance.
    /// </summary>
    public static string Profiles(string title, IReadOnlyList<SegmentSummary> segments, SegmentProfile overall, IReadOnlyList<string> measures,
        string rowTitle, string columnTitle)
    {
        var values = new double[segments.Count, 6];
        for (var r = 0; r < segments.Count; r++)
        {
            var p = segments[r].Profile;
            double?[] mine = [p.ChurnRisk, p.Clv, p.ProbabilityAlive, p.RecencyDays, p.Frequency, p.Monetary];
            double?[] all = [overall.ChurnRisk, overall.Clv, overall.ProbabilityAlive, overall.RecencyDays, overall.Frequency, overall.Monetary];
            for (var c = 0; c < 6; c++)
                values[r, c] = mine[c] is { } m && all[c] is { } a && a != 0 ? Math.Round(m / a - 1, 2) : 0;
        }
        return SvgCharts.Diverging(title, segments.Select(s => s.Name).ToList(), measures, values, rowTitle, columnTitle, saturation: 1);
    }
}
