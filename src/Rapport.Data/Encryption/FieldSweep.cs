using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Rapport.Core.Domain;
using Rapport.Core.Unification;
using Rapport.Data.Model;

namespace Rapport.Data.Encryption;

/// <summary>
/// Brings every protected column under the active keys, in batches of <see cref="BatchSize"/> rows per transaction:
/// plain text (rows from before encryption) is encrypted, ciphertext under another key re-encrypted, blind indexes
/// that are plain or under another index key recomputed from the decrypted contact value. Straight SQL, not the
/// change tracker: the values do not change, so nothing is audited. Each update names the value it read
/// (<c>WHERE col = old</c>), so a row a user changes meanwhile keeps the user's value; a later pass picks it up if needed.
/// Safe to stop and run again: it only touches values that are not yet under the active keys.
/// </summary>
internal sealed class FieldSweep(RapportDb db, FieldKeyRing ring, Action<string> progress)
{
    public const int BatchSize = 1000;

    public sealed record Column(string Table, string KeyColumn, string Name, bool IsIndex);

    /// <summary>Every encrypted or blind-indexed column of the model.</summary>
    public static IReadOnlyList<Column> Columns(IModel model)
    {
        var columns = new List<Column>();
        foreach (var entity in model.GetEntityTypes())
        {
            var table = entity.GetTableName();
            var protectedProperties = entity.GetProperties().Where(p => p.IsEncrypted() || p.IsBlindIndexed()).ToList();
            if (table is null || protectedProperties.Count == 0) continue;
            var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
            var key = entity.FindPrimaryKey()!.Properties.Single().GetColumnName(store)!;
            foreach (var property in protectedProperties)
                columns.Add(new Column(table, key, property.GetColumnName(store)!, property.IsBlindIndexed()));
        }
        return columns;
    }

    public async Task<long> RunAsync(CancellationToken ct)
    {
        long changed = 0;
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            foreach (var table in Columns(db.Model).Where(c => !c.IsIndex).GroupBy(c => (c.Table, c.KeyColumn)))
                changed += await SweepCipherTableAsync(table.Key.Table, table.Key.KeyColumn, [.. table.Select(c => c.Name)], ct);
            changed += await SweepContactIndexAsync(ct);
        }
        finally { await db.Database.CloseConnectionAsync(); }
        return changed;
    }

    private async Task<long> SweepCipherTableAsync(string table, string key, string[] columns, CancellationToken ct)
    {
        var active = ring.ActiveDataKeyId!;
        long after = long.MinValue, changed = 0, seen = 0;
        while (true)
        {
            var rows = await ReadAsync($"SELECT \"{key}\", {string.Join(", ", columns.Select(c => $"\"{c}\""))} FROM \"{table}\" " +
                                       $"WHERE \"{key}\" > @after ORDER BY \"{key}\" LIMIT {BatchSize}", after, columns.Length, ct);
            if (rows.Count == 0) break;
            var updates = new List<(long Id, string Column, string Old, string New)>();
            foreach (var (id, values) in rows)
                for (var i = 0; i < columns.Length; i++)
                    if (values[i] is { Length: > 0 } stored && FieldCipher.KeyIdOf(stored) != active)
                        updates.Add((id, columns[i], stored, ring.Protect(ring.Unprotect(stored))));
            changed += await UpdateAsync(table, key, updates, ct);
            seen += rows.Count;
            after = rows[^1].Id;
            progress($"{table}: {seen:N0} rows checked, {changed:N0} values re-encrypted");
        }
        return changed;
    }

    /// <summary>Contact points' blind index: recomputed from the (decrypted) value as the import and forms compute it.</summary>
    private async Task<long> SweepContactIndexAsync(CancellationToken ct)
    {
        var cp = Names<ContactPoint>();
        var customers = Names<Customer>();
        var active = ring.ActiveIndexKeyId!;
        string[] fields = [nameof(ContactPoint.NormalizedValue), nameof(ContactPoint.Kind), nameof(ContactPoint.Value), nameof(ContactPoint.PostalCode),
                           nameof(ContactPoint.City), nameof(ContactPoint.Country)];
        var select = $"SELECT p.\"{cp.Key}\", {string.Join(", ", fields.Select(f => $"p.\"{cp.Column(f)}\""))}, c.\"{customers.Column(nameof(Customer.Country))}\" " +
                     $"FROM \"{cp.Table}\" p LEFT JOIN \"{customers.Table}\" c ON c.\"{customers.Key}\" = p.\"{cp.Column(nameof(ContactPoint.CustomerId))}\" " +
                     $"WHERE p.\"{cp.Key}\" > @after ORDER BY p.\"{cp.Key}\" LIMIT {BatchSize}";
        var column = cp.Column(nameof(ContactPoint.NormalizedValue));
        long after = long.MinValue, changed = 0, seen = 0;
        while (true)
        {
            var rows = await ReadAsync(select, after, fields.Length + 1, ct);
            if (rows.Count == 0) break;
            var updates = new List<(long, string, string, string)>();
            foreach (var (id, v) in rows)
            {
                if (v[0] is not { Length: > 0 } stored || FieldCipher.KeyIdOf(stored) == active) continue;
                var point = new ContactPoint
                {
                    Kind = Enum.Parse<ContactKind>(v[1]!), Value = ring.Unprotect(v[2] ?? ""),
                    PostalCode = v[3] is null ? null : ring.Unprotect(v[3]!), City = v[4], Country = v[5],
                };
                // A plain value is the normalised form already; one under an old index key must be recomputed from the value.
                var normalized = FieldCipher.IsBlindIndex(stored) ? ContactNormalizer.Apply(point, v[6]).NormalizedValue : stored;
                if (normalized is not null) updates.Add((id, column, stored, ring.BlindIndex(normalized, active)));
            }
            changed += await UpdateAsync(cp.Table, cp.Key, updates, ct);
            seen += rows.Count;
            after = rows[^1].Id;
            progress($"{cp.Table} (blind index): {seen:N0} rows checked, {changed:N0} values re-hashed");
        }
        return changed;
    }

    private async Task<List<(long Id, string?[] Values)>> ReadAsync(string sql, long after, int width, CancellationToken ct)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        Add(command, "after", after);
        var rows = new List<(long, string?[])>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var values = new string?[width];
            for (var i = 0; i < width; i++) values[i] = reader.IsDBNull(i + 1) ? null : reader.GetValue(i + 1).ToString();
            rows.Add((reader.GetInt64(0), values));
        }
        return rows;
    }

    private async Task<long> UpdateAsync(string table, string key, List<(long Id, string Column, string Old, string New)> updates, CancellationToken ct)
    {
        if (updates.Count == 0) return 0;
        long done = 0;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var (id, column, old, value) in updates)
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = transaction.GetDbTransaction();
            command.CommandText = $"UPDATE \"{table}\" SET \"{column}\" = @value WHERE \"{key}\" = @id AND \"{column}\" = @old";
            Add(command, "value", value);
            Add(command, "id", id);
            Add(command, "old", old);
            done += await command.ExecuteNonQueryAsync(ct);
        }
        await transaction.CommitAsync(ct);
        return done;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private sealed record TableNames(string Table, string Key, Func<string, string> Column);

    private TableNames Names<T>()
    {
        var entity = db.Model.FindEntityType(typeof(T))!;
        var store = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        return new TableNames(entity.GetTableName()!, entity.FindPrimaryKey()!.Properties.Single().GetColumnName(store)!,
            p => entity.FindProperty(p)!.GetColumnName(store)!);
    }
}
