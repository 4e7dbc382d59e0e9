using Microsoft.EntityFrameworkCore;
using Rapport.Core.Domain;
using Rapport.Data;

namespace Rapport.Web.Features.Service;

/// <summary>CSAT of one group: responses, mean score (1–5) and the share satisfied (4 or 5).</summary>
public sealed record SatisfactionRow(string Group, int Responses, double Average, double SatisfiedShare);

/// <summary>CSAT after resolution (ticket-linked <see cref="Feedback"/> of kind CSAT) grouped by agent and by intent.</summary>
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

    /// <summary>Groups scores; an empty group name stands for "none" (unassigned or no intent).</summary>
    public static IReadOnlyList<SatisfactionRow> Group(IEnumerable<(string Group, int Score)> scores)
        => scores.GroupBy(s => s.Group)
            .Select(g => new SatisfactionRow(g.Key, g.Count(), g.Average(s => s.Score), (double)g.Count(s => s.Score >= 4) / g.Count()))
            .OrderByDescending(r => r.Responses).ThenBy(r => r.Group, StringComparer.Ordinal).ToList();
}
