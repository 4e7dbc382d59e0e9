using System.Data.Common;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Core.Domain;
using Rapport.Core.Storage;
using Rapport.Data.Encryption;

namespace Rapport.Data.Tests;

/// <summary>
/// Field encryption on every provider: personal values are ciphertext in the raw database (file bytes for SQLite,
/// table text for PostgreSQL) yet plain through the app, exact lookups work through the blind index, rotation moves
/// every value to the new key while a stale process still reads, and a tampered value fails loudly.
/// </summary>
public abstract class FieldEncryptionSuite<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : DatabaseFixture
{
    private static readonly DateTime Jan1 = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    protected TDatabase Database => database;

    /// <summary>The personal values of one customer, unique per test so a search of the raw database means something.</summary>
    private sealed record Secrets(string Email, string Phone, string PhoneNormalized, string Street, string PostalCode, string Note, string Ticket, string Message, string Comment)
    {
        public static Secrets New()
        {
            var tag = Guid.NewGuid().ToString("N")[..10];
            var digits = string.Concat(Guid.NewGuid().ToByteArray().Take(4).Select(b => (b % 10).ToString()));
            return new($"grace.{tag}@example.com", $"+44 20 7946 {digits}", $"44207946{digits}", $"{tag} Lovelace Road", $"ZX{tag[..4]}",
                $"Grace said the kettle {tag} leaks", $"Refund {tag} please", $"Message {tag} from Grace", $"Lovely {tag}");
        }

        public IEnumerable<string> All => [Email, Phone, Street, PostalCode, Note, Ticket, Message, Comment];
    }

    private static Customer NewCustomer(Secrets s, long id = 0) => new()
    {
        Id = id, FirstName = "Grace", LastName = "Hopper", BirthDate = new DateOnly(1906, 12, 9), Country = "GB", CreatedAt = Jan1, UpdatedAt = Jan1,
        ContactPoints =
        [
            new ContactPoint { Id = id == 0 ? 0 : id * 10 + 1, CustomerId = id == 0 ? null : id, Kind = ContactKind.Email, Value = s.Email, NormalizedValue = s.Email, IsPrimary = true, CreatedAt = Jan1 },
            new ContactPoint { Id = id == 0 ? 0 : id * 10 + 2, CustomerId = id == 0 ? null : id, Kind = ContactKind.Phone, Value = s.Phone, NormalizedValue = s.PhoneNormalized, Country = "GB", CreatedAt = Jan1 },
            new ContactPoint { Id = id == 0 ? 0 : id * 10 + 3, CustomerId = id == 0 ? null : id, Kind = ContactKind.Address, Value = s.Street, PostalCode = s.PostalCode, City = "London", Country = "GB", CreatedAt = Jan1 },
        ],
    };

    private async Task<long> CreateThroughTheOrmAsync(Secrets s)
    {
        await using var scope = database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<RapportDb>();
        var customer = NewCustomer(s);
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        db.Interactions.Add(new Interaction { CustomerId = customer.Id, Kind = InteractionKind.Note, OccurredAt = Jan1, Subject = "Call", Body = s.Note });
        db.Feedback.Add(new Feedback { CustomerId = customer.Id, Kind = FeedbackKind.Nps, Score = 9, Comment = s.Comment, SubmittedAt = Jan1 });
        db.Tickets.Add(new Ticket
        {
            CustomerId = customer.Id, Subject = "Refund", Description = s.Ticket, CreatedAt = Jan1,
            Messages = [new TicketMessage { FromCustomer = true, Body = s.Message, SentAt = Jan1 }],
        });
        await db.SaveChangesAsync();
        return customer.Id;
    }

    private async Task<long> CreateThroughTheBulkWriterAsync(Secrets s)
    {
        await using var session = await database.Services.GetRequiredService<IBulkWriter>().BeginAsync();
        var id = await session.NextIdAsync<Customer>() + 1000;
        var customer = NewCustomer(s, id);
        await session.WriteAsync([customer]);
        await session.WriteAsync(customer.ContactPoints);
        await session.WriteAsync([new Interaction { Id = await session.NextIdAsync<Interaction>() + 1000, CustomerId = id, Kind = InteractionKind.Note, OccurredAt = Jan1, Subject = "Bulk", Body = s.Note }]);
        await session.WriteAsync([new Feedback { Id = await session.NextIdAsync<Feedback>() + 1000, CustomerId = id, Kind = FeedbackKind.Csat, Score = 4, Comment = s.Comment, SubmittedAt = Jan1 }]);
        var ticketId = await session.NextIdAsync<Ticket>() + 1000;
        await session.WriteAsync([new Ticket { Id = ticketId, CustomerId = id, Subject = "Bulk", Description = s.Ticket, CreatedAt = Jan1 }]);
        await session.WriteAsync([new TicketMessage { Id = await session.NextIdAsync<TicketMessage>() + 1000, TicketId = ticketId, FromCustomer = true, Body = s.Message, SentAt = Jan1 }]);
        await session.CommitAsync();
        return id;
    }

    /// <summary>Whether <paramref name="plaintext"/> occurs anywhere in the stored database, below the app.</summary>
    protected abstract Task<bool> RawDatabaseContainsAsync(string plaintext);

    private async Task<T> WithDbAsync<T>(Func<RapportDb, Task<T>> work)
    {
        await using var scope = database.Scope();
        return await work(scope.ServiceProvider.GetRequiredService<RapportDb>());
    }

    private async Task AssertReadsBackAsync(long id, Secrets s)
    {
        var customer = await WithDbAsync(db => db.Customers.AsNoTracking().Include(c => c.ContactPoints).SingleAsync(c => c.Id == id));
        Assert.Equal(new DateOnly(1906, 12, 9), customer.BirthDate);
        Assert.Equal(s.Email, customer.ContactPoints.Single(p => p.Kind == ContactKind.Email).Value);
        Assert.Equal(s.Phone, customer.ContactPoints.Single(p => p.Kind == ContactKind.Phone).Value);
        var address = customer.ContactPoints.Single(p => p.Kind == ContactKind.Address);
        Assert.Equal((s.Street, s.PostalCode), (address.Value, address.PostalCode));
        Assert.Equal(s.Note, await WithDbAsync(db => db.Interactions.Where(i => i.CustomerId == id).Select(i => i.Body).SingleAsync()));
        Assert.Equal(s.Comment, await WithDbAsync(db => db.Feedback.Where(f => f.CustomerId == id).Select(f => f.Comment).SingleAsync()));
        var ticket = await WithDbAsync(db => db.Tickets.AsNoTracking().Include(t => t.Messages).SingleAsync(t => t.CustomerId == id));
        Assert.Equal((s.Ticket, s.Message), (ticket.Description, ticket.Messages.Single().Body));
    }

    private Task<List<long>> FindByAsync(ContactKind kind, params string[] normalized)
        => WithDbAsync(db => db.ContactPoints.Where(p => p.Kind == kind && normalized.Contains(p.NormalizedValue!)).Select(p => p.CustomerId!.Value).ToListAsync());

    [Fact]
    public async Task Personal_values_are_ciphertext_in_the_raw_database_whoever_wrote_them_and_plain_through_the_app()
    {
        var viaOrm = Secrets.New();
        var viaBulk = Secrets.New();
        var ormId = await CreateThroughTheOrmAsync(viaOrm);
        var bulkId = await CreateThroughTheBulkWriterAsync(viaBulk);

        foreach (var secret in viaOrm.All.Concat(viaBulk.All).Append(viaOrm.PhoneNormalized))
            Assert.False(await RawDatabaseContainsAsync(secret), $"'{secret}' is stored in plain text.");
        Assert.True(await RawDatabaseContainsAsync("Hopper"), "the raw search finds what is stored in plain text (names stay plain)");

        await AssertReadsBackAsync(ormId, viaOrm);
        await AssertReadsBackAsync(bulkId, viaBulk);
        // Exact lookups go through the blind index: the parameter is hashed like the column.
        Assert.Equal([ormId], await FindByAsync(ContactKind.Email, viaOrm.Email));
        Assert.Equal([bulkId], await FindByAsync(ContactKind.Email, viaBulk.Email));
        Assert.Equal([bulkId, ormId], (await FindByAsync(ContactKind.Phone, viaOrm.PhoneNormalized, viaBulk.PhoneNormalized)).Order().Reverse());
        Assert.Empty(await FindByAsync(ContactKind.Email, "nobody@example.com"));
    }

    [Fact]
    public async Task Rotation_moves_every_value_to_the_new_key_while_a_stale_process_keeps_reading_and_retires_the_old_key()
    {
        var s = Secrets.New();
        var id = await CreateThroughTheOrmAsync(s);
        var bulkSecrets = Secrets.New();
        var bulkId = await CreateThroughTheBulkWriterAsync(bulkSecrets);

        // A second process on the same database, with the key ring as it was before the rotation.
        await using var stale = new ServiceCollection().AddLogging().AddRapportData(database.Options).BuildServiceProvider();
        await using (var scope = stale.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        var oldData = stale.GetRequiredService<FieldKeyRing>().ActiveDataKeyId!;
        var oldIndex = stale.GetRequiredService<FieldKeyRing>().ActiveIndexKeyId!;

        var lines = new List<string>();
        FieldKeyRotation.Outcome outcome;
        await using (var scope = database.Scope())
            outcome = await scope.ServiceProvider.GetRequiredService<FieldKeyRotation>().RotateAsync(indexKey: true, lines.Add);

        Assert.False(outcome.Resumed);
        Assert.NotEqual(oldData, outcome.DataKeyId);
        Assert.NotEqual(oldIndex, outcome.IndexKeyId);
        Assert.Contains(oldData, outcome.Retired);
        Assert.Contains(oldIndex, outcome.Retired);
        Assert.Empty(outcome.StillInUse);
        Assert.Contains(lines, l => l.StartsWith("contact_points: ", StringComparison.Ordinal));

        // Every stored value now carries the new key id.
        var stored = await StoredProtectedValuesAsync();
        Assert.NotEmpty(stored);
        Assert.All(stored, v => Assert.Equal(FieldCipher.IsBlindIndex(v) ? outcome.IndexKeyId : outcome.DataKeyId, FieldCipher.KeyIdOf(v)));

        // Still plain through the app, still found by e-mail — and by the stale process, which learns the new key on meeting it.
        await AssertReadsBackAsync(id, s);
        Assert.Equal([id], await FindByAsync(ContactKind.Email, s.Email));
        await using (var scope = stale.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RapportDb>();
            Assert.Equal(s.Email, await db.ContactPoints.Where(p => p.CustomerId == id && p.Kind == ContactKind.Email).Select(p => p.Value).SingleAsync());
            Assert.Equal(outcome.DataKeyId, stale.GetRequiredService<FieldKeyRing>().ActiveDataKeyId);
            Assert.Equal([id], await db.ContactPoints.Where(p => p.NormalizedValue == s.Email).Select(p => p.CustomerId!.Value).ToListAsync());
        }
        var keys = await WithDbAsync(db => db.FieldKeys.AsNoTracking().ToListAsync());
        Assert.NotNull(keys.Single(k => k.Id == oldData).RetiredAt);
        Assert.Single(keys, k => k.IsActive && k.Purpose == FieldKeyPurpose.Data);

        // Interrupted after the new key was made: a second run resumes with that key instead of making another.
        await WithDbAsync(db => db.FieldKeys.Where(k => k.Id == outcome.DataKeyId).ExecuteUpdateAsync(u => u.SetProperty(k => k.SweptAt, (DateTime?)null)));
        await using (var scope = database.Scope())
        {
            var again = await scope.ServiceProvider.GetRequiredService<FieldKeyRotation>().RotateAsync(indexKey: false, _ => { });
            Assert.True(again.Resumed);
            Assert.Equal(outcome.DataKeyId, again.DataKeyId);
            Assert.Equal(0, again.ValuesRewritten); // nothing left to do: idempotent
        }
        await AssertReadsBackAsync(bulkId, bulkSecrets);
    }

    [Fact]
    public async Task A_tampered_ciphertext_fails_loudly_naming_the_integrity_check()
    {
        var s = Secrets.New();
        var id = await CreateThroughTheOrmAsync(s);
        var table = "feedback";
        var stored = (string)(await ScalarAsync($"SELECT comment FROM {table} WHERE customer_id = {id}"))!;
        Assert.True(FieldCipher.IsCiphertext(stored));
        var cut = stored.LastIndexOf(':') + 1;
        var payload = Convert.FromBase64String(stored[cut..]);
        payload[^1] ^= 0x40; // one bit of the tag
        await ScalarAsync($"UPDATE {table} SET comment = '{stored[..cut] + Convert.ToBase64String(payload)}' WHERE customer_id = {id}");

        var error = await Assert.ThrowsAnyAsync<Exception>(() => WithDbAsync(db => db.Feedback.Where(f => f.CustomerId == id).Select(f => f.Comment).SingleAsync()));
        var decryption = error as FieldDecryptionException ?? error.InnerException as FieldDecryptionException;
        Assert.NotNull(decryption);
        Assert.Contains("integrity check (AES-GCM tag)", decryption.Message);
    }

    /// <summary>Every non-empty value of every encrypted or blind-indexed column, as stored.</summary>
    private async Task<List<string>> StoredProtectedValuesAsync()
    {
        var values = new List<string>();
        await using var scope = database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<RapportDb>();
        foreach (var column in FieldSweep.Columns(db.Model))
        {
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT \"{column.Name}\" FROM \"{column.Table}\" WHERE \"{column.Name}\" IS NOT NULL AND \"{column.Name}\" <> ''";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) values.Add(reader.GetString(0));
        }
        return values;
    }

    protected async Task<object?> ScalarAsync(string sql)
    {
        await using var scope = database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<RapportDb>();
        DbConnection connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}

public sealed class SqliteFieldEncryptionTests(SqliteDatabase database) : FieldEncryptionSuite<SqliteDatabase>(database)
{
    /// <summary>The file's bytes (and the write-ahead log's, after a checkpoint), searched for the UTF-8 text.</summary>
    protected override async Task<bool> RawDatabaseContainsAsync(string plaintext)
    {
        await ScalarAsync("PRAGMA wal_checkpoint(TRUNCATE)");
        var needle = Encoding.UTF8.GetBytes(plaintext);
        foreach (var file in new[] { Database.FilePath, Database.FilePath + "-wal" })
        {
            if (!File.Exists(file)) continue;
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var memory = new MemoryStream();
            await stream.CopyToAsync(memory);
            if (memory.GetBuffer().AsSpan(0, (int)memory.Length).IndexOf(needle) >= 0) return true;
        }
        return false;
    }
}

public sealed class PostgresFieldEncryptionTests(PostgresDatabase database) : FieldEncryptionSuite<PostgresDatabase>(database)
{
    /// <summary>Every row of the tables that hold people's data, as PostgreSQL's text form of the whole row.</summary>
    protected override async Task<bool> RawDatabaseContainsAsync(string plaintext)
    {
        foreach (var table in new[] { "customers", "contact_points", "interactions", "feedback", "tickets", "ticket_messages", "audit_entries" })
        {
            var found = await ScalarAsync($"SELECT COUNT(*) FROM {table} t WHERE position('{plaintext.Replace("'", "''")}' in t::text) > 0");
            if (Convert.ToInt64(found) > 0) return true;
        }
        return false;
    }

    [Fact]
    public async Task The_contact_value_column_holds_only_ciphertext_and_the_lookup_column_only_keyed_hashes()
    {
        await using var scope = Database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<RapportDb>();
        db.Customers.Add(new Customer { FirstName = "Ada", LastName = "King", CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
            ContactPoints = [new ContactPoint { Kind = ContactKind.Email, Value = "ada.king@example.org", NormalizedValue = "ada.king@example.org", CreatedAt = DateTime.UtcNow }] });
        await db.SaveChangesAsync();
        var values = await db.Database.SqlQueryRaw<string>("SELECT value AS \"Value\" FROM contact_points").ToListAsync();
        var hashes = await db.Database.SqlQueryRaw<string>("SELECT normalized_value AS \"Value\" FROM contact_points WHERE normalized_value IS NOT NULL").ToListAsync();
        Assert.NotEmpty(values);
        Assert.All(values, v => Assert.StartsWith(FieldCipher.CipherPrefix, v));
        Assert.All(hashes, v => Assert.StartsWith(FieldCipher.IndexPrefix, v));
    }
}
