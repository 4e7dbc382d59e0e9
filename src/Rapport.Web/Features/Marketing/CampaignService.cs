using Microsoft.EntityFrameworkCore;
using Rapport.Core.Domain;
using Rapport.Core.Marketing;
using Rapport.Core.Security;
using Rapport.Core.Segments;
using Rapport.Data;
using Rapport.Data.Segments;
using Rapport.Web.Features.Common;
using Rapport.Web.Features.Segments;

namespace Rapport.Web.Features.Marketing;

/// <summary>
/// Campaigns: list, create and edit (while still a draft), the audience drawn from the target (consent, address,
/// frequency cap, holdout — <see cref="AudiencePlanner"/>), the member list, the per-recipient preview and the send,
/// which queues one outbox message per member to be sent (<see cref="OutboxSender"/>).
/// </summary>
public sealed class CampaignService(IDbContextFactory<RapportDb> databases, SegmentCatalog segments, Core.Storage.IBulkWriter bulk, TimeProvider clock)
{
    public const int MaxNameLength = 300;

    public static readonly SortFields<Campaign> Sorts = new SortFields<Campaign>(c => c.Id, "-id")
        .Add("name", c => c.Name).Add("scheduledAt", c => c.ScheduledAt).Add("status", c => c.Status).Add("createdAt", c => c.CreatedAt);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<Paged<CampaignRow>> ListAsync(PageRequest request, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        return await Paging.PageAsync(db.Campaigns.AsNoTracking(), Sorts, request, c => new CampaignRow(c.Id, c.Name, c.Channel, c.Status, c.ScheduledAt, c.SentAt,
            db.CampaignMembers.Count(m => m.CampaignId == c.Id), db.CampaignMembers.Count(m => m.CampaignId == c.Id && m.IsHoldout),
            db.CampaignMembers.Count(m => m.CampaignId == c.Id && m.Status == CampaignMemberStatus.Sent)), ct);
    }

    public async Task<CampaignDetail?> GetAsync(long id, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (campaign is null) return null;
        var segmentName = campaign.SegmentId is { } s ? await db.Segments.Where(x => x.Id == s).Select(x => x.Name).FirstOrDefaultAsync(ct) : null;
        var members = await db.CampaignMembers.AsNoTracking().Where(m => m.CampaignId == id).Select(m => new { m.Status, m.IsHoldout, m.SuppressionReason }).ToListAsync(ct);
        var audience = members.Count == 0 && campaign.AudienceBuiltAt is null ? null : AudienceCounts.Of(members.Select(m => (m.Status, m.IsHoldout, m.SuppressionReason)));
        var outbox = await db.OutboxMessages.AsNoTracking().Where(m => m.CampaignId == id).GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        int Of(OutboxStatus status) => outbox.FirstOrDefault(o => o.Key == status)?.Count ?? 0;
        return new CampaignDetail(campaign, segmentName, TargetText(campaign.TargetRule), audience,
            new OutboxCounts(Of(OutboxStatus.Pending), Of(OutboxStatus.Sent), Of(OutboxStatus.Failed), Of(OutboxStatus.Cancelled)));
    }

    /// <summary>Every stored segment a campaign can target (clustered, rule-based, imported or manual), by name.</summary>
    public async Task<IReadOnlyList<(long Id, string Name, SegmentKind Kind)>> TargetSegmentsAsync(CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        return (await db.Segments.AsNoTracking().OrderBy(s => s.Name).Select(s => new { s.Id, s.Name, s.Kind }).ToListAsync(ct)).Select(s => (s.Id, s.Name, s.Kind)).ToList();
    }

    /// <summary>A stored rule in words ("p_alive &lt; 0.5 AND clv &gt; 300"); text this CRM cannot read is shown as it is.</summary>
    public static string? TargetText(string? rule)
        => string.IsNullOrWhiteSpace(rule) ? null : TargetRuleText.Parse(rule).Rule?.ToString() ?? rule;

    /// <summary>The input as it would be edited: a stored campaign's fields.</summary>
    public static CampaignInput InputOf(Campaign c) => new()
    {
        Name = c.Name, Channel = c.Channel.ToString(), SegmentId = c.SegmentId, TargetRule = TargetText(c.TargetRule), ScheduledAt = c.ScheduledAt,
        WindowDays = c.WindowDays, CostPerContact = c.CostPerContact, HoldoutFraction = c.HoldoutFraction, FrequencyCapMessages = c.FrequencyCapMessages,
        FrequencyCapDays = c.FrequencyCapDays, Subject = c.Subject, Template = c.Template,
    };

    /// <summary>Creates a draft campaign or changes one not yet sent; returns it, or the problems by field (camelCase, as the API names them).</summary>
    public async Task<(Campaign? Campaign, IReadOnlyDictionary<string, string[]> Errors)> SaveAsync(long? id, CampaignInput input, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        var name = input.Name?.Trim();
        if (string.IsNullOrEmpty(name)) errors["name"] = ["a name is required"];
        else if (name.Length > MaxNameLength) errors["name"] = [$"at most {MaxNameLength} characters"];
        CampaignChannel channel = default;
        if (string.IsNullOrWhiteSpace(input.Channel)) errors["channel"] = ["a channel is required: one of " + string.Join(", ", Enum.GetNames<CampaignChannel>())];
        else if (!Enum.TryParse(input.Channel.Trim(), ignoreCase: true, out channel) || !Enum.IsDefined(channel))
            errors["channel"] = [$"unknown channel '{input.Channel}': one of " + string.Join(", ", Enum.GetNames<CampaignChannel>())];
        var hasRule = !string.IsNullOrWhiteSpace(input.TargetRule);
        SegmentRule? rule = null;
        if (input.SegmentId is null && !hasRule) errors["target"] = ["give a segmentId or a targetRule"];
        else if (input.SegmentId is not null && hasRule) errors["target"] = ["give a segmentId or a targetRule, not both"];
        else if (hasRule)
        {
            var parse = TargetRuleText.Parse(input.TargetRule);
            if (parse.Rule is null) errors["targetRule"] = parse.Errors.Select(e => e.Key == "targetRule" ? string.Join("; ", e.Value) : $"{e.Key}: {string.Join("; ", e.Value)}").ToArray();
            rule = parse.Rule;
        }
        if (input.WindowDays is null or < 1 or > 365) errors["windowDays"] = ["between 1 and 365 days"];
        if (input.CostPerContact is null or < 0 or > 1000) errors["costPerContact"] = ["between 0 and 1000"];
        if (input.HoldoutFraction is null or < 0 or >= 1 || double.IsNaN(input.HoldoutFraction ?? 0)) errors["holdoutFraction"] = ["from 0 up to (not including) 1, e.g. 0.1 for 10 %"];
        if (input.FrequencyCapMessages is null or < 0 or > 1000) errors["frequencyCapMessages"] = ["0 (no cap) or more"];
        if (input.FrequencyCapDays is null or < 1 or > 365) errors["frequencyCapDays"] = ["between 1 and 365 days"];
        if (input.Subject is { Length: > 300 }) errors["subject"] = ["at most 300 characters"];
        if (input.Template is { Length: > 20_000 }) errors["template"] = ["at most 20000 characters"];

        await using var db = await databases.CreateDbContextAsync(ct);
        if (input.SegmentId is { } segmentId && !await db.Segments.AnyAsync(s => s.Id == segmentId, ct)) errors["segmentId"] = [$"no segment {segmentId}"];
        Campaign? campaign = null;
        if (id is { } existing)
        {
            campaign = await db.Campaigns.FirstOrDefaultAsync(c => c.Id == existing, ct);
            if (campaign is null) return (null, errors);
            if (campaign.SentAt is not null) errors["status"] = ["the campaign was sent: it can no longer be changed"];
        }
        if (errors.Count > 0) return (null, errors);
        if (campaign is null)
        {
            campaign = new Campaign { Status = CampaignStatus.Draft, CreatedAt = Now };
            db.Campaigns.Add(campaign);
        }
        campaign.Name = name!;
        campaign.Channel = channel;
        campaign.SegmentId = input.SegmentId;
        campaign.TargetRule = rule?.ToJson();
        campaign.ScheduledAt = input.ScheduledAt is { } at ? DateTime.SpecifyKind(at, at.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : at.Kind).ToUniversalTime() : null;
        campaign.WindowDays = input.WindowDays!.Value;
        campaign.EndsAt = campaign.ScheduledAt?.AddDays(campaign.WindowDays);
        campaign.CostPerContact = input.CostPerContact!.Value;
        campaign.HoldoutFraction = input.HoldoutFraction!.Value;
        campaign.FrequencyCapMessages = input.FrequencyCapMessages!.Value;
        campaign.FrequencyCapDays = input.FrequencyCapDays!.Value;
        campaign.Subject = string.IsNullOrWhiteSpace(input.Subject) ? null : input.Subject.Trim();
        campaign.Template = string.IsNullOrWhiteSpace(input.Template) ? null : input.Template;
        await db.SaveChangesAsync(ct);
        return (campaign, errors);
    }

    /// <summary>
    /// Draws the audience afresh (only before the send): every customer the target selects becomes a member — suppressed
    /// with a reason, held out, or pending (to send). Returns the counts, or null for an unknown or already sent campaign.
    /// </summary>
    public async Task<AudienceCounts?> BuildAudienceAsync(long id, CancellationToken ct = default)
    {
        List<AudienceDecision> decisions;
        await using (var db = await databases.CreateDbContextAsync(ct))
        {
            var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
            if (campaign is null || campaign.SentAt is not null) return null;
            var target = await TargetAsync(db, campaign, ct);
            var ids = await target.Select(c => c.Id).OrderBy(c => c).ToListAsync(ct);
            var consentChannel = AudiencePlanner.ConsentChannelOf(campaign.Channel);
            var consents = (await db.Consents.AsNoTracking()
                    .Where(c => c.Channel == consentChannel && c.Purpose == ConsentPurpose.Marketing && target.Select(t => t.Id).Contains(c.CustomerId))
                    .ToListAsync(ct))
                .ToLookup(c => c.CustomerId);
            var addressKind = AudiencePlanner.AddressKindOf(campaign.Channel);
            var addressed = addressKind is { } kind
                ? (await db.ContactPoints.AsNoTracking().Where(p => p.Kind == kind && p.CustomerId != null && target.Select(t => t.Id).Contains(p.CustomerId!.Value))
                    .Select(p => p.CustomerId!.Value).Distinct().ToListAsync(ct)).ToHashSet()
                : null;
            var recent = await RecentMessagesAsync(db, campaign, target, ct);
            decisions = AudiencePlanner.Plan(campaign.Id,
                ids.Select(c => new AudienceCandidate(c, AudiencePlanner.ConsentInForce(consents[c], consentChannel), addressed?.Contains(c) ?? true, recent.GetValueOrDefault(c))),
                campaign.HoldoutFraction, campaign.FrequencyCapMessages).ToList();
        }
        await using (var session = await bulk.BeginAsync(ct))
        {
            await session.DeleteAsync<CampaignMember>(nameof(CampaignMember.CampaignId), id, ct);
            var next = await session.NextIdAsync<CampaignMember>(ct);
            await session.WriteAsync(decisions.Select((d, i) => new CampaignMember
            {
                Id = next + i, CampaignId = id, CustomerId = d.CustomerId, IsHoldout = d.IsHoldout, Status = d.Status, SuppressionReason = d.Reason,
            }), ct);
            await session.CommitAsync(ct);
        }
        await using (var db = await databases.CreateDbContextAsync(ct))
        {
            var campaign = await db.Campaigns.FirstAsync(c => c.Id == id, ct);
            campaign.AudienceBuiltAt = Now;
            await db.SaveChangesAsync(ct);
        }
        return AudienceCounts.Of(decisions.Select(d => (d.Status, d.IsHoldout, d.Reason)));
    }

    /// <summary>The active customers the campaign targets: its stored segment (rule segments evaluated now), or its own rule.</summary>
    private async Task<IQueryable<Customer>> TargetAsync(RapportDb db, Campaign campaign, CancellationToken ct)
    {
        var active = db.Customers.Where(c => c.Status == RecordStatus.Active && c.MergedIntoId == null);
        if (campaign.SegmentId is { } segmentId) return await segments.FilterAsync(db, active, segmentId, ct);
        if (TargetRuleText.Parse(campaign.TargetRule).Rule is { } rule) return SegmentRuleQuery.Apply(db, active, rule, Now);
        return active.Where(c => false);
    }

    /// <summary>
    /// Messages each targeted customer got (or has queued) from other campaigns within the cap period: members sent since
    /// then, and members still pending in a campaign whose send has started.
    /// </summary>
    private async Task<Dictionary<long, int>> RecentMessagesAsync(RapportDb db, Campaign campaign, IQueryable<Customer> target, CancellationToken ct)
    {
        if (campaign.FrequencyCapMessages <= 0) return [];
        var since = Now.AddDays(-campaign.FrequencyCapDays);
        var started = db.Campaigns.Where(c => c.SentAt != null).Select(c => c.Id);
        var rows = await db.CampaignMembers.AsNoTracking()
            .Where(m => m.CampaignId != campaign.Id && !m.IsHoldout && target.Select(t => t.Id).Contains(m.CustomerId))
            .Where(m => (m.Status == CampaignMemberStatus.Sent && m.SentAt >= since) || (m.Status == CampaignMemberStatus.Pending && started.Contains(m.CampaignId)))
            .GroupBy(m => m.CustomerId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        return rows.ToDictionary(r => r.Key, r => r.Count);
    }

    public async Task<Paged<MemberRow>> MembersAsync(long id, PageRequest request, bool showPersonal, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var query = db.CampaignMembers.AsNoTracking().Where(m => m.CampaignId == id);
        var total = await query.LongCountAsync(ct);
        var size = Math.Clamp(request.PageSize, 1, Paging.MaxPageSize);
        var rows = await query.OrderBy(m => m.IsHoldout).ThenBy(m => m.Status).ThenBy(m => m.Id).Skip((Math.Max(request.Page, 1) - 1) * size).Take(size)
            .Select(m => new
            {
                m.Id, m.CustomerId, m.IsHoldout, m.Status, m.SuppressionReason, m.SentAt,
                Name = db.Customers.Where(c => c.Id == m.CustomerId).Select(c => c.FirstName + " " + c.LastName).FirstOrDefault(),
                Message = db.OutboxMessages.Where(o => o.CampaignMemberId == m.Id).Select(o => new { o.Status, o.Attempts, o.LastError, o.NextAttemptAt }).FirstOrDefault(),
            }).ToListAsync(ct);
        return new Paged<MemberRow>(rows.Select(r => new MemberRow(r.Id, r.CustomerId, showPersonal ? (r.Name ?? "").Trim() : PersonalDataMask.Mask((r.Name ?? "").Trim()) ?? "",
            r.IsHoldout, r.Status, r.SuppressionReason, r.Message?.Status, r.Message?.Attempts ?? 0, r.Message?.LastError, r.Message?.NextAttemptAt, r.SentAt)).ToList(), total);
    }

    /// <summary>The message one member would get, rendered from the campaign's template (first name masked without personal-data.read).</summary>
    public async Task<MessagePreview?> PreviewAsync(long id, long customerId, bool showPersonal, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (campaign is null || !await db.CampaignMembers.AnyAsync(m => m.CampaignId == id && m.CustomerId == customerId, ct)) return null;
        var contents = await RecipientContents.LoadAsync(db, [customerId], ct);
        if (!contents.TryGetValue(customerId, out var content)) return null;
        if (!showPersonal) content = content with { FirstName = PersonalDataMask.Mask(content.FirstName) ?? "" };
        var message = MessageTemplate.Render(campaign.Subject, campaign.Template, campaign.Name, content);
        return new MessagePreview(customerId, message.Subject, message.Text, message.Html, !showPersonal);
    }

    /// <summary>
    /// Starts the send: draws the audience if none was drawn, then queues one outbox message per member to send (never
    /// the holdout or the suppressed). Returns how many were queued, or null (unknown campaign) / -1 (already sent).
    /// </summary>
    public async Task<int?> SendAsync(long id, CancellationToken ct = default)
    {
        await using (var db = await databases.CreateDbContextAsync(ct))
        {
            var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
            if (campaign is null) return null;
            if (campaign.SentAt is not null) return -1;
            if (campaign.AudienceBuiltAt is null) await BuildAudienceAsync(id, ct);
        }
        var now = Now;
        List<CampaignMember> toSend;
        await using (var db = await databases.CreateDbContextAsync(ct))
            toSend = await db.CampaignMembers.AsNoTracking().Where(m => m.CampaignId == id && !m.IsHoldout && m.Status == CampaignMemberStatus.Pending)
                .OrderBy(m => m.Id).ToListAsync(ct);
        await using (var session = await bulk.BeginAsync(ct))
        {
            var next = await session.NextIdAsync<OutboxMessage>(ct);
            await session.WriteAsync(toSend.Select((m, i) => new OutboxMessage
            {
                Id = next + i, CampaignId = id, CampaignMemberId = m.Id, CustomerId = m.CustomerId, Status = OutboxStatus.Pending, NextAttemptAt = now, CreatedAt = now,
            }), ct);
            await session.CommitAsync(ct);
        }
        await using (var db = await databases.CreateDbContextAsync(ct))
        {
            var campaign = await db.Campaigns.FirstAsync(c => c.Id == id, ct);
            campaign.SentAt = now;
            campaign.ScheduledAt ??= now;
            campaign.EndsAt = campaign.SentAt.Value.AddDays(campaign.WindowDays);
            campaign.Status = CampaignStatus.Running;
            await db.SaveChangesAsync(ct);
        }
        return toSend.Count;
    }
}
