using Rapport.Core.Domain;
using Rapport.Core.Marketing;

namespace Rapport.Core.Tests.Marketing;

public sealed class CampaignOutcomeTests
{
    private static readonly DateTime T0 = new(2025, 1, 1, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Treated_and_holdout_are_counted_over_the_window_with_hand_checked_rates_revenue_and_uplift()
    {
        OutcomeMember[] members =
        [
            new(1, false, CampaignMemberStatus.Sent, T0),
            new(2, false, CampaignMemberStatus.Sent, T0.AddHours(2)),
            new(3, false, CampaignMemberStatus.Sent, T0),
            new(4, true, CampaignMemberStatus.Suppressed, null),
            new(5, true, CampaignMemberStatus.Suppressed, null),
            new(6, false, CampaignMemberStatus.Failed, null),        // never reached: in neither group
            new(7, false, CampaignMemberStatus.Suppressed, null),    // suppressed (no consent): in neither group
        ];
        OutcomeOrder[] orders =
        [
            new(1, T0.AddDays(2), 100m, OrderStatus.Completed),      // responder, 100
            new(1, T0.AddDays(8), 999m, OrderStatus.Completed),      // after the 7-day window
            new(2, T0.AddHours(1), 999m, OrderStatus.Completed),     // before this member's own send (T0 + 2 h)
            new(2, T0.AddDays(3), 70m, OrderStatus.Cancelled),       // cancelled: not a purchase
            new(2, T0.AddHours(2).AddDays(7).AddMinutes(-1), 50m, OrderStatus.Completed), // last minute of the window: responder, 50
            new(4, T0.AddDays(1), 30m, OrderStatus.Completed),       // holdout responder, 30
            new(5, T0.AddDays(3), -20m, OrderStatus.Returned),       // a return: revenue −20, not a response
            new(6, T0.AddDays(1), 500m, OrderStatus.Completed),
            new(7, T0.AddDays(1), 500m, OrderStatus.Completed),
        ];

        var r = CampaignOutcome.Compute(T0, 7, members, orders);

        Assert.Equal((3, 2, 150.0), (r.Treated.Members, r.Treated.Responders, r.Treated.Revenue));
        Assert.Equal((2, 1, 10.0), (r.Holdout.Members, r.Holdout.Responders, r.Holdout.Revenue));
        var u = r.Uplift!;
        Assert.Equal(2 / 3.0, u.TreatedRate, 12);
        Assert.Equal(0.5, u.HoldoutRate, 12);
        Assert.Equal(1 / 6.0, u.Uplift, 12);
        // Newcombe's hybrid score interval, worked by hand from the two Wilson intervals (z = 1.96): 2/3 → [0.2077, 0.9385], 1/2 → [0.0945, 0.9055].
        Assert.Equal(-0.44578, u.UpliftLower, 5);
        Assert.Equal(0.65483, u.UpliftUpper, 5);
        Assert.Equal(50.0, u.TreatedRevenuePerMember, 12);
        Assert.Equal(5.0, u.HoldoutRevenuePerMember, 12);
        Assert.Equal(135.0, u.IncrementalRevenue, 12); // (50 − 5) × 3 treated members
    }

    [Fact]
    public void Without_holdout_members_there_is_no_uplift()
    {
        var r = CampaignOutcome.Compute(T0, 7, [new(1, false, CampaignMemberStatus.Sent, T0)], [new(1, T0.AddDays(1), 10m, OrderStatus.Completed)]);
        Assert.Equal((1, 1), (r.Treated.Members, r.Treated.Responders));
        Assert.Null(r.Uplift);
    }
}
