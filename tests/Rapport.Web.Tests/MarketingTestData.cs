using Microsoft.Extensions.DependencyInjection;
using Rapport.Core.Domain;
using Rapport.Data;

namespace Rapport.Web.Tests;

/// <summary>Customers planted for marketing tests, each with exactly the consent, address and orders a test needs.</summary>
internal static class MarketingTestData
{
    public sealed record Planted(long Id, string FirstName, string? Email);

    /// <summary>
    /// A customer with an e-mail address (unless <paramref name="email"/> is false), e-mail marketing consents recorded in
    /// the order given (latest in force), and one completed order of <paramref name="orderTotal"/> a year ago when above 0.
    /// </summary>
    public static async Task<Planted> CustomerAsync(RapportAppFixture app, string firstName, bool email = true, ConsentStatus[]? consents = null, decimal orderTotal = 0)
    {
        await using var scope = app.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RapportDb>();
        var now = DateTime.UtcNow;
        var address = email ? $"{firstName.ToLowerInvariant()}.{Guid.NewGuid():N}@example.org"[..40] : null;
        var customer = new Customer { FirstName = firstName, LastName = "Tester", Source = "test", CreatedAt = now, UpdatedAt = now };
        if (address is not null)
            customer.ContactPoints.Add(new ContactPoint { Kind = ContactKind.Email, Value = address, NormalizedValue = address, IsPrimary = true, CreatedAt = now });
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        var i = 0;
        foreach (var status in consents ?? [ConsentStatus.Granted])
            db.Consents.Add(new Consent
            {
                CustomerId = customer.Id, Channel = ConsentChannel.Email, Purpose = ConsentPurpose.Marketing, Status = status, Source = "test",
                RecordedAt = now.AddDays(-30 + i++),
            });
        if (orderTotal > 0)
            db.Orders.Add(new Order { CustomerId = customer.Id, OrderNumber = $"T-{Guid.NewGuid():N}"[..20], OrderedAt = now.AddDays(-365), Status = OrderStatus.Completed, TotalAmount = orderTotal });
        await db.SaveChangesAsync();
        return new Planted(customer.Id, firstName, address);
    }

    /// <summary>A stored (manual) segment holding exactly these customers.</summary>
    public static async Task<long> SegmentAsync(RapportAppFixture app, IEnumerable<long> customers)
    {
        await using var scope = app.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RapportDb>();
        var segment = new Segment { Name = $"Campaign test {Guid.NewGuid():N}"[..30], Kind = SegmentKind.Manual, CreatedAt = DateTime.UtcNow };
        db.Segments.Add(segment);
        await db.SaveChangesAsync();
        db.SegmentMemberships.AddRange(customers.Select(c => new SegmentMembership { SegmentId = segment.Id, CustomerId = c, AddedAt = DateTime.UtcNow }));
        await db.SaveChangesAsync();
        return segment.Id;
    }
}
