using Microsoft.AspNetCore.Identity;

namespace Rapport.Core.Domain;

public class Campaign
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public CampaignChannel Channel { get; set; }
    public CampaignStatus Status { get; set; }
    public long? SegmentId { get; set; }
    /// <summary>Targeting rule when not a stored segment, e.g. "p_alive &lt; 0.5 and clv &gt; 300".</summary>
    public string? TargetRule { get; set; }
    public DateTime? ScheduledAt { get; set; }
    public DateTime? EndsAt { get; set; }
    public decimal Budget { get; set; }
    public decimal CostPerContact { get; set; }
    /// <summary>Share of targeted customers kept out as a control group (0–1).</summary>
    public double HoldoutFraction { get; set; }
    /// <summary>Days after the send in which a member's purchase counts as a response.</summary>
    public int WindowDays { get; set; } = 14;
    /// <summary>Frequency cap: a customer gets at most this many campaign messages (all campaigns) per <see cref="FrequencyCapDays"/> days; 0 = no cap.</summary>
    public int FrequencyCapMessages { get; set; } = 3;
    public int FrequencyCapDays { get; set; } = 30;
    /// <summary>Message subject and body with placeholders ({{first_name}}, {{recommendations}}, {{campaign}}).</summary>
    public string? Subject { get; set; }
    public string? Template { get; set; }
    /// <summary>When the audience was last drawn (members written), and when the send was started.</summary>
    public DateTime? AudienceBuiltAt { get; set; }
    public DateTime? SentAt { get; set; }
    public DateTime CreatedAt { get; set; }

    public List<CampaignMember> Members { get; set; } = [];
}

public class CampaignMember
{
    public long Id { get; set; }
    public long CampaignId { get; set; }
    public long CustomerId { get; set; }
    public bool IsHoldout { get; set; }
    public CampaignMemberStatus Status { get; set; }
    /// <summary>Why a suppressed member is not sent (holdout members have none: they are held out by design).</summary>
    public SuppressionReason? SuppressionReason { get; set; }
    public DateTime? SentAt { get; set; }
}

/// <summary>One message to one campaign member, waiting for (or done with) the background sender.</summary>
public class OutboxMessage
{
    public long Id { get; set; }
    public long CampaignId { get; set; }
    public long CampaignMemberId { get; set; }
    public long CustomerId { get; set; }
    public OutboxStatus Status { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? SentAt { get; set; }
}

public class CampaignResponse
{
    public long Id { get; set; }
    public long CampaignId { get; set; }
    public long CustomerId { get; set; }
    public CampaignResponseKind Kind { get; set; }
    public DateTime OccurredAt { get; set; }
    public decimal? Revenue { get; set; }
}

/// <summary>An NPS (0–10) or CSAT (1–5) answer.</summary>
public class Feedback
{
    public long Id { get; set; }
    public long CustomerId { get; set; }
    public FeedbackKind Kind { get; set; }
    public int Score { get; set; }
    [ProtectedPersonalData] public string? Comment { get; set; }
    public long? TicketId { get; set; }
    public long? CampaignId { get; set; }
    public DateTime SubmittedAt { get; set; }
}

/// <summary>One consent decision; the latest per channel and purpose is in force.</summary>
public class Consent
{
    public long Id { get; set; }
    public long CustomerId { get; set; }
    public ConsentChannel Channel { get; set; }
    public ConsentPurpose Purpose { get; set; }
    public ConsentStatus Status { get; set; }
    /// <summary>Where the decision was captured: web form, call, import file …</summary>
    public string Source { get; set; } = "";
    public DateTime RecordedAt { get; set; }
}
