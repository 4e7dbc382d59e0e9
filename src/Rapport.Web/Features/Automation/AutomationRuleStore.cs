using Microsoft.EntityFrameworkCore;
using Rapport.Core.Automation;
using Rapport.Core.Domain;
using Rapport.Data;
using Rapport.Web.Features.Common;

namespace Rapport.Web.Features.Automation;

/// <summary>A rule as the API and the page send it.</summary>
public sealed class RuleInput
{
    public string? Name { get; set; }
    public bool? Enabled { get; set; }
    public string? Trigger { get; set; }
    public TriggerSettings? TriggerSettings { get; set; }
    public List<RuleCondition>? Conditions { get; set; }
    public List<RuleAction>? Actions { get; set; }
}

public sealed record RuleView(long Id, string Name, bool Enabled, string Trigger, TriggerSettings TriggerSettings,
    IReadOnlyList<RuleCondition> Conditions, IReadOnlyList<RuleAction> Actions, DateTime CreatedAt, DateTime UpdatedAt, DateTime? LastScheduledAt);

public sealed record RunView(long Id, long RuleId, string RuleName, long EventId, string EventType, string? EntityType, long? EntityId,
    AutomationRunStatus Status, int Attempts, DateTime? NextAttemptAt, IReadOnlyList<ActionOutcome> Outcomes, string? Error, DateTime CreatedAt, DateTime? FinishedAt);

/// <summary>Workflow rules: list, create, change, delete (validated with errors naming the part), and the run log.</summary>
public sealed class AutomationRuleStore(IDbContextFactory<RapportDb> databases, TimeProvider clock)
{
    public async Task<IReadOnlyList<RuleView>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        return (await db.AutomationRules.AsNoTracking().OrderBy(r => r.Id).ToListAsync(ct)).Select(View).ToList();
    }

    public static RuleView View(AutomationRule r) => new(r.Id, r.Name, r.Enabled, r.Trigger, RuleJson.Read<TriggerSettings>(r.TriggerSettings),
        RuleJson.Read<List<RuleCondition>>(r.Conditions), RuleJson.Read<List<RuleAction>>(r.Actions), r.CreatedAt, r.UpdatedAt, r.LastScheduledAt);

    public Task<WriteResult> CreateAsync(RuleInput input, CancellationToken ct = default) => SaveAsync(null, input, ct);

    public Task<WriteResult> UpdateAsync(long id, RuleInput input, CancellationToken ct = default) => SaveAsync(id, input, ct);

    private async Task<WriteResult> SaveAsync(long? id, RuleInput input, CancellationToken ct)
    {
        var settings = input.TriggerSettings ?? new TriggerSettings();
        var conditions = input.Conditions ?? [];
        var actions = input.Actions ?? [];
        var errors = RuleValidator.Validate(input.Name, input.Trigger, settings, conditions, actions);
        await using var db = await databases.CreateDbContextAsync(ct);
        // What only the database knows: do the users and campaigns the actions name exist?
        for (var i = 0; i < actions.Count; i++)
        {
            if (actions[i].UserId is { } user && !errors.ContainsKey($"actions[{i}].userId") && !await db.Users.AnyAsync(u => u.Id == user, ct))
                errors[$"actions[{i}].userId"] = [$"no user with id {user}"];
            if (actions[i].Type == RuleActionTypes.AddToCampaign && actions[i].CampaignId is { } campaign && !await db.Campaigns.AnyAsync(c => c.Id == campaign, ct))
                errors[$"actions[{i}].campaignId"] = [$"no campaign with id {campaign}"];
        }
        if (errors.Count > 0) return WriteResult.Invalid(errors);

        var now = clock.GetUtcNow().UtcDateTime;
        AutomationRule? rule;
        if (id is { } existing)
        {
            rule = await db.AutomationRules.FirstOrDefaultAsync(r => r.Id == existing, ct);
            if (rule is null) return WriteResult.NotFound();
        }
        else
        {
            rule = new AutomationRule { CreatedAt = now };
            db.AutomationRules.Add(rule);
        }
        var trigger = input.Trigger!;
        // A rule whose trigger changed starts its schedule afresh.
        if (rule.Trigger != trigger || rule.TriggerSettings != RuleJson.Write(settings)) rule.LastScheduledAt = null;
        rule.Name = input.Name!.Trim();
        rule.Enabled = input.Enabled ?? true;
        rule.Trigger = trigger;
        rule.TriggerSettings = RuleJson.Write(settings);
        rule.Conditions = RuleJson.Write(conditions);
        rule.Actions = RuleJson.Write(actions);
        rule.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        return WriteResult.Done(rule.Id);
    }

    public async Task<bool> DeleteAsync(long id, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var rule = await db.AutomationRules.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (rule is null) return false;
        db.AutomationRules.Remove(rule);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Runs newest first, optionally of one rule or one status.</summary>
    public async Task<Paged<RunView>> RunsAsync(long? ruleId, AutomationRunStatus? status, int page, int pageSize, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var query = db.AutomationRuns.AsNoTracking();
        if (ruleId is { } r) query = query.Where(x => x.RuleId == r);
        if (status is { } s) query = query.Where(x => x.Status == s);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(x => x.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new Paged<RunView>(rows.Select(x => new RunView(x.Id, x.RuleId, x.RuleName, x.EventId, x.EventType, x.EntityType, x.EntityId, x.Status, x.Attempts,
            x.NextAttemptAt, x.Outcomes, x.Error, x.CreatedAt, x.FinishedAt)).ToList(), total);
    }
}
