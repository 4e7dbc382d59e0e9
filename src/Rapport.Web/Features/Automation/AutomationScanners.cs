using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Rapport.Core.Automation;
using Rapport.Core.Domain;
using Rapport.Data;
using Rapport.Web.Features.Service;

namespace Rapport.Web.Features.Automation;

/// <summary>
/// The triggers no write announces: tickets whose SLA falls due within a rule's minutes (once per rule and ticket, by
/// the service desk's own <see cref="SlaClock"/>), and schedules (every N hours, daily at HH:mm UTC). Each writes an
/// outbox event aimed at its rule.
/// </summary>
public sealed class AutomationScanners(IDbContextFactory<RapportDb> databases, IOptions<ServiceDeskOptions> serviceDesk, TimeProvider clock)
{
    public async Task<int> ScanAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await databases.CreateDbContextAsync(ct);
        var rules = await db.AutomationRules.Where(r => r.Enabled && (r.Trigger == AutomationTriggers.SlaDueSoon || r.Trigger == AutomationTriggers.Schedule)).ToListAsync(ct);
        var written = 0;
        var sla = new SlaClock(serviceDesk.Value);
        foreach (var rule in rules)
        {
            var settings = RuleJson.Read<TriggerSettings>(rule.TriggerSettings);
            if (rule.Trigger == AutomationTriggers.Schedule)
            {
                if (!ScheduleClock.IsDue(settings, rule.LastScheduledAt ?? rule.CreatedAt, now)) continue;
                rule.LastScheduledAt = now;
                db.AutomationEvents.Add(new AutomationEvent { Type = AutomationTriggers.Schedule, TargetRuleId = rule.Id, OccurredAt = now });
                written++;
                continue;
            }
            if (settings.Minutes is not { } minutes) continue;
            var horizon = now.AddMinutes(minutes);
            var ruleId = rule.Id;
            var tickets = await db.Tickets.AsNoTracking()
                .Where(t => t.SlaDueAt != null && t.SlaDueAt > now && t.SlaDueAt <= horizon && t.FirstResponseAt == null && t.ResolvedAt == null
                            && t.Status != TicketStatus.Resolved && t.Status != TicketStatus.Closed)
                .Where(t => !db.AutomationEvents.Any(e => e.TargetRuleId == ruleId && e.EntityId == t.Id))
                .OrderBy(t => t.SlaDueAt).Take(500).ToListAsync(ct);
            foreach (var ticket in tickets.Where(t => sla.StateOf(t, now) is SlaState.OnTrack or SlaState.DueSoon))
            {
                db.AutomationEvents.Add(new AutomationEvent
                {
                    Type = AutomationTriggers.SlaDueSoon, EntityType = AutomationFields.Ticket, EntityId = ticket.Id, TargetRuleId = rule.Id, OccurredAt = now,
                    Changes = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object?> { ["SlaDueAt"] = new { after = ticket.SlaDueAt } }),
                });
                written++;
            }
        }
        await db.SaveChangesAsync(ct);
        return written;
    }
}
