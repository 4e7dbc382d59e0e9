using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rapport.Core.Domain;
using Rapport.Core.Insights;

namespace Rapport.Data.Model;

internal sealed class ProductAssociationConfiguration : IEntityTypeConfiguration<ProductAssociation>
{
    public void Configure(EntityTypeBuilder<ProductAssociation> e)
    {
        e.Property(a => a.AntecedentKey).HasMaxLength(200);
        e.Property(a => a.AntecedentProductIds).HasJsonConversion();
        e.Property(a => a.ModelVersion).HasMaxLength(100);
        // "Frequently bought together" on a product page: rules whose antecedent is exactly that product.
        e.HasIndex(a => new { a.AntecedentKey, a.Lift });
        e.HasIndex(a => a.ConsequentProductId);
        e.HasOne<Product>().WithMany().HasForeignKey(a => a.ConsequentProductId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ForecastPeriodConfiguration : IEntityTypeConfiguration<ForecastPeriod>
{
    public void Configure(EntityTypeBuilder<ForecastPeriod> e)
    {
        e.Property(p => p.Series).HasMaxLength(100);
        e.Property(p => p.Frequency).HasMaxLength(10);
        e.Property(p => p.ModelVersion).HasMaxLength(100);
        e.HasIndex(p => new { p.Series, p.PeriodStart });
    }
}

internal sealed class InsightRunConfiguration : IEntityTypeConfiguration<InsightRun>
{
    public void Configure(EntityTypeBuilder<InsightRun> e)
    {
        e.Property(r => r.Trigger).HasMaxLength(20);
        e.Property(r => r.Step).HasMaxLength(50);
        e.Property(r => r.Counts).HasJsonConversion();
        e.Property(r => r.StepSeconds).HasJsonConversion();
        e.Property(r => r.Skipped).HasJsonConversion();
        e.Property(r => r.Warnings).HasJsonConversion();
        e.Property(r => r.ModelVersions).HasJsonConversion();
        e.HasIndex(r => r.StartedAt);
    }
}
