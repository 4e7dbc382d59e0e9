using Microsoft.EntityFrameworkCore;
using Rapport.Core.Domain;
using Rapport.Core.Segments;
using Rapport.Data;
using Rapport.Data.Segments;

namespace Rapport.Web.Features.Segments;

/// <summary>A segment with its size now and what its members look like on average (null where nothing is stored).</summary>
public sealed record SegmentSummary(long Id, string Name, SegmentKind Kind, string? Description, string? Rule, long Size, DateTime? RefreshedAt,
    SegmentProfile Profile);

/// <summary>Mean stored scores and order history of a group of customers.</summary>
public sealed record SegmentProfile(double? ChurnRisk, double? Clv, double? ProbabilityAlive, double? RecencyDays, double? Frequency, double? Monetary);

/// <summary>
/// The segments the insights job clustered and the rule-based ones users built: sizes, profiles, members, and the
/// rule segments' create/update/delete. Rule segments are evaluated live against the latest insights (a database
/// query, see <see cref="SegmentRuleQuery"/>); clustered ones are their stored memberships.
/// </summary>
public sealed class SegmentCatalog(IDbContextFactory<RapportDb> databases, RuleSegmentMemberships memberships, TimeProvider clock)
{
    public const int MaxNameLength = 200;

    public async Task<IReadOnlyList<SegmentSummary>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var segments = await db.Segments.AsNoTracking().Where(s => s.Kind == SegmentKind.Cluster || s.Kind == SegmentKind.Rule)
            .OrderBy(s => s.Kind).ThenBy(s => s.Name).ToListAsync(ct);
        var result = new List<SegmentSummary>();
        foreach (var s in segments) result.Add(await SummaryAsync(db, s, ct));
        return result;
    }

    public async Task<SegmentSummary?> GetAsync(long id, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var segment = await db.Segments.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id && (s.Kind == SegmentKind.Cluster || s.Kind == SegmentKind.Rule), ct);
        return segment is null ? null : await SummaryAsync(db, segment, ct);
    }

    /// <summary>The profile of every active customer with stored scores: what a segment's profile is compared with.</summary>
    public async Task<SegmentProfile> OverallAsync(CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        return await ProfileAsync(db, Active(db), ct);
    }

    /// <summary>How many customers a rule selects now (the builder's live preview).</summary>
    public async Task<long> CountAsync(SegmentRule rule, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        return await SegmentRuleQuery.Members(db, rule, Now).LongCountAsync(ct);
    }

    /// <summary>
    /// Narrows a customer query to a segment's members (rule: evaluated now; cluster: stored memberships);
    /// an unknown segment selects nobody.
    /// </summary>
    public async Task<IQueryable<Customer>> FilterAsync(RapportDb db, IQueryable<Customer> customers, long segmentId, CancellationToken ct = default)
    {
        var segment = await db.Segments.AsNoTracking().FirstOrDefaultAsync(s => s.Id == segmentId, ct);
        if (segment?.Kind == SegmentKind.Rule)
        {
            // A definition this CRM cannot evaluate (free text from elsewhere) falls back to the stored members.
            if (SegmentRuleParser.Parse(segment.Definition).Rule is { } rule) return SegmentRuleQuery.Apply(db, customers, rule, Now);
        }
        var members = db.SegmentMemberships.Where(m => m.SegmentId == segmentId).Select(m => m.CustomerId);
        return customers.Where(c => members.Contains(c.Id));
    }

    /// <summary>Saves a new rule segment (or replaces one's name, description and rule) and stores its members; returns it, or the problems by field.</summary>
    public async Task<(SegmentSummary? Segment, IReadOnlyDictionary<string, string[]> Errors)> SaveAsync(long? id, string? name, string? description,
        SegmentRule? rule, IReadOnlyDictionary<string, string[]>? ruleErrors, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>(ruleErrors ?? new Dictionary<string, string[]>());
        name = name?.Trim();
        if (string.IsNullOrEmpty(name)) errors["name"] = ["a name is required"];
        else if (name.Length > MaxNameLength) errors["name"] = [$"at most {MaxNameLength} characters"];
        if (description is { Length: > 2000 }) errors["description"] = ["at most 2000 characters"];
        if (rule is null && errors.Count == 0) errors["conditions"] = ["the rule is empty: give at least one condition"];
        await using var db = await databases.CreateDbContextAsync(ct);
        if (errors.Count == 0 && await db.Segments.AnyAsync(s => s.Name == name && s.Kind == SegmentKind.Rule && s.Id != (id ?? 0), ct))
            errors["name"] = [$"a rule segment named '{name}' already exists"];
        if (errors.Count > 0) return (null, errors);

        Segment? segment;
        if (id is { } existing)
        {
            segment = await db.Segments.FirstOrDefaultAsync(s => s.Id == existing && s.Kind == SegmentKind.Rule, ct);
            if (segment is null) return (null, errors);
        }
        else
        {
            segment = new Segment { Kind = SegmentKind.Rule, CreatedAt = Now };
            db.Segments.Add(segment);
        }
        segment.Name = name!;
        segment.Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        segment.Definition = rule!.ToJson();
        await db.SaveChangesAsync(ct);
        await memberships.RefreshAsync(segment.Id, ct);
        return (await GetAsync(segment.Id, ct), errors);
    }

    /// <summary>Deletes a rule segment and its stored members; false when there is no such rule segment.</summary>
    public async Task<bool> DeleteAsync(long id, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var segment = await db.Segments.FirstOrDefaultAsync(s => s.Id == id && s.Kind == SegmentKind.Rule, ct);
        if (segment is null) return false;
        db.Segments.Remove(segment);
        await db.SaveChangesAsync(ct);
        return true;
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static IQueryable<Customer> Active(RapportDb db) => db.Customers.AsNoTracking().Where(c => c.Status == RecordStatus.Active && c.MergedIntoId == null);

    private async Task<SegmentSummary> SummaryAsync(RapportDb db, Segment s, CancellationToken ct)
    {
        var members = await FilterAsync(db, Active(db), s.Id, ct);
        var rule = s.Kind == SegmentKind.Rule ? SegmentRuleParser.Parse(s.Definition).Rule?.ToString() : null;
        return new SegmentSummary(s.Id, s.Name, s.Kind, s.Description, rule, await members.LongCountAsync(ct), s.RefreshedAt, await ProfileAsync(db, members, ct));
    }

    /// <summary>Means computed by the database: stored scores averaged over members, order history from the orders.</summary>
    private async Task<SegmentProfile> ProfileAsync(RapportDb db, IQueryable<Customer> members, CancellationToken ct)
    {
        var ids = members.Select(c => c.Id);
        Task<double?> MeanAsync(string kind) => db.CustomerInsights.Where(i => i.Kind == kind && ids.Contains(i.CustomerId)).AverageAsync(i => (double?)i.Value, ct);
        var churn = await MeanAsync(InsightKinds.ChurnRisk);
        var clv = await MeanAsync(InsightKinds.LifetimeValue);
        var alive = await MeanAsync(InsightKinds.ProbabilityAlive);

        var orders = db.Orders.Where(o => o.Status != OrderStatus.Cancelled && ids.Contains(o.CustomerId));
        var size = await ids.LongCountAsync(ct);
        double? frequency = null, monetary = null, recency = null;
        if (size > 0)
        {
            frequency = await orders.LongCountAsync(ct) / (double)size;
            monetary = await orders.SumAsync(o => (double)o.TotalAmount, ct) / size;
            // One date per buyer (the database finds each one's last order); the mean is taken here.
            var last = await orders.GroupBy(o => o.CustomerId).Select(g => g.Max(o => o.OrderedAt)).ToListAsync(ct);
            if (last.Count > 0) recency = last.Average(d => (Now - d).TotalDays);
        }
        return new SegmentProfile(churn, clv, alive, recency, frequency, monetary);
    }
}
