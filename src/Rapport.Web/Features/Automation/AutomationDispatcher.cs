using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rapport.Core.Automation;
using Rapport.Core.Domain;
using Rapport.Data;

namespace Rapport.Web.Features.Automation;

/// <summary>
/// Takes events from the outbox in order: each enabled rule whose trigger, trigger settings and conditions match gets a
/// run (its actions are carried out by <see cref="AutomationRunExecutor"/>), and each webhook subscription to the event's
/// type gets a delivery. The loop guard skips rules already in the event's cause chain and chains deeper than allowed.
/// </summary>
public sealed class AutomationDispatcher(IDbContextFactory<RapportDb> databases, AutomationOptions options, TimeProvider clock)
{
    private const int Batch = 100;

    /// <summary>Processes up to one batch of events; returns how many.</summary>
    public async Task<int> DispatchAsync(CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var events = await db.AutomationEvents.Where(e => e.ProcessedAt == null).OrderBy(e => e.Id).Take(Batch).ToListAsync(ct);
        if (events.Count == 0) return 0;
        var rules = await db.AutomationRules.AsNoTracking().Where(r => r.Enabled).ToListAsync(ct);
        var subscriptions = await db.WebhookSubscriptions.AsNoTracking().Where(s => s.Enabled).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var ev in events)
        {
            var chain = AutomationCause.Parse(ev.CausedByRules);
            var changed = AutomationRecords.ChangedFields(ev.Changes);
            object? record = null;
            var recordLoaded = false;
            foreach (var rule in rules)
            {
                if (!TriggerMatches(rule, ev, changed)) continue;
                // Loop guard: a rule never fires on its own change (directly or through other rules), and chains stop at a depth.
                if (chain.Contains(rule.Id) || chain.Count >= options.MaxChainDepth) continue;
                var conditions = RuleJson.Read<List<RuleCondition>>(rule.Conditions);
                if (conditions.Count > 0)
                {
                    if (!recordLoaded) { record = await AutomationRecords.FindAsync(db, ev.EntityType, ev.EntityId, ct); recordLoaded = true; }
                    if (!ConditionEvaluator.AllHold(ev.EntityType, conditions, record, changed)) continue;
                }
                var actions = RuleJson.Read<List<RuleAction>>(rule.Actions);
                db.AutomationRuns.Add(new AutomationRun
                {
                    RuleId = rule.Id, RuleName = rule.Name, EventId = ev.Id, EventType = ev.Type, EntityType = ev.EntityType, EntityId = ev.EntityId,
                    Status = AutomationRunStatus.Running, NextAttemptAt = now, CausedByRules = ev.CausedByRules, CreatedAt = now,
                    Outcomes = actions.Select((a, i) => new ActionOutcome { Index = i, Type = a.Type ?? "" }).ToList(),
                });
            }
            foreach (var subscription in subscriptions.Where(s => ev.TargetRuleId is null && (s.Events.Contains("*") || s.Events.Contains(ev.Type))))
                db.WebhookDeliveries.Add(new WebhookDelivery
                {
                    SubscriptionId = subscription.Id, EventId = ev.Id, EventType = ev.Type, Attempt = 1,
                    Status = WebhookDeliveryStatus.Pending, DueAt = now, CreatedAt = now,
                });
            ev.ProcessedAt = now;
        }
        await db.SaveChangesAsync(ct);
        return events.Count;
    }

    /// <summary>Whether <paramref name="ev"/> is what <paramref name="rule"/>'s trigger waits for (conditions aside).</summary>
    public static bool TriggerMatches(AutomationRule rule, AutomationEvent ev, IReadOnlySet<string> changed)
    {
        if (ev.TargetRuleId is { } target) return target == rule.Id;
        if (rule.Trigger != ev.Type) return false;
        var settings = RuleJson.Read<TriggerSettings>(rule.TriggerSettings);
        if (AutomationTriggers.IsChangeTrigger(rule.Trigger) && settings.Field is not null)
            return AutomationFields.Find(ev.EntityType, settings.Field) is { } field && changed.Contains(field.Property.Name);
        if (rule.Trigger == AutomationTriggers.ScoreCrossed)
            return settings is { Kind: { } kind, Threshold: { } threshold, Direction: { } direction } && ScoreChange(ev.Changes, kind) is { } change
                   && ScoreCrossing.Crossed(change.Before, change.After, threshold, direction);
        return true;
    }

    private static (double? Before, double After)? ScoreChange(string changesJson, string kind)
    {
        try
        {
            using var doc = JsonDocument.Parse(changesJson);
            if (!doc.RootElement.TryGetProperty(kind, out var change) || !change.TryGetProperty("after", out var after) || after.ValueKind != JsonValueKind.Number) return null;
            double? before = change.TryGetProperty("before", out var b) && b.ValueKind == JsonValueKind.Number ? b.GetDouble() : null;
            return (before, after.GetDouble());
        }
        catch (JsonException) { return null; }
    }
}
