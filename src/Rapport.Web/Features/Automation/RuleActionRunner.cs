using Microsoft.EntityFrameworkCore;
using Rapport.Core.Automation;
using Rapport.Core.Domain;
using Rapport.Data;

namespace Rapport.Web.Features.Automation;

/// <summary>
/// Carries out one action of a rule for one event. Each action commits on its own, so a run records which actions
/// succeeded and retries only the rest. Writes happen inside <see cref="AutomationCause"/>, so the record events they
/// cause carry the rule chain and cannot fire the same rule again.
/// </summary>
public sealed class RuleActionRunner(IDbContextFactory<RapportDb> databases, WebhookSender webhooks, TimeProvider clock)
{
    /// <summary>Runs <paramref name="action"/>; returns what it did in a few words, throws <see cref="AutomationActionException"/> when it cannot.</summary>
    public async Task<string> RunAsync(AutomationRun run, RuleAction action, CancellationToken ct)
    {
        using var cause = AutomationCause.Enter(AutomationCause.Extend(run.CausedByRules, run.RuleId));
        await using var db = await databases.CreateDbContextAsync(ct);
        var record = await AutomationRecords.FindAsync(db, run.EntityType, run.EntityId, ct);
        if (run.EntityType is not null && record is null) throw new AutomationActionException($"{run.EntityType} {run.EntityId} no longer exists");
        var now = clock.GetUtcNow().UtcDateTime;
        switch (action.Type)
        {
            case RuleActionTypes.CreateTask:
            {
                var owner = action.UserId ?? AutomationRecords.OwnerOf(record) ?? throw new AutomationActionException("the record has no owner to give the task to");
                await RequireUserAsync(db, owner, ct);
                var task = new SalesTask
                {
                    Title = action.Title!.Trim(),
                    DueAt = action.DueInDays is { } days ? now.Date.AddDays(days) : null,
                    OwnerId = owner,
                    DealId = (record as Deal)?.Id,
                    CustomerId = AutomationRecords.CustomerOf(record),
                    CreatedAt = now,
                };
                db.SalesTasks.Add(task);
                await db.SaveChangesAsync(ct);
                return $"task {task.Id} for user {owner}";
            }
            case RuleActionTypes.Assign:
            {
                var user = action.UserId ?? throw new AutomationActionException("no user to assign");
                await RequireUserAsync(db, user, ct);
                AutomationFields.AssigneeProperty(run.EntityType)!.SetValue(record, user);
                Touch(record, now);
                await db.SaveChangesAsync(ct);
                return $"assigned to user {user}";
            }
            case RuleActionTypes.SetField:
            {
                var field = AutomationFields.Find(run.EntityType, action.Field);
                if (field is not { Settable: true }) throw new AutomationActionException($"{action.Field} cannot be changed by a rule");
                if (!field.TryParse(action.Value, out var value)) throw new AutomationActionException($"{action.Value} is not {field.Expected}");
                field.Property.SetValue(record, value);
                Touch(record, now);
                await db.SaveChangesAsync(ct);
                return $"{field.Name} = {RuleJson.Show(value)}";
            }
            case RuleActionTypes.AddToCampaign:
            {
                var customer = AutomationRecords.CustomerOf(record) ?? throw new AutomationActionException("the record has no customer");
                var campaign = action.CampaignId ?? 0;
                if (!await db.Campaigns.AnyAsync(c => c.Id == campaign, ct)) throw new AutomationActionException($"campaign {campaign} does not exist");
                if (await db.CampaignMembers.AnyAsync(m => m.CampaignId == campaign && m.CustomerId == customer, ct)) return $"customer {customer} already in campaign {campaign}";
                db.CampaignMembers.Add(new CampaignMember { CampaignId = campaign, CustomerId = customer, Status = CampaignMemberStatus.Pending });
                await db.SaveChangesAsync(ct);
                return $"customer {customer} added to campaign {campaign}";
            }
            case RuleActionTypes.Notify:
            {
                var user = action.UserId ?? AutomationRecords.OwnerOf(record) ?? throw new AutomationActionException("the record has no owner to notify");
                await RequireUserAsync(db, user, ct);
                var note = new Notification
                {
                    UserId = user, Message = action.Message!.Trim(), Link = AutomationRecords.LinkOf(run.EntityType, run.EntityId),
                    RuleId = run.RuleId, CreatedAt = now,
                };
                db.Notifications.Add(note);
                await db.SaveChangesAsync(ct);
                return $"notified user {user}";
            }
            case RuleActionTypes.Webhook:
            {
                var ev = await db.AutomationEvents.AsNoTracking().FirstOrDefaultAsync(e => e.Id == run.EventId, ct)
                         ?? new AutomationEvent { Id = run.EventId, Type = run.EventType, EntityType = run.EntityType, EntityId = run.EntityId, OccurredAt = now };
                var attempt = await webhooks.PostAsync(action.Url!, secret: null, ev.Type, $"run-{run.Id}", WebhookPayload.Build(db, ev, record), ct);
                if (!attempt.Succeeded) throw new AutomationActionException(attempt.Error!);
                return $"HTTP {attempt.StatusCode} in {attempt.DurationMs} ms";
            }
            default:
                throw new AutomationActionException($"unknown action type {action.Type}");
        }
    }

    private static async Task RequireUserAsync(RapportDb db, long userId, CancellationToken ct)
    {
        if (!await db.Users.AnyAsync(u => u.Id == userId, ct)) throw new AutomationActionException($"user {userId} does not exist");
    }

    private static void Touch(object? record, DateTime now)
    {
        if (record is Customer c) c.UpdatedAt = now;
    }
}

/// <summary>An action that could not be carried out; its message lands in the run log.</summary>
public sealed class AutomationActionException(string message) : Exception(message);
