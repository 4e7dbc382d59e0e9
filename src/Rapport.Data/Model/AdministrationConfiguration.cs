using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rapport.Core.Domain;

namespace Rapport.Data.Model;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> e)
    {
        e.Property(u => u.DisplayName).HasMaxLength(200);
        e.Property(u => u.Culture).HasMaxLength(16);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> e)
    {
        e.Property(a => a.EntityType).HasMaxLength(100);
        e.Property(a => a.EntityId).HasMaxLength(100);
        e.Property(a => a.UserName).HasMaxLength(256);
        e.Property(a => a.RemoteAddress).HasMaxLength(64);
        e.Property(a => a.PreviousHash).HasMaxLength(64);
        e.Property(a => a.Hash).HasMaxLength(64);
        e.HasIndex(a => a.OccurredAt);
        e.HasIndex(a => new { a.EntityType, a.EntityId });
        // One entry per chain position: two writers racing for the same position cannot both commit.
        e.HasIndex(a => a.Sequence).IsUnique();
    }
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> e)
    {
        e.Property(t => t.Name).HasMaxLength(100);
        e.Property(t => t.Prefix).HasMaxLength(16);
        e.Property(t => t.Hash).HasMaxLength(64);
        e.Property(t => t.Scopes).HasMaxLength(1000);
        e.HasIndex(t => t.Hash).IsUnique();
        e.HasIndex(t => t.UserId);
        e.HasOne<User>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ImportBatchConfiguration : IEntityTypeConfiguration<ImportBatch>
{
    public void Configure(EntityTypeBuilder<ImportBatch> e)
    {
        e.Property(b => b.Kind).HasMaxLength(50);
        e.Property(b => b.ContentHash).HasMaxLength(64);
        e.HasIndex(b => new { b.Kind, b.ContentHash });
        e.HasMany(b => b.RejectedRows).WithOne().HasForeignKey(r => r.ImportBatchId).OnDelete(DeleteBehavior.Cascade);
    }
}
