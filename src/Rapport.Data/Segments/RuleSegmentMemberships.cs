using Microsoft.EntityFrameworkCore;
using Rapport.Core.Domain;
using Rapport.Core.Insights;
using Rapport.Core.Segments;
using Rapport.Core.Storage;

namespace Rapport.Data.Segments;

/// <summary>
/// Stores who is in each rule-based segment (<see cref="SegmentMembership"/>) as of the latest insights: run after every
/// insights refresh, and after a rule is saved. Pages and the API evaluate rules live; the stored members are the
/// snapshot campaigns and exports take.
/// </summary>
public sealed class RuleSegmentMemberships(IDbContextFactory<RapportDb> databases, IBulkWriter bulk, TimeProvider clock) : IInsightsFollowUp
{
    public async Task<IReadOnlyDictionary<string, long>> RunAsync(CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var ids = await db.Segments.AsNoTracking().Where(s => s.Kind == SegmentKind.Rule).Select(s => s.Id).ToListAsync(ct);
        long members = 0;
        foreach (var id in ids) members += await RefreshAsync(id, ct);
        return new Dictionary<string, long> { ["ruleSegments"] = ids.Count, ["ruleSegmentMembers"] = members };
    }

    /// <summary>Replaces one rule segment's stored members with those its rule selects now; returns how many.</summary>
    public async Task<long> RefreshAsync(long segmentId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        List<long> customers;
        await using (var db = await databases.CreateDbContextAsync(ct))
        {
            var segment = await db.Segments.AsNoTracking().FirstOrDefaultAsync(s => s.Id == segmentId && s.Kind == SegmentKind.Rule, ct);
            if (segment is null) return 0;
            var parse = SegmentRuleParser.Parse(segment.Definition);
            // A definition that is not a rule this CRM understands (e.g. an imported free-text one) keeps its stored members.
            if (parse.Rule is null) return 0;
            // Only ids travel: the rule itself is evaluated by the database.
            customers = await SegmentRuleQuery.Members(db, parse.Rule, now).Select(c => c.Id).OrderBy(c => c).ToListAsync(ct);
        }
        await using var session = await bulk.BeginAsync(ct);
        await session.DeleteAsync<SegmentMembership>(nameof(SegmentMembership.SegmentId), segmentId, ct);
        var written = await session.WriteAsync(customers.Select(c => new SegmentMembership { SegmentId = segmentId, CustomerId = c, AddedAt = now }), ct);
        await session.CommitAsync(ct);
        await using (var db = await databases.CreateDbContextAsync(ct))
            await db.Segments.Where(s => s.Id == segmentId).ExecuteUpdateAsync(u => u.SetProperty(s => s.RefreshedAt, now), ct);
        return written;
    }
}
