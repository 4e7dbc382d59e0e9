using Microsoft.Data.Sqlite;

namespace Rapport.Data.Bulk;

/// <summary>
/// Foreign keys of a bulk session checked as the rows are encoded, off the writer thread: the session remembers the
/// integer primary keys it loaded into each table, and a reference to a row loaded earlier in the same session is
/// known to be satisfied. A table with any other reference (to a row that was there before, to a row loaded later,
/// through a composite or non-integer key) is checked by SQLite itself at commit (<c>PRAGMA foreign_key_check</c>), as
/// every table was before; so a broken reference still fails the commit and nothing is loaded. The foreign keys are
/// read from the database schema, not the EF model, so the check covers exactly what SQLite would enforce.
/// </summary>
internal sealed class SqliteSessionKeys
{
    private readonly Dictionary<string, LoadedIds> _loaded = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The checks for one table's rows, given the columns the bulk path writes (in order).</summary>
    public TableKeys For(SqliteConnection connection, SqliteTransaction transaction, TableMap map)
    {
        int IndexOf(string column) => map.Columns.ToList().FindIndex(c => string.Equals(c.Name, column, StringComparison.OrdinalIgnoreCase));

        var key = RowidColumn(connection, transaction, map.Table) is { } k ? IndexOf(k) : -1;
        var references = new List<(int Column, LoadedIds Parent)>();
        var uncheckable = false;
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT id, \"table\", \"from\", \"to\" FROM pragma_foreign_key_list($table) ORDER BY id, seq";
        command.Parameters.AddWithValue("$table", map.Table);
        var keys = new List<(long Id, string Parent, string From, string? To)>();
        using (var reader = command.ExecuteReader())
            while (reader.Read()) keys.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
        foreach (var group in keys.GroupBy(k => k.Id))
        {
            // Only single-column references to a parent's INTEGER PRIMARY KEY (its rowid) can be matched by value here.
            var (_, parent, from, to) = group.First();
            var parentKey = RowidColumn(connection, transaction, parent);
            var column = IndexOf(from);
            if (group.Count() != 1 || parentKey is null || column < 0 || (to is not null && !string.Equals(to, parentKey, StringComparison.OrdinalIgnoreCase)))
                uncheckable = true;
            else
                references.Add((column, Loaded(parent)));
        }
        return new TableKeys(key, key >= 0 ? Loaded(map.Table) : null, [.. references]) { NeedsDatabaseCheck = uncheckable };
    }

    private LoadedIds Loaded(string table)
    {
        if (!_loaded.TryGetValue(table, out var ids)) _loaded.Add(table, ids = new LoadedIds());
        return ids;
    }

    /// <summary>The table's INTEGER PRIMARY KEY column (an alias of its rowid), if it has one.</summary>
    private static string? RowidColumn(SqliteConnection connection, SqliteTransaction transaction, string table)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT name, type FROM pragma_table_info($table) WHERE pk > 0";
        command.Parameters.AddWithValue("$table", table);
        using var reader = command.ExecuteReader();
        if (!reader.Read()) return null;
        var (name, type) = (reader.GetString(0), reader.GetString(1));
        if (reader.Read() || !string.Equals(type, "INTEGER", StringComparison.OrdinalIgnoreCase)) return null;
        reader.Close();
        command.CommandText = "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = $table";
        return command.ExecuteScalar() is string sql && sql.Contains("WITHOUT ROWID", StringComparison.OrdinalIgnoreCase) ? null : name;
    }
}

/// <summary>
/// Per table: remembers its loaded ids and checks each row's references against the ids loaded before. Used by one
/// thread at a time (the encoder of the table's rows); the ids of a table are only read by later writes.
/// </summary>
internal sealed class TableKeys(int keyColumn, LoadedIds? own, (int Column, LoadedIds Parent)[] references)
{
    /// <summary>Some reference could not be confirmed here: SQLite checks the table at commit.</summary>
    public bool NeedsDatabaseCheck { get; set; }

    public void Scan(SqliteRowBatch batch)
    {
        var kinds = batch.Kinds;
        var values = batch.Values;
        for (var row = 0; row < batch.Count; row++)
        {
            var first = row * batch.Columns;
            // The row's own id first: a row may refer to itself.
            if (own is not null)
            {
                if (kinds[first + keyColumn] == SqliteRowBatch.Integer) own.Add(values[first + keyColumn]);
                else NeedsDatabaseCheck = true; // no explicit id: SQLite assigns one, unknown here
            }
            if (NeedsDatabaseCheck) continue;
            foreach (var (column, parent) in references)
            {
                var kind = kinds[first + column];
                if (kind == SqliteRowBatch.Null) continue; // a NULL reference is always satisfied
                if (kind != SqliteRowBatch.Integer || !parent.Contains(values[first + column]))
                {
                    NeedsDatabaseCheck = true;
                    break;
                }
            }
        }
    }
}

/// <summary>A set of row ids: a bit per id for the usual dense positive ids, a hash set for the rest.</summary>
internal sealed class LoadedIds
{
    private const long MaxBit = 1L << 30;
    private ulong[] _bits = [];
    private HashSet<long>? _other;

    public void Add(long id)
    {
        if (id is < 0 or >= MaxBit)
        {
            (_other ??= []).Add(id);
            return;
        }
        var word = (int)(id >> 6);
        if (word >= _bits.Length) Array.Resize(ref _bits, Math.Max(word + 1, _bits.Length * 2));
        _bits[word] |= 1UL << (int)(id & 63);
    }

    public bool Contains(long id)
    {
        if (id is < 0 or >= MaxBit) return _other?.Contains(id) ?? false;
        var word = (int)(id >> 6);
        return word < _bits.Length && (_bits[word] & (1UL << (int)(id & 63))) != 0;
    }
}
