using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rapport.Core.Domain;

namespace Rapport.Data.Model;

internal sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> e)
    {
        e.Property(t => t.Name).HasMaxLength(100);
        e.HasIndex(t => t.Name).IsUnique();
        e.HasMany(t => t.Members).WithOne().HasForeignKey(m => m.TeamId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TeamMemberConfiguration : IEntityTypeConfiguration<TeamMember>
{
    public void Configure(EntityTypeBuilder<TeamMember> e)
    {
        e.HasIndex(m => new { m.TeamId, m.UserId }).IsUnique();
        e.HasIndex(m => m.UserId);
        e.HasOne<User>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AuditAnchorConfiguration : IEntityTypeConfiguration<AuditAnchor>
{
    public void Configure(EntityTypeBuilder<AuditAnchor> e)
    {
        e.Property(a => a.Id).ValueGeneratedNever();
        e.Property(a => a.Hash).HasMaxLength(64);
        e.Property(a => a.Signature).HasMaxLength(64);
    }
}

internal sealed class SecretKeyConfiguration : IEntityTypeConfiguration<SecretKey>
{
    public void Configure(EntityTypeBuilder<SecretKey> e)
    {
        e.HasKey(k => k.Name);
        e.Property(k => k.Name).HasMaxLength(64);
        e.Property(k => k.Value).HasMaxLength(200);
    }
}
