using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Core.Domain;
using Rapport.Data.Encryption;

namespace Rapport.Data.Tests;

/// <summary>
/// A database from before field encryption (plain personal values, no keys): the next start encrypts it in place.
/// Its own fixture, because it removes the keys the fixture's services hold.
/// </summary>
public abstract class FieldEncryptionUpgradeSuite<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : DatabaseFixture
{
    private static readonly DateTime Jan1 = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task The_initializer_encrypts_the_plain_values_of_an_older_database_and_lookups_keep_working()
    {
        long id;
        await using (var scope = database.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RapportDb>();
            var customer = new Customer
            {
                FirstName = "Old", LastName = "Timer", CreatedAt = Jan1, UpdatedAt = Jan1,
                ContactPoints = [new ContactPoint { Kind = ContactKind.Email, Value = "x", CreatedAt = Jan1 }, new ContactPoint { Kind = ContactKind.Address, Value = "x", CreatedAt = Jan1 }],
            };
            db.Customers.Add(customer);
            await db.SaveChangesAsync();
            id = customer.Id;
            db.Interactions.Add(new Interaction { CustomerId = id, Kind = InteractionKind.Note, OccurredAt = Jan1, Subject = "Old", Body = "x" });
            await db.SaveChangesAsync();
            // Back to how a database before this change stored them: plain text, and no key ring at all.
            await db.Database.ExecuteSqlRawAsync("UPDATE customers SET birth_date = '1950-03-04' WHERE id = {0}", id);
            await db.Database.ExecuteSqlRawAsync("UPDATE contact_points SET value = 'old.timer@example.net', normalized_value = 'old.timer@example.net' WHERE customer_id = {0} AND kind = 'Email'", id);
            await db.Database.ExecuteSqlRawAsync("UPDATE contact_points SET value = '7 Old Street', postal_code = 'OL1 1DS', normalized_value = NULL WHERE customer_id = {0} AND kind = 'Address'", id);
            await db.Database.ExecuteSqlRawAsync("UPDATE interactions SET body = 'Old note about the kettle' WHERE customer_id = {0}", id);
            await db.Database.ExecuteSqlRawAsync("DELETE FROM field_keys");
        }

        await using var restarted = new ServiceCollection().AddLogging().AddRapportData(database.Options).BuildServiceProvider();
        await using (var scope = restarted.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();

        await using (var scope = restarted.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RapportDb>();
            var ring = restarted.GetRequiredService<FieldKeyRing>();
            var raw = await db.Database.SqlQueryRaw<string>("SELECT value AS \"Value\" FROM contact_points WHERE customer_id = {0}", id).ToListAsync();
            raw.Add(await db.Database.SqlQueryRaw<string>("SELECT birth_date AS \"Value\" FROM customers WHERE id = {0}", id).SingleAsync());
            raw.Add(await db.Database.SqlQueryRaw<string>("SELECT postal_code AS \"Value\" FROM contact_points WHERE customer_id = {0} AND kind = 'Address'", id).SingleAsync());
            raw.Add(await db.Database.SqlQueryRaw<string>("SELECT body AS \"Value\" FROM interactions WHERE customer_id = {0}", id).SingleAsync());
            Assert.All(raw, v => Assert.Equal(ring.ActiveDataKeyId, FieldCipher.KeyIdOf(v)));
            var index = await db.Database.SqlQueryRaw<string>("SELECT normalized_value AS \"Value\" FROM contact_points WHERE customer_id = {0} AND kind = 'Email'", id).SingleAsync();
            Assert.Equal(ring.ActiveIndexKeyId, FieldCipher.KeyIdOf(index));

            var customer = await db.Customers.AsNoTracking().Include(c => c.ContactPoints).SingleAsync(c => c.Id == id);
            Assert.Equal(new DateOnly(1950, 3, 4), customer.BirthDate);
            Assert.Equal("old.timer@example.net", customer.ContactPoints.Single(p => p.Kind == ContactKind.Email).Value);
            Assert.Equal(("7 Old Street", "OL1 1DS"), customer.ContactPoints.Where(p => p.Kind == ContactKind.Address).Select(p => (p.Value, p.PostalCode!)).Single());
            Assert.Equal("Old note about the kettle", await db.Interactions.Where(i => i.CustomerId == id).Select(i => i.Body).SingleAsync());
            Assert.Equal([id], await db.ContactPoints.Where(p => p.NormalizedValue == "old.timer@example.net").Select(p => p.CustomerId!.Value).ToListAsync());
            Assert.NotNull((await db.FieldKeys.SingleAsync(k => k.Purpose == FieldKeyPurpose.Data)).SweptAt);
        }
    }
}

public sealed class SqliteFieldEncryptionUpgradeTests(SqliteDatabase database) : FieldEncryptionUpgradeSuite<SqliteDatabase>(database);

public sealed class PostgresFieldEncryptionUpgradeTests(PostgresDatabase database) : FieldEncryptionUpgradeSuite<PostgresDatabase>(database);
