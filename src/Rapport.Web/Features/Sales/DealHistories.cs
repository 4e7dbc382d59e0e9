using Microsoft.EntityFrameworkCore;
using Rapport.Core.Domain;
using Rapport.Core.Sales;
using Rapport.Data;

namespace Rapport.Web.Features.Sales;

/// <summary>Reads deals with their stage moves, activities and company facts as <see cref="DealHistory"/> for scoring.</summary>
internal static class DealHistories
{
    /// <summary>Every deal (<paramref name="ids"/> null) or the given ones.</summary>
    public static async Task<List<DealHistory>> LoadAsync(RapportDb db, IReadOnlyCollection<long>? ids, CancellationToken ct)
    {
        var deals = db.Deals.AsNoTracking();
        if (ids is not null) deals = deals.Where(d => ids.Contains(d.Id));
        var rows = await deals.Select(d => new
        {
            d.Id, d.Amount, d.CreatedAt, d.ClosedAt, d.Status, d.OwnerId, d.CompanyId,
            Employees = db.Companies.Where(c => c.Id == d.CompanyId).Select(c => c.EmployeeCount).FirstOrDefault(),
            Industry = db.Companies.Where(c => c.Id == d.CompanyId).Select(c => c.Industry).FirstOrDefault(),
        }).ToListAsync(ct);
        var dealIds = rows.Select(r => r.Id).ToList();
        var companyIds = rows.Where(r => r.CompanyId != null).Select(r => r.CompanyId!.Value).Distinct().ToList();

        var stages = await db.PipelineStages.AsNoTracking().ToDictionaryAsync(s => s.Id, ct);
        var moves = (await db.DealStageChanges.AsNoTracking().Where(c => dealIds.Contains(c.DealId))
            .Select(c => new { c.DealId, c.ToStageId, c.ChangedAt }).ToListAsync(ct)).ToLookup(c => c.DealId);
        var activities = (await db.Interactions.AsNoTracking().Where(i => i.DealId != null && dealIds.Contains(i.DealId.Value))
            .Select(i => new { DealId = i.DealId!.Value, i.OccurredAt }).ToListAsync(ct)).ToLookup(i => i.DealId, i => i.OccurredAt);
        // The first order of any contact of each company: "the company already bought" when it precedes the deal.
        var firstOrders = await db.Orders.AsNoTracking().Where(o => o.Status != OrderStatus.Cancelled)
            .Join(db.Customers.Where(c => c.CompanyId != null && companyIds.Contains(c.CompanyId.Value)), o => o.CustomerId, c => c.Id, (o, c) => new { c.CompanyId, o.OrderedAt })
            .GroupBy(x => x.CompanyId).Select(g => new { CompanyId = g.Key!.Value, First = g.Min(x => x.OrderedAt) })
            .ToDictionaryAsync(x => x.CompanyId, x => x.First, ct);

        return rows.Select(r => new DealHistory
        {
            Id = r.Id, Amount = r.Amount, CreatedAt = r.CreatedAt, ClosedAt = r.ClosedAt, Status = r.Status, OwnerId = r.OwnerId,
            CompanyEmployees = r.Employees, CompanyIndustry = r.Industry,
            ExistingCustomer = r.CompanyId is { } c && firstOrders.TryGetValue(c, out var first) && first < r.CreatedAt,
            Moves = moves[r.Id].Where(m => stages.ContainsKey(m.ToStageId))
                .Select(m => (stages[m.ToStageId].Position, stages[m.ToStageId].IsWon || stages[m.ToStageId].IsLost, m.ChangedAt)).ToList(),
            Activities = activities[r.Id].ToList(),
        }).ToList();
    }
}
