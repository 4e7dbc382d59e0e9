using Rapport.Analytics.Marketing;
using Rapport.Core.Domain;
using Rapport.Core.Marketing;

namespace Rapport.Core.Tests.Marketing;

public sealed class AudiencePlannerTests
{
    [Fact]
    public void No_consent_no_address_and_the_frequency_cap_suppress_with_their_reason_before_the_holdout_is_drawn()
    {
        var decisions = AudiencePlanner.Plan(7, [
            new AudienceCandidate(1, Consented: false, HasAddress: true, RecentMessages: 0),
            new AudienceCandidate(2, Consented: true, HasAddress: false, RecentMessages: 0),
            new AudienceCandidate(3, Consented: true, HasAddress: true, RecentMessages: 3),
            new AudienceCandidate(4, Consented: true, HasAddress: true, RecentMessages: 2),
            // No consent wins over every other reason: the customer must never be messaged, whatever else holds.
            new AudienceCandidate(5, Consented: false, HasAddress: false, RecentMessages: 9),
        ], holdoutFraction: 0, frequencyCapMessages: 3).ToDictionary(d => d.CustomerId);

        Assert.Equal(SuppressionReason.NoConsent, decisions[1].Reason);
        Assert.Equal(SuppressionReason.NoAddress, decisions[2].Reason);
        Assert.Equal(SuppressionReason.FrequencyCap, decisions[3].Reason);
        Assert.Equal((CampaignMemberStatus.Pending, false, (SuppressionReason?)null), (decisions[4].Status, decisions[4].IsHoldout, decisions[4].Reason));
        Assert.Equal(SuppressionReason.NoConsent, decisions[5].Reason);
        Assert.All(new[] { 1, 2, 3, 5 }, id => Assert.Equal(CampaignMemberStatus.Suppressed, decisions[id].Status));
    }

    [Fact]
    public void A_cap_of_zero_means_no_cap()
    {
        var d = AudiencePlanner.Plan(1, [new AudienceCandidate(1, true, true, RecentMessages: 50)], 0, frequencyCapMessages: 0).Single();
        Assert.Equal(CampaignMemberStatus.Pending, d.Status);
    }

    [Fact]
    public void The_holdout_is_the_deterministic_draw_among_the_sendable_only_and_about_its_share()
    {
        var candidates = Enumerable.Range(1, 4000).Select(i => new AudienceCandidate(i, Consented: i % 10 != 0, HasAddress: true, RecentMessages: 0)).ToList();
        var decisions = AudiencePlanner.Plan(42, candidates, holdoutFraction: 0.1, frequencyCapMessages: 3);

        // Suppressed customers are never in the holdout: it is drawn among those who would otherwise be sent.
        Assert.DoesNotContain(decisions, d => d.IsHoldout && d.Reason is not null);
        Assert.All(decisions.Where(d => d.CustomerId % 10 == 0), d => Assert.False(d.IsHoldout));
        // Exactly the customers HoldoutAssignment draws for this campaign, so a rebuild gives the same groups.
        Assert.All(decisions.Where(d => d.Reason is null), d => Assert.Equal(HoldoutAssignment.IsHoldout(42, d.CustomerId, 0.1), d.IsHoldout));
        var sendable = decisions.Count(d => d.Reason is null);
        var held = decisions.Count(d => d.IsHoldout);
        Assert.Equal(3600, sendable);
        Assert.InRange(held / (double)sendable, 0.08, 0.12); // 10 % ± 3.3 standard errors
        Assert.All(decisions.Where(d => d.IsHoldout), d => Assert.Equal(CampaignMemberStatus.Suppressed, d.Status));

        var counts = AudienceCounts.Of(decisions.Select(d => (d.Status, d.IsHoldout, d.Reason)));
        Assert.Equal((4000, 400, held, sendable - held), (counts.Targeted, counts.SuppressedTotal, counts.Holdout, counts.ToSend));
        Assert.Equal(400, counts.Suppressed[SuppressionReason.NoConsent]);
    }

    [Fact]
    public void The_latest_consent_per_channel_and_purpose_is_in_force()
    {
        var t = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        Consent C(long id, ConsentChannel channel, ConsentPurpose purpose, ConsentStatus status, int day)
            => new() { Id = id, CustomerId = 1, Channel = channel, Purpose = purpose, Status = status, RecordedAt = t.AddDays(day) };

        Assert.False(AudiencePlanner.ConsentInForce([], ConsentChannel.Email));
        Assert.True(AudiencePlanner.ConsentInForce([C(1, ConsentChannel.Email, ConsentPurpose.Marketing, ConsentStatus.Granted, 0)], ConsentChannel.Email));
        // Withdrawn later: no longer in force; granted again even later: in force again.
        Assert.False(AudiencePlanner.ConsentInForce([C(2, ConsentChannel.Email, ConsentPurpose.Marketing, ConsentStatus.Withdrawn, 5), C(1, ConsentChannel.Email, ConsentPurpose.Marketing, ConsentStatus.Granted, 0)], ConsentChannel.Email));
        Assert.True(AudiencePlanner.ConsentInForce([C(1, ConsentChannel.Email, ConsentPurpose.Marketing, ConsentStatus.Withdrawn, 0), C(2, ConsentChannel.Email, ConsentPurpose.Marketing, ConsentStatus.Granted, 5)], ConsentChannel.Email));
        // Consent for another channel or another purpose does not count.
        Assert.False(AudiencePlanner.ConsentInForce([C(1, ConsentChannel.Sms, ConsentPurpose.Marketing, ConsentStatus.Granted, 0)], ConsentChannel.Email));
        Assert.False(AudiencePlanner.ConsentInForce([C(1, ConsentChannel.Email, ConsentPurpose.Service, ConsentStatus.Granted, 0)], ConsentChannel.Email));
    }
}
