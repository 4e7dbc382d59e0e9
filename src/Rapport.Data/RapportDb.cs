using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Core.Domain;
using Rapport.Data.Encryption;
using Rapport.Data.Model;

namespace Rapport.Data;

/// <summary>
/// The CRM's database. Provider-neutral: <see cref="SqliteRapportDb"/> and <see cref="PostgresRapportDb"/>
/// exist only so each provider keeps its own migrations.
/// </summary>
public abstract class RapportDb(DbContextOptions options)
    : IdentityDbContext<User, Role, long>(options), IDataProtectionKeyContext
{
    /// <summary>
    /// The field-encryption keys of this database, from the app's services (one ring per service provider, i.e. per
    /// database); the model's converters are built around it, so the model is cached per ring (<see cref="RapportModelCacheKeyFactory"/>).
    /// </summary>
    public FieldKeyRing KeyRing { get; } = options.FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider?.GetService<FieldKeyRing>()
                                           ?? FieldKeyRing.Unavailable;

    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<Company> Companies => Set<Company>();
    public DbSet<ContactPoint> ContactPoints => Set<ContactPoint>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<OrderLine> OrderLines => Set<OrderLine>();
    public DbSet<Interaction> Interactions => Set<Interaction>();
    public DbSet<Pipeline> Pipelines => Set<Pipeline>();
    public DbSet<PipelineStage> PipelineStages => Set<PipelineStage>();
    public DbSet<Deal> Deals => Set<Deal>();
    public DbSet<DealStageChange> DealStageChanges => Set<DealStageChange>();
    public DbSet<SalesTask> SalesTasks => Set<SalesTask>();
    public DbSet<Ticket> Tickets => Set<Ticket>();
    public DbSet<TicketMessage> TicketMessages => Set<TicketMessage>();
    public DbSet<KnowledgeArticle> KnowledgeArticles => Set<KnowledgeArticle>();
    public DbSet<SuggestionVote> SuggestionVotes => Set<SuggestionVote>();
    public DbSet<Campaign> Campaigns => Set<Campaign>();
    public DbSet<CampaignMember> CampaignMembers => Set<CampaignMember>();
    public DbSet<CampaignResponse> CampaignResponses => Set<CampaignResponse>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<Feedback> Feedback => Set<Feedback>();
    public DbSet<Consent> Consents => Set<Consent>();
    public DbSet<Segment> Segments => Set<Segment>();
    public DbSet<SegmentMembership> SegmentMemberships => Set<SegmentMembership>();
    public DbSet<CustomerInsight> CustomerInsights => Set<CustomerInsight>();
    public DbSet<ProductAssociation> ProductAssociations => Set<ProductAssociation>();
    public DbSet<ForecastPeriod> ForecastPeriods => Set<ForecastPeriod>();
    public DbSet<Rapport.Core.Insights.InsightRun> InsightRuns => Set<Rapport.Core.Insights.InsightRun>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<ImportBatch> ImportBatches => Set<ImportBatch>();
    public DbSet<ImportRejectedRow> ImportRejectedRows => Set<ImportRejectedRow>();
    public DbSet<CustomerMerge> CustomerMerges => Set<CustomerMerge>();
    public DbSet<MatchCandidate> MatchCandidates => Set<MatchCandidate>();
    public DbSet<SavedView> SavedViews => Set<SavedView>();
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<TeamMember> TeamMembers => Set<TeamMember>();
    public DbSet<AuditAnchor> AuditAnchors => Set<AuditAnchor>();
    public DbSet<SecretKey> SecretKeys => Set<SecretKey>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<CustomFieldDefinition> CustomFieldDefinitions => Set<CustomFieldDefinition>();
    public DbSet<CustomFieldValue> CustomFieldValues => Set<CustomFieldValue>();
    public DbSet<FieldKey> FieldKeys => Set<FieldKey>();
    public DbSet<AutomationRule> AutomationRules => Set<AutomationRule>();
    public DbSet<Rapport.Core.Automation.AutomationEvent> AutomationEvents => Set<Rapport.Core.Automation.AutomationEvent>();
    public DbSet<Rapport.Core.Automation.AutomationRun> AutomationRuns => Set<Rapport.Core.Automation.AutomationRun>();
    public DbSet<Rapport.Core.Automation.Notification> Notifications => Set<Rapport.Core.Automation.Notification>();
    public DbSet<WebhookSubscription> WebhookSubscriptions => Set<WebhookSubscription>();
    public DbSet<Rapport.Core.Automation.WebhookDelivery> WebhookDeliveries => Set<Rapport.Core.Automation.WebhookDelivery>();
    public DbSet<Rapport.Core.Automation.ScoreSnapshot> ScoreSnapshots => Set<Rapport.Core.Automation.ScoreSnapshot>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
        => StorageConventions.Apply(configurationBuilder);

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(RapportDb).Assembly);
        PersonalDataConvention.Apply(builder);
        FieldEncryptionConvention.Apply(builder, KeyRing);
    }
}

/// <summary>One model per (context type, key ring): the encryption converters hold the ring of their database.</summary>
internal sealed class RapportModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime)
        => (context.GetType(), (context as RapportDb)?.KeyRing, designTime);
}

public sealed class SqliteRapportDb(DbContextOptions<SqliteRapportDb> options) : RapportDb(options);

public sealed class PostgresRapportDb(DbContextOptions<PostgresRapportDb> options) : RapportDb(options);
