using Microsoft.EntityFrameworkCore;
using Rapport.Core.Insights;

namespace Rapport.Data.Insights;

/// <summary>Run records through short-lived contexts, so a long refresh never holds a tracked graph or a connection.</summary>
internal sealed class InsightRunStore(IDbContextFactory<RapportDb> contexts) : IInsightRunStore
{
    public async Task AddAsync(InsightRun run, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.InsightRuns.Add(run);
        await db.SaveChangesAsync(ct);
        db.Entry(run).State = EntityState.Detached;
    }

    public async Task UpdateAsync(InsightRun run, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.InsightRuns.Update(run);
        await db.SaveChangesAsync(ct);
        db.Entry(run).State = EntityState.Detached;
    }

    public async Task<InsightRun?> FindAsync(long id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.InsightRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
    }

    public async Task<InsightRun?> LatestAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.InsightRuns.AsNoTracking().OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct);
    }

    public async Task<int> FailAbandonedAsync(string reason, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var now = DateTime.UtcNow;
        return await db.InsightRuns.Where(r => r.Status == InsightRunStatus.Running)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, InsightRunStatus.Failed).SetProperty(r => r.Error, reason).SetProperty(r => r.FinishedAt, now), ct);
    }
}
