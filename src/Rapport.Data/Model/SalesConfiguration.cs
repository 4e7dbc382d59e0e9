using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rapport.Core.Domain;

namespace Rapport.Data.Model;

internal sealed class PipelineConfiguration : IEntityTypeConfiguration<Pipeline>
{
    public void Configure(EntityTypeBuilder<Pipeline> e)
    {
        e.Property(p => p.Name).HasMaxLength(200);
        e.HasMany(p => p.Stages).WithOne().HasForeignKey(s => s.PipelineId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PipelineStageConfiguration : IEntityTypeConfiguration<PipelineStage>
{
    public void Configure(EntityTypeBuilder<PipelineStage> e)
    {
        e.Property(s => s.Name).HasMaxLength(200);
        e.HasIndex(s => new { s.PipelineId, s.Position });
    }
}

internal sealed class DealConfiguration : IEntityTypeConfiguration<Deal>
{
    public void Configure(EntityTypeBuilder<Deal> e)
    {
        e.Property(d => d.Title).HasMaxLength(300);
        e.Property(d => d.Currency).HasMaxLength(3);
        e.HasOne(d => d.Stage).WithMany().HasForeignKey(d => d.StageId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Pipeline>().WithMany().HasForeignKey(d => d.PipelineId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Company>().WithMany().HasForeignKey(d => d.CompanyId).OnDelete(DeleteBehavior.SetNull);
        e.HasOne<Customer>().WithMany().HasForeignKey(d => d.CustomerId).OnDelete(DeleteBehavior.SetNull);
        e.HasMany(d => d.StageChanges).WithOne().HasForeignKey(c => c.DealId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(d => new { d.Status, d.ExpectedClose });
        e.HasIndex(d => d.OwnerId);
    }
}

internal sealed class DealStageChangeConfiguration : IEntityTypeConfiguration<DealStageChange>
{
    public void Configure(EntityTypeBuilder<DealStageChange> e) => e.HasIndex(c => new { c.DealId, c.ChangedAt });
}

internal sealed class SalesTaskConfiguration : IEntityTypeConfiguration<SalesTask>
{
    public void Configure(EntityTypeBuilder<SalesTask> e)
    {
        e.Property(t => t.Title).HasMaxLength(300);
        e.HasOne<Deal>().WithMany().HasForeignKey(t => t.DealId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Customer>().WithMany().HasForeignKey(t => t.CustomerId).OnDelete(DeleteBehavior.SetNull);
        // "My day": a user's open tasks by due time.
        e.HasIndex(t => new { t.OwnerId, t.Done, t.DueAt });
    }
}
