using System.Collections.Concurrent;
using System.Linq.Expressions;

namespace Rapport.Data.Bulk;

/// <summary>
/// Adds a whole row of one entity type to a <see cref="SqliteRowBatch"/> with one compiled delegate: plain columns
/// (integers, floats, booleans, text, decimals, instants) are read and encoded typed, without boxing; columns with a
/// value converter (enums by name, JSON) go through <see cref="ColumnMap.ProviderValue"/> and <see cref="SqliteValues.Add"/>.
/// </summary>
internal static class SqliteRowEncoder
{
    private static readonly ConcurrentDictionary<TableMap, Action<object, SqliteRowBatch>> Cache = new();

    public static Action<object, SqliteRowBatch> For(TableMap map) => Cache.GetOrAdd(map, Compile);

    private static Action<object, SqliteRowBatch> Compile(TableMap map)
    {
        var entity = Expression.Parameter(typeof(object), "entity");
        var batch = Expression.Parameter(typeof(SqliteRowBatch), "batch");
        var body = new List<Expression>();
        foreach (var column in map.Columns)
        {
            var typed = Expression.Property(Expression.Convert(entity, column.Property.DeclaringType!), column.Property);
            var helper = column.Converter is null || column.Property.PropertyType == typeof(DateTime) || column.Property.PropertyType == typeof(DateTime?)
                ? typeof(SqliteRowEncoder).GetMethod(nameof(Add), [typeof(SqliteRowBatch), column.Property.PropertyType])
                : null;
            body.Add(helper is not null
                ? Expression.Call(helper, batch, typed)
                : Expression.Call(typeof(SqliteRowEncoder).GetMethod(nameof(AddConverted))!, batch, entity, Expression.Constant(column), Expression.Constant(map.Table)));
        }
        body.Add(Expression.Call(batch, typeof(SqliteRowBatch).GetMethod(nameof(SqliteRowBatch.EndRow))!));
        return Expression.Lambda<Action<object, SqliteRowBatch>>(Expression.Block(body), entity, batch).Compile();
    }

    public static void AddConverted(SqliteRowBatch batch, object entity, ColumnMap column, string table)
        => SqliteValues.Add(batch, column.ProviderValue(entity), table, column.Name);

    public static void Add(SqliteRowBatch b, long v) => b.AddInteger(v);
    public static void Add(SqliteRowBatch b, long? v) { if (v is { } x) b.AddInteger(x); else b.AddNull(); }
    public static void Add(SqliteRowBatch b, int v) => b.AddInteger(v);
    public static void Add(SqliteRowBatch b, int? v) { if (v is { } x) b.AddInteger(x); else b.AddNull(); }
    public static void Add(SqliteRowBatch b, bool v) => b.AddInteger(v ? 1 : 0);
    public static void Add(SqliteRowBatch b, bool? v) { if (v is { } x) b.AddInteger(x ? 1 : 0); else b.AddNull(); }
    public static void Add(SqliteRowBatch b, double v) => b.AddReal(v);
    public static void Add(SqliteRowBatch b, double? v) { if (v is { } x) b.AddReal(x); else b.AddNull(); }
    public static void Add(SqliteRowBatch b, string? v) { if (v is null) b.AddNull(); else b.AddText(v); }

    public static void Add(SqliteRowBatch b, decimal v)
    {
        Span<char> buffer = stackalloc char[48];
        b.AddText(SqliteValues.FormatDecimal(v, buffer));
    }

    public static void Add(SqliteRowBatch b, decimal? v) { if (v is { } x) Add(b, x); else b.AddNull(); }

    /// <summary>Instants are stored in UTC (the model's converter does the same for the ORM).</summary>
    public static void Add(SqliteRowBatch b, DateTime v)
    {
        Span<char> buffer = stackalloc char[48];
        b.AddText(SqliteValues.FormatDateTime(v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(), buffer));
    }

    public static void Add(SqliteRowBatch b, DateTime? v) { if (v is { } x) Add(b, x); else b.AddNull(); }
}
