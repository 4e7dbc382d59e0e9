using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rapport.Core.Domain;

namespace Rapport.Data.Model;

internal sealed class SavedViewConfiguration : IEntityTypeConfiguration<SavedView>
{
    public void Configure(EntityTypeBuilder<SavedView> e)
    {
        e.Property(v => v.List).HasMaxLength(50);
        e.Property(v => v.Name).HasMaxLength(100);
        e.Property(v => v.Query).HasMaxLength(4000);
        // A user's views of one list have distinct names; the menu reads them by list and owner.
        e.HasIndex(v => new { v.List, v.OwnerId, v.Name }).IsUnique();
        e.HasOne<User>().WithMany().HasForeignKey(v => v.OwnerId).OnDelete(DeleteBehavior.Cascade);
    }
}
