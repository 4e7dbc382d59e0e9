using System.Globalization;

namespace Rapport.Data.Bulk;

/// <summary>
/// Turns a provider value into what Microsoft.Data.Sqlite (and so EF Core) stores for it: integers and booleans as
/// INTEGER, decimals and instants as invariant TEXT in the same formats, text as UTF-8, so rows loaded in bulk read
/// back through the ORM exactly like rows it wrote itself (the storage suite checks the round trip). Text is formatted
/// into a stack buffer and encoded straight into the batch, so a row costs no allocations beyond its boxed values.
/// </summary>
internal static class SqliteValues
{
    public static void Add(SqliteRowBatch batch, object? value, string table, string column)
    {
        Span<char> buffer = stackalloc char[48];
        switch (value)
        {
            case null: batch.AddNull(); break;
            case string s: batch.AddText(s); break;
            case long l: batch.AddInteger(l); break;
            case int i: batch.AddInteger(i); break;
            case short i: batch.AddInteger(i); break;
            case byte i: batch.AddInteger(i); break;
            case bool b: batch.AddInteger(b ? 1 : 0); break;
            case double d: batch.AddReal(d); break;
            case float f: batch.AddReal(f); break;
            case decimal m: batch.AddText(FormatDecimal(m, buffer)); break;
            case DateTime t: batch.AddText(FormatDateTime(t, buffer)); break;
            case DateOnly d: batch.AddText(FormatDate(d.Year, d.Month, d.Day, buffer)); break;
            case DateTimeOffset t: batch.AddText(t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture)); break;
            case TimeOnly t: batch.AddText(t.ToString("HH:mm:ss.fffffff", CultureInfo.InvariantCulture)); break;
            case Guid g: batch.AddText(g.ToString().ToUpperInvariant()); break;
            case byte[] bytes: batch.AddBlob(bytes); break;
            default: throw new NotSupportedException($"{table}.{column}: values of type {value.GetType().Name} cannot be bulk-loaded into SQLite.");
        }
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
