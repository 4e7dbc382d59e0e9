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
    private static readonly TicketStatus[] Open = [TicketStatus.New, TicketStatus.Open, TicketStatus.Pending];

    public async Task<DashboardSummary> GetSummaryAsync(CancellationToken ct = default)
    {
        // A context per call: a circuit lives long, a DbContext should not.
        await using var db = await databases.CreateDbContextAsync(ct);
        var customers = await db.Customers.CountAsync(c => c.Status == RecordStatus.Active, ct);
        var orders = await db.Orders.CountAsync(ct);
        // Net of returns from the lines: returned units come off (demo returns), credit notes (imported negative
        // lines) subtract; cancelled orders never count.
        var revenue = await db.OrderLines
            .Join(db.Orders.Where(o => o.Status != OrderStatus.Cancelled), l => l.OrderId, o => o.Id, (l, o) => new { o.Currency, l.Quantity, l.ReturnedQuantity, l.UnitPrice, l.Discount })
            .GroupBy(x => x.Currency)
            .Select(g => new CurrencyAmount(g.Key, g.Sum(x => (x.Quantity - x.ReturnedQuantity) * x.UnitPrice - x.Discount)))
            .ToListAsync(ct);
        var openTickets = await db.Tickets.CountAsync(t => Open.Contains(t.Status), ct);
        return new DashboardSummary(customers, orders, revenue.OrderByDescending(r => r.Amount).ToList(), openTickets);
    }
}
