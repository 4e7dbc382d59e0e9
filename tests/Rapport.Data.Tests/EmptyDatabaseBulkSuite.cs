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

    [Fact]
    public async Task References_to_rows_that_were_there_before_the_load_are_accepted()
    {
        var database = await FreshAsync();
        try
        {
            long productId;
            await using (var scope = database.Scope())
            {
                var db = scope.ServiceProvider.GetRequiredService<RapportDb>();
                var product = new Product { Sku = "OLD", Name = "there before", Category = "c", Price = 3m, CreatedAt = Jan1 };
                db.Products.Add(product);
                await db.SaveChangesAsync();
                productId = product.Id;
            }
            var bulk = database.Services.GetRequiredService<IBulkWriter>();
            await using (var session = await bulk.BeginAsync())
            {
                await session.WriteAsync(Enumerable.Range(1, 5000).Select(i => new Customer { Id = i, FirstName = "F", LastName = "L", CreatedAt = Jan1, UpdatedAt = Jan1 }));
                await session.WriteAsync(Enumerable.Range(1, 5000).Select(i => new Order { Id = i, CustomerId = i, OrderNumber = $"O{i}", OrderedAt = Jan1 }));
                await session.WriteAsync(Enumerable.Range(1, 5000).Select(i => new OrderLine { Id = i, OrderId = i, CustomerId = i, ProductId = productId, LineNumber = 1, Quantity = 1, UnitPrice = 3m }));
                await session.CommitAsync();
            }
            await using (var scope = database.Scope())
                Assert.Equal(5000, await scope.ServiceProvider.GetRequiredService<RapportDb>().OrderLines.CountAsync(l => l.ProductId == productId));
        }
        finally
        {
            await database.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_session_whose_write_failed_cannot_commit_the_rows_written_before()
    {
        var database = await FreshAsync();
        try
        {
            var bulk = database.Services.GetRequiredService<IBulkWriter>();
            await using (var session = await bulk.BeginAsync())
            {
                await session.WriteAsync(Streamed(10_000));
                await Assert.ThrowsAnyAsync<Exception>(() => session.WriteAsync(Streamed(10_000))); // the same ids again
                await Assert.ThrowsAnyAsync<Exception>(() => session.CommitAsync());
            }
            await using var scope = database.Scope();
            Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<RapportDb>().Customers.CountAsync());
        }
        finally
        {
            await database.DisposeAsync();
        }
    }

    /// <summary>Enough rows for many batches, streamed (no count known up front), optionally broken at one row.</summary>
    private static IEnumerable<Customer> Streamed(int rows, int? throwAt = null, int? duplicateAt = null)
    {
        for (var i = 1; i <= rows; i++)
        {
            if (i == throwAt) throw new InvalidOperationException("the source broke");
            yield return new Customer
            {
                Id = i == duplicateAt ? i - 1 : i, FirstName = $"Ünïcødé {i} 😀", LastName = i % 7 == 0 ? "" : "L",
                Country = i % 3 == 0 ? null : "DE", BirthDate = i % 5 == 0 ? null : new DateOnly(1950 + i % 50, 1 + i % 12, 1 + i % 28), CreatedAt = Jan1.AddTicks(i * 1_234_560L) /* whole microseconds: PostgreSQL keeps no more */, UpdatedAt = Jan1,
                Status = (RecordStatus)(i % 2),
            };
        }
    }

    [Fact]
    public async Task A_large_streamed_load_that_fails_part_way_loads_nothing_and_a_good_one_reads_back()
    {
        var database = await FreshAsync();
        try
        {
            var bulk = database.Services.GetRequiredService<IBulkWriter>();
            foreach (var broken in new[] { Streamed(50_000, throwAt: 31_000), Streamed(50_000, duplicateAt: 27_000) })
            {
                await Assert.ThrowsAnyAsync<Exception>(async () =>
                {
                    await using var session = await bulk.BeginAsync();
                    await session.WriteAsync(broken);
                    await session.CommitAsync();
                });
                await using var scope = database.Scope();
                Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<RapportDb>().Customers.CountAsync());
            }

            await using (var session = await bulk.BeginAsync())
            {
                Assert.Equal(50_000, await session.WriteAsync(Streamed(50_000)));
                await session.CommitAsync();
            }
            await using (var scope = database.Scope())
            {
                var db = scope.ServiceProvider.GetRequiredService<RapportDb>();
                var expected = Streamed(50_000).ToList();
                var loaded = await db.Customers.AsNoTracking().OrderBy(c => c.Id).ToListAsync();
                Assert.Equal(expected.Select(c => (c.Id, c.FirstName, c.LastName, c.Country, c.BirthDate, c.CreatedAt, c.Status)),
                             loaded.Select(c => (c.Id, c.FirstName, c.LastName, c.Country, c.BirthDate, c.CreatedAt, c.Status)));
                Assert.All(loaded, c => Assert.Equal(DateTimeKind.Utc, c.CreatedAt.Kind));
            }
        }
        finally
        {
            await database.DisposeAsync();
        }
    }
}

public sealed class SqliteEmptyDatabaseBulkTests : EmptyDatabaseBulkSuite<SqliteDatabase>;

public sealed class PostgresEmptyDatabaseBulkTests : EmptyDatabaseBulkSuite<PostgresDatabase>;
