using System.Collections.Concurrent;
using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using System.Text;
using System.Text.Json;

namespace Rapport.Core.Demo;

/// <summary>
/// Writes entity rows as CSV (RFC 4180): one column per scalar property (snake_case header, like the database
/// columns), navigation properties and computed read-only properties left out, invariant culture, instants as
/// ISO-8601 UTC ("2026-10-31T18:04:05Z"), dates as "yyyy-MM-dd", enums by name, dictionaries as JSON, "\n" line
/// endings. Each column is a compiled delegate that formats straight into a buffer (millions of rows per file).
/// </summary>
internal static class DemoCsv
{
    public sealed record Column(string Name, PropertyInfo Property, Delegate Write);

    private static readonly ConcurrentDictionary<Type, IReadOnlyList<Column>> Cache = new();

    public static IReadOnlyList<Column> Columns(Type type) => Cache.GetOrAdd(type, Build);

    public static void Write<T>(TextWriter writer, IEnumerable<T> rows)
    {
        var columns = Columns(typeof(T));
        var writers = columns.Select(c => (Action<T, CsvSink>)c.Write).ToArray();
        var sink = new CsvSink(writer);
        for (var i = 0; i < columns.Count; i++)
        {
            if (i > 0) sink.Separator();
            sink.Text(columns[i].Name);
        }
        sink.EndRow();
        foreach (var row in rows)
        {
            for (var i = 0; i < writers.Length; i++)
            {
                if (i > 0) sink.Separator();
                writers[i](row, sink);
            }
            sink.EndRow();
        }
        sink.Flush();
    }

    private static IReadOnlyList<Column> Build(Type type)
    {
        static int Depth(Type? t)
        {
            var depth = 0;
            for (; t is not null; t = t.BaseType) depth++;
            return depth;
        }

        return
        [
            .. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p is { CanRead: true, CanWrite: true } && p.GetIndexParameters().Length == 0 && IsScalar(p.PropertyType))
                .OrderBy(p => Depth(p.DeclaringType))
                .ThenBy(p => p.MetadataToken)
                .Select(p => new Column(SnakeCase(p.Name), p, Compile(type, p))),
        ];
    }

    private static bool IsScalar(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(DateTime) || t == typeof(DateOnly)
               || t == typeof(DateTimeOffset) || t == typeof(Guid) || t == typeof(Dictionary<string, string>);
    }

    /// <summary>(row, sink) => sink.Value(row.Property), choosing the sink overload by the property's type.</summary>
    private static Delegate Compile(Type type, PropertyInfo property)
    {
        var row = Expression.Parameter(type, "row");
        var sink = Expression.Parameter(typeof(CsvSink), "sink");
        var propertyType = property.PropertyType;
        var underlying = Nullable.GetUnderlyingType(propertyType);
        var method = (underlying ?? propertyType).IsEnum
            ? typeof(CsvSink).GetMethod(underlying is null ? nameof(CsvSink.Enum) : nameof(CsvSink.NullableEnum))!.MakeGenericMethod(underlying ?? propertyType)
            : typeof(CsvSink).GetMethod(nameof(CsvSink.Value), [propertyType])
              ?? throw new NotSupportedException($"No CSV format for {type.Name}.{property.Name} ({propertyType.Name}).");
        var body = Expression.Call(sink, method, Expression.Property(row, property));
        return Expression.Lambda(typeof(Action<,>).MakeGenericType(type, typeof(CsvSink)), body, row, sink).Compile();
    }

    /// <summary>PascalCase → snake_case the way EFCore.NamingConventions does it (OrderId → order_id, SlaDueAt → sla_due_at).</summary>
    public static string SnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(name[i - 1]))))
                    sb.Append('_');
                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }
}

/// <summary>Formats values into a character buffer and quotes text only when it needs it.</summary>
internal sealed class CsvSink(TextWriter writer)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly char[] _buffer = new char[1 << 15];
    private int _length;

    public void Separator() => Put(',');

    public void EndRow() => Put('\n');

    public void Flush()
    {
        writer.Write(_buffer, 0, _length);
        _length = 0;
        writer.Flush();
    }

    private void Put(char c)
    {
        if (_length == _buffer.Length) Drain();
        _buffer[_length++] = c;
    }

    private void Drain()
    {
        writer.Write(_buffer, 0, _length);
        _length = 0;
    }

    private Span<char> Reserve(int size)
    {
        if (_buffer.Length - _length < size) Drain();
        return _buffer.AsSpan(_length);
    }

    private void Formatted<TValue>(TValue value, ReadOnlySpan<char> format = default) where TValue : ISpanFormattable
    {
        if (!value.TryFormat(Reserve(64), out var written, format, CultureInfo.InvariantCulture))
        {
            Text(value.ToString(format.IsEmpty ? null : format.ToString(), CultureInfo.InvariantCulture));
            return;
        }
        _length += written;
    }

    public void Text(string? value)
    {
        if (value is null) return;
        var quote = value.Length > 0 && (value.AsSpan().IndexOfAny(",\"\r\n") >= 0 || value[0] == ' ' || value[^1] == ' ');
        if (!quote)
        {
            if (value.Length > _buffer.Length - _length)
            {
                Drain();
                if (value.Length > _buffer.Length)
                {
                    writer.Write(value);
                    return;
                }
            }
            value.AsSpan().CopyTo(_buffer.AsSpan(_length));
            _length += value.Length;
            return;
        }
        Put('"');
        foreach (var c in value)
        {
            if (c == '"') Put('"');
            Put(c);
        }
        Put('"');
    }

    public void Value(string? value) => Text(value);
    public void Value(int value) => Formatted(value);
    public void Value(int? value) { if (value is { } v) Formatted(v); }
    public void Value(long value) => Formatted(value);
    public void Value(long? value) { if (value is { } v) Formatted(v); }
    public void Value(double value) => Formatted(value, "R");
    public void Value(double? value) { if (value is { } v) Formatted(v, "R"); }
    public void Value(decimal value) => Formatted(value);
    public void Value(decimal? value) { if (value is { } v) Formatted(v); }
    public void Value(bool value) => Text(value ? "true" : "false");
    public void Value(bool? value) { if (value is { } v) Value(v); }
    public void Value(Guid value) => Formatted(value, "D");
    public void Value(Guid? value) { if (value is { } v) Formatted(v, "D"); }
    public void Value(DateOnly value) => Formatted(value, "yyyy-MM-dd");
    public void Value(DateOnly? value) { if (value is { } v) Formatted(v, "yyyy-MM-dd"); }
    public void Value(DateTimeOffset value) => Value(value.UtcDateTime);
    public void Value(DateTimeOffset? value) { if (value is { } v) Value(v.UtcDateTime); }
    public void Value(DateTime? value) { if (value is { } v) Value(v); }
    public void Value(Dictionary<string, string>? value) { if (value is not null) Text(JsonSerializer.Serialize(value, Json)); }

    /// <summary>ISO-8601 UTC with a "Z"; fractions of a second only when there are any.</summary>
    public void Value(DateTime value)
    {
        if (value.Kind != DateTimeKind.Utc) throw new InvalidOperationException($"Instant {value:o} is not UTC.");
        if (value.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            Formatted(value, "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'");
            return;
        }
        var span = Reserve(20);
        Digits(span, 0, value.Year, 4);
        span[4] = '-';
        Digits(span, 5, value.Month, 2);
        span[7] = '-';
        Digits(span, 8, value.Day, 2);
        span[10] = 'T';
        Digits(span, 11, value.Hour, 2);
        span[13] = ':';
        Digits(span, 14, value.Minute, 2);
        span[16] = ':';
        Digits(span, 17, value.Second, 2);
        span[19] = 'Z';
        _length += 20;
    }

    private static void Digits(Span<char> span, int at, int value, int width)
    {
        for (var i = width - 1; i >= 0; i--)
        {
            span[at + i] = (char)('0' + value % 10);
            value /= 10;
        }
    }

    public void Enum<TEnum>(TEnum value) where TEnum : struct, System.Enum => Text(EnumNames<TEnum>.Name(value));
    public void NullableEnum<TEnum>(TEnum? value) where TEnum : struct, System.Enum { if (value is { } v) Enum(v); }

    private static class EnumNames<TEnum> where TEnum : struct, System.Enum
    {
        private static readonly Dictionary<TEnum, string> Names = System.Enum.GetValues<TEnum>().Distinct().ToDictionary(v => v, v => v.ToString());
        public static string Name(TEnum value) => Names.TryGetValue(value, out var name) ? name : value.ToString();
    }
}
