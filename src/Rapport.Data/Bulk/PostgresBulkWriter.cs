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
        private bool _committed;

        public async Task<long> WriteAsync<T>(IEnumerable<T> rows, CancellationToken ct = default) where T : class
        {
            var map = TableMap.For(model, typeof(T));
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
            _written.Add(map);
            return count;
        }

        public async Task CommitAsync(CancellationToken ct = default)
        {
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
