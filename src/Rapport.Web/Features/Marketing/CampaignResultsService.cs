using Microsoft.EntityFrameworkCore;
using Rapport.Core.Domain;
using Rapport.Core.Marketing;
using Rapport.Data;

namespace Rapport.Web.Features.Marketing;

/// <summary>Reads a sent campaign's members and their orders around the window and computes the results (<see cref="CampaignOutcome"/>).</summary>
public sealed class CampaignResultsService(IDbContextFactory<RapportDb> databases)
{
    /// <summary>The results, or null when the campaign is unknown or was never sent.</summary>
    public async Task<CampaignResults?> ComputeAsync(long id, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        return campaign is null ? null : await ComputeAsync(db, campaign, ct);
    }

    internal static async Task<CampaignResults?> ComputeAsync(RapportDb db, Campaign campaign, CancellationToken ct)
    {
        if ((campaign.SentAt ?? (campaign.Status is CampaignStatus.Running or CampaignStatus.Completed ? campaign.ScheduledAt : null)) is not { } start) return null;
        var window = Math.Max(1, campaign.WindowDays);
        var members = await db.CampaignMembers.AsNoTracking().Where(m => m.CampaignId == campaign.Id && (m.IsHoldout || m.Status == CampaignMemberStatus.Sent))
            .Select(m => new OutcomeMember(m.CustomerId, m.IsHoldout, m.Status, m.SentAt)).ToListAsync(ct);
        var latest = members.Select(m => m.SentAt ?? start).DefaultIfEmpty(start).Max().AddDays(window);
        var memberIds = db.CampaignMembers.Where(m => m.CampaignId == campaign.Id).Select(m => m.CustomerId);
        var orders = await db.Orders.AsNoTracking().Where(o => memberIds.Contains(o.CustomerId) && o.OrderedAt >= start && o.OrderedAt < latest)
            .Select(o => new OutcomeOrder(o.CustomerId, o.OrderedAt, o.TotalAmount, o.Status)).ToListAsync(ct);
        return CampaignOutcome.Compute(start, window, members, orders);
    }
}
