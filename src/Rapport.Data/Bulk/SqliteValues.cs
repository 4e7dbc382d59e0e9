using System.Globalization;
using SQLitePCL;

namespace Rapport.Data.Bulk;

/// <summary>
/// Binds a provider value the way Microsoft.Data.Sqlite (and so EF Core) stores it: integers and booleans as
/// INTEGER, decimals and instants as invariant TEXT in the same formats, so rows loaded in bulk read back through
/// the ORM exactly like rows it wrote itself (the storage suite checks the round trip).
/// </summary>
internal static class SqliteValues
{
    public static void Bind(sqlite3_stmt statement, int index, object? value, string table, string column)
    {
        var rc = value switch
        {
            null => raw.sqlite3_bind_null(statement, index),
            string s => raw.sqlite3_bind_text(statement, index, s),
            long l => raw.sqlite3_bind_int64(statement, index, l),
            int i => raw.sqlite3_bind_int64(statement, index, i),
            short i => raw.sqlite3_bind_int64(statement, index, i),
            byte i => raw.sqlite3_bind_int64(statement, index, i),
            bool b => raw.sqlite3_bind_int64(statement, index, b ? 1 : 0),
            double d => raw.sqlite3_bind_double(statement, index, d),
            float f => raw.sqlite3_bind_double(statement, index, f),
            decimal m => raw.sqlite3_bind_text(statement, index, m.ToString("0.0###########################", CultureInfo.InvariantCulture)),
            DateTime t => raw.sqlite3_bind_text(statement, index, t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture)),
            DateOnly d => raw.sqlite3_bind_text(statement, index, d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            DateTimeOffset t => raw.sqlite3_bind_text(statement, index, t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture)),
            TimeOnly t => raw.sqlite3_bind_text(statement, index, t.ToString("HH:mm:ss.fffffff", CultureInfo.InvariantCulture)),
            Guid g => raw.sqlite3_bind_text(statement, index, g.ToString().ToUpperInvariant()),
            byte[] bytes => raw.sqlite3_bind_blob(statement, index, bytes),
            _ => throw new NotSupportedException($"{table}.{column}: values of type {value.GetType().Name} cannot be bulk-loaded into SQLite."),
        };
        if (rc != raw.SQLITE_OK) throw new InvalidOperationException($"{table}.{column}: binding failed with SQLite code {rc}.");
    }
}
