using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Rapport.Core.Domain;
using Rapport.Core.Security;
using Rapport.Data;
using Rapport.Data.Audit;

namespace Rapport.Web.Features.Customers;

/// <summary>
/// Loads the customer 360 (profile, contact points, consents, company, timeline, stored scores) and records what staff
/// add from it (a note or a logged interaction, a ticket). An unmasked view is a read of personal data and goes into the
/// audit log, like the API's.
/// </summary>
public sealed class CustomerProfiles(IDbContextFactory<RapportDb> databases, IServiceScopeFactory scopes, TimeProvider clock)
{
    private const int TimelineLength = 100;

    /// <summary>The 360 of a customer within <paramref name="scope"/>; null when there is none there.</summary>
    public async Task<CustomerProfile?> LoadAsync(long id, bool showPersonal, Common.RecordScope scope, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var c = await scope.Apply(db.Customers.AsNoTracking()).Include(x => x.Company).Include(x => x.ContactPoints).Include(x => x.Consents)
            .SingleOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return null;
        string? Show(string? value) => showPersonal ? value : PersonalDataMask.Mask(value);

        var orders = await db.Orders.AsNoTracking().Where(o => o.CustomerId == id).OrderByDescending(o => o.OrderedAt).Take(TimelineLength)
            .Select(o => new TimelineEntry(o.OrderedAt, TimelineKind.Order, o.OrderNumber, o.Status.ToString(), o.TotalAmount, o.Currency)).ToListAsync(ct);
        var interactions = await db.Interactions.AsNoTracking().Where(i => i.CustomerId == id).OrderByDescending(i => i.OccurredAt).Take(TimelineLength)
            .Select(i => new { i.OccurredAt, i.Kind, i.Subject, i.Body }).ToListAsync(ct);
        var tickets = await db.Tickets.AsNoTracking().Where(t => t.CustomerId == id).OrderByDescending(t => t.CreatedAt).Take(TimelineLength)
            .Select(t => new TimelineEntry(t.CreatedAt, TimelineKind.Ticket, t.Subject, t.Status.ToString(), null, null)).ToListAsync(ct);
        var campaigns = await db.CampaignMembers.AsNoTracking().Where(m => m.CustomerId == id && m.SentAt != null)
            .Join(db.Campaigns, m => m.CampaignId, k => k.Id, (m, k) => new TimelineEntry(m.SentAt!.Value, TimelineKind.Campaign, k.Name, k.Channel.ToString(), null, null))
            .ToListAsync(ct);
        var timeline = orders.Concat(tickets).Concat(campaigns)
            .Concat(interactions.Select(i => new TimelineEntry(i.OccurredAt, TimelineKind.Interaction, i.Subject, Show(i.Body) is { } body ? $"{i.Kind}: {body}" : i.Kind.ToString(), null, null)))
            .OrderByDescending(e => e.At).Take(TimelineLength).ToList();

        var netByCurrency = await db.OrderLines.AsNoTracking().Where(l => l.CustomerId == id)
            .Join(db.Orders.Where(o => o.Status != OrderStatus.Cancelled), l => l.OrderId, o => o.Id, (l, o) => new { o.Currency, l.Quantity, l.ReturnedQuantity, l.UnitPrice, l.Discount })
            .ToListAsync(ct);
        var spend = netByCurrency.GroupBy(l => l.Currency).Select(g => (Currency: g.Key, Amount: g.Sum(l => (l.Quantity - l.ReturnedQuantity) * l.UnitPrice - l.Discount)))
            .OrderByDescending(g => g.Amount).FirstOrDefault();
        var orderCount = await db.Orders.CountAsync(o => o.CustomerId == id && o.Status != OrderStatus.Cancelled, ct);
        var first = await db.Orders.Where(o => o.CustomerId == id).MinAsync(o => (DateTime?)o.OrderedAt, ct);
        var last = await db.Orders.Where(o => o.CustomerId == id).MaxAsync(o => (DateTime?)o.OrderedAt, ct);

        var insights = await db.CustomerInsights.AsNoTracking().Where(i => i.CustomerId == id).OrderBy(i => i.Id).ToListAsync(ct);
        var lines = insights.Select(i => new InsightLine(i.Kind, i.Value, i.Label, i.Reasons, i.ModelVersion, i.ComputedAt)).ToList();

        if (showPersonal)
        {
            await using var services = scopes.CreateAsyncScope();
            await services.ServiceProvider.GetRequiredService<AuditRecorder>()
                .RecordAsync(AuditAction.Read, nameof(Customer), id.ToString(CultureInfo.InvariantCulture), new { via = "ui", fields = "personal" }, ct);
        }

        return new CustomerProfile(
            c.Id, Show(c.DisplayName) ?? "", c.Status, c.Source, Show(c.ExternalId), c.Country,
            c.BirthDate is { } b ? (showPersonal ? b.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : PersonalDataMask.Hidden) : null,
            c.JobTitle, c.PreferredLanguage,
            c.Company is { } company ? (company.Id, company.Name) : null,
            c.ContactPoints.OrderByDescending(p => p.IsPrimary).ThenBy(p => p.Kind).Select(p => new ContactLine(p.Kind, p.Label, Show(p.Value) ?? "",
                string.Join(" ", new[] { Show(p.PostalCode), Show(p.City), p.Country }.Where(s => !string.IsNullOrEmpty(s))) is { Length: > 0 } place ? place : null, p.IsPrimary)).ToList(),
            c.Consents.OrderByDescending(x => x.RecordedAt).Select(x => new ConsentLine(x.Channel, x.Purpose, x.Status, x.Source, x.RecordedAt)).ToList(),
            timeline,
            lines.Where(l => l.Kind != InsightKinds.NextProduct).ToList(),
            lines.Where(l => l.Kind == InsightKinds.NextProduct).OrderByDescending(l => l.Value).ToList(),
            new ProfileTotals(orderCount, spend.Amount, spend.Currency, first, last),
            !showPersonal);
    }

    /// <summary>Logs a call, e-mail, meeting, chat or note by the signed-in staff member (audited by the ORM hook).</summary>
    public async Task AddInteractionAsync(long customerId, InteractionKind kind, string subject, string? body, long? userId, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        db.Interactions.Add(new Interaction
        {
            CustomerId = customerId, Kind = kind, Direction = kind == InteractionKind.Note ? InteractionDirection.Internal : InteractionDirection.Outbound,
            OccurredAt = clock.GetUtcNow().UtcDateTime, Subject = subject.Trim(), Body = string.IsNullOrWhiteSpace(body) ? null : body.Trim(), UserId = userId,
        });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Opens a ticket for the customer, entered by staff (channel Phone: someone called or wrote in).</summary>
    public async Task<long> CreateTicketAsync(long customerId, string subject, string description, TicketPriority priority, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var ticket = new Ticket
        {
            CustomerId = customerId, Subject = subject.Trim(), Description = description.Trim(), Status = TicketStatus.New, Priority = priority,
            Channel = TicketChannel.Phone, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Tickets.Add(ticket);
        await db.SaveChangesAsync(ct);
        return ticket.Id;
    }
}
