using System.Globalization;
using SQLitePCL;

namespace Rapport.Data.Bulk;

/// <summary>
/// Binds a provider value the way Microsoft.Data.Sqlite (and so EF Core) stores it: integers and booleans as
/// INTEGER, decimals and instants as invariant TEXT in the same formats, so rows loaded in bulk read back through
/// the ORM exactly like rows it wrote itself (the storage suite checks the round trip). Text is formatted into a
/// stack buffer and bound as UTF-16 (SQLite converts it), so a row costs no allocations beyond its boxed values.
/// </summary>
internal static class SqliteValues
{
    public static void Bind(sqlite3_stmt statement, int index, object? value, string table, string column)
    {
        Span<char> buffer = stackalloc char[48];
        var rc = value switch
        {
            null => raw.sqlite3_bind_null(statement, index),
            string s => raw.sqlite3_bind_text16(statement, index, s.AsSpan()),
            long l => raw.sqlite3_bind_int64(statement, index, l),
            int i => raw.sqlite3_bind_int64(statement, index, i),
            short i => raw.sqlite3_bind_int64(statement, index, i),
            byte i => raw.sqlite3_bind_int64(statement, index, i),
            bool b => raw.sqlite3_bind_int64(statement, index, b ? 1 : 0),
            double d => raw.sqlite3_bind_double(statement, index, d),
            float f => raw.sqlite3_bind_double(statement, index, f),
            decimal m => raw.sqlite3_bind_text16(statement, index, FormatDecimal(m, buffer)),
            DateTime t => raw.sqlite3_bind_text16(statement, index, FormatDateTime(t, buffer)),
            DateOnly d => raw.sqlite3_bind_text16(statement, index, FormatDate(d.Year, d.Month, d.Day, buffer)),
            DateTimeOffset t => raw.sqlite3_bind_text(statement, index, t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture)),
            TimeOnly t => raw.sqlite3_bind_text(statement, index, t.ToString("HH:mm:ss.fffffff", CultureInfo.InvariantCulture)),
            Guid g => raw.sqlite3_bind_text(statement, index, g.ToString().ToUpperInvariant()),
            byte[] bytes => raw.sqlite3_bind_blob(statement, index, bytes),
            _ => throw new NotSupportedException($"{table}.{column}: values of type {value.GetType().Name} cannot be bulk-loaded into SQLite."),
        };
        if (rc != raw.SQLITE_OK) throw new InvalidOperationException($"{table}.{column}: binding failed with SQLite code {rc}.");
    }

    /// <summary>Same text as <c>0.0###########################</c>: at least one decimal, no trailing zeros.</summary>
    internal static ReadOnlySpan<char> FormatDecimal(decimal value, Span<char> buffer)
    {
        value.TryFormat(buffer, out var length, default, CultureInfo.InvariantCulture);
        var text = buffer[..length];
        if (text.IndexOf('.') < 0)
        {
            buffer[length] = '.';
            buffer[length + 1] = '0';
            return buffer[..(length + 2)];
        }
        while (text[^1] == '0' && text[^2] != '.') text = text[..^1];
        return text;
    }

    /// <summary>Same text as <c>yyyy-MM-dd HH:mm:ss.FFFFFFF</c> (fraction without trailing zeros, none when zero).</summary>
    internal static ReadOnlySpan<char> FormatDateTime(DateTime value, Span<char> buffer)
    {
        FormatDate(value.Year, value.Month, value.Day, buffer);
        buffer[10] = ' ';
        Digits(buffer[11..], value.Hour, 2);
        buffer[13] = ':';
        Digits(buffer[14..], value.Minute, 2);
        buffer[16] = ':';
        Digits(buffer[17..], value.Second, 2);
        var fraction = (int)(value.Ticks % TimeSpan.TicksPerSecond);
        if (fraction == 0) return buffer[..19];
        buffer[19] = '.';
        Digits(buffer[20..], fraction, 7);
        var end = 27;
        while (buffer[end - 1] == '0') end--;
        return buffer[..end];
    }

    private static ReadOnlySpan<char> FormatDate(int year, int month, int day, Span<char> buffer)
    {
        Digits(buffer, year, 4);
        buffer[4] = '-';
        Digits(buffer[5..], month, 2);
        buffer[7] = '-';
        Digits(buffer[8..], day, 2);
        return buffer[..10];
    }

    private static void Digits(Span<char> target, int value, int width)
    {
        for (var i = width - 1; i >= 0; i--)
        {
            target[i] = (char)('0' + value % 10);
            value /= 10;
        }
    }
}
