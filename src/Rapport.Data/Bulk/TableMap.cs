using System.Collections.Concurrent;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Rapport.Data.Bulk;

/// <summary>
/// Table and column layout of an entity, read from the EF model so the bulk path and the ORM never
/// disagree on names or on how a value is stored (enums by name, JSON columns, UTC instants).
/// </summary>
internal sealed class TableMap
{
    public required string Table { get; init; }
    public required IReadOnlyList<ColumnMap> Columns { get; init; }
    /// <summary>Single generated integer key whose sequence must follow explicit ids (PostgreSQL).</summary>
    public string? IdentityColumn { get; init; }

    /// <summary>The column of a property and its value as stored (for a WHERE clause).</summary>
    public (string Column, object? Value) Where(string property, object? value)
    {
        var column = Columns.FirstOrDefault(c => c.Property.Name == property)
                     ?? throw new ArgumentException($"{Table} has no column for property {property}.", nameof(property));
        return (column.Name, value is null || column.Converter is null ? value : column.Converter.ConvertToProvider(value));
    }

    /// <summary>The single key column (for MAX(id)).</summary>
    public string KeyColumn => IdentityColumn ?? Columns.First(c => c.Property.Name == "Id").Name;

    private static readonly ConcurrentDictionary<(IModel, Type), TableMap> Cache = new();

    public static TableMap For(IModel model, Type clrType) => Cache.GetOrAdd((model, clrType), key => Build(key.Item1, key.Item2));

    private static TableMap Build(IModel model, Type clrType)
    {
        var entity = model.FindEntityType(clrType) ?? throw new InvalidOperationException($"{clrType.Name} is not part of the database model.");
        var table = entity.GetTableName()!;
        var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
        var columns = entity.GetProperties()
            .Where(p => p.PropertyInfo is not null)
            .Select(p => new ColumnMap(p.GetColumnName(store)!, Getter(p), p.GetTypeMapping().Converter, p.PropertyInfo!))
            .ToList();
        var key = entity.FindPrimaryKey();
        var identity = key is { Properties: [var only] } && only.ValueGenerated == ValueGenerated.OnAdd ? only.GetColumnName(store) : null;
        return new TableMap { Table = table, Columns = columns, IdentityColumn = identity };
    }

    private static Func<object, object?> Getter(IProperty property)
    {
        var instance = Expression.Parameter(typeof(object));
        var read = Expression.Property(Expression.Convert(instance, property.DeclaringType.ClrType), property.PropertyInfo!);
        return Expression.Lambda<Func<object, object?>>(Expression.Convert(read, typeof(object)), instance).Compile();
    }
}

internal sealed record ColumnMap(string Name, Func<object, object?> Read, ValueConverter? Converter, System.Reflection.PropertyInfo Property)
{
    /// <summary>The value as the database stores it.</summary>
    public object? ProviderValue(object entity)
    {
        var value = Read(entity);
        return value is null || Converter is null ? value : Converter.ConvertToProvider(value);
    }
}
