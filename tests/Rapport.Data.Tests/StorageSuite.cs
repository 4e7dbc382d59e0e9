using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Core.Domain;
using Rapport.Core.Storage;

namespace Rapport.Data.Tests;

/// <summary>The repository/integration suite; it runs unchanged on every provider (see the classes at the end).</summary>
public abstract class StorageSuite<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : DatabaseFixture
{
    protected TDatabase Database { get; } = database;

    private static readonly DateTime Jan1 = new(2026, 1, 1, 9, 30, 0, DateTimeKind.Utc);

    private async Task<T> WithDb<T>(Func<RapportDb, Task<T>> work)
    {
        await using var scope = Database.Scope();
        return await work(scope.ServiceProvider.GetRequiredService<RapportDb>());
    }

    private static Customer NewCustomer(string first, string last) => new()
    {
        FirstName = first, LastName = last, PreferredLanguage = "zh-CN", Country = "CN", CreatedAt = Jan1, UpdatedAt = Jan1,
        BirthDate = new DateOnly(1990, 5, 17),
        ContactPoints = [new ContactPoint { Kind = ContactKind.Email, Value = $"{first}@example.com", NormalizedValue = $"{first}@example.com".ToLowerInvariant(), IsPrimary = true, CreatedAt = Jan1 }],
        Consents = [new Consent { Channel = ConsentChannel.Email, Purpose = ConsentPurpose.Marketing, Status = ConsentStatus.Granted, Source = "web form", RecordedAt = Jan1 }],
    };

    [Fact]
    public async Task Migrations_create_the_schema_and_seed_every_role()
    {
        var roles = await WithDb(db => db.Roles.Select(r => r.Name!).OrderBy(n => n).ToListAsync());
        Assert.Equal(Roles.All.Order(), roles);
        var pending = await WithDb(db => db.Database.GetPendingMigrationsAsync());
        Assert.Empty(pending);
    }

    [Fact]
    public async Task A_customer_round_trips_with_contact_points_consent_and_utc_times()
    {
        var id = await WithDb(async db =>
        {
            var customer = NewCustomer("李", "娜");
            db.Customers.Add(customer);
            await db.SaveChangesAsync();
            return customer.Id;
        });
        var loaded = await WithDb(db => db.Customers.Include(c => c.ContactPoints).Include(c => c.Consents).SingleAsync(c => c.Id == id));
        Assert.Equal("李", loaded.FirstName);
        Assert.Equal(new DateOnly(1990, 5, 17), loaded.BirthDate);
        Assert.Equal(DateTimeKind.Utc, loaded.CreatedAt.Kind);
        Assert.Equal(Jan1, loaded.CreatedAt);
        Assert.Equal("李@example.com", Assert.Single(loaded.ContactPoints).Value);
        Assert.Equal(ConsentStatus.Granted, Assert.Single(loaded.Consents).Status);
    }

    [Fact]
    public async Task A_customer_stores_folded_name_keys_that_follow_edits_and_are_backfilled_for_old_rows()
    {
        var id = await WithDb(async db =>
        {
            var customer = NewCustomer("Émile", "O'Brien-Dubois");
            db.Customers.Add(customer);
            await db.SaveChangesAsync();
            return customer.Id;
        });
        Assert.Equal("emile obrien dubois", await ScalarAsync($"SELECT search_name FROM customers WHERE id = {id}"));
        Assert.Equal("obrien dubois emile", await ScalarAsync($"SELECT sort_name FROM customers WHERE id = {id}"));

        await WithDb(async db =>
        {
            var customer = await db.Customers.SingleAsync(c => c.Id == id);
            customer.LastName = "Ångström";
            return await db.SaveChangesAsync();
        });
        Assert.Equal("emile angstrom", await ScalarAsync($"SELECT search_name FROM customers WHERE id = {id}"));

        // A row written before the columns existed has them empty until the initializer fills them.
        await ScalarAsync($"UPDATE customers SET search_name = '', sort_name = '' WHERE id = {id}");
        await WithDb(async db => { await CustomerNameKeys.BackfillAsync(db, CancellationToken.None); return 0; });
        Assert.Equal("angstrom emile", await ScalarAsync($"SELECT sort_name FROM customers WHERE id = {id}"));
    }

    [Fact]
    public async Task Enums_are_stored_by_name_and_attributes_as_json()
    {
        var productId = await WithDb(async db =>
        {
            var product = new Product { Sku = $"SKU-{Guid.NewGuid():N}"[..20], Name = "Teapot", Category = "Kitchen", Price = 24.90m, CreatedAt = Jan1, Attributes = new() { ["colour"] = "blue", ["material"] = "porcelain" } };
            db.Products.Add(product);
            await db.SaveChangesAsync();
            return product.Id;
        });
        var product = await WithDb(db => db.Products.SingleAsync(p => p.Id == productId));
        Assert.Equal("porcelain", product.Attributes["material"]);
        Assert.Equal(24.90m, product.Price);

        await WithDb(async db =>
        {
            var customer = NewCustomer("Enum", "Check");
            customer.Orders.Add(new Order { OrderNumber = "E-1", OrderedAt = Jan1, Status = OrderStatus.PartiallyReturned, Channel = SalesChannel.Online, TotalAmount = 1 });
            db.Customers.Add(customer);
            await db.SaveChangesAsync();
            return 0;
        });
        var stored = await ScalarAsync("SELECT status FROM orders WHERE order_number = 'E-1'");
        Assert.Equal("PartiallyReturned", stored);
    }

    [Fact]
    public async Task Revenue_per_customer_aggregates_decimal_lines_in_the_database()
    {
        var (customerId, productId) = await WithDb(async db =>
        {
            var product = new Product { Sku = $"AGG-{Guid.NewGuid():N}"[..20], Name = "Mug", Category = "Kitchen", Price = 7.5m, CreatedAt = Jan1 };
            var customer = NewCustomer("Agg", "Regate");
            db.AddRange(product, customer);
            await db.SaveChangesAsync();
            return (customer.Id, product.Id);
        });
        await WithDb(async db =>
        {
            for (var i = 0; i < 3; i++)
            {
                var order = new Order { CustomerId = customerId, OrderNumber = $"AGG-{i}", OrderedAt = Jan1.AddDays(i), Status = OrderStatus.Completed, TotalAmount = 15m };
                order.Lines.Add(new OrderLine { CustomerId = customerId, ProductId = productId, LineNumber = 1, Quantity = 2, UnitPrice = 7.5m });
                db.Orders.Add(order);
            }
            return await db.SaveChangesAsync();
        });
        var revenue = await WithDb(db => db.OrderLines.Where(l => l.CustomerId == customerId)
            .GroupBy(l => l.CustomerId).Select(g => g.Sum(l => l.Quantity * l.UnitPrice)).SingleAsync());
        Assert.Equal(45m, revenue);
        var latest = await WithDb(db => db.Orders.Where(o => o.CustomerId == customerId).MaxAsync(o => o.OrderedAt));
        Assert.Equal(Jan1.AddDays(2), latest);
    }

    [Fact]
    public async Task Every_tracked_write_is_audited_with_personal_values_masked()
    {
        var id = await WithDb(async db =>
        {
            var customer = NewCustomer("Audit", "Subject");
            db.Customers.Add(customer);
            await db.SaveChangesAsync();
            customer.LastName = "Renamed";
            customer.JobTitle = "Buyer";
            await db.SaveChangesAsync();
            return customer.Id.ToString();
        });
        var entries = await WithDb(db => db.AuditEntries.Where(a => a.EntityType == nameof(Customer) && a.EntityId == id).OrderBy(a => a.Id).ToListAsync());
        Assert.Equal([AuditAction.Create, AuditAction.Update], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.StartsWith("system", e.UserName));
        Assert.DoesNotContain("Audit", entries[0].Changes);          // personal values never reach the audit log
        Assert.Contains("\"FirstName\":{\"after\":\"***\"}", entries[0].Changes);
        Assert.Contains("\"JobTitle\":{\"before\":null,\"after\":\"Buyer\"}", entries[1].Changes);
        Assert.DoesNotContain("Renamed", entries[1].Changes);
    }

    [Fact]
    public async Task A_failed_save_leaves_neither_data_nor_audit_behind()
    {
        var auditsBefore = await WithDb(db => db.AuditEntries.CountAsync());
        await Assert.ThrowsAsync<DbUpdateException>(() => WithDb(async db =>
        {
            db.Customers.Add(NewCustomer("Half", "Written"));
            // Violates the foreign key to products: the whole save must roll back.
            db.OrderLines.Add(new OrderLine { OrderId = 999_999, CustomerId = 999_999, ProductId = 999_999, Quantity = 1 });
            return await db.SaveChangesAsync();
        }));
        Assert.Equal(0, await WithDb(db => db.Customers.CountAsync(c => c.FirstName == "Half")));
        Assert.Equal(auditsBefore, await WithDb(db => db.AuditEntries.CountAsync()));
    }

    [Fact]
    public async Task Bulk_writes_are_all_or_nothing_and_ids_continue_after_them()
    {
        var bulk = Database.Services.GetRequiredService<IBulkWriter>();
        const long firstId = 500_000;
        var products = Enumerable.Range(0, 3).Select(i => new Product { Id = firstId + i, Sku = $"BULK-{i}", Name = $"Bulk {i}", Category = "Bulk", Price = 1.25m * i, CreatedAt = Jan1, Attributes = new() { ["n"] = i.ToString() } }).ToList();
        var customers = Enumerable.Range(0, 2000).Select(i => new Customer { Id = firstId + i, FirstName = $"B{i}", LastName = "Bulk", CreatedAt = Jan1, UpdatedAt = Jan1, Status = RecordStatus.Active }).ToList();
        var orders = customers.Select(c => new Order { Id = c.Id, CustomerId = c.Id, OrderNumber = $"B-{c.Id}", OrderedAt = Jan1, Status = OrderStatus.Completed, Channel = SalesChannel.Store, TotalAmount = 2.5m }).ToList();
        var lines = orders.SelectMany(o => Enumerable.Range(1, 5).Select(n => new OrderLine { Id = o.Id * 10 + n, OrderId = o.Id, CustomerId = o.CustomerId, ProductId = firstId + n % 3, LineNumber = n, Quantity = 1, UnitPrice = 0.5m })).ToList();

        await using (var abandoned = await bulk.BeginAsync())
        {
            await abandoned.WriteAsync(products);
            await abandoned.WriteAsync(customers);
        } // disposed without commit: rolled back
        Assert.Equal(0, await WithDb(db => db.Customers.CountAsync(c => c.LastName == "Bulk")));

        await using (var session = await bulk.BeginAsync())
        {
            Assert.Equal(3, await session.WriteAsync(products));
            Assert.Equal(2000, await session.WriteAsync(customers));
            Assert.Equal(2000, await session.WriteAsync(orders));
            Assert.Equal(10_000, await session.WriteAsync(lines));
            await session.CommitAsync();
        }
        Assert.Equal(10_000, await WithDb(db => db.OrderLines.CountAsync(l => l.CustomerId >= firstId)));
        var product = await WithDb(db => db.Products.SingleAsync(p => p.Sku == "BULK-2"));
        Assert.Equal("2", product.Attributes["n"]);
        Assert.Equal(2.5m, product.Price);
        var order = await WithDb(db => db.Orders.SingleAsync(o => o.Id == firstId + 7));
        Assert.Equal(DateTimeKind.Utc, order.OrderedAt.Kind);
        Assert.Equal(Jan1, order.OrderedAt);
        Assert.Equal(SalesChannel.Store, order.Channel);

        // The ORM's next id comes after the bulk-loaded ones (PostgreSQL sequences are moved on commit).
        var next = await WithDb(async db =>
        {
            var c = NewCustomer("After", "Bulk");
            db.Customers.Add(c);
            await db.SaveChangesAsync();
            return c.Id;
        });
        Assert.True(next > firstId + 1999, $"new id {next} collides with bulk-loaded ids");
    }

    [Fact]
    public async Task A_bulk_load_with_a_broken_reference_or_a_duplicate_key_loads_nothing()
    {
        var bulk = Database.Services.GetRequiredService<IBulkWriter>();
        var customer = new Customer { Id = 900_001, FirstName = "Ref", LastName = "Broken", CreatedAt = Jan1, UpdatedAt = Jan1 };
        var order = new Order { Id = 900_001, CustomerId = 900_001, OrderNumber = "RB-1", OrderedAt = Jan1, TotalAmount = 1m };
        var orphan = new OrderLine { Id = 900_001, OrderId = 900_001, CustomerId = 900_001, ProductId = 123_456_789, LineNumber = 1, Quantity = 1, UnitPrice = 1m };
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var session = await bulk.BeginAsync();
            await session.WriteAsync([customer]);
            await session.WriteAsync([order]);
            await session.WriteAsync([orphan]); // no such product
            await session.CommitAsync();
        });
        Assert.Equal(0, await WithDb(db => db.Customers.CountAsync(c => c.Id == 900_001)));

        var twins = new[] { "TWIN", "TWIN" }.Select((sku, i) => new Product { Id = 900_010 + i, Sku = sku, Name = "Twin", Category = "Dup", Price = 1m, CreatedAt = Jan1 }).ToList();
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var session = await bulk.BeginAsync();
            await session.WriteAsync(twins); // SKUs are unique
            await session.CommitAsync();
        });
        Assert.Equal(0, await WithDb(db => db.Products.CountAsync(p => p.Sku == "TWIN")));
    }

    [Fact]
    public async Task Deleting_an_order_removes_its_lines()
    {
        var orderId = await WithDb(async db =>
        {
            var product = new Product { Sku = $"DEL-{Guid.NewGuid():N}"[..20], Name = "Spoon", Category = "Kitchen", Price = 2m, CreatedAt = Jan1 };
            var customer = NewCustomer("Del", "Ete");
            db.AddRange(product, customer);
            await db.SaveChangesAsync();
            var order = new Order { CustomerId = customer.Id, OrderNumber = "DEL-1", OrderedAt = Jan1, TotalAmount = 2m };
            order.Lines.Add(new OrderLine { CustomerId = customer.Id, ProductId = product.Id, LineNumber = 1, Quantity = 1, UnitPrice = 2m });
            db.Orders.Add(order);
            await db.SaveChangesAsync();
            return order.Id;
        });
        await WithDb(db => db.Orders.Where(o => o.Id == orderId).ExecuteDeleteAsync());
        Assert.Equal(0, await WithDb(db => db.OrderLines.CountAsync(l => l.OrderId == orderId)));
    }

    protected async Task<object?> ScalarAsync(string sql)
    {
        await using var scope = Database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<RapportDb>();
        DbConnection connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}

public sealed class SqliteStorageTests(SqliteDatabase database) : StorageSuite<SqliteDatabase>(database)
{
    [Fact]
    public async Task The_embedded_database_runs_in_wal_mode()
        => Assert.Equal("wal", await ScalarAsync("PRAGMA journal_mode"));
}

public sealed class PostgresStorageTests(PostgresDatabase database) : StorageSuite<PostgresDatabase>(database);
