using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Rapport.Data.Model;

/// <summary>How CLR types are stored, the same on every provider.</summary>
internal static class StorageConventions
{
    public static void Apply(ModelConfigurationBuilder b)
    {
        // Enums by name: readable in SQL and stable when members are reordered.
        b.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
        // Every instant is UTC; SQLite forgets the kind on read, so it is restored here.
        b.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        b.Properties<DateTime?>().HaveConversion<NullableUtcDateTimeConverter>();
        b.Properties<decimal>().HavePrecision(18, 4);
        b.Properties<decimal?>().HavePrecision(18, 4);
    }
}

internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

internal sealed class NullableUtcDateTimeConverter() : ValueConverter<DateTime?, DateTime?>(
    v => v == null ? v : v.Value.Kind == DateTimeKind.Utc ? v : v.Value.ToUniversalTime(),
    v => v == null ? v : DateTime.SpecifyKind(v.Value, DateTimeKind.Utc));
