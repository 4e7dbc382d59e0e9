using System.Collections;
using Rapport.Core.Domain;
using Rapport.Core.Storage;

namespace Rapport.Core.Demo;

/// <summary>
/// A generated demo retailer: one list per entity (ids 1..n per table, foreign keys consistent, every instant UTC)
/// and the <see cref="DemoTruth"/> planted in it. Navigation collections of the entities are left empty.
/// </summary>
public sealed class DemoDataSet
{
    private IReadOnlyList<DemoTable>? _tables;

    internal DemoDataSet() { }

    /// <summary>Staff (sales, service, marketing) with ids 1..10; they have no password and cannot sign in.</summary>
    public List<User> Users { get; } = [];
    public List<Company> Companies { get; } = [];
    public List<Customer> Customers { get; } = [];
    public List<ContactPoint> ContactPoints { get; } = [];
    public List<Consent> Consents { get; } = [];
    public List<Product> Products { get; } = [];
    public List<Pipeline> Pipelines { get; } = [];
    public List<PipelineStage> PipelineStages { get; } = [];
    public List<Deal> Deals { get; } = [];
    public List<DealStageChange> DealStageChanges { get; } = [];
    /// <summary>Rule segments that campaigns target (not the latent segments: those are only in the truth).</summary>
    public List<Segment> Segments { get; } = [];
    public List<Campaign> Campaigns { get; } = [];
    public List<Order> Orders { get; } = [];
    public List<OrderLine> OrderLines { get; } = [];
    public List<Interaction> Interactions { get; } = [];
    public List<Ticket> Tickets { get; } = [];
    public List<TicketMessage> TicketMessages { get; } = [];
    public List<KnowledgeArticle> KnowledgeArticles { get; } = [];
    public List<CampaignMember> CampaignMembers { get; } = [];
    public List<CampaignResponse> CampaignResponses { get; } = [];
    public List<Feedback> Feedback { get; } = [];

    public DemoTruth Truth { get; internal set; } = null!;

    /// <summary>Every entity list in foreign-key order (parents first), named as its CSV file (snake_case, no extension).</summary>
    public IEnumerable<(string Name, Type Type, IEnumerable Rows)> Tables => TableList.Select(t => (t.Name, t.Type, t.Rows));

    public long TotalRows => TableList.Sum(t => (long)t.Count);

    internal IReadOnlyList<DemoTable> TableList => _tables ??=
    [
        DemoTable.Of("users", Users),
        DemoTable.Of("companies", Companies),
        DemoTable.Of("customers", Customers),
        DemoTable.Of("contact_points", ContactPoints),
        DemoTable.Of("consents", Consents),
        DemoTable.Of("products", Products),
        DemoTable.Of("pipelines", Pipelines),
        DemoTable.Of("pipeline_stages", PipelineStages),
        DemoTable.Of("deals", Deals),
        DemoTable.Of("deal_stage_changes", DealStageChanges),
        DemoTable.Of("segments", Segments),
        DemoTable.Of("campaigns", Campaigns),
        DemoTable.Of("orders", Orders),
        DemoTable.Of("order_lines", OrderLines),
        DemoTable.Of("interactions", Interactions),
        DemoTable.Of("tickets", Tickets),
        DemoTable.Of("ticket_messages", TicketMessages),
        DemoTable.Of("knowledge_articles", KnowledgeArticles),
        DemoTable.Of("campaign_members", CampaignMembers),
        DemoTable.Of("campaign_responses", CampaignResponses),
        DemoTable.Of("feedback", Feedback),
    ];
}

/// <summary>One entity list with what is needed to write it without reflection: its element type and a typed bulk write.</summary>
internal abstract class DemoTable(string name, Type type)
{
    public string Name { get; } = name;
    public Type Type { get; } = type;
    public abstract IEnumerable Rows { get; }
    public abstract int Count { get; }
    public abstract Task<long> WriteAsync(IBulkSession session, CancellationToken ct);
    public abstract void WriteCsv(TextWriter writer);

    public static DemoTable Of<T>(string name, List<T> rows) where T : class => new Typed<T>(name, rows);

    private sealed class Typed<T>(string name, List<T> rows) : DemoTable(name, typeof(T)) where T : class
    {
        public override IEnumerable Rows => rows;
        public override int Count => rows.Count;
        public override Task<long> WriteAsync(IBulkSession session, CancellationToken ct) => session.WriteAsync<T>(rows, ct);
        public override void WriteCsv(TextWriter writer) => DemoCsv.Write(writer, rows);
    }
}
