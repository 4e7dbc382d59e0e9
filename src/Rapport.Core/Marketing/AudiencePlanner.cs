using Rapport.Analytics.Marketing;
using Rapport.Core.Domain;

namespace Rapport.Core.Marketing;

/// <summary>A targeted customer as the audience rules see them.</summary>
/// <param name="Consented">The latest consent for the campaign's channel and the Marketing purpose is Granted.</param>
/// <param name="HasAddress">The customer has an address on the channel (e-mail, phone, postal address).</param>
/// <param name="RecentMessages">Campaign messages sent or queued to the customer within the frequency-cap period.</param>
public sealed record AudienceCandidate(long CustomerId, bool Consented, bool HasAddress, int RecentMessages);

/// <summary>What becomes of one targeted customer.</summary>
public sealed record AudienceDecision(long CustomerId, CampaignMemberStatus Status, bool IsHoldout, SuppressionReason? Reason);

/// <summary>Counts of a drawn audience: targeted = suppressed + holdout + to send.</summary>
public sealed record AudienceCounts(int Targeted, IReadOnlyDictionary<SuppressionReason, int> Suppressed, int Holdout, int ToSend)
{
    public int SuppressedTotal => Suppressed.Values.Sum();

    public static AudienceCounts Of(IEnumerable<(CampaignMemberStatus Status, bool IsHoldout, SuppressionReason? Reason)> members)
    {
        var list = members.ToList();
        var suppressed = list.Where(m => !m.IsHoldout && m.Reason is not null).GroupBy(m => m.Reason!.Value).ToDictionary(g => g.Key, g => g.Count());
        return new AudienceCounts(list.Count, suppressed, list.Count(m => m.IsHoldout), list.Count(m => !m.IsHoldout && m.Reason is null));
    }
}

/// <summary>
/// The audience rules, in order: no consent in force → suppressed (no consent, no message); no address on the channel →
/// suppressed; the frequency cap reached → suppressed; of the rest, a deterministic random share is held out (never sent,
/// the control group) and everyone else is to be sent. The holdout is drawn among the sendable only, so the two groups
/// are alike and their comparison measures the message.
/// </summary>
public static class AudiencePlanner
{
    public static IReadOnlyList<AudienceDecision> Plan(long campaignId, IEnumerable<AudienceCandidate> candidates, double holdoutFraction, int frequencyCapMessages)
    {
        if (holdoutFraction is < 0 or > 1 || double.IsNaN(holdoutFraction)) throw new ArgumentOutOfRangeException(nameof(holdoutFraction), holdoutFraction, "between 0 and 1");
        var decisions = new List<AudienceDecision>();
        foreach (var c in candidates)
        {
            SuppressionReason? reason = !c.Consented ? SuppressionReason.NoConsent
                : !c.HasAddress ? SuppressionReason.NoAddress
                : frequencyCapMessages > 0 && c.RecentMessages >= frequencyCapMessages ? SuppressionReason.FrequencyCap
                : null;
            if (reason is not null) decisions.Add(new(c.CustomerId, CampaignMemberStatus.Suppressed, false, reason));
            else if (HoldoutAssignment.IsHoldout(campaignId, c.CustomerId, holdoutFraction)) decisions.Add(new(c.CustomerId, CampaignMemberStatus.Suppressed, true, null));
            else decisions.Add(new(c.CustomerId, CampaignMemberStatus.Pending, false, null));
        }
        return decisions;
    }

    /// <summary>The consent in force: the latest decision per channel and purpose (ties broken by the later id); none means no consent.</summary>
    public static bool ConsentInForce(IEnumerable<Consent> consents, ConsentChannel channel)
        => Privacy.ConsentDecisions.InForce(consents, channel, ConsentPurpose.Marketing)?.Status == ConsentStatus.Granted;

    public static ConsentChannel ConsentChannelOf(CampaignChannel channel) => channel switch
    {
        CampaignChannel.Email => ConsentChannel.Email, CampaignChannel.Sms => ConsentChannel.Sms, CampaignChannel.Phone => ConsentChannel.Phone,
        CampaignChannel.Post => ConsentChannel.Post, _ => ConsentChannel.Push,
    };

    /// <summary>The contact kind a channel needs (push goes to the app and needs none).</summary>
    public static ContactKind? AddressKindOf(CampaignChannel channel) => channel switch
    {
        CampaignChannel.Email => ContactKind.Email, CampaignChannel.Sms or CampaignChannel.Phone => ContactKind.Phone,
        CampaignChannel.Post => ContactKind.Address, _ => null,
    };
}
