using Rapport.Analytics.Prediction;
using Rapport.Analytics.Recommendations;
using Rapport.Analytics.Rules;
using Rapport.Analytics.Transactions;
using Rapport.Core.Demo;
using Xunit.Abstractions;

namespace Rapport.Core.Tests.Demo;

/// <summary>`analyze recommend` on the demo's transactions and products: the hybrid beats both baselines on a time split.</summary>
public sealed class DemoRecommendationTests : IDisposable
{
    private readonly ITestOutputHelper _output;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"rapport-demo-recommend-{Guid.NewGuid():N}");

    public DemoRecommendationTests(ITestOutputHelper output)
    {
        _output = output;
        Directory.CreateDirectory(_folder);
        DemoFiles.Write(DemoFixture.Data, _folder);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Hybrid_beats_both_baselines_on_recall_at_10_over_the_last_90_days()
    {
        var log = InteractionLog.Read(new TransactionFileReader(new TransactionFileOptions { Path = Path.Combine(_folder, DemoTransactions.FileName) }));
        var catalog = ProductCatalog.Read(Path.Combine(_folder, "products.csv"));
        var start = TimeSplit.StartForDays(log, 90);
        var report = RecommendationRunner.Run(log, new RecommendOptions(["itemknn", "als", "rules", "content", "repeat", "hybrid"], K: 10, HoldoutStart: start,
            Settings: new RecommenderSettings(catalog)));
        var s = report.Split;
        _output.WriteLine($"train {s.TrainFrom}..{s.HoldoutStart.AddDays(-1)}: {s.TrainCustomers} customers, {s.TrainItems} items, {s.TrainInteractions} entries; " +
                          $"test {s.TestCustomers} customers ({s.MeanTestItems} items each), {s.NewCustomersInHoldout} new");
        foreach (var e in report.Evaluation)
            _output.WriteLine($"{e.Algorithm,-10} recall@10 {e.Metrics.Recall:0.0000} precision {e.Metrics.Precision:0.0000} ndcg {e.Metrics.Ndcg:0.0000} " +
                              $"map {e.Metrics.Map:0.0000} hit {e.Metrics.HitRate:0.0000} coverage {e.Metrics.Coverage:0.000} fit {e.FitSeconds:0.00} s");
        var h = report.Hybrid!;
        _output.WriteLine($"hybrid weights: {string.Join(", ", h.Components.Zip(h.Weights, (c, w) => $"{c} {w}"))}; {h.Method}; validation recall {h.Metrics?.Recall:0.0000}");

        var recall = report.Evaluation.ToDictionary(e => e.Algorithm, e => e.Metrics.Recall);
        Assert.True(recall["hybrid"] > recall["popularity"], $"hybrid {recall["hybrid"]} vs popularity {recall["popularity"]}");
        Assert.True(recall["hybrid"] > recall["history"], $"hybrid {recall["hybrid"]} vs history {recall["history"]}");
        Assert.Equal(report.Split.TestCustomers, report.Evaluation[0].Metrics.Customers);
        Assert.True(report.Split.TestCustomers > 500);
    }

    [Fact]
    public void Association_rules_on_the_order_baskets_recover_every_planted_bundle()
    {
        var (baskets, report) = TransactionBaskets.Read(new TransactionFileReader(new TransactionFileOptions { Path = Path.Combine(_folder, DemoTransactions.FileName) }));
        var rules = AssociationRules.Mine(baskets, new RuleOptions { MinSupport = 5.0 / baskets.Count, MinConfidence = 0.1, MaxLength = 3 });
        _output.WriteLine($"{report.Baskets} orders, {rules.Rules.Count} rules");
        var found = new List<string>();
        foreach (var bundle in DemoFixture.Data.Truth.Bundles)
        {
            foreach (var addOn in bundle.Skus.Skip(1))
            {
                // The rule trigger ⇒ add-on, with a confidence near the planted firing probability and a high lift.
                var rule = rules.Rules.Where(r => rules.Itemsets.Length(r.Antecedent) == 1)
                    .Where(r => rules.Itemsets.Names(r.Antecedent)[0] == bundle.Skus[0] && rules.Itemsets.Names(r.Consequent)[0] == addOn)
                    .Select(r => (AssociationRule?)r).FirstOrDefault();
                _output.WriteLine($"{bundle.Name}: {bundle.Skus[0]} ⇒ {addOn} planted {bundle.Probability:0.00}: " +
                                  (rule is { } x ? $"confidence {x.Confidence:0.000} lift {x.Lift:0.0} in {x.Count} orders" : "no rule"));
                Assert.True(rule is { } r && r.Confidence >= 0.6 * bundle.Probability && r.Lift > 5, $"{bundle.Name}: {bundle.Skus[0]} ⇒ {addOn}");
                found.Add(addOn);
            }
        }
        Assert.NotEmpty(found);
    }

    [Fact]
    public void Item_knn_finds_the_planted_bundle_add_ons_as_neighbours_of_their_trigger()
    {
        var log = InteractionLog.Read(new TransactionFileReader(new TransactionFileOptions { Path = Path.Combine(_folder, DemoTransactions.FileName) }));
        var knn = new ItemKnnRecommender();
        knn.Fit(InteractionMatrix.Build(log));
        var index = log.ItemKeys.Select((k, i) => (k, i)).ToDictionary(t => t.k, t => t.i);
        var found = 0;
        var total = 0;
        foreach (var bundle in DemoFixture.Data.Truth.Bundles)
        {
            if (!index.TryGetValue(bundle.Skus[0], out var trigger)) continue;
            var top = knn.NeighboursOf(trigger).Take(5).Select(n => log.ItemKeys[n.Item]).ToHashSet();
            foreach (var addOn in bundle.Skus.Skip(1))
            {
                total++;
                if (top.Contains(addOn)) found++;
            }
        }
        _output.WriteLine($"{found} of {total} planted add-ons among their trigger's 5 nearest neighbours");
        Assert.True(total > 0);
        Assert.True(found >= total * 0.8, $"{found} of {total}");
    }
}
