using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rapport.Core.Automation;
using Rapport.Core.Domain;

namespace Rapport.Data.Model;

internal sealed class AutomationRuleConfiguration : IEntityTypeConfiguration<AutomationRule>
{
    public void Configure(EntityTypeBuilder<AutomationRule> e)
    {
        e.Property(r => r.Name).HasMaxLength(200);
        e.Property(r => r.Trigger).HasMaxLength(60);
        e.HasIndex(r => new { r.Trigger, r.Enabled });
    }
}

internal sealed class AutomationEventConfiguration : IEntityTypeConfiguration<AutomationEvent>
{
    public void Configure(EntityTypeBuilder<AutomationEvent> e)
    {
        e.Property(v => v.Type).HasMaxLength(60);
        e.Property(v => v.EntityType).HasMaxLength(40);
        e.Property(v => v.CausedByRules).HasMaxLength(200);
        // The worker's queue: unprocessed events in order.
        e.HasIndex(v => new { v.ProcessedAt, v.Id });
        // The SLA scanner fires once per rule and ticket.
        e.HasIndex(v => new { v.TargetRuleId, v.EntityId });
    }
}

internal sealed class AutomationRunConfiguration : IEntityTypeConfiguration<AutomationRun>
{
    public void Configure(EntityTypeBuilder<AutomationRun> e)
    {
        e.Property(r => r.RuleName).HasMaxLength(200);
        e.Property(r => r.EventType).HasMaxLength(60);
        e.Property(r => r.EntityType).HasMaxLength(40);
        e.Property(r => r.CausedByRules).HasMaxLength(200);
        e.Property(r => r.Outcomes).HasJsonConversion();
        e.HasIndex(r => new { r.Status, r.NextAttemptAt });
        e.HasIndex(r => new { r.RuleId, r.Id });
        e.HasOne<AutomationRule>().WithMany().HasForeignKey(r => r.RuleId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> e)
    {
        e.Property(n => n.Message).HasMaxLength(500);
        e.Property(n => n.Link).HasMaxLength(300);
        e.HasIndex(n => new { n.UserId, n.ReadAt });
        e.HasOne<User>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WebhookSubscriptionConfiguration : IEntityTypeConfiguration<WebhookSubscription>
{
    public void Configure(EntityTypeBuilder<WebhookSubscription> e)
    {
        e.Property(w => w.Url).HasMaxLength(2000);
        e.Property(w => w.Events).HasJsonConversion();
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> e)
    {
        e.Property(d => d.EventType).HasMaxLength(60);
        e.Property(d => d.Error).HasMaxLength(2000);
        e.HasIndex(d => new { d.Status, d.DueAt });
        e.HasIndex(d => new { d.SubscriptionId, d.Id });
        e.HasOne<WebhookSubscription>().WithMany().HasForeignKey(d => d.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ScoreSnapshotConfiguration : IEntityTypeConfiguration<ScoreSnapshot>
{
    public void Configure(EntityTypeBuilder<ScoreSnapshot> e)
    {
        e.HasKey(s => new { s.CustomerId, s.Kind });
        e.Property(s => s.Kind).HasMaxLength(40);
    }
}
