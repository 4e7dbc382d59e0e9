using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rapport.Core.Domain;

namespace Rapport.Data.Model;

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> e)
    {
        e.Property(p => p.Sku).HasMaxLength(64);
        e.Property(p => p.Name).HasMaxLength(300);
        e.Property(p => p.Category).HasMaxLength(100);
        e.Property(p => p.Currency).HasMaxLength(3);
        e.Property(p => p.Attributes).HasJsonConversion();
        e.HasIndex(p => p.Sku).IsUnique();
        e.HasIndex(p => p.Category);
    }
}

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> e)
    {
        e.Property(o => o.OrderNumber).HasMaxLength(64);
        e.Property(o => o.Currency).HasMaxLength(3);
        e.HasIndex(o => new { o.CustomerId, o.OrderedAt });
        e.HasIndex(o => o.OrderNumber);
        e.HasIndex(o => o.OrderedAt);
        e.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OrderId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OrderLineConfiguration : IEntityTypeConfiguration<OrderLine>
{
    public void Configure(EntityTypeBuilder<OrderLine> e)
    {
        e.HasIndex(l => l.OrderId);
        e.HasIndex(l => l.CustomerId);
        e.HasIndex(l => l.ProductId);
        e.HasOne<Product>().WithMany().HasForeignKey(l => l.ProductId).OnDelete(DeleteBehavior.Restrict);
        e.Ignore(l => l.NetAmount);
    }
}
