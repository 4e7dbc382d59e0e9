using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rapport.Core.Domain;

namespace Rapport.Data.Model;

internal sealed class TicketConfiguration : IEntityTypeConfiguration<Ticket>
{
    public void Configure(EntityTypeBuilder<Ticket> e)
    {
        e.Property(t => t.Subject).HasMaxLength(500);
        e.Property(t => t.Intent).HasMaxLength(100);
        e.Property(t => t.Category).HasMaxLength(100);
        e.Property(t => t.Language).HasMaxLength(16);
        e.HasOne<Customer>().WithMany().HasForeignKey(t => t.CustomerId).OnDelete(DeleteBehavior.SetNull);
        e.HasMany(t => t.Messages).WithOne().HasForeignKey(m => m.TicketId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(t => new { t.Status, t.SlaDueAt });
        e.HasIndex(t => t.CustomerId);
        e.HasIndex(t => t.AssigneeId);
    }
}

internal sealed class KnowledgeArticleConfiguration : IEntityTypeConfiguration<KnowledgeArticle>
{
    public void Configure(EntityTypeBuilder<KnowledgeArticle> e)
    {
        e.Property(a => a.Title).HasMaxLength(500);
        e.Property(a => a.Category).HasMaxLength(100);
        e.Property(a => a.Language).HasMaxLength(16);
        e.HasIndex(a => new { a.Category, a.Language });
    }
}

internal sealed class SuggestionVoteConfiguration : IEntityTypeConfiguration<SuggestionVote>
{
    public void Configure(EntityTypeBuilder<SuggestionVote> e)
    {
        e.Property(v => v.Intent).HasMaxLength(100);
        e.HasOne<Ticket>().WithMany().HasForeignKey(v => v.TicketId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<KnowledgeArticle>().WithMany().HasForeignKey(v => v.ArticleId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(v => new { v.Intent, v.ArticleId });
    }
}
