using Microsoft.EntityFrameworkCore;
using Rapport.Core.Domain;
using Rapport.Core.Sales;
using Rapport.Data;

namespace Rapport.Web.Features.Sales;

/// <summary>Reads deals for the list, the board, the deal page and the API: paged in the database, then scored and checked for staleness.</summary>
public sealed class DealService(IDbContextFactory<RapportDb> databases, DealScoring scoring, SalesOptions options, TimeProvider clock)
{
    public const int MaxPageSize = 200;
    /// <summary>Won and lost deals stay on the board this long after they close.</summary>
    public const int ClosedDaysOnBoard = 30;

    /// <summary>A page of deals with their custom field values (personal ones masked unless <paramref name="showPersonal"/>).</summary>
    public async Task<DealPage> FindAsync(DealQuery q, bool showPersonal, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var query = q.Scope.Apply(db.Deals.AsNoTracking());
        foreach (var ids in await Rapport.Data.CustomFields.CustomFieldQueries.MatchingIdsAsync(db, CustomFieldEntity.Deal, q.CustomFields, ct))
            query = query.Where(d => ids.Contains(d.Id));
        if (q.PipelineId is { } p) query = query.Where(d => d.PipelineId == p);
        if (q.StageId is { } s) query = query.Where(d => d.StageId == s);
        if (q.Status is { } st) query = query.Where(d => d.Status == st);
        if (q.OwnerId is { } o) query = query.Where(d => d.OwnerId == o);
        if (q.CloseFrom is { } from) query = query.Where(d => d.ExpectedClose >= from);
        if (q.CloseTo is { } to) query = query.Where(d => d.ExpectedClose <= to);
        if (q.StaleOnly)
        {
            var cutoff = clock.GetUtcNow().UtcDateTime.AddDays(-options.StaleDays);
            query = query.Where(d => d.Status == DealStatus.Open && d.CreatedAt < cutoff
                                     && !db.DealStageChanges.Any(c => c.DealId == d.Id && c.ChangedAt >= cutoff)
                                     && !db.Interactions.Any(i => i.DealId == d.Id && i.OccurredAt >= cutoff));
        }
        var total = await query.LongCountAsync(ct);
        query = (q.Sort, q.Descending) switch
        {
            (DealSort.Amount, false) => query.OrderBy(d => d.Amount).ThenBy(d => d.Id),
            (DealSort.Amount, true) => query.OrderByDescending(d => d.Amount).ThenBy(d => d.Id),
            (DealSort.ExpectedClose, false) => query.OrderBy(d => d.ExpectedClose).ThenBy(d => d.Id),
            (DealSort.ExpectedClose, true) => query.OrderByDescending(d => d.ExpectedClose).ThenBy(d => d.Id),
            (DealSort.Title, false) => query.OrderBy(d => d.Title).ThenBy(d => d.Id),
            (DealSort.Title, true) => query.OrderByDescending(d => d.Title).ThenBy(d => d.Id),
            (_, false) => query.OrderByDescending(d => d.Id),
            (_, true) => query.OrderBy(d => d.Id),
        };
        var size = Math.Clamp(q.PageSize, 1, MaxPageSize);
        var page = await query.Skip((Math.Max(q.Page, 1) - 1) * size).Take(size).ToListAsync(ct);
        var custom = await CustomFields.CustomFieldColumns.ReadAsync(db, CustomFieldEntity.Deal, page.Select(d => d.Id).ToList(), showPersonal, ct);
        return new DealPage((await RowsAsync(db, page, ct)).Select(r => r with { CustomFields = custom(r.Id) }).ToList(), total);
    }

    /// <summary>A deal within <paramref name="scope"/>; null when there is none there.</summary>
    public async Task<DealRow?> GetAsync(long id, Common.RecordScope scope, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var deal = await scope.Apply(db.Deals.AsNoTracking()).FirstOrDefaultAsync(d => d.Id == id, ct);
        return deal is null ? null : (await RowsAsync(db, [deal], ct))[0];
    }

    /// <summary>The board of a pipeline: every stage in order with its open deals, and deals won or lost in the last <see cref="ClosedDaysOnBoard"/> days.</summary>
    public async Task<IReadOnlyList<BoardColumn>> BoardAsync(long pipelineId, Common.RecordScope scope, long? ownerId = null, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var stages = await db.PipelineStages.AsNoTracking().Where(s => s.PipelineId == pipelineId).OrderBy(s => s.Position).ToListAsync(ct);
        var since = clock.GetUtcNow().UtcDateTime.AddDays(-ClosedDaysOnBoard);
        var query = scope.Apply(db.Deals.AsNoTracking()).Where(d => d.PipelineId == pipelineId && (d.Status == DealStatus.Open || d.ClosedAt >= since));
        if (ownerId is { } o) query = query.Where(d => d.OwnerId == o);
        var rows = await RowsAsync(db, await query.OrderBy(d => d.ExpectedClose).ThenBy(d => d.Id).ToListAsync(ct), ct);
        var byStage = rows.ToLookup(r => r.StageId);
        return stages.Select(s => new BoardColumn(s, byStage[s.Id].ToList(), byStage[s.Id].Sum(r => r.Amount))).ToList();
    }

    public async Task<IReadOnlyList<Pipeline>> PipelinesAsync(CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var pipelines = await db.Pipelines.AsNoTracking().Include(p => p.Stages).OrderByDescending(p => p.IsDefault).ThenBy(p => p.Id).ToListAsync(ct);
        foreach (var p in pipelines) p.Stages = p.Stages.OrderBy(s => s.Position).ToList();
        return pipelines;
    }

    /// <summary>Staff who own deals or may own them (everyone with a user account), for owner pickers and filters.</summary>
    public async Task<IReadOnlyList<OwnerOption>> OwnersAsync(CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var users = await db.Users.AsNoTracking().OrderBy(u => u.DisplayName).ThenBy(u => u.UserName)
            .Select(u => new { u.Id, u.DisplayName, u.UserName }).ToListAsync(ct);
        return users.Select(u => new OwnerOption(u.Id, u.DisplayName.Length > 0 ? u.DisplayName : u.UserName ?? $"#{u.Id}")).ToList();
    }

    /// <summary>
    /// What was done on the deal: interactions linked to it, and the company's unlinked interactions since it was created
    /// (newest first). Subjects only — bodies may hold personal data and stay on the customer's page.
    /// </summary>
    public async Task<IReadOnlyList<DealActivity>> ActivitiesAsync(DealRow deal, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var query = db.Interactions.AsNoTracking().Where(i => i.DealId == deal.Id
            || (deal.CompanyId != null && i.DealId == null && i.CompanyId == deal.CompanyId && i.OccurredAt >= deal.CreatedAt));
        var rows = await query.OrderByDescending(i => i.OccurredAt).Take(30).Select(i => new { i.OccurredAt, i.Kind, i.Subject, i.UserId, i.DealId }).ToListAsync(ct);
        var userIds = rows.Where(r => r.UserId != null).Select(r => r.UserId!.Value).Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName.Length > 0 ? u.DisplayName : u.UserName ?? "", ct);
        return rows.Select(r => new DealActivity(r.OccurredAt, r.Kind, r.Subject, r.UserId is { } u ? users.GetValueOrDefault(u) : null, r.DealId == deal.Id)).ToList();
    }

    /// <summary>The stage history of a deal, oldest first, with stage names.</summary>
    public async Task<IReadOnlyList<(DateTime At, string Stage)>> HistoryAsync(long dealId, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var changes = await db.DealStageChanges.AsNoTracking().Where(c => c.DealId == dealId).OrderBy(c => c.ChangedAt).ThenBy(c => c.Id)
            .Join(db.PipelineStages, c => c.ToStageId, s => s.Id, (c, s) => new { c.ChangedAt, s.Name }).ToListAsync(ct);
        return changes.Select(c => (c.ChangedAt, c.Name)).ToList();
    }

    /// <summary>The contact's name, masked for viewers without personal-data.read.</summary>
    public async Task<string?> CustomerNameAsync(long customerId, bool showPersonal, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var name = await db.Customers.AsNoTracking().Where(c => c.Id == customerId).Select(c => c.FirstName + " " + c.LastName).FirstOrDefaultAsync(ct);
        return showPersonal ? name?.Trim() : Rapport.Core.Security.PersonalDataMask.Mask(name?.Trim());
    }

    private async Task<List<DealRow>> RowsAsync(RapportDb db, IReadOnlyList<Deal> deals, CancellationToken ct)
    {
        var ids = deals.Select(d => d.Id).ToList();
        var stageIds = deals.Select(d => d.StageId).Distinct().ToList();
        var stages = await db.PipelineStages.AsNoTracking().Where(s => stageIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var companyIds = deals.Where(d => d.CompanyId != null).Select(d => d.CompanyId!.Value).Distinct().ToList();
        var companies = await db.Companies.AsNoTracking().Where(c => companyIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var ownerIds = deals.Where(d => d.OwnerId != null).Select(d => d.OwnerId!.Value).Distinct().ToList();
        var owners = await db.Users.AsNoTracking().Where(u => ownerIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName.Length > 0 ? u.DisplayName : u.UserName ?? "", ct);
        var lastMoves = await db.DealStageChanges.AsNoTracking().Where(c => ids.Contains(c.DealId)).GroupBy(c => c.DealId)
            .Select(g => new { g.Key, Last = g.Max(c => c.ChangedAt) }).ToDictionaryAsync(x => x.Key, x => x.Last, ct);
        var lastActivities = await db.Interactions.AsNoTracking().Where(i => i.DealId != null && ids.Contains(i.DealId.Value)).GroupBy(i => i.DealId!.Value)
            .Select(g => new { g.Key, Last = g.Max(i => i.OccurredAt) }).ToDictionaryAsync(x => x.Key, x => x.Last, ct);
        var scores = await scoring.ScoreAsync(deals.Where(d => d.Status == DealStatus.Open).Select(d => d.Id).ToList(), ct);
        var now = clock.GetUtcNow().UtcDateTime;

        return deals.Select(d =>
        {
            var touched = StaleDeals.LastTouched(d.CreatedAt, lastMoves.TryGetValue(d.Id, out var m) ? m : null, lastActivities.TryGetValue(d.Id, out var a) ? a : null);
            scores.TryGetValue(d.Id, out var score);
            return new DealRow
            {
                Id = d.Id, Title = d.Title, PipelineId = d.PipelineId, StageId = d.StageId, Stage = stages.GetValueOrDefault(d.StageId, ""),
                Status = d.Status, Amount = d.Amount, Currency = d.Currency, StageProbability = d.Probability,
                WinProbability = score?.WinProbability, Reasons = score?.Reasons ?? [],
                ExpectedClose = d.ExpectedClose, OwnerId = d.OwnerId, Owner = d.OwnerId is { } o ? owners.GetValueOrDefault(o) : null,
                CompanyId = d.CompanyId, Company = d.CompanyId is { } c ? companies.GetValueOrDefault(c) : null, CustomerId = d.CustomerId,
                NextStep = d.NextStep, CreatedAt = d.CreatedAt, ClosedAt = d.ClosedAt, LastTouched = touched,
                Stale = StaleDeals.IsStale(d.Status == DealStatus.Open, touched, now, options.StaleDays),
            };
        }).ToList();
    }
}
