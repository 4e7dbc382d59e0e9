using Rapport.Core.Domain;

namespace Rapport.Core.Privacy;

/// <summary>
/// Which consent decision is in force: consents are an append-only history, and the latest decision per channel and
/// purpose counts (ties in time go to the later row). The one rule the consent API, the audience and the outbox share.
/// </summary>
public static class ConsentDecisions
{
    /// <summary>The decision in force for one channel and purpose, or null when none was ever recorded.</summary>
    public static Consent? InForce(IEnumerable<Consent> decisions, ConsentChannel channel, ConsentPurpose purpose)
        => Latest(decisions.Where(c => c.Channel == channel && c.Purpose == purpose));

    /// <summary>The decision in force per channel and purpose, in channel and purpose order.</summary>
    public static IReadOnlyList<Consent> InForce(IEnumerable<Consent> decisions)
        => decisions.GroupBy(c => (c.Channel, c.Purpose)).Select(g => Latest(g)!).OrderBy(c => c.Channel).ThenBy(c => c.Purpose).ToList();

    private static Consent? Latest(IEnumerable<Consent> decisions)
        => decisions.OrderByDescending(c => c.RecordedAt).ThenByDescending(c => c.Id).FirstOrDefault();
}
