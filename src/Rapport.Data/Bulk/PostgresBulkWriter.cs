using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using Rapport.Core.Storage;

namespace Rapport.Data.Bulk;

/// <summary>Bulk loads into PostgreSQL with binary COPY inside one transaction, then moves id sequences past the loaded ids.</summary>
internal sealed class PostgresBulkWriter(IDbContextFactory<RapportDb> contexts, DatabaseOptions options) : IBulkWriter
{
    public async Task<IBulkSession> BeginAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var connection = new NpgsqlConnection(options.EffectiveConnectionString);
        await connection.OpenAsync(ct);
        var transaction = await connection.BeginTransactionAsync(ct);
        return new Session(db.Model, connection, transaction);
    }

    private sealed class Session(IModel model, NpgsqlConnection connection, NpgsqlTransaction transaction) : IBulkSession
    {
        private readonly HashSet<TableMap> _written = [];
        private readonly List<string> _restore = [];
        private bool _committed;

        public async Task<long> WriteAsync<T>(IEnumerable<T> rows, CancellationToken ct = default) where T : class
        {
            var map = TableMap.For(model, typeof(T));
            if (_written.Add(map)) await DeferIndexesAndForeignKeysIfEmptyAsync(map.Table, ct);
            var copy = $"COPY \"{map.Table}\" ({string.Join(", ", map.Columns.Select(c => $"\"{c.Name}\""))}) FROM STDIN (FORMAT BINARY)";
            long count = 0;
            await using (var importer = await connection.BeginBinaryImportAsync(copy, ct))
            {
                // Synchronous writes: values go into Npgsql's buffer and only a full buffer touches the network,
                // so an await per value would cost far more than it saves.
                foreach (var row in rows)
                {
                    importer.StartRow();
                    foreach (var column in map.Columns)
                    {
                        var value = column.ProviderValue(row);
                        if (value is null) importer.WriteNull();
                        else importer.Write(value);
                    }
                    if ((++count & 0xFFFF) == 0) ct.ThrowIfCancellationRequested();
                }
                await importer.CompleteAsync(ct);
            }
            return count;
        }

        public async Task<long> NextIdAsync<T>(CancellationToken ct = default) where T : class
        {
            // The lock lets readers on but keeps other writers out until commit, so MAX(id) + 1 onwards stays free;
            // the sequence is moved past the written ids at commit.
            await ExecuteAsync($"LOCK TABLE \"{TableMap.For(model, typeof(T)).Table}\" IN SHARE ROW EXCLUSIVE MODE", ct);
            return await MaxIdAsync<T>(ct) + 1;
        }

        public async Task<long> DeleteAsync<T>(string? property = null, object? value = null, CancellationToken ct = default) where T : class
        {
            var map = TableMap.For(model, typeof(T));
            await using var command = new NpgsqlCommand($"DELETE FROM \"{map.Table}\"", connection, transaction);
            if (property is not null)
            {
                var (column, stored) = map.Where(property, value);
                command.CommandText += stored is null ? $" WHERE \"{column}\" IS NULL" : $" WHERE \"{column}\" = @value";
                if (stored is not null) command.Parameters.AddWithValue("value", stored);
            }
            return await command.ExecuteNonQueryAsync(ct);
        }

        public async Task<long> UpdateAsync<T>(long id, string property, object? value, CancellationToken ct = default) where T : class
        {
            var map = TableMap.For(model, typeof(T));
            var (column, stored) = map.Where(property, value);
            await using var command = new NpgsqlCommand($"UPDATE \"{map.Table}\" SET \"{column}\" = @value WHERE \"{map.KeyColumn}\" = @id", connection, transaction);
            command.Parameters.AddWithValue("value", stored ?? DBNull.Value);
            command.Parameters.AddWithValue("id", id);
            return await command.ExecuteNonQueryAsync(ct);
        }

        public async Task<long> MaxIdAsync<T>(CancellationToken ct = default) where T : class
        {
            var map = TableMap.For(model, typeof(T));
            var sql = $"SELECT COALESCE(MAX(\"{map.KeyColumn}\"), 0) FROM \"{map.Table}\"";
            return Convert.ToInt64(await ScalarAsync(sql, ct), System.Globalization.CultureInfo.InvariantCulture);
        }

        /// <summary>
        /// For a table that is empty at its first write, secondary indexes and foreign keys are dropped and re-created
        /// at commit (same transaction): building an index once and validating a foreign key in one join is far cheaper
        /// than maintaining them row by row. A violation then fails the commit and nothing is loaded.
        /// </summary>
        private async Task DeferIndexesAndForeignKeysIfEmptyAsync(string table, CancellationToken ct)
        {
            if (await ScalarAsync($"SELECT EXISTS (SELECT 1 FROM \"{table}\")", ct) is true) return;
            var indexes = await PairsAsync(
                "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = current_schema() AND i.tablename = @table " +
                "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)", table, ct);
            var foreignKeys = await PairsAsync(
                "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE contype = 'f' AND conrelid = to_regclass(quote_ident(@table))", table, ct);
            foreach (var (name, definition) in foreignKeys)
            {
                await ExecuteAsync($"ALTER TABLE \"{table}\" DROP CONSTRAINT \"{name}\"", ct);
                _restore.Add($"ALTER TABLE \"{table}\" ADD CONSTRAINT \"{name}\" {definition}");
            }
            foreach (var (name, definition) in indexes)
            {
                await ExecuteAsync($"DROP INDEX \"{name}\"", ct);
                _restore.Insert(0, definition); // indexes first: they also speed up the foreign-key checks
            }
        }

        private async Task<object?> ScalarAsync(string sql, CancellationToken ct)
        {
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            return await command.ExecuteScalarAsync(ct);
        }

        private async Task ExecuteAsync(string sql, CancellationToken ct)
        {
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            await command.ExecuteNonQueryAsync(ct);
        }

        private async Task<List<(string Name, string Definition)>> PairsAsync(string sql, string table, CancellationToken ct)
        {
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            command.Parameters.AddWithValue("table", table);
            var pairs = new List<(string, string)>();
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) pairs.Add((reader.GetString(0), reader.GetString(1)));
            return pairs;
        }

        public async Task CommitAsync(CancellationToken ct = default)
        {
            foreach (var sql in _restore) await ExecuteAsync(sql, ct);
            _restore.Clear();
            foreach (var map in _written.Where(m => m.IdentityColumn is not null))
            {
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = $"SELECT setval(pg_get_serial_sequence('\"{map.Table}\"', '{map.IdentityColumn}'), " +
                                      $"GREATEST((SELECT MAX(\"{map.IdentityColumn}\") FROM \"{map.Table}\"), 1))";
                await command.ExecuteScalarAsync(ct);
            }
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
