using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Core.Demo;
using Rapport.Core.Domain;
using Rapport.Core.Insights;

namespace Rapport.Data.Tests;

/// <summary>
/// A small demo retailer loaded into a fresh database, refreshed, then refreshed again after one customer is merged
/// away: what the suite asserts on.
/// </summary>
public sealed class InsightsDemo<TDatabase> : IAsyncLifetime where TDatabase : DatabaseFixture, new()
{
    public TDatabase Database { get; } = new();
    public DemoDataSet Data { get; private set; } = null!;
    public InsightRun First { get; private set; } = null!;
    public InsightRun Second { get; private set; } = null!;
    public List<InsightsProgress> Progress { get; } = [];
    /// <summary>A customer with orders that was marked as merged between the two runs.</summary>
    public long MergedCustomer { get; private set; }
    public int FirstRunInsightRows { get; private set; }
    /// <summary>A rule segment (churn risk &gt; 0.3) created between the two runs.</summary>
    public long RuleSegmentId { get; private set; }

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        Data = DemoGenerator.Generate(new DemoOptions { Customers = 400, Seed = 7 });
        await using (var scope = Database.Scope())
            await scope.ServiceProvider.GetRequiredService<DemoInstaller>().InstallAsync(Data);

        await using (var scope = Database.Scope())
            First = await scope.ServiceProvider.GetRequiredService<InsightsRefresher>().RefreshAsync("test", null, new SyncProgress(Progress.Add));
        await using (var scope = Database.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RapportDb>();
            FirstRunInsightRows = await db.CustomerInsights.CountAsync();
            MergedCustomer = await db.Orders.Where(o => o.Status != OrderStatus.Cancelled).Select(o => o.CustomerId).OrderBy(id => id).FirstAsync();
            var survivor = await db.Customers.Where(c => c.Id != MergedCustomer).Select(c => c.Id).FirstAsync();
            await db.Customers.Where(c => c.Id == MergedCustomer)
                .ExecuteUpdateAsync(u => u.SetProperty(c => c.Status, RecordStatus.Merged).SetProperty(c => c.MergedIntoId, survivor));
        }
        await using (var scope = Database.Scope())
        {
            // A rule segment saved between the runs: the second refresh stores its members.
            var db = scope.ServiceProvider.GetRequiredService<RapportDb>();
            var segment = new Segment { Name = "Risky", Kind = SegmentKind.Rule, CreatedAt = DateTime.UtcNow,
                Definition = """{"conditions":[{"field":"churn_risk","op":">","value":0.3}]}""" };
            db.Segments.Add(segment);
            await db.SaveChangesAsync();
            RuleSegmentId = segment.Id;
        }
        await using (var scope = Database.Scope())
            Second = await scope.ServiceProvider.GetRequiredService<InsightsRefresher>().RefreshAsync("test", null);
    }

    public Task DisposeAsync() => Database.DisposeAsync();

    private sealed class SyncProgress(Action<InsightsProgress> report) : IProgress<InsightsProgress>
    {
        public void Report(InsightsProgress value) => report(value);
    }
}

public abstract class InsightsRefreshSuite<TDatabase>(InsightsDemo<TDatabase> demo, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<InsightsDemo<TDatabase>>
    where TDatabase : DatabaseFixture, new()
{
    private async Task<T> WithDbAsync<T>(Func<RapportDb, Task<T>> query)
    {
        await using var scope = demo.Database.Scope();
        return await query(scope.ServiceProvider.GetRequiredService<RapportDb>());
    }

    [Fact]
    public async Task The_refresh_stores_the_members_of_rule_segments_as_their_rule_selects_them()
    {
        var (stored, selected) = await WithDbAsync(async db =>
        {
            var rule = Rapport.Core.Segments.SegmentRuleParser.Parse(await db.Segments.Where(s => s.Id == demo.RuleSegmentId).Select(s => s.Definition).SingleAsync()).Rule!;
            var members = await db.SegmentMemberships.Where(m => m.SegmentId == demo.RuleSegmentId).Select(m => m.CustomerId).OrderBy(c => c).ToListAsync();
            var risky = await db.CustomerInsights.Where(i => i.Kind == InsightKinds.ChurnRisk && i.Value > 0.3).Select(i => i.CustomerId).ToListAsync();
            var active = await db.Customers.Where(c => c.Status == RecordStatus.Active && c.MergedIntoId == null).Select(c => c.Id).ToListAsync();
            Assert.Equal(members.Count, await Rapport.Data.Segments.SegmentRuleQuery.Members(db, rule, DateTime.UtcNow).CountAsync());
            return (members, active.Intersect(risky).Order().ToList());
        });
        Assert.NotEmpty(stored);
        Assert.Equal(selected, stored);
        Assert.True(demo.Second.Counts["ruleSegmentMembers"] >= stored.Count);
    }

    [Fact]
    public async Task Both_runs_succeed_with_every_analysis_and_a_persisted_record()
    {
        foreach (var run in new[] { demo.First, demo.Second })
        {
            output.WriteLine(string.Join(", ", run.StepSeconds.Select(kv => $"{kv.Key} {kv.Value:0.00} s")));
            Assert.True(run.Status == InsightRunStatus.Succeeded, run.Error);
            Assert.Empty(run.Skipped.Select(s => $"{s.Step}: {s.Reason}"));
            Assert.Equal(InsightsRefresher.Steps.Count - 2, run.ModelVersions.Count);
            Assert.All(run.ModelVersions.Values, v => Assert.Contains("data to ", v));
        }
        var stored = await WithDbAsync(db => db.InsightRuns.AsNoTracking().SingleAsync(r => r.Id == demo.First.Id));
        Assert.Equal(InsightRunStatus.Succeeded, stored.Status);
        Assert.Equal(InsightsRefresher.Write, stored.Step);
        Assert.NotNull(stored.FinishedAt);
        Assert.Equal(demo.First.Counts["insightsWritten"], stored.Counts["insightsWritten"]);
        Assert.Equal(demo.First.ModelVersions, stored.ModelVersions);
        // Progress named every step in order.
        Assert.Equal(InsightsRefresher.Steps, demo.Progress.Select(p => p.Step).Where(s => s != "done").Distinct());
    }

    [Fact]
    public async Task Every_active_customer_with_orders_has_rfm_p_alive_and_clv_and_merged_ones_have_none()
    {
        var buyers = await WithDbAsync(db => db.Orders.Where(o => o.Status != OrderStatus.Cancelled)
            .Join(db.Customers.Where(c => c.Status == RecordStatus.Active && c.MergedIntoId == null), o => o.CustomerId, c => c.Id, (o, c) => c.Id)
            .Distinct().ToListAsync());
        Assert.True(buyers.Count > 300, $"{buyers.Count} buyers");
        var kinds = await WithDbAsync(db => db.CustomerInsights.Where(i => i.Kind == InsightKinds.RfmScore || i.Kind == InsightKinds.ProbabilityAlive || i.Kind == InsightKinds.LifetimeValue)
            .GroupBy(i => i.Kind).Select(g => new { g.Key, Customers = g.Select(i => i.CustomerId).Distinct().Count(), Rows = g.Count() }).ToListAsync());
        foreach (var kind in new[] { InsightKinds.RfmScore, InsightKinds.ProbabilityAlive, InsightKinds.LifetimeValue })
        {
            var k = kinds.Single(x => x.Key == kind);
            Assert.Equal(buyers.Count, k.Customers);
            Assert.Equal(buyers.Count, k.Rows); // one row per customer: the rerun replaced, it did not add
        }
        var rfm = await WithDbAsync(db => db.CustomerInsights.Where(i => i.Kind == InsightKinds.RfmScore).Take(50).ToListAsync());
        Assert.All(rfm, i =>
        {
            Assert.False(string.IsNullOrEmpty(i.Label));
            Assert.Equal(3, i.Reasons.Count);
            Assert.InRange(i.Value, 111, 555);
        });
        Assert.Equal(0, await WithDbAsync(db => db.CustomerInsights.CountAsync(i => i.CustomerId == demo.MergedCustomer)));
        Assert.Equal(0, await WithDbAsync(db => db.SegmentMemberships.CountAsync(m => m.CustomerId == demo.MergedCustomer)));
    }

    [Fact]
    public async Task P_alive_ranks_the_demo_s_churned_customers_below_the_active_ones()
    {
        var pAlive = await WithDbAsync(db => db.CustomerInsights.Where(i => i.Kind == InsightKinds.ProbabilityAlive).ToDictionaryAsync(i => i.CustomerId, i => i.Value));
        var truth = demo.Data.Truth.Customers.Where(c => pAlive.ContainsKey(c.Id)).ToList();
        var churned = truth.Where(c => c.Churned).Select(c => pAlive[c.Id]).ToList();
        var alive = truth.Where(c => !c.Churned).Select(c => pAlive[c.Id]).ToList();
        Assert.True(churned.Count > 20 && alive.Count > 20, $"{churned.Count} churned, {alive.Count} alive");
        // AUC: the chance that an alive customer scores above a churned one.
        double wins = 0;
        foreach (var a in alive)
            foreach (var c in churned)
                wins += a > c ? 1 : a == c ? 0.5 : 0;
        var auc = wins / (alive.Count * (double)churned.Count);
        Assert.True(auc > 0.75, $"P(alive) AUC {auc:0.000}");
    }

    [Fact]
    public async Task Churn_risk_comes_with_reasons_and_recommendations_with_because()
    {
        var risk = await WithDbAsync(db => db.CustomerInsights.Where(i => i.Kind == InsightKinds.ChurnRisk).ToListAsync());
        Assert.True(risk.Count > 300);
        Assert.All(risk, r =>
        {
            Assert.InRange(r.Value, 0, 1);
            Assert.NotEmpty(r.Reasons);
            Assert.All(r.Reasons, reason => Assert.False(string.IsNullOrWhiteSpace(reason.Text)));
        });
        Assert.Contains(risk, r => r.Label == "high");

        var recommendations = await WithDbAsync(db => db.CustomerInsights.Where(i => i.Kind == InsightKinds.NextProduct).ToListAsync());
        Assert.True(recommendations.Select(r => r.CustomerId).Distinct().Count() > 300);
        Assert.All(recommendations.GroupBy(r => r.CustomerId), g => Assert.InRange(g.Count(), 1, 5));
        var skus = await WithDbAsync(db => db.Products.Select(p => p.Sku).ToListAsync());
        Assert.All(recommendations, r =>
        {
            Assert.Contains(r.Label, skus);
            Assert.False(string.IsNullOrWhiteSpace(Assert.Single(r.Reasons).Text));
        });
    }

    [Fact]
    public async Task Clustering_segments_are_replaced_with_named_segments_that_have_members()
    {
        var segments = await WithDbAsync(db => db.Segments.Where(s => s.Kind == SegmentKind.Cluster).ToListAsync());
        Assert.InRange(segments.Count, 2, 10);
        Assert.Equal(demo.Second.Counts["segments"], segments.Count); // the first run's segments are gone
        Assert.All(segments, s =>
        {
            Assert.False(string.IsNullOrWhiteSpace(s.Name));
            Assert.StartsWith("kmeans", s.ModelVersion);
            Assert.NotNull(s.RefreshedAt);
        });
        var members = await WithDbAsync(db => db.SegmentMemberships.Where(m => m.SegmentId != demo.RuleSegmentId).GroupBy(m => m.SegmentId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync());
        Assert.Equal(segments.Select(s => s.Id).Order(), members.Select(m => m.Key).Order());
        Assert.All(members, m => Assert.True(m.Count > 0));
        // Each customer's segment insight names its segment.
        var insight = await WithDbAsync(db => db.CustomerInsights.FirstAsync(i => i.Kind == InsightKinds.Segment));
        Assert.Equal(segments.Single(s => s.Id == (long)insight.Value).Name, insight.Label);
    }

    [Fact]
    public async Task Rules_and_the_revenue_forecast_are_stored_and_the_rerun_keeps_the_row_count()
    {
        var rules = await WithDbAsync(db => db.ProductAssociations.ToListAsync());
        Assert.NotEmpty(rules);
        Assert.All(rules, r => Assert.True(r.Lift >= 1 && r.Confidence > 0 && r.AntecedentProductIds.Count >= 1));
        // The demo plants bundles: a trigger product pulls its add-ons; some rule links a trigger to one of its add-ons.
        var bundlePairs = demo.Data.Truth.Bundles.SelectMany(b => b.ProductIds.Skip(1).Select(addOn => (b.ProductIds[0], addOn))).ToHashSet();
        Assert.Contains(rules, r => r.AntecedentProductIds.Count == 1 && bundlePairs.Contains((r.AntecedentProductIds[0], r.ConsequentProductId)));

        var forecast = await WithDbAsync(db => db.ForecastPeriods.Where(p => p.Series == ForecastSeries.Revenue).OrderBy(p => p.PeriodStart).ToListAsync());
        Assert.Equal(6, forecast.Count(p => p.IsForecast));
        Assert.True(forecast.Count(p => !p.IsForecast) >= 24);
        Assert.All(forecast.Where(p => p.IsForecast), p => Assert.True(p.Lower95 <= p.Value && p.Value <= p.Upper95));
        Assert.True(forecast.Last(p => !p.IsForecast).PeriodStart < forecast.First(p => p.IsForecast).PeriodStart);

        // Second run: the merged customer's rows are gone, nothing else doubled.
        var rows = await WithDbAsync(db => db.CustomerInsights.CountAsync());
        Assert.Equal(demo.Second.Counts["insightsWritten"], rows);
        Assert.InRange(rows, demo.FirstRunInsightRows - 20, demo.FirstRunInsightRows);
    }
}

public sealed class SqliteInsightsRefreshTests(InsightsDemo<SqliteDatabase> demo, Xunit.Abstractions.ITestOutputHelper output)
    : InsightsRefreshSuite<SqliteDatabase>(demo, output);

public sealed class PostgresInsightsRefreshTests(InsightsDemo<PostgresDatabase> demo, Xunit.Abstractions.ITestOutputHelper output)
    : InsightsRefreshSuite<PostgresDatabase>(demo, output);

/// <summary>A database without orders: the run finishes, every analysis skipped with its reason.</summary>
public abstract class EmptyInsightsSuite<TDatabase> where TDatabase : DatabaseFixture, new()
{
    [Fact]
    public async Task An_empty_database_finishes_with_every_analysis_skipped_and_says_why()
    {
        var database = new TDatabase();
        await database.InitializeAsync();
        try
        {
            await using var scope = database.Scope();
            var run = await scope.ServiceProvider.GetRequiredService<InsightsRefresher>().RefreshAsync("test", null);
            Assert.True(run.Status == InsightRunStatus.Succeeded, run.Error);
            Assert.Equal(InsightsRefresher.Steps.Count - 2, run.Skipped.Count);
            Assert.All(run.Skipped, s => Assert.Contains("no orders", s.Reason));
            Assert.Equal(0, run.Counts["insightsWritten"]);
            var stored = await scope.ServiceProvider.GetRequiredService<IInsightRunStore>().FindAsync(run.Id);
            Assert.Equal(run.Skipped, stored!.Skipped);
        }
        finally
        {
            await database.DisposeAsync();
        }
    }

    [Fact]
    public async Task One_time_buyers_only_get_rfm_and_the_analyses_that_need_repeat_purchases_say_why_they_were_skipped()
    {
        var database = new TDatabase();
        await database.InitializeAsync();
        try
        {
            var day = new DateTime(2026, 3, 2, 10, 0, 0, DateTimeKind.Utc);
            await using (var session = await database.Services.GetRequiredService<Rapport.Core.Storage.IBulkWriter>().BeginAsync())
            {
                await session.WriteAsync([new Product { Id = 1, Sku = "A", Name = "A", Category = "c", Price = 5m, CreatedAt = day }]);
                await session.WriteAsync(Enumerable.Range(1, 20).Select(i => new Customer { Id = i, FirstName = "F", LastName = $"L{i}", CreatedAt = day, UpdatedAt = day }).ToList());
                await session.WriteAsync(Enumerable.Range(1, 20).Select(i => new Order { Id = i, CustomerId = i, OrderNumber = $"O{i}", OrderedAt = day.AddDays(i), Status = OrderStatus.Completed }).ToList());
                await session.WriteAsync(Enumerable.Range(1, 20).Select(i => new OrderLine { Id = i, OrderId = i, CustomerId = i, ProductId = 1, LineNumber = 1, Quantity = i % 3 + 1, UnitPrice = 5m }).ToList());
                await session.CommitAsync();
            }
            await using var scope = database.Scope();
            var run = await scope.ServiceProvider.GetRequiredService<InsightsRefresher>().RefreshAsync("test", null);
            Assert.True(run.Status == InsightRunStatus.Succeeded, run.Error);
            var skipped = run.Skipped.ToDictionary(s => s.Step, s => s.Reason);
            Assert.Contains("repeat purchase", skipped[InsightsRefresher.Lifetime]);
            Assert.Contains("days of order history", skipped[InsightsRefresher.Churn]);
            Assert.True(skipped.ContainsKey(InsightsRefresher.Forecast));
            Assert.DoesNotContain(InsightsRefresher.Rfm, skipped.Keys);
            Assert.Equal(20, run.Counts["insights.rfm"]);
            var db = scope.ServiceProvider.GetRequiredService<RapportDb>();
            Assert.Equal(20, await db.CustomerInsights.CountAsync(i => i.Kind == InsightKinds.RfmScore));
            Assert.Equal(0, await db.CustomerInsights.CountAsync(i => i.Kind == InsightKinds.ProbabilityAlive));
        }
        finally
        {
            await database.DisposeAsync();
        }
    }
}

public sealed class SqliteEmptyInsightsTests : EmptyInsightsSuite<SqliteDatabase>;

public sealed class PostgresEmptyInsightsTests : EmptyInsightsSuite<PostgresDatabase>;
