using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rapport.Core.Domain;

namespace Rapport.Data.Model;

internal sealed class CustomerMergeConfiguration : IEntityTypeConfiguration<CustomerMerge>
{
    public void Configure(EntityTypeBuilder<CustomerMerge> e)
    {
        e.Property(m => m.Reasons).HasMaxLength(1000);
        e.Property(m => m.UserName).HasMaxLength(256);
        e.Property(m => m.UndoneBy).HasMaxLength(256);
        e.HasIndex(m => m.SurvivorId);
        e.HasIndex(m => m.MergedId);
        e.HasOne<Customer>().WithMany().HasForeignKey(m => m.SurvivorId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Customer>().WithMany().HasForeignKey(m => m.MergedId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MatchCandidateConfiguration : IEntityTypeConfiguration<MatchCandidate>
{
    public void Configure(EntityTypeBuilder<MatchCandidate> e)
    {
        e.Property(m => m.Reasons).HasMaxLength(1000);
        e.Property(m => m.DecidedBy).HasMaxLength(256);
        e.HasIndex(m => new { m.CustomerId, m.OtherCustomerId }).IsUnique();
        e.HasIndex(m => new { m.Status, m.Confidence });
        e.HasOne<Customer>().WithMany().HasForeignKey(m => m.CustomerId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Customer>().WithMany().HasForeignKey(m => m.OtherCustomerId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<CustomerMerge>().WithMany().HasForeignKey(m => m.MergeId).OnDelete(DeleteBehavior.SetNull);
    }
}
