using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rapport.Data.Encryption;

namespace Rapport.Data.Model;

internal sealed class FieldKeyConfiguration : IEntityTypeConfiguration<FieldKey>
{
    public void Configure(EntityTypeBuilder<FieldKey> e)
    {
        e.ToTable("field_keys");
        e.HasKey(k => k.Id);
        e.Property(k => k.Id).HasMaxLength(16);
    }
}
