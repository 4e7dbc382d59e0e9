using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rapport.Core.Automation;
using Rapport.Core.Domain;
using Rapport.Core.Insights;
using Rapport.Core.Storage;

namespace Rapport.Data.Automation;

/// <summary>
/// After each insights refresh: compares every customer's churn risk, CLV and P(alive) with the previous refresh
/// (<see cref="ScoreSnapshot"/>) and writes a "score.crossed" outbox event where a threshold of an enabled rule was
/// crossed (e.g. churn risk went above 0.7); then keeps the new scores as the next refresh's "previous".
/// </summary>
public sealed class ScoreThresholdEvents(IDbContextFactory<RapportDb> databases, IBulkWriter bulk, TimeProvider clock, RecordEventSignal signal) : IInsightsFollowUp
{
    public static readonly IReadOnlyList<string> Kinds = RuleValidator.ScoreKinds;

    public async Task<IReadOnlyDictionary<string, long>> RunAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await databases.CreateDbContextAsync(ct);
        var thresholds = (await db.AutomationRules.AsNoTracking().Where(r => r.Enabled && r.Trigger == AutomationTriggers.ScoreCrossed).Select(r => r.TriggerSettings).ToListAsync(ct))
            .Select(RuleJson.Read<TriggerSettings>)
            .Where(s => s.Kind is not null && s.Threshold is not null && s.Direction is not null)
            .ToList();
        var previous = await db.ScoreSnapshots.AsNoTracking().ToDictionaryAsync(s => (s.CustomerId, s.Kind), s => s.Value, ct);
        // One value per customer and kind: the newest.
        var current = (await db.CustomerInsights.AsNoTracking().Where(i => Kinds.Contains(i.Kind))
                .Select(i => new { i.CustomerId, i.Kind, i.Value, i.ComputedAt, i.Id }).ToListAsync(ct))
            .GroupBy(i => (i.CustomerId, i.Kind))
            .ToDictionary(g => g.Key, g => g.OrderByDescending(i => i.ComputedAt).ThenByDescending(i => i.Id).First().Value);

        var events = new List<AutomationEvent>();
        foreach (var ((customerId, kind), after) in current)
        {
            double? before = previous.TryGetValue((customerId, kind), out var b) ? b : null;
            if (!thresholds.Any(t => t.Kind == kind && ScoreCrossing.Crossed(before, after, t.Threshold!.Value, t.Direction!))) continue;
            events.Add(new AutomationEvent
            {
                Type = AutomationTriggers.ScoreCrossed,
                EntityType = AutomationFields.Customer,
                EntityId = customerId,
                Changes = JsonSerializer.Serialize(new Dictionary<string, object?> { [kind] = new { before, after } }),
                OccurredAt = now,
            });
        }
        if (events.Count > 0)
        {
            db.AutomationEvents.AddRange(events);
            await db.SaveChangesAsync(ct);
            signal.Pulse();
        }

        await using var session = await bulk.BeginAsync(ct);
        await session.DeleteAsync<ScoreSnapshot>(ct: ct);
        await session.WriteAsync(current.Select(c => new ScoreSnapshot { CustomerId = c.Key.CustomerId, Kind = c.Key.Kind, Value = c.Value }), ct);
        await session.CommitAsync(ct);
        return new Dictionary<string, long> { ["scoreThresholdEvents"] = events.Count };
    }
}
