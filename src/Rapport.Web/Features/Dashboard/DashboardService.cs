using Microsoft.EntityFrameworkCore;
using Rapport.Core.Domain;
using Rapport.Data;

namespace Rapport.Web.Features.Dashboard;

/// <summary>Headline figures, counted in the database (never cached, never invented).</summary>
public sealed record DashboardSummary(
    int Customers,
    int Orders,
    IReadOnlyList<CurrencyAmount> Revenue,
    int OpenTickets);

public sealed record CurrencyAmount(string Currency, decimal Amount);

internal sealed class DashboardService(IDbContextFactory<RapportDb> databases)
{
    private static readonly OrderStatus[] NotRevenue = [OrderStatus.Cancelled, OrderStatus.Returned];
    private static readonly TicketStatus[] Open = [TicketStatus.New, TicketStatus.Open, TicketStatus.Pending];

    public async Task<DashboardSummary> GetSummaryAsync(CancellationToken ct = default)
    {
        // A context per call: a circuit lives long, a DbContext should not.
        await using var db = await databases.CreateDbContextAsync(ct);
        var customers = await db.Customers.CountAsync(c => c.Status == RecordStatus.Active, ct);
        var orders = await db.Orders.CountAsync(ct);
        var revenue = await db.Orders
            .Where(o => !NotRevenue.Contains(o.Status))
            .GroupBy(o => o.Currency)
            .Select(g => new CurrencyAmount(g.Key, g.Sum(o => o.TotalAmount)))
            .ToListAsync(ct);
        var openTickets = await db.Tickets.CountAsync(t => Open.Contains(t.Status), ct);
        return new DashboardSummary(customers, orders, revenue.OrderByDescending(r => r.Amount).ToList(), openTickets);
    }
}
