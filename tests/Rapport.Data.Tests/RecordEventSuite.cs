using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Core.Automation;
using Rapport.Core.Domain;

namespace Rapport.Data.Tests;

/// <summary>
/// The automation outbox: the audit hook writes a record event for each created or changed customer, deal and ticket in
/// the transaction of the change (rolled back with it), with the before/after the audit trail has and the rule chain
/// that caused it.
/// </summary>
public abstract class RecordEventSuite<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : DatabaseFixture
{
    private static readonly DateTime Jan1 = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private async Task<List<AutomationEvent>> EventsAsync(long customerId)
    {
        await using var scope = database.Scope();
        return await scope.ServiceProvider.GetRequiredService<RapportDb>().AutomationEvents.AsNoTracking()
            .Where(e => e.EntityType == "Customer" && e.EntityId == customerId).OrderBy(e => e.Id).ToListAsync();
    }

    [Fact]
    public async Task Creating_and_changing_a_customer_writes_events_with_before_and_after_masking_personal_values()
    {
        await using var scope = database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<RapportDb>();
        var customer = new Customer { FirstName = "Grace", LastName = "Hopper", Country = "US", CreatedAt = Jan1, UpdatedAt = Jan1 };
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        customer.Country = "NL";
        using (AutomationCause.Enter("4,9")) await db.SaveChangesAsync();

        var events = await EventsAsync(customer.Id);
        Assert.Equal(["customer.created", "customer.changed"], events.Select(e => e.Type));
        Assert.All(events, e => Assert.Null(e.ProcessedAt));
        var created = JsonDocument.Parse(events[0].Changes).RootElement;
        Assert.Equal("***", created.GetProperty("FirstName").GetProperty("after").GetString());
        Assert.Equal("", events[0].CausedByRules);
        var changed = JsonDocument.Parse(events[1].Changes).RootElement;
        Assert.Equal("US", changed.GetProperty("Country").GetProperty("before").GetString());
        Assert.Equal("NL", changed.GetProperty("Country").GetProperty("after").GetString());
        Assert.Equal("4,9", events[1].CausedByRules);
        // Records automation does not watch (here: an interaction) write no event.
        Assert.False(await db.AutomationEvents.AnyAsync(e => e.EntityType == "Interaction"));
    }

    [Fact]
    public async Task A_rolled_back_change_leaves_no_event()
    {
        await using var scope = database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<RapportDb>();
        long id;
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            var customer = new Customer { FirstName = "Never", LastName = "Was", CreatedAt = Jan1, UpdatedAt = Jan1 };
            db.Customers.Add(customer);
            await db.SaveChangesAsync();
            id = customer.Id;
            Assert.True(await db.AutomationEvents.AnyAsync(e => e.Type == "customer.created" && e.EntityId == id));
            await transaction.RollbackAsync();
        }
        db.ChangeTracker.Clear();
        Assert.False(await db.Customers.AnyAsync(c => c.Id == id));
        Assert.Empty(await EventsAsync(id));
    }
}

public sealed class SqliteRecordEventTests(SqliteDatabase database) : RecordEventSuite<SqliteDatabase>(database);

public sealed class PostgresRecordEventTests(PostgresDatabase database) : RecordEventSuite<PostgresDatabase>(database);
