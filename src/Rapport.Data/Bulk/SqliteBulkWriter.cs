using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Rapport.Core.Storage;
using SQLitePCL;

namespace Rapport.Data.Bulk;

/// <summary>
/// Bulk loads into SQLite inside one large transaction with one prepared INSERT per table. When a table is empty
/// at its first write, its secondary indexes are dropped and rebuilt once at commit (same transaction): building
/// an index from sorted data is several times faster than updating it row by row.
/// </summary>
internal sealed class SqliteBulkWriter(IDbContextFactory<RapportDb> contexts, DatabaseOptions options) : IBulkWriter
{
    public async Task<IBulkSession> BeginAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        // Its own unpooled connection: the pragmas below must never leak into connections the ORM reuses.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder(options.EffectiveConnectionString) { Pooling = false }.ToString());
        await connection.OpenAsync(ct);
        await using (var pragma = connection.CreateCommand())
        {
            // A bigger page cache keeps the b-tree pages of a growing table in memory while millions of rows go in;
            // worker threads let SQLite sort in parallel when the deferred indexes are rebuilt.
            // Foreign keys are checked once per table at commit (PRAGMA foreign_key_check) instead of row by row.
            pragma.CommandText = "PRAGMA foreign_keys=OFF; PRAGMA cache_size=-262144; PRAGMA temp_store=MEMORY; PRAGMA threads=2;";
            await pragma.ExecuteNonQueryAsync(ct);
        }
        var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
        return new Session(db.Model, connection, transaction);
    }

    private sealed class Session(IModel model, SqliteConnection connection, SqliteTransaction transaction) : IBulkSession
    {
        private readonly List<string> _indexesToRebuild = [];
        private readonly HashSet<string> _seenTables = [];
        private bool _committed;

        public Task<long> WriteAsync<T>(IEnumerable<T> rows, CancellationToken ct = default) where T : class
        {
            var map = TableMap.For(model, typeof(T));
            if (_seenTables.Add(map.Table)) DeferIndexesIfEmpty(map.Table);

            // One prepared statement stepped per row through SQLite's C API: binding by position avoids
            // Microsoft.Data.Sqlite's per-execution name lookups, which dominate at millions of rows.
            var sql = $"INSERT INTO \"{map.Table}\" ({string.Join(", ", map.Columns.Select(c => $"\"{c.Name}\""))}) " +
                      $"VALUES ({string.Join(", ", map.Columns.Select(_ => "?"))})";
            var db = connection.Handle!;
            Check(raw.sqlite3_prepare_v2(db, sql, out var statement), db);
            using (statement)
            {
                var bind = SqliteRowBinder.For(map);
                long count = 0;
                foreach (var row in rows)
                {
                    bind(row, statement);
                    var rc = raw.sqlite3_step(statement);
                    if (rc != raw.SQLITE_DONE) Check(rc, db, $"{map.Table} row {count + 1}");
                    raw.sqlite3_reset(statement);
                    if ((++count & 0xFFFF) == 0) ct.ThrowIfCancellationRequested();
                }
                return Task.FromResult(count);
            }
        }

        // BEGIN IMMEDIATE already holds SQLite's write lock, so ids counted up from here stay free until commit.
        public async Task<long> NextIdAsync<T>(CancellationToken ct = default) where T : class => await MaxIdAsync<T>(ct) + 1;

        public async Task<long> DeleteAsync<T>(string? property = null, object? value = null, CancellationToken ct = default) where T : class
        {
            var map = TableMap.For(model, typeof(T));
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"DELETE FROM \"{map.Table}\"";
            if (property is not null)
            {
                var (column, stored) = map.Where(property, value);
                command.CommandText += stored is null ? $" WHERE \"{column}\" IS NULL" : $" WHERE \"{column}\" = $value";
                if (stored is not null) command.Parameters.AddWithValue("$value", stored);
            }
            return await command.ExecuteNonQueryAsync(ct);
        }

        public async Task<long> MaxIdAsync<T>(CancellationToken ct = default) where T : class
        {
            var map = TableMap.For(model, typeof(T));
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            // AUTOINCREMENT tables remember the largest id ever used in sqlite_sequence, even after deletes.
            command.CommandText = $"SELECT MAX(COALESCE((SELECT MAX(\"{map.KeyColumn}\") FROM \"{map.Table}\"), 0), " +
                                  $"COALESCE((SELECT seq FROM sqlite_sequence WHERE name = '{map.Table}'), 0))";
            return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        }

        private static void Check(int rc, sqlite3 db, string? where = null)
        {
            if (rc is raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW) return;
            var message = raw.sqlite3_errmsg(db).utf8_to_string();
            throw new SqliteException(where is null ? message : $"{where}: {message}", rc);
        }

        /// <summary>Fails the load (and so rolls it back) if any loaded row points at a parent row that does not exist.</summary>
        private void CheckForeignKeys(string table)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"PRAGMA foreign_key_check(\"{table}\")";
            using var reader = command.ExecuteReader();
            if (reader.Read())
                throw new InvalidOperationException(
                    $"{table}: row {reader.GetValue(1)} refers to a missing row of {reader.GetString(2)}; nothing was loaded.");
        }

        private void DeferIndexesIfEmpty(string table)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"SELECT EXISTS (SELECT 1 FROM \"{table}\")";
            if (Convert.ToInt64(command.ExecuteScalar()) != 0) return;

            // Indexes created by CREATE INDEX have their SQL in the schema; constraint indexes (primary key) have none and stay.
            command.CommandText = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = $table AND sql IS NOT NULL";
            command.Parameters.AddWithValue("$table", table);
            var indexes = new List<(string Name, string Sql)>();
            using (var reader = command.ExecuteReader())
                while (reader.Read()) indexes.Add((reader.GetString(0), reader.GetString(1)));
            command.Parameters.Clear();
            foreach (var (name, sql) in indexes)
            {
                command.CommandText = $"DROP INDEX \"{name}\"";
                command.ExecuteNonQuery();
                _indexesToRebuild.Add(sql);
            }
        }

        public async Task CommitAsync(CancellationToken ct = default)
        {
            foreach (var table in _seenTables) CheckForeignKeys(table);
            // Unique indexes are checked as they are rebuilt: a duplicate fails the commit and everything rolls back.
            foreach (var sql in _indexesToRebuild)
            {
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = sql;
                await command.ExecuteNonQueryAsync(ct);
            }
            _indexesToRebuild.Clear();
            await transaction.CommitAsync(ct);
            _committed = true;
        }

        public async ValueTask DisposeAsync()
        {
            if (!_committed) await transaction.RollbackAsync();
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
