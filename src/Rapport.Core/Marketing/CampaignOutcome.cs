using Rapport.Analytics.Marketing;
using Rapport.Core.Domain;

namespace Rapport.Core.Marketing;

/// <summary>A member as the results see them: treated (sent) or holdout, and when their window starts.</summary>
public sealed record OutcomeMember(long CustomerId, bool IsHoldout, CampaignMemberStatus Status, DateTime? SentAt);

/// <summary>An order as the results see it.</summary>
public sealed record OutcomeOrder(long CustomerId, DateTime OrderedAt, decimal Total, OrderStatus Status);

/// <summary>Treated and holdout outcomes, and the uplift when both groups have members.</summary>
public sealed record CampaignResults(DateTime WindowStart, int WindowDays, GroupOutcome Treated, GroupOutcome Holdout, UpliftResult? Uplift);

/// <summary>
/// Campaign results. A response is a purchase: an order (not cancelled, total above zero) by the member placed within the campaign window
/// after the send — from the member's own send time for treated members, from the campaign's send time for the holdout
/// (who are never sent). Any order counts, with or without the campaign's id, so the holdout's purchases (which no
/// message prompted) are measured the same way and the difference is what the campaign added. Revenue is the summed
/// totals of those orders (returns count negative). Treated = members sent; failed and suppressed members are neither.
/// </summary>
public static class CampaignOutcome
{
    public static CampaignResults Compute(DateTime campaignSentAt, int windowDays, IReadOnlyList<OutcomeMember> members, IEnumerable<OutcomeOrder> orders)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(windowDays, 1);
        var byCustomer = orders.Where(o => o.Status != OrderStatus.Cancelled).ToLookup(o => o.CustomerId);
        var window = TimeSpan.FromDays(windowDays);
        (int Members, int Responders, decimal Revenue) treated = default, holdout = default;
        foreach (var m in members)
        {
            var isTreated = !m.IsHoldout && m.Status == CampaignMemberStatus.Sent;
            if (!isTreated && !m.IsHoldout) continue;
            var start = isTreated ? m.SentAt ?? campaignSentAt : campaignSentAt;
            var inWindow = byCustomer[m.CustomerId].Where(o => o.OrderedAt >= start && o.OrderedAt < start + window).ToList();
            var group = (1, inWindow.Any(o => o.Total > 0) ? 1 : 0, inWindow.Sum(o => o.Total));
            if (isTreated) treated = (treated.Members + group.Item1, treated.Responders + group.Item2, treated.Revenue + group.Item3);
            else holdout = (holdout.Members + group.Item1, holdout.Responders + group.Item2, holdout.Revenue + group.Item3);
        }
        var t = new GroupOutcome(treated.Members, treated.Responders, (double)treated.Revenue);
        var h = new GroupOutcome(holdout.Members, holdout.Responders, (double)holdout.Revenue);
        return new CampaignResults(campaignSentAt, windowDays, t, h, t.Members > 0 && h.Members > 0 ? UpliftCalculator.Compute(t, h) : null);
    }
}
