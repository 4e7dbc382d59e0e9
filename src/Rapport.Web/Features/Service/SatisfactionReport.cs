using Microsoft.EntityFrameworkCore;
using Rapport.Core.Domain;
using Rapport.Data;

namespace Rapport.Web.Features.Service;

/// <summary>CSAT of one group: responses, mean score (1–5) and the share satisfied (4 or 5).</summary>
public sealed record SatisfactionRow(string Group, int Responses, double Average, double SatisfiedShare);

/// <summary>Satisfaction by customer segment: CSAT after resolution, and NPS overall and per segment.</summary>
public sealed record SegmentSatisfaction(IReadOnlyList<SatisfactionRow> CsatBySegment, NpsRow Nps, IReadOnlyList<NpsRow> NpsBySegment);

/// <summary>
/// CSAT after resolution (ticket-linked <see cref="Feedback"/> of kind CSAT) grouped by agent, by intent and by the
/// customer's segment; NPS (feedback of kind NPS, 0–10) overall and by segment. A customer's segment is the one the
/// latest insights refresh stored for them; customers without one form the "" (no segment) group.
/// </summary>
public sealed class SatisfactionReport(RapportDb db)
{
    public async Task<(IReadOnlyList<SatisfactionRow> ByAgent, IReadOnlyList<SatisfactionRow> ByIntent)> BuildAsync(CancellationToken ct = default)
    {
        var rows = await db.Feedback.AsNoTracking().Where(f => f.Kind == FeedbackKind.Csat && f.TicketId != null)
            .Join(db.Tickets, f => f.TicketId, t => t.Id, (f, t) => new { f.Score, t.AssigneeId, t.Intent })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.AssigneeId).OfType<long>().Distinct().ToList();
        var names = (await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName, u.UserName }).ToListAsync(ct))
            .ToDictionary(u => u.Id, u => u.DisplayName.Length > 0 ? u.DisplayName : u.UserName ?? "");
        var byAgent = Group(rows.Select(r => (r.AssigneeId is { } a && names.TryGetValue(a, out var n) ? n : "", r.Score)));
        var byIntent = Group(rows.Select(r => (r.Intent ?? "", r.Score)));
        return (byAgent, byIntent);
    }

    public async Task<SegmentSatisfaction> BySegmentAsync(CancellationToken ct = default)
    {
        var csat = await db.Feedback.AsNoTracking().Where(f => f.Kind == FeedbackKind.Csat && f.TicketId != null)
            .Select(f => new { f.CustomerId, f.Score }).ToListAsync(ct);
        var nps = await db.Feedback.AsNoTracking().Where(f => f.Kind == FeedbackKind.Nps).Select(f => new { f.CustomerId, f.Score }).ToListAsync(ct);
        // The latest stored segment of each customer with feedback (one insight row each after a refresh; else the newest id wins).
        var segments = (await db.CustomerInsights.AsNoTracking()
                .Where(i => i.Kind == InsightKinds.Segment && db.Feedback.Any(f => f.CustomerId == i.CustomerId))
                .OrderBy(i => i.Id).Select(i => new { i.CustomerId, i.Label }).ToListAsync(ct))
            .GroupBy(i => i.CustomerId).ToDictionary(g => g.Key, g => g.Last().Label ?? "");
        string SegmentOf(long customer) => segments.GetValueOrDefault(customer, "");
        return new SegmentSatisfaction(
            Group(csat.Select(f => (SegmentOf(f.CustomerId), f.Score))),
            NpsRow.Of("", nps.Select(f => f.Score)),
            NpsRow.ByGroup(nps.Select(f => (SegmentOf(f.CustomerId), f.Score))));
    }

    /// <summary>Groups scores; an empty group name stands for "none" (unassigned or no intent).</summary>
    public static IReadOnlyList<SatisfactionRow> Group(IEnumerable<(string Group, int Score)> scores)
        => scores.GroupBy(s => s.Group)
            .Select(g => new SatisfactionRow(g.Key, g.Count(), g.Average(s => s.Score), (double)g.Count(s => s.Score >= 4) / g.Count()))
            .OrderByDescending(r => r.Responses).ThenBy(r => r.Group, StringComparer.Ordinal).ToList();
}
