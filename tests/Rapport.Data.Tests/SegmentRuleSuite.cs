using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Core.Domain;
using Rapport.Core.Segments;
using Rapport.Data.Segments;

namespace Rapport.Data.Tests;

/// <summary>
/// Six hand-made customers whose insights, countries and orders are known, so every rule's members can be counted by
/// hand (see the table in <see cref="SegmentRuleSuite{TDatabase}"/>).
/// </summary>
public sealed class RuleSegmentData<TDatabase> : IAsyncLifetime where TDatabase : DatabaseFixture, new()
{
    public static readonly DateTime Now = new(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc);
    public TDatabase Database { get; } = new();
    /// <summary>Name ("C1" …) → customer id.</summary>
    public Dictionary<string, long> Ids { get; } = [];

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        await using var scope = Database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<RapportDb>();
        Customer Person(string name, string? country, RecordStatus status = RecordStatus.Active)
            => new() { FirstName = name, LastName = "Rule", Country = country, Status = status, CreatedAt = Now, UpdatedAt = Now };
        var people = new[] { Person("C1", "GB"), Person("C2", "FR"), Person("C3", "GB"), Person("C4", "DE"), Person("C5", "GB", RecordStatus.Merged), Person("C6", "GB") };
        db.Customers.AddRange(people);
        await db.SaveChangesAsync();
        foreach (var p in people) Ids[p.FirstName] = p.Id;

        void Insight(string who, string kind, double value, string? label = null)
            => db.CustomerInsights.Add(new CustomerInsight { CustomerId = Ids[who], Kind = kind, Value = value, Label = label, ModelVersion = "hand", ComputedAt = Now });
        void Scores(string who, double churn, double clv, string? segment)
        {
            Insight(who, InsightKinds.ChurnRisk, churn);
            Insight(who, InsightKinds.LifetimeValue, clv);
            if (segment is not null) Insight(who, InsightKinds.Segment, 1, segment);
        }
        Scores("C1", 0.8, 900, "Loyal");
        Scores("C2", 0.7, 400, "Loyal");
        Scores("C3", 0.3, 1200, "Lapsed");
        Scores("C4", 0.65, 600, "Lapsed");
        Scores("C5", 0.9, 700, "Loyal");
        void Order(string who, int daysAgo, decimal total, OrderStatus status = OrderStatus.Completed)
            => db.Orders.Add(new Order { CustomerId = Ids[who], OrderNumber = $"R-{Guid.NewGuid():N}", OrderedAt = Now.AddDays(-daysAgo), TotalAmount = total, Status = status });
        Order("C1", 40, 100); Order("C1", 20, 200); Order("C1", 10, 300);
        Order("C2", 151, 50);
        Order("C3", 60, 80); Order("C3", 5, 1000, OrderStatus.Cancelled);
        Order("C5", 1, 999);
        Order("C6", 1, 20);
        await db.SaveChangesAsync();
    }

    public Task DisposeAsync() => Database.DisposeAsync();
}

/// <summary>
/// Rules translated to database queries, counted by hand:
/// <code>
///      churn  clv   segment country orders (days ago: total)         status
///  C1  0.8    900   Loyal   GB      40:100, 20:200, 10:300           active
///  C2  0.7    400   Loyal   FR      151:50                           active
///  C3  0.3    1200  Lapsed  GB      60:80, 5:1000 cancelled           active
///  C4  0.65   600   Lapsed  DE      —                                active
///  C5  0.9    700   Loyal   GB      1:999                            merged (never a member)
///  C6  —      —     —       GB      1:20                             active
/// </code>
/// </summary>
public abstract class SegmentRuleSuite<TDatabase>(RuleSegmentData<TDatabase> data) : IClassFixture<RuleSegmentData<TDatabase>>
    where TDatabase : DatabaseFixture, new()
{
    private async Task<string[]> MembersAsync(string json)
    {
        var parse = SegmentRuleParser.Parse(json);
        Assert.True(parse.IsValid, string.Join("; ", parse.Errors.Select(e => $"{e.Key}: {string.Join(",", e.Value)}")));
        await using var scope = data.Database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<RapportDb>();
        var ids = await SegmentRuleQuery.Members(db, parse.Rule!, RuleSegmentData<TDatabase>.Now).Select(c => c.Id).ToListAsync();
        return data.Ids.Where(kv => ids.Contains(kv.Value)).Select(kv => kv.Key).Order().ToArray();
    }

    private static string Rule(params (string Field, string Op, object Value)[] conditions)
        => System.Text.Json.JsonSerializer.Serialize(new { conditions = conditions.Select(c => new { field = c.Field, op = c.Op, value = c.Value }) });

    [Fact]
    public async Task Insight_values_and_labels_are_compared_in_the_database()
    {
        Assert.Equal(["C1", "C4"], await MembersAsync(Rule(("churn_risk", ">", 0.6), ("clv", ">", 500))));
        Assert.Equal(["C1", "C2"], await MembersAsync(Rule(("churn_risk", ">=", 0.7))));
        Assert.Equal(["C3"], await MembersAsync(Rule(("churn_risk", "<", 0.6))));
        Assert.Equal(["C2", "C4"], await MembersAsync(Rule(("clv", "<=", 600))));
        Assert.Equal(["C2"], await MembersAsync(Rule(("clv", "=", 400))));
        Assert.Equal(["C1", "C3", "C4"], await MembersAsync(Rule(("clv", "≠", 400))));
        Assert.Equal(["C3", "C4"], await MembersAsync(Rule(("segment", "=", "Lapsed"))));
        Assert.Equal(["C1", "C2"], await MembersAsync(Rule(("segment", "!=", "Lapsed"))));
    }

    [Fact]
    public async Task Customer_fields_and_order_history_are_compared_in_the_database()
    {
        Assert.Equal(["C1", "C3", "C6"], await MembersAsync(Rule(("country", "=", "GB"))));
        Assert.Equal(["C2", "C4"], await MembersAsync(Rule(("country", "≠", "GB"))));
        Assert.Equal(["C1"], await MembersAsync(Rule(("frequency", ">=", 2))));
        Assert.Equal(["C4"], await MembersAsync(Rule(("frequency", "=", 0))));
        Assert.Equal(["C1"], await MembersAsync(Rule(("monetary", ">", 500))));
        Assert.Equal(["C2", "C3"], await MembersAsync(Rule(("recency_days", ">", 30))));
        Assert.Equal(["C1", "C6"], await MembersAsync(Rule(("recency_days", "<", 30))));
        Assert.Equal(["C1"], await MembersAsync(Rule(("recency_days", "=", 10))));
        Assert.Equal(["C1", "C6"], await MembersAsync(Rule(("country", "=", "GB"), ("recency_days", "<=", 30), ("frequency", ">=", 1))));
    }

    [Fact]
    public async Task Stored_memberships_follow_the_rule_after_a_refresh()
    {
        long id;
        await using (var scope = data.Database.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RapportDb>();
            var segment = new Segment
            {
                Name = $"Risky {Guid.NewGuid():N}", Kind = SegmentKind.Rule, CreatedAt = RuleSegmentData<TDatabase>.Now,
                Definition = SegmentRuleParser.Parse(Rule(("churn_risk", ">", 0.6), ("clv", ">", 500))).Rule!.ToJson(),
            };
            db.Segments.Add(segment);
            await db.SaveChangesAsync();
            id = segment.Id;
        }
        await using (var scope = data.Database.Scope())
        {
            var counts = await scope.ServiceProvider.GetRequiredService<Rapport.Core.Insights.IInsightsFollowUp>().RunAsync();
            Assert.True(counts["ruleSegments"] >= 1);
            var db = scope.ServiceProvider.GetRequiredService<RapportDb>();
            var members = await db.SegmentMemberships.Where(m => m.SegmentId == id).Select(m => m.CustomerId).OrderBy(c => c).ToListAsync();
            Assert.Equal(new[] { data.Ids["C1"], data.Ids["C4"] }, members);
            Assert.NotNull(await db.Segments.Where(s => s.Id == id).Select(s => s.RefreshedAt).SingleAsync());
        }
    }
}

public sealed class SqliteSegmentRuleTests(RuleSegmentData<SqliteDatabase> data) : SegmentRuleSuite<SqliteDatabase>(data);

public sealed class PostgresSegmentRuleTests(RuleSegmentData<PostgresDatabase> data) : SegmentRuleSuite<PostgresDatabase>(data);
