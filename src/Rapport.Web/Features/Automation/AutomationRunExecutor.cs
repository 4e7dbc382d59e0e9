using Microsoft.EntityFrameworkCore;
using Rapport.Core.Automation;
using Rapport.Data;

namespace Rapport.Web.Features.Automation;

/// <summary>
/// Carries out due runs: every action not yet done is attempted; when all are done the run succeeded, otherwise it is
/// retried after the backoff (<see cref="RetrySchedule"/>) until out of attempts, then reported failed with each error.
/// </summary>
public sealed class AutomationRunExecutor(IDbContextFactory<RapportDb> databases, RuleActionRunner actions, AutomationOptions options,
    TimeProvider clock, ILogger<AutomationRunExecutor> log)
{
    private const int Batch = 50;

    public async Task<int> RunDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        List<long> due;
        await using (var db = await databases.CreateDbContextAsync(ct))
            due = await db.AutomationRuns.AsNoTracking()
                .Where(r => (r.Status == AutomationRunStatus.Running || r.Status == AutomationRunStatus.Retrying) && r.NextAttemptAt <= now)
                .OrderBy(r => r.NextAttemptAt).ThenBy(r => r.Id).Select(r => r.Id).Take(Batch).ToListAsync(ct);
        foreach (var id in due) await ExecuteAsync(id, ct);
        return due.Count;
    }

    private async Task ExecuteAsync(long runId, CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var run = await db.AutomationRuns.FirstOrDefaultAsync(r => r.Id == runId, ct);
        var rule = run is null ? null : await db.AutomationRules.AsNoTracking().FirstOrDefaultAsync(r => r.Id == run.RuleId, ct);
        if (run is null || rule is null) return;
        var definitions = RuleJson.Read<List<RuleAction>>(rule.Actions);
        run.Attempts++;
        // A fresh list, so the JSON column is seen as changed.
        var outcomes = run.Outcomes.Select(o => new ActionOutcome { Index = o.Index, Type = o.Type, Status = o.Status, Attempts = o.Attempts, Result = o.Result, Error = o.Error }).ToList();
        foreach (var outcome in outcomes.Where(o => o.Status != "succeeded"))
        {
            outcome.Attempts++;
            if (outcome.Index >= definitions.Count) { outcome.Status = "failed"; outcome.Error = "the rule no longer has this action"; continue; }
            try
            {
                outcome.Result = await actions.RunAsync(run, definitions[outcome.Index], ct);
                outcome.Status = "succeeded";
                outcome.Error = null;
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                if (e is not AutomationActionException) log.LogWarning(e, "Action {Index} of automation run {Run} failed", outcome.Index, run.Id);
                outcome.Status = "failed";
                outcome.Error = e.Message;
            }
        }
        run.Outcomes = outcomes;
        var now = clock.GetUtcNow().UtcDateTime;
        var failed = outcomes.Where(o => o.Status != "succeeded").ToList();
        if (failed.Count == 0)
        {
            run.Status = AutomationRunStatus.Succeeded;
            run.Error = null;
            run.NextAttemptAt = null;
            run.FinishedAt = now;
        }
        else
        {
            run.Error = string.Join("; ", failed.Select(o => $"actions[{o.Index}] ({o.Type}): {o.Error}"));
            if (options.Retries.DelayAfter(run.Attempts) is { } delay)
            {
                run.Status = AutomationRunStatus.Retrying;
                run.NextAttemptAt = now + delay;
                foreach (var o in failed) o.Status = "pending";
            }
            else
            {
                run.Status = AutomationRunStatus.Failed;
                run.NextAttemptAt = null;
                run.FinishedAt = now;
            }
        }
        await db.SaveChangesAsync(ct);
    }
}
