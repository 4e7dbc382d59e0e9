using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Core.Domain;
using Rapport.Core.Storage;

namespace Rapport.Data.Tests;

/// <summary>
/// Bulk loads into empty tables take the fast path (indexes and foreign keys set aside and restored at commit);
/// each test gets a fresh database so that path is the one exercised, on every provider.
/// </summary>
public abstract class EmptyDatabaseBulkSuite<TDatabase> where TDatabase : DatabaseFixture, new()
{
    private static readonly DateTime Jan1 = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static async Task<TDatabase> FreshAsync()
    {
        var database = new TDatabase();
        await database.InitializeAsync();
        return database;
    }

    [Fact]
    public async Task A_broken_reference_fails_the_commit_and_the_schema_is_intact_afterwards()
    {
        var database = await FreshAsync();
        try
        {
            var bulk = database.Services.GetRequiredService<IBulkWriter>();
            await Assert.ThrowsAnyAsync<Exception>(async () =>
            {
                await using var session = await bulk.BeginAsync();
                await session.WriteAsync([new Customer { Id = 1, FirstName = "A", LastName = "B", CreatedAt = Jan1, UpdatedAt = Jan1 }]);
                await session.WriteAsync([new Order { Id = 1, CustomerId = 1, OrderNumber = "1", OrderedAt = Jan1 }]);
                await session.WriteAsync([new OrderLine { Id = 1, OrderId = 1, CustomerId = 1, ProductId = 42, LineNumber = 1, Quantity = 1 }]);
                await session.CommitAsync();
            });

            await using var scope = database.Scope();
            var db = scope.ServiceProvider.GetRequiredService<RapportDb>();
            Assert.Equal(0, await db.Customers.CountAsync());
            // The foreign key and the unique index are back: the ORM is refused the same mistakes.
            db.OrderLines.Add(new OrderLine { OrderId = 77, CustomerId = 77, ProductId = 77, Quantity = 1 });
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
            db.ChangeTracker.Clear();
            db.Products.AddRange(new Product { Sku = "DUP", Name = "x", Category = "c", CreatedAt = Jan1 }, new Product { Sku = "DUP", Name = "y", Category = "c", CreatedAt = Jan1 });
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }
        finally
        {
            await database.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_good_load_restores_indexes_and_keys()
    {
        var database = await FreshAsync();
        try
        {
            var bulk = database.Services.GetRequiredService<IBulkWriter>();
            await using (var session = await bulk.BeginAsync())
            {
                await session.WriteAsync([new Product { Id = 1, Sku = "P1", Name = "p", Category = "c", Price = 2m, CreatedAt = Jan1 }]);
                await session.WriteAsync(Enumerable.Range(1, 100).Select(i => new Customer { Id = i, FirstName = $"F{i}", LastName = "L", CreatedAt = Jan1, UpdatedAt = Jan1 }).ToList());
                await session.WriteAsync(Enumerable.Range(1, 100).Select(i => new Order { Id = i, CustomerId = i, OrderNumber = $"O{i}", OrderedAt = Jan1.AddDays(i) }).ToList());
                await session.WriteAsync(Enumerable.Range(1, 100).Select(i => new OrderLine { Id = i, OrderId = i, CustomerId = i, ProductId = 1, LineNumber = 1, Quantity = 2, UnitPrice = 2m }).ToList());
                await session.CommitAsync();
            }
            await using var scope = database.Scope();
            var db = scope.ServiceProvider.GetRequiredService<RapportDb>();
            Assert.Equal(100, await db.OrderLines.CountAsync(l => l.ProductId == 1));
            Assert.Equal(400m, await db.OrderLines.SumAsync(l => l.Quantity * l.UnitPrice));
            db.Products.Add(new Product { Sku = "P1", Name = "again", Category = "c", CreatedAt = Jan1 });
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync()); // SKU index is unique again
        }
        finally
        {
            await database.DisposeAsync();
        }
    }
}

public sealed class SqliteEmptyDatabaseBulkTests : EmptyDatabaseBulkSuite<SqliteDatabase>;

public sealed class PostgresEmptyDatabaseBulkTests : EmptyDatabaseBulkSuite<PostgresDatabase>;
