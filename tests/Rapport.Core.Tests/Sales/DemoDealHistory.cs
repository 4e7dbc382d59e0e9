using Rapport.Core.Demo;
using Rapport.Core.Domain;
using Rapport.Core.Sales;

namespace Rapport.Core.Tests.Sales;

/// <summary>The demo's deals as <see cref="DealHistory"/>, built from the generated tables as the web app builds them from the database.</summary>
internal static class DemoDealHistory
{
    public static List<DealHistory> From(DemoDataSet data)
    {
        var stages = data.PipelineStages.ToDictionary(s => s.Id);
        var companies = data.Companies.ToDictionary(c => c.Id);
        var moves = data.DealStageChanges.ToLookup(c => c.DealId);
        var activities = data.Interactions.Where(i => i.DealId != null).ToLookup(i => i.DealId!.Value, i => i.OccurredAt);
        var companyOf = data.Customers.Where(c => c.CompanyId != null).ToDictionary(c => c.Id, c => c.CompanyId!.Value);
        var firstOrder = data.Orders.Where(o => o.Status != OrderStatus.Cancelled && companyOf.ContainsKey(o.CustomerId))
            .GroupBy(o => companyOf[o.CustomerId]).ToDictionary(g => g.Key, g => g.Min(o => o.OrderedAt));
        return data.Deals.Select(d => new DealHistory
        {
            Id = d.Id, Amount = d.Amount, CreatedAt = d.CreatedAt, ClosedAt = d.ClosedAt, Status = d.Status, OwnerId = d.OwnerId,
            CompanyEmployees = d.CompanyId is { } c ? companies[c].EmployeeCount : null,
            CompanyIndustry = d.CompanyId is { } c2 ? companies[c2].Industry : null,
            ExistingCustomer = d.CompanyId is { } c3 && firstOrder.TryGetValue(c3, out var first) && first < d.CreatedAt,
            Moves = moves[d.Id].Select(m => (stages[m.ToStageId].Position, stages[m.ToStageId].IsWon || stages[m.ToStageId].IsLost, m.ChangedAt)).ToList(),
            Activities = activities[d.Id].ToList(),
        }).ToList();
    }
}
