using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Core.Domain;
using Rapport.Data.Audit;

namespace Rapport.Data.Tests;

/// <summary>
/// The audit log is a hash chain: ordinary writes keep it intact, and editing or deleting an entry behind the
/// application's back is found by the verifier, on every provider. Each test gets a fresh database.
/// </summary>
public abstract class AuditChainSuite<TDatabase> where TDatabase : DatabaseFixture, new()
{
    private static readonly DateTime Jan1 = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static async Task<TDatabase> FreshAsync()
    {
        var database = new TDatabase();
        await database.InitializeAsync();
        return database;
    }

    /// <summary>Creates, changes and deletes customers through the ORM: audit entries after the seeded roles.</summary>
    private static async Task WriteHistoryAsync(TDatabase database)
    {
        await using var scope = database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<RapportDb>();
        var first = new Customer { FirstName = "Ada", LastName = "Lovelace", CreatedAt = Jan1, UpdatedAt = Jan1 };
        var second = new Customer { FirstName = "Alan", LastName = "Turing", CreatedAt = Jan1, UpdatedAt = Jan1 };
        db.Customers.AddRange(first, second);
        await db.SaveChangesAsync();
        first.Country = "GB";
        await db.SaveChangesAsync();
        db.Customers.Remove(second);
        await db.SaveChangesAsync();
    }

    private static async Task<AuditVerification> VerifyAsync(TDatabase database)
    {
        await using var scope = database.Scope();
        return await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync();
    }

    private static async Task ExecuteAsync(TDatabase database, string sql)
    {
        await using var scope = database.Scope();
        await scope.ServiceProvider.GetRequiredService<RapportDb>().Database.ExecuteSqlRawAsync(sql);
    }

    private static async Task<List<AuditEntry>> EntriesAsync(TDatabase database)
    {
        await using var scope = database.Scope();
        return await scope.ServiceProvider.GetRequiredService<RapportDb>().AuditEntries.AsNoTracking().OrderBy(a => a.Sequence).ToListAsync();
    }

    [Fact]
    public async Task Ordinary_writes_keep_the_chain_intact()
    {
        var database = await FreshAsync();
        try
        {
            await WriteHistoryAsync(database);
            var entries = await EntriesAsync(database);
            Assert.Equal(Enumerable.Range(1, entries.Count).Select(i => (long)i), entries.Select(e => e.Sequence));
            Assert.Equal("", entries[0].PreviousHash);
            for (var i = 1; i < entries.Count; i++) Assert.Equal(entries[i - 1].Hash, entries[i].PreviousHash);
            Assert.All(entries, e => Assert.Matches("^[0-9a-f]{64}$", e.Hash));
            Assert.Contains(entries, e => e.EntityType == nameof(Customer) && e.Action == AuditAction.Delete);
            var result = await VerifyAsync(database);
            Assert.True(result.IsIntact, string.Join("; ", result.Problems));
            Assert.Equal(entries.Count, result.EntriesChecked);
        }
        finally
        {
            await database.DisposeAsync();
        }
    }

    [Fact]
    public async Task An_edited_entry_is_found()
    {
        var database = await FreshAsync();
        try
        {
            await WriteHistoryAsync(database);
            var target = (await EntriesAsync(database)).Last(e => e.Action == AuditAction.Update);
            await ExecuteAsync(database, $"UPDATE audit_entries SET user_name = 'someone else' WHERE id = {target.Id}");
            var result = await VerifyAsync(database);
            Assert.False(result.IsIntact);
            var problem = Assert.Single(result.Problems);
            Assert.Equal(target.Sequence, problem.Sequence);
            Assert.Contains("hash mismatch", problem.Problem, StringComparison.Ordinal);
        }
        finally
        {
            await database.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_deleted_entry_is_found_and_so_is_a_forged_replacement()
    {
        var database = await FreshAsync();
        try
        {
            await WriteHistoryAsync(database);
            var entries = await EntriesAsync(database);
            var victim = entries[^2];
            await ExecuteAsync(database, $"DELETE FROM audit_entries WHERE id = {victim.Id}");
            var result = await VerifyAsync(database);
            Assert.Contains(result.Problems, p => p.Sequence == victim.Sequence && p.Problem.Contains("missing", StringComparison.Ordinal));
            Assert.Contains(result.Problems, p => p.Sequence == victim.Sequence + 1 && p.Problem.Contains("does not link", StringComparison.Ordinal));

            // Putting a made-up entry in the gap does not help: its hash cannot match what the next entry recorded.
            await ExecuteAsync(database, $"INSERT INTO audit_entries (occurred_at, action, entity_type, sequence, previous_hash, hash) " +
                                         $"VALUES ('2026-01-01 00:00:00', 'Create', 'Customer', {victim.Sequence}, '{victim.PreviousHash}', '{new string('0', 64)}')");
            var forged = await VerifyAsync(database);
            Assert.Contains(forged.Problems, p => p.Sequence == victim.Sequence && p.Problem.Contains("hash mismatch", StringComparison.Ordinal));
            Assert.Contains(forged.Problems, p => p.Sequence == victim.Sequence + 1 && p.Problem.Contains("does not link", StringComparison.Ordinal));
        }
        finally
        {
            await database.DisposeAsync();
        }
    }

    [Fact]
    public async Task Entries_from_before_the_chain_are_sealed_once_at_start_up()
    {
        var database = await FreshAsync();
        try
        {
            await WriteHistoryAsync(database);
            // What the upgrade migration leaves: empty hashes, positions taken from ids (with gaps), and no anchor yet.
            await ExecuteAsync(database, "UPDATE audit_entries SET hash = '', previous_hash = '', sequence = 1000000 + id * 10");
            await ExecuteAsync(database, "DELETE FROM audit_anchors");
            await ExecuteAsync(database, "DELETE FROM secret_keys");
            Assert.False((await VerifyAsync(database)).IsIntact);
            await using (var scope = database.Scope())
                await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
            var result = await VerifyAsync(database);
            Assert.True(result.IsIntact, string.Join("; ", result.Problems));
            Assert.Equal((await EntriesAsync(database)).Count, result.EntriesChecked);
        }
        finally
        {
            await database.DisposeAsync();
        }
    }

    [Fact]
    public async Task Deleting_the_newest_entries_is_found_through_the_signed_head()
    {
        var database = await FreshAsync();
        try
        {
            await WriteHistoryAsync(database);
            var entries = await EntriesAsync(database);
            var kept = entries[^3].Sequence;
            // Tail truncation: the shorter chain still links, only the anchor knows it was longer.
            await ExecuteAsync(database, $"DELETE FROM audit_entries WHERE sequence > {kept}");
            var result = await VerifyAsync(database);
            var problem = Assert.Single(result.Problems);
            Assert.Equal(kept + 1, problem.Sequence);
            Assert.Contains($"entries {kept + 1}–{entries[^1].Sequence} are missing at the end", problem.Problem, StringComparison.Ordinal);
        }
        finally
        {
            await database.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_deleted_or_rewritten_anchor_is_found()
    {
        var database = await FreshAsync();
        try
        {
            await WriteHistoryAsync(database);
            var last = (await EntriesAsync(database))[^1];
            // Moving the anchor back to cover a truncation needs the key: without it the signature does not match.
            await ExecuteAsync(database, $"DELETE FROM audit_entries WHERE sequence = {last.Sequence}");
            await ExecuteAsync(database, $"UPDATE audit_anchors SET sequence = {last.Sequence - 1}, hash = '{last.PreviousHash}'");
            var rewritten = await VerifyAsync(database);
            Assert.Contains(rewritten.Problems, p => p.Problem.Contains("signature mismatch", StringComparison.Ordinal));

            await ExecuteAsync(database, "DELETE FROM audit_anchors");
            var deleted = await VerifyAsync(database);
            Assert.Contains(deleted.Problems, p => p.Problem.Contains("head is missing", StringComparison.Ordinal));
            // A restart does not quietly re-anchor the truncated log.
            await using (var scope = database.Scope())
                await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
            Assert.Contains((await VerifyAsync(database)).Problems, p => p.Problem.Contains("head is missing", StringComparison.Ordinal));
        }
        finally
        {
            await database.DisposeAsync();
        }
    }

    [Fact]
    public async Task Truncation_stays_visible_after_later_writes_and_a_blanked_hash_is_not_resealed()
    {
        var database = await FreshAsync();
        try
        {
            await WriteHistoryAsync(database);
            var last = (await EntriesAsync(database))[^1].Sequence;
            await ExecuteAsync(database, $"DELETE FROM audit_entries WHERE sequence > {last - 2}");
            // The application keeps writing: the new entries continue the shorter chain, the anchor does not follow.
            await WriteHistoryAsync(database);
            Assert.False((await VerifyAsync(database)).IsIntact);

            await ExecuteAsync(database, $"UPDATE audit_entries SET hash = '' WHERE sequence = 2");
            await using (var scope = database.Scope())
                await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
            var result = await VerifyAsync(database);
            Assert.Contains(result.Problems, p => p.Sequence == 2 && p.Problem.Contains("hash mismatch", StringComparison.Ordinal));
        }
        finally
        {
            await database.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_anchor_follows_every_write_and_records_from_the_recorder()
    {
        var database = await FreshAsync();
        try
        {
            await WriteHistoryAsync(database);
            await using (var scope = database.Scope())
                await scope.ServiceProvider.GetRequiredService<AuditRecorder>().RecordAsync(AuditAction.Read, nameof(Customer), "1");
            var last = (await EntriesAsync(database))[^1];
            await using (var scope = database.Scope())
            {
                var anchor = await scope.ServiceProvider.GetRequiredService<RapportDb>().AuditAnchors.AsNoTracking().SingleAsync();
                Assert.Equal(last.Sequence, anchor.Sequence);
                Assert.Equal(last.Hash, anchor.Hash);
                Assert.Matches("^[0-9a-f]{64}$", anchor.Signature);
            }
            var result = await VerifyAsync(database);
            Assert.True(result.IsIntact, string.Join("; ", result.Problems));
        }
        finally
        {
            await database.DisposeAsync();
        }
    }
}

public sealed class SqliteAuditChainTests : AuditChainSuite<SqliteDatabase>;

public sealed class PostgresAuditChainTests : AuditChainSuite<PostgresDatabase>;
