using Rapport.Core.Domain;
using Rapport.Core.Marketing;

namespace Rapport.Web.Features.Marketing;

/// <summary>What a campaign form or the API sends. Target: a stored segment, or a rule (segment-rule JSON), not both.</summary>
public sealed class CampaignInput
{
    public string? Name { get; set; }
    public string? Channel { get; set; } = nameof(CampaignChannel.Email);
    public long? SegmentId { get; set; }
    /// <summary>A rule in the segment rule JSON, e.g. {"conditions":[{"field":"p_alive","op":"&lt;","value":0.5}]}.</summary>
    public string? TargetRule { get; set; }
    public DateTime? ScheduledAt { get; set; }
    public int? WindowDays { get; set; } = 14;
    public decimal? CostPerContact { get; set; } = 0.02m;
    public double? HoldoutFraction { get; set; } = 0.10;
    public int? FrequencyCapMessages { get; set; } = 3;
    public int? FrequencyCapDays { get; set; } = 30;
    public string? Subject { get; set; } = MessageTemplate.DefaultSubject;
    public string? Template { get; set; } = MessageTemplate.DefaultBody;
}

public sealed record CampaignRow(long Id, string Name, CampaignChannel Channel, CampaignStatus Status, DateTime? ScheduledAt, DateTime? SentAt,
    int Members, int Holdout, int Sent);

/// <summary>A campaign with its target in words and its audience counts (null until an audience was drawn).</summary>
public sealed record CampaignDetail(Campaign Campaign, string? SegmentName, string? TargetText, AudienceCounts? Audience, OutboxCounts Outbox);

/// <summary>The outbox of one campaign by status.</summary>
public sealed record OutboxCounts(int Pending, int Sent, int Failed, int Cancelled)
{
    public int Total => Pending + Sent + Failed + Cancelled;
}

/// <summary>One member row for the campaign page: status, suppression reason, outbox state (name masked without personal-data.read).</summary>
public sealed record MemberRow(long MemberId, long CustomerId, string Name, bool IsHoldout, CampaignMemberStatus Status, SuppressionReason? Reason,
    OutboxStatus? MessageStatus, int Attempts, string? LastError, DateTime? NextAttemptAt, DateTime? SentAt);

/// <summary>A recipient's rendered message for the preview.</summary>
public sealed record MessagePreview(long CustomerId, string Subject, string Text, string Html, bool Masked);
