using System.Collections.Concurrent;
using System.Linq.Expressions;
using SQLitePCL;

namespace Rapport.Data.Bulk;

/// <summary>
/// Binds a whole row of one entity type to a prepared INSERT with one compiled delegate: plain columns (integers,
/// floats, booleans, text, decimals, instants) are read and bound typed, without boxing; columns with a value
/// converter (enums by name, JSON) go through <see cref="ColumnMap.ProviderValue"/> and <see cref="SqliteValues.Bind"/>.
/// </summary>
internal static class SqliteRowBinder
{
    private static readonly ConcurrentDictionary<TableMap, Action<object, sqlite3_stmt>> Cache = new();

    public static Action<object, sqlite3_stmt> For(TableMap map) => Cache.GetOrAdd(map, Compile);

    private static Action<object, sqlite3_stmt> Compile(TableMap map)
    {
        var entity = Expression.Parameter(typeof(object), "entity");
        var statement = Expression.Parameter(typeof(sqlite3_stmt), "statement");
        var body = new List<Expression>();
        for (var i = 0; i < map.Columns.Count; i++)
        {
            var column = map.Columns[i];
            var index = Expression.Constant(i + 1);
            var typed = Expression.Property(Expression.Convert(entity, column.Property.DeclaringType!), column.Property);
            var helper = column.Converter is null || column.Property.PropertyType == typeof(DateTime) || column.Property.PropertyType == typeof(DateTime?)
                ? typeof(SqliteRowBinder).GetMethod(nameof(Bind), [typeof(sqlite3_stmt), typeof(int), column.Property.PropertyType])
                : null;
            body.Add(helper is not null
                ? Expression.Call(helper, statement, index, typed)
                : Expression.Call(typeof(SqliteRowBinder).GetMethod(nameof(BindConverted))!, statement, index, entity, Expression.Constant(column), Expression.Constant(map.Table)));
        }
        return Expression.Lambda<Action<object, sqlite3_stmt>>(Expression.Block(body), entity, statement).Compile();
    }

    public static void BindConverted(sqlite3_stmt statement, int index, object entity, ColumnMap column, string table)
        => SqliteValues.Bind(statement, index, column.ProviderValue(entity), table, column.Name);

    public static void Bind(sqlite3_stmt s, int i, long v) => Check(raw.sqlite3_bind_int64(s, i, v));
    public static void Bind(sqlite3_stmt s, int i, long? v) => Check(v is { } x ? raw.sqlite3_bind_int64(s, i, x) : raw.sqlite3_bind_null(s, i));
    public static void Bind(sqlite3_stmt s, int i, int v) => Check(raw.sqlite3_bind_int64(s, i, v));
    public static void Bind(sqlite3_stmt s, int i, int? v) => Check(v is { } x ? raw.sqlite3_bind_int64(s, i, x) : raw.sqlite3_bind_null(s, i));
    public static void Bind(sqlite3_stmt s, int i, bool v) => Check(raw.sqlite3_bind_int64(s, i, v ? 1 : 0));
    public static void Bind(sqlite3_stmt s, int i, bool? v) => Check(v is { } x ? raw.sqlite3_bind_int64(s, i, x ? 1 : 0) : raw.sqlite3_bind_null(s, i));
    public static void Bind(sqlite3_stmt s, int i, double v) => Check(raw.sqlite3_bind_double(s, i, v));
    public static void Bind(sqlite3_stmt s, int i, double? v) => Check(v is { } x ? raw.sqlite3_bind_double(s, i, x) : raw.sqlite3_bind_null(s, i));
    public static void Bind(sqlite3_stmt s, int i, string? v) => Check(v is null ? raw.sqlite3_bind_null(s, i) : raw.sqlite3_bind_text16(s, i, v.AsSpan()));

    public static void Bind(sqlite3_stmt s, int i, decimal v)
    {
        Span<char> buffer = stackalloc char[48];
        Check(raw.sqlite3_bind_text16(s, i, SqliteValues.FormatDecimal(v, buffer)));
    }

    public static void Bind(sqlite3_stmt s, int i, decimal? v)
    {
        if (v is { } x) Bind(s, i, x);
        else Check(raw.sqlite3_bind_null(s, i));
    }

    /// <summary>Instants are stored in UTC (the model's converter does the same for the ORM).</summary>
    public static void Bind(sqlite3_stmt s, int i, DateTime v)
    {
        Span<char> buffer = stackalloc char[48];
        Check(raw.sqlite3_bind_text16(s, i, SqliteValues.FormatDateTime(v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(), buffer)));
    }

    public static void Bind(sqlite3_stmt s, int i, DateTime? v)
    {
        if (v is { } x) Bind(s, i, x);
        else Check(raw.sqlite3_bind_null(s, i));
    }

    private static void Check(int rc)
    {
        if (rc != raw.SQLITE_OK) throw new InvalidOperationException($"binding failed with SQLite code {rc}.");
    }
}
