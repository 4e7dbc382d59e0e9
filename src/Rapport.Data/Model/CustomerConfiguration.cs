using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rapport.Core.Domain;

namespace Rapport.Data.Model;

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> e)
    {
        // Names stay plain text (not in the list of encrypted fields): the list finds them by prefix on an index.
        e.Property(c => c.FirstName).HasMaxLength(200).StoredInPlaintext();
        e.Property(c => c.LastName).HasMaxLength(200).StoredInPlaintext();
        e.Property(c => c.ExternalId).HasMaxLength(100);
        e.Property(c => c.Source).HasMaxLength(100);
        e.Property(c => c.PreferredLanguage).HasMaxLength(16);
        e.Property(c => c.Country).HasMaxLength(2);
        e.HasIndex(c => new { c.Source, c.ExternalId });
        e.Property(c => c.SearchName).HasMaxLength(401).StoredInPlaintext();
        e.Property(c => c.SortName).HasMaxLength(401).StoredInPlaintext();
        // The list's name search is a prefix range on these two; SortName (+ the implicit id) also orders it by name.
        e.HasIndex(c => c.SearchName);
        e.HasIndex(c => c.SortName);
        e.HasIndex(c => c.ExternalId);
        e.HasIndex(c => c.ImportBatchId);
        e.HasOne(c => c.Company).WithMany(c => c.Contacts).HasForeignKey(c => c.CompanyId).OnDelete(DeleteBehavior.SetNull);
        e.HasMany(c => c.ContactPoints).WithOne().HasForeignKey(p => p.CustomerId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(c => c.Consents).WithOne().HasForeignKey(p => p.CustomerId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(c => c.Orders).WithOne(o => o.Customer).HasForeignKey(o => o.CustomerId).OnDelete(DeleteBehavior.Restrict);
        e.Ignore(c => c.DisplayName);
    }
}

internal sealed class CompanyConfiguration : IEntityTypeConfiguration<Company>
{
    public void Configure(EntityTypeBuilder<Company> e)
    {
        e.Property(c => c.Name).HasMaxLength(300);
        e.Property(c => c.ExternalId).HasMaxLength(100);
        e.HasIndex(c => c.Name);
        e.HasIndex(c => new { c.Source, c.ExternalId });
        e.HasMany(c => c.ContactPoints).WithOne().HasForeignKey(p => p.CompanyId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ContactPointConfiguration : IEntityTypeConfiguration<ContactPoint>
{
    public void Configure(EntityTypeBuilder<ContactPoint> e)
    {
        e.Property(p => p.Value).HasMaxLength(500);
        // Exact lookups (search by e-mail or phone, identity resolution, import dedupe) compare keyed hashes on this index.
        e.Property(p => p.NormalizedValue).IsBlindIndex();
        e.HasIndex(p => new { p.Kind, p.NormalizedValue });
        e.HasIndex(p => p.CustomerId);
    }
}

internal sealed class ConsentConfiguration : IEntityTypeConfiguration<Consent>
{
    public void Configure(EntityTypeBuilder<Consent> e)
    {
        e.Property(c => c.Source).HasMaxLength(100);
        e.HasIndex(c => new { c.CustomerId, c.Channel, c.Purpose, c.RecordedAt });
    }
}

internal sealed class InteractionConfiguration : IEntityTypeConfiguration<Interaction>
{
    public void Configure(EntityTypeBuilder<Interaction> e)
    {
        e.Property(i => i.Subject).HasMaxLength(500);
        e.HasIndex(i => new { i.CustomerId, i.OccurredAt });
        e.HasOne<Customer>().WithMany().HasForeignKey(i => i.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}
