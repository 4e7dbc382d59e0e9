using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Rapport.Analytics.Marketing;
using Rapport.Core.Domain;
using Rapport.Data;

namespace Rapport.Web.Features.Marketing;

/// <summary>A budget plan for a campaign: whom to contact, what it costs and returns, and the return at other budgets.</summary>
public sealed record CampaignBudgetPlan(BudgetPlan Plan, IReadOnlyList<ReturnCurvePoint> Curve, double BaseResponseRate, int BaseCampaigns, int Candidates);

/// <summary>
/// Budget optimisation for a campaign's audience. Each member to send (not the holdout, not the suppressed — except those
/// an earlier plan left out for budget) is a candidate with:
/// <list type="bullet">
/// <item>P(response) = the channel's base rate × the customer's P(alive) ÷ the candidates' mean P(alive), at most 1. The base
/// rate is the share of treated members of the channel's past campaigns (window over) who bought within the window; with
/// none, <see cref="MarketingOptions.DefaultResponseRate"/>. P(alive) (the stored lifetime model's chance the customer is
/// still buying) scales it so likelier buyers rank first while the average stays the base rate.</item>
/// <item>value = the customer's average order value (non-cancelled orders), else the candidates' mean;</item>
/// <item>cost = the campaign's cost per contact.</item>
/// </list>
/// The exact knapsack (<see cref="BudgetOptimizer"/>) then picks the contacts with the largest summed expected return.
/// </summary>
public sealed class CampaignBudget(IDbContextFactory<RapportDb> databases, IOptions<MarketingOptions> options, TimeProvider clock)
{
    public async Task<CampaignBudgetPlan?> OptimizeAsync(long id, double budget, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(budget);
        await using var db = await databases.CreateDbContextAsync(ct);
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (campaign is null) return null;
        var (rate, campaigns) = await BaseRateAsync(db, campaign, ct);
        var candidates = await CandidatesAsync(db, campaign, rate, ct);
        var plan = BudgetOptimizer.Optimize(candidates, budget);
        var curve = BudgetOptimizer.ReturnCurve(candidates, BudgetOptimizer.CurveBudgets(candidates));
        return new CampaignBudgetPlan(plan, curve, rate, campaigns, candidates.Count);
    }

    /// <summary>Limits the audience to the plan's choice: chosen candidates stay to send, the others are suppressed for budget.</summary>
    public async Task<CampaignBudgetPlan?> ApplyAsync(long id, double budget, CancellationToken ct = default)
    {
        var result = await OptimizeAsync(id, budget, ct);
        if (result is null) return null;
        await using var db = await databases.CreateDbContextAsync(ct);
        var campaign = await db.Campaigns.FirstAsync(c => c.Id == id, ct);
        if (campaign.SentAt is not null) throw new InvalidOperationException("the campaign was sent");
        var chosen = result.Plan.Chosen.Select(c => c.CustomerId).ToHashSet();
        foreach (var member in await db.CampaignMembers.Where(Candidate(id)).ToListAsync(ct))
        {
            var keep = chosen.Contains(member.CustomerId);
            member.Status = keep ? CampaignMemberStatus.Pending : CampaignMemberStatus.Suppressed;
            member.SuppressionReason = keep ? null : SuppressionReason.OverBudget;
        }
        campaign.Budget = (decimal)budget;
        await db.SaveChangesAsync(ct);
        return result;
    }

    private static System.Linq.Expressions.Expression<Func<CampaignMember, bool>> Candidate(long id)
        => m => m.CampaignId == id && !m.IsHoldout
                && (m.Status == CampaignMemberStatus.Pending || (m.Status == CampaignMemberStatus.Suppressed && m.SuppressionReason == SuppressionReason.OverBudget));

    private async Task<(double Rate, int Campaigns)> BaseRateAsync(RapportDb db, Campaign campaign, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var past = (await db.Campaigns.AsNoTracking().Where(c => c.Id != campaign.Id && c.Channel == campaign.Channel && c.SentAt != null).ToListAsync(ct))
            .Where(c => c.SentAt!.Value.AddDays(c.WindowDays) <= now).ToList();
        int members = 0, responders = 0, used = 0;
        foreach (var c in past)
        {
            if (await CampaignResultsService.ComputeAsync(db, c, ct) is not { Treated.Members: > 0 } results) continue;
            members += results.Treated.Members;
            responders += results.Treated.Responders;
            used++;
        }
        return members > 0 ? ((double)responders / members, used) : (options.Value.DefaultResponseRate, 0);
    }

    private static async Task<List<ContactCandidate>> CandidatesAsync(RapportDb db, Campaign campaign, double baseRate, CancellationToken ct)
    {
        var ids = db.CampaignMembers.Where(Candidate(campaign.Id)).Select(m => m.CustomerId);
        var customerIds = await ids.OrderBy(c => c).ToListAsync(ct);
        var alive = await db.CustomerInsights.AsNoTracking().Where(i => i.Kind == InsightKinds.ProbabilityAlive && ids.Contains(i.CustomerId))
            .GroupBy(i => i.CustomerId).Select(g => new { g.Key, Value = g.OrderByDescending(i => i.ComputedAt).Select(i => i.Value).First() })
            .ToDictionaryAsync(x => x.Key, x => x.Value, ct);
        var orderValues = await db.Orders.AsNoTracking().Where(o => o.Status != OrderStatus.Cancelled && ids.Contains(o.CustomerId))
            .GroupBy(o => o.CustomerId).Select(g => new { g.Key, Total = g.Sum(o => (double)o.TotalAmount), Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count > 0 ? x.Total / x.Count : 0, ct);
        var meanAlive = alive.Count > 0 ? alive.Values.Average() : 1.0;
        var meanValue = orderValues.Count > 0 ? orderValues.Values.Where(v => v > 0).DefaultIfEmpty(0).Average() : 0;
        var cost = (double)campaign.CostPerContact;
        return customerIds.Select(id =>
        {
            var p = meanAlive > 0 && alive.TryGetValue(id, out var a) ? Math.Min(1, baseRate * a / meanAlive) : baseRate;
            var value = orderValues.TryGetValue(id, out var v) && v > 0 ? v : meanValue;
            return new ContactCandidate(id, Math.Round(p, 6), Math.Round(value, 2), cost);
        }).ToList();
    }
}
