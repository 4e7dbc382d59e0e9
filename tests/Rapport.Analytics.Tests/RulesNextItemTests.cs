using Rapport.Analytics.Rules;
using Xunit.Abstractions;

namespace Rapport.Analytics.Tests;

/// <summary>Rules as a recommender: suggestions with reasons, and leave-one-out next-item accuracy on Groceries.</summary>
public sealed class RulesNextItemTests(ITestOutputHelper output)
{
    [Fact]
    public void Suggestions_come_from_rules_whose_antecedent_is_held_and_say_why()
    {
        var baskets = Baskets.FromNames([
            ["bread", "butter", "jam"], ["bread", "butter"], ["bread", "butter", "milk"], ["bread", "jam"],
            ["milk", "cereal"], ["milk", "cereal"], ["milk", "cereal", "bread"], ["butter", "jam"],
        ]);
        var recommender = new RuleRecommender(AssociationRules.Mine(baskets, new RuleOptions { MinSupport = 0.2, MinConfidence = 0.6 }));
        baskets.Items.TryGetId("bread", out var bread);
        baskets.Items.TryGetId("cereal", out var cereal);
        var forBread = recommender.Recommend([bread], 3);
        // bread ⇒ butter: 3 of the 5 bread baskets (0.6); nothing else from bread reaches 0.6.
        var top = Assert.Single(forBread);
        Assert.Equal("butter", top.Name);
        Assert.Equal(0.6, top.Confidence, 10);
        Assert.Equal("bought together with bread in 3 baskets (confidence 60%)", top.Because);
        // What is already held is never suggested.
        Assert.DoesNotContain(recommender.Recommend([cereal, bread], 5), s => s.Name is "cereal" or "bread");
        Assert.Equal("milk", recommender.Recommend([cereal], 1).Single().Name);
    }

    [Fact]
    public void Groceries_leave_one_out_next_item()
    {
        var path = RulesTestData.Groceries();
        if (path is null) { output.WriteLine("SKIPPED: groceries data set not found"); return; }
        var (baskets, _) = BasketReader.Read(path);
        var scores = NextItemEvaluation.LeaveOneOut(baskets, new RuleOptions { MinSupport = 0.001, MinConfidence = 0.05, MaxLength = 4 }, testFraction: 0.2, seed: 1, k: 5);
        output.WriteLine($"train {scores.TrainBaskets} baskets, {scores.Rules} rules, {scores.Cases} held-out cases: " +
                         $"hit@{scores.K} rules {scores.RulesHitRate:0.000} (a rule fired in {scores.RulesCoverage:0.000}), popularity {scores.PopularityHitRate:0.000}");
        Assert.True(scores.Cases > 5000, $"{scores.Cases} cases");
        Assert.True(scores.RulesCoverage > 0.9, $"coverage {scores.RulesCoverage}");
        Assert.True(scores.RulesHitRate > scores.PopularityHitRate, $"rules {scores.RulesHitRate} vs popularity {scores.PopularityHitRate}");
    }
}
