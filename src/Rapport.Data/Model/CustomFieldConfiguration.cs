using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rapport.Core.Domain;

namespace Rapport.Data.Model;

internal sealed class CustomFieldDefinitionConfiguration : IEntityTypeConfiguration<CustomFieldDefinition>
{
    public void Configure(EntityTypeBuilder<CustomFieldDefinition> e)
    {
        e.Property(d => d.Key).HasMaxLength(40);
        e.Property(d => d.Label).HasMaxLength(200);
        e.Property(d => d.Options).HasJsonConversion();
        e.HasIndex(d => new { d.EntityType, d.Key }).IsUnique();
    }
}

/// <summary>
/// Values in one narrow table with a typed column per kind (the portable choice: JSON columns filter differently on
/// SQLite and PostgreSQL, and cannot be range-indexed on both). One value per field and record; an index per typed
/// column, led by the field, serves the list's equals and range filters. Deleting a field deletes its values.
/// </summary>
internal sealed class CustomFieldValueConfiguration : IEntityTypeConfiguration<CustomFieldValue>
{
    public void Configure(EntityTypeBuilder<CustomFieldValue> e)
    {
        e.Property(v => v.TextValue).HasMaxLength(1000);
        e.HasOne(v => v.Field).WithMany().HasForeignKey(v => v.FieldId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(v => new { v.EntityType, v.EntityId, v.FieldId }).IsUnique();
        e.HasIndex(v => new { v.FieldId, v.TextValue });
        e.HasIndex(v => new { v.FieldId, v.NumberValue });
        e.HasIndex(v => new { v.FieldId, v.DateValue });
    }
}
