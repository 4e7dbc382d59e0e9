using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rapport.Core.Domain;

namespace Rapport.Data.Model;

internal sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> e)
    {
        e.Property(c => c.Name).HasMaxLength(300);
        e.Property(c => c.Subject).HasMaxLength(300);
        e.Property(c => c.Template).HasMaxLength(20_000);
        e.HasOne<Segment>().WithMany().HasForeignKey(c => c.SegmentId).OnDelete(DeleteBehavior.SetNull);
        e.HasMany(c => c.Members).WithOne().HasForeignKey(m => m.CampaignId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CampaignMemberConfiguration : IEntityTypeConfiguration<CampaignMember>
{
    public void Configure(EntityTypeBuilder<CampaignMember> e)
    {
        e.HasIndex(m => new { m.CampaignId, m.CustomerId }).IsUnique();
        e.HasIndex(m => m.CustomerId);
        e.HasOne<Customer>().WithMany().HasForeignKey(m => m.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> e)
    {
        e.Property(m => m.LastError).HasMaxLength(2000);
        // The sender's query: due pending messages, oldest first.
        e.HasIndex(m => new { m.Status, m.NextAttemptAt });
        e.HasIndex(m => m.CampaignMemberId).IsUnique();
        e.HasIndex(m => m.CustomerId);
        e.HasOne<Campaign>().WithMany().HasForeignKey(m => m.CampaignId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<CampaignMember>().WithMany().HasForeignKey(m => m.CampaignMemberId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Customer>().WithMany().HasForeignKey(m => m.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CampaignResponseConfiguration : IEntityTypeConfiguration<CampaignResponse>
{
    public void Configure(EntityTypeBuilder<CampaignResponse> e)
    {
        e.HasIndex(r => new { r.CampaignId, r.CustomerId });
        e.HasOne<Campaign>().WithMany().HasForeignKey(r => r.CampaignId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Customer>().WithMany().HasForeignKey(r => r.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class FeedbackConfiguration : IEntityTypeConfiguration<Feedback>
{
    public void Configure(EntityTypeBuilder<Feedback> e)
    {
        e.HasIndex(f => new { f.CustomerId, f.SubmittedAt });
        e.HasOne<Customer>().WithMany().HasForeignKey(f => f.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SegmentConfiguration : IEntityTypeConfiguration<Segment>
{
    public void Configure(EntityTypeBuilder<Segment> e)
    {
        e.Property(s => s.Name).HasMaxLength(200);
        e.HasIndex(s => s.Name);
    }
}

internal sealed class SegmentMembershipConfiguration : IEntityTypeConfiguration<SegmentMembership>
{
    public void Configure(EntityTypeBuilder<SegmentMembership> e)
    {
        e.HasKey(m => new { m.SegmentId, m.CustomerId });
        e.HasIndex(m => m.CustomerId);
        e.HasOne<Segment>().WithMany().HasForeignKey(m => m.SegmentId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Customer>().WithMany().HasForeignKey(m => m.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CustomerInsightConfiguration : IEntityTypeConfiguration<CustomerInsight>
{
    public void Configure(EntityTypeBuilder<CustomerInsight> e)
    {
        e.Property(i => i.Kind).HasMaxLength(50);
        e.Property(i => i.ModelVersion).HasMaxLength(100);
        e.Property(i => i.Reasons).HasJsonConversion();
        e.HasIndex(i => new { i.CustomerId, i.Kind });
        e.HasIndex(i => new { i.Kind, i.Value });
        e.HasIndex(i => new { i.Kind, i.Label });
        e.HasOne<Customer>().WithMany().HasForeignKey(i => i.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}
