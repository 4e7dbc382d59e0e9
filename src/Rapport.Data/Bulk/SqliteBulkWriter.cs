using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Rapport.Core.Storage;
using SQLitePCL;

namespace Rapport.Data.Bulk;

/// <summary>
/// Bulk loads into SQLite inside one large transaction with prepared multi-row INSERTs per table, fed by a second
/// thread that converts the entities into bindable values (<see cref="SqliteRowBatch"/>). When a table is empty
/// at its first write, its secondary indexes are dropped and rebuilt once at commit (same transaction): building
/// an index from sorted data is several times faster than updating it row by row. Foreign keys are enforced at commit:
/// references to rows loaded earlier in the session are confirmed while encoding (<see cref="SqliteSessionKeys"/>),
/// tables with any other reference are checked by SQLite (<c>PRAGMA foreign_key_check</c>).
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
            // worker threads let SQLite sort in parallel when the deferred indexes are rebuilt. temp_store stays at its
            // default (file): with temp_store=MEMORY SQLite's sorter allocates every record separately instead of filling
            // one buffer, and rebuilding an index over a million random keys took 2-3 times as long (measured).
            // Foreign keys are checked once per table at commit (PRAGMA foreign_key_check) instead of row by row.
            pragma.CommandText = "PRAGMA foreign_keys=OFF; PRAGMA cache_size=-262144; PRAGMA threads=2;";
            await pragma.ExecuteNonQueryAsync(ct);
        }
        var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
        return new Session(db.Model, connection, transaction);
    }

    private sealed class Session(IModel model, SqliteConnection connection, SqliteTransaction transaction) : IBulkSession
    {
        private readonly List<string> _indexesToRebuild = [];
        private readonly HashSet<string> _seenTables = [];
        private readonly SqliteSessionKeys _keys = new();
        private readonly Dictionary<string, TableKeys> _tableKeys = [];
        private bool _committed;
        private bool _failed;

        public Task<long> WriteAsync<T>(IEnumerable<T> rows, CancellationToken ct = default) where T : class
        {
            ArgumentNullException.ThrowIfNull(rows);
            if (_failed) throw new InvalidOperationException("An earlier write of this bulk session failed; nothing will be loaded.");
            try
            {
                return Task.FromResult(Write(rows, ct));
            }
            catch
            {
                // Rows written before the failure are still in the transaction: the session may no longer commit them.
                _failed = true;
                throw;
            }
        }

        private long Write<T>(IEnumerable<T> rows, CancellationToken ct) where T : class
        {
            var map = TableMap.For(model, typeof(T));
            if (_seenTables.Add(map.Table))
            {
                DeferIndexesIfEmpty(map.Table);
                _tableKeys.Add(map.Table, _keys.For(connection, transaction, map));
            }
            var keys = _tableKeys[map.Table];

            var encode = SqliteRowEncoder.For(map);
            var columns = map.Columns.Count;
            var db = connection.Handle!;
            // Several rows per INSERT: SQLite's per-execution work (opening cursors, reading and writing the table's
            // sqlite_sequence row for its AUTOINCREMENT key) is then paid once per statement instead of once per row.
            var rowsPerStatement = Math.Clamp(SqliteNative.MaxParameters(db) / columns, 1, MaxRowsPerStatement);
            var capacity = rowsPerStatement * Math.Max(1, RowsPerBatch / rowsPerStatement);
            using var inserts = new InsertStatements(db, map);

            // A small table is encoded and written on this thread; a large one in a pipeline: a second thread encodes
            // the next batches (the CPU-heavy half) while this one binds and steps SQLite.
            if (rows.TryGetNonEnumeratedCount(out var known) && known <= capacity)
            {
                var batch = new SqliteRowBatch(columns, Math.Max(known, 1)) { FirstRow = 1 };
                foreach (var row in rows) encode(row, batch);
                keys.Scan(batch);
                Insert(inserts, batch, rowsPerStatement);
                return batch.Count;
            }
            return Pipeline(rows, encode, keys, inserts, columns, capacity, rowsPerStatement, ct);
        }

        private const int MaxRowsPerStatement = 64;
        private const int RowsPerBatch = 4096;
        private const int BatchesInFlight = 3;

        private static long Pipeline<T>(IEnumerable<T> rows, Action<object, SqliteRowBatch> encode, TableKeys keys, InsertStatements inserts,
                                        int columns, int capacity, int rowsPerStatement, CancellationToken ct) where T : class
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            using var free = new BlockingCollection<SqliteRowBatch>();
            using var full = new BlockingCollection<SqliteRowBatch>();
            for (var i = 0; i < BatchesInFlight; i++) free.Add(new SqliteRowBatch(columns, capacity));

            var producer = Task.Factory.StartNew(() =>
            {
                try
                {
                    long next = 1;
                    var batch = free.Take(stop.Token);
                    batch.Clear();
                    batch.FirstRow = next;
                    foreach (var row in rows)
                    {
                        encode(row, batch);
                        if (!batch.IsFull) continue;
                        keys.Scan(batch);
                        full.Add(batch, stop.Token);
                        next += batch.Count;
                        batch = free.Take(stop.Token);
                        batch.Clear();
                        batch.FirstRow = next;
                    }
                    keys.Scan(batch);
                    if (batch.Count > 0) full.Add(batch, stop.Token);
                }
                finally
                {
                    full.CompleteAdding();
                }
            }, stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);

            long count = 0;
            try
            {
                foreach (var batch in full.GetConsumingEnumerable(stop.Token))
                {
                    Insert(inserts, batch, rowsPerStatement);
                    count += batch.Count;
                    free.Add(batch, stop.Token);
                }
            }
            catch
            {
                // Stop the encoder before the error leaves: nothing may still read the caller's rows afterwards.
                stop.Cancel();
                try { producer.Wait(CancellationToken.None); } catch (AggregateException) { }
                throw;
            }
            producer.GetAwaiter().GetResult(); // the encoder's own failure, if any
            return count;
        }

        private static unsafe void Insert(InsertStatements inserts, SqliteRowBatch batch, int rowsPerStatement)
        {
            var kinds = batch.Kinds;
            var values = batch.Values;
            var bytes = (byte*)batch.BytesAddress;
            var columns = batch.Columns;
            for (var first = 0; first < batch.Count; first += rowsPerStatement)
            {
                var n = Math.Min(rowsPerStatement, batch.Count - first);
                var statement = inserts.For(n);
                var values0 = first * columns;
                for (var p = 0; p < n * columns; p++)
                {
                    var v = values[values0 + p];
                    var rc = kinds[values0 + p] switch
                    {
                        SqliteRowBatch.Integer => SqliteNative.BindInt64(statement, p + 1, v),
                        SqliteRowBatch.Text => SqliteNative.BindText(statement, p + 1, bytes + (v >> 32), (int)v, 0),
                        SqliteRowBatch.Real => SqliteNative.BindDouble(statement, p + 1, BitConverter.Int64BitsToDouble(v)),
                        SqliteRowBatch.Blob => SqliteNative.BindBlob(statement, p + 1, bytes + (v >> 32), (int)v, 0),
                        _ => SqliteNative.BindNull(statement, p + 1),
                    };
                    if (rc != raw.SQLITE_OK) inserts.Fail(rc, "binding failed");
                }
                var step = SqliteNative.Step(statement);
                SqliteNative.Reset(statement);
                if (step != raw.SQLITE_DONE)
                    inserts.Fail(step, n == 1 ? $"row {batch.FirstRow + first}" : $"rows {batch.FirstRow + first}-{batch.FirstRow + first + n - 1}");
            }
        }

        /// <summary>The table's INSERT prepared once per row count it is used with (the full count, and the last remainder).</summary>
        private sealed class InsertStatements(sqlite3 db, TableMap map) : IDisposable
        {
            private readonly Dictionary<int, sqlite3_stmt> _statements = [];

            public nint For(int rows)
            {
                if (!_statements.TryGetValue(rows, out var statement))
                {
                    var one = $"({string.Join(", ", map.Columns.Select(_ => "?"))})";
                    var sql = $"INSERT INTO \"{map.Table}\" ({string.Join(", ", map.Columns.Select(c => $"\"{c.Name}\""))}) " +
                              $"VALUES {string.Join(", ", Enumerable.Repeat(one, rows))}";
                    Check(raw.sqlite3_prepare_v2(db, sql, out statement), db);
                    _statements.Add(rows, statement);
                }
                return statement.DangerousGetHandle();
            }

            public void Fail(int rc, string where) => Check(rc, db, $"{map.Table} {where}");

            public void Dispose()
            {
                foreach (var statement in _statements.Values) statement.Dispose();
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

        public async Task<long> UpdateAsync<T>(long id, string property, object? value, CancellationToken ct = default) where T : class
        {
            var map = TableMap.For(model, typeof(T));
            var (column, stored) = map.Where(property, value);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"UPDATE \"{map.Table}\" SET \"{column}\" = $value WHERE \"{map.KeyColumn}\" = $id";
            command.Parameters.AddWithValue("$value", stored ?? DBNull.Value);
            command.Parameters.AddWithValue("$id", id);
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
            if (_failed) throw new InvalidOperationException("A write of this bulk session failed; nothing was loaded.");
            // References the encoder could not confirm against ids loaded earlier in the session are checked by SQLite.
            foreach (var table in _seenTables)
                if (_tableKeys[table].NeedsDatabaseCheck) CheckForeignKeys(table);
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
