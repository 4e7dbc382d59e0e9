using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Rapport.Core.Storage;

namespace Rapport.Data.Bulk;

/// <summary>Bulk loads into SQLite with one prepared INSERT per table inside a single large transaction.</summary>
internal sealed class SqliteBulkWriter(IDbContextFactory<RapportDb> contexts, DatabaseOptions options) : IBulkWriter
{
    public async Task<IBulkSession> BeginAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var model = db.Model;
        var connection = new SqliteConnection(options.EffectiveConnectionString);
        await connection.OpenAsync(ct);
        await using (var pragma = connection.CreateCommand())
        {
            // A bigger page cache keeps index pages in memory while millions of rows go in.
            pragma.CommandText = "PRAGMA foreign_keys=ON; PRAGMA cache_size=-262144; PRAGMA temp_store=MEMORY;";
            await pragma.ExecuteNonQueryAsync(ct);
        }
        var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
        return new Session(model, connection, transaction);
    }

    private sealed class Session(Microsoft.EntityFrameworkCore.Metadata.IModel model, SqliteConnection connection, SqliteTransaction transaction) : IBulkSession
    {
        private bool _committed;

        public Task<long> WriteAsync<T>(IEnumerable<T> rows, CancellationToken ct = default) where T : class
        {
            var map = TableMap.For(model, typeof(T));
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"INSERT INTO \"{map.Table}\" ({string.Join(", ", map.Columns.Select(c => $"\"{c.Name}\""))}) " +
                                  $"VALUES ({string.Join(", ", map.Columns.Select((_, i) => $"$p{i}"))})";
            var parameters = map.Columns.Select((_, i) => command.Parameters.Add(new SqliteParameter { ParameterName = $"$p{i}" })).ToArray();
            command.Prepare();
            long count = 0;
            foreach (var row in rows)
            {
                for (var i = 0; i < parameters.Length; i++)
                    parameters[i].Value = map.Columns[i].ProviderValue(row) ?? DBNull.Value;
                command.ExecuteNonQuery();
                if ((++count & 0xFFFF) == 0) ct.ThrowIfCancellationRequested();
            }
            return Task.FromResult(count);
        }

        public async Task CommitAsync(CancellationToken ct = default)
        {
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
