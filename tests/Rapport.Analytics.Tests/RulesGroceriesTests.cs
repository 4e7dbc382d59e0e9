using System.Globalization;
using Rapport.Analytics.Rules;

namespace Rapport.Analytics.Tests;

/// <summary>Groceries against the committed reference (arules' 410 rules at support 0.001, confidence 0.8).</summary>
public sealed class RulesGroceriesTests
{
    private sealed record RefRule(string[] Antecedent, string Consequent, double Support, double Confidence, double Lift);

    private static List<RefRule> ReadReference()
    {
        var rules = new List<RefRule>();
        foreach (var line in File.ReadLines(RulesTestData.ReferenceRules).Skip(1))
        {
            // "a & b","c",support,confidence,lift — names hold no quotes or commas.
            int end1 = line.IndexOf("\",\"", StringComparison.Ordinal);
            int end2 = line.IndexOf("\",", end1 + 3, StringComparison.Ordinal);
            var lhs = line[1..end1].Split(RuleWriter.Separator);
            var rhs = line[(end1 + 3)..end2];
            var numbers = line[(end2 + 2)..].Split(',').Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray();
            rules.Add(new RefRule(lhs, rhs, numbers[0], numbers[1], numbers[2]));
        }
        return rules;
    }

    private static string Key(IEnumerable<string> antecedent, string consequent) =>
        string.Join('\u0001', antecedent.OrderBy(x => x, StringComparer.Ordinal)) + " => " + consequent;

    [Theory]
    [InlineData(ItemsetAlgorithm.FpGrowth)]
    [InlineData(ItemsetAlgorithm.Apriori)]
    public void Every_rule_matches_the_reference_at_support_0001_confidence_08(ItemsetAlgorithm algorithm)
    {
        var path = RulesTestData.Groceries();
        if (path is null) return;
        var reference = ReadReference();
        Assert.Equal(410, reference.Count);
        var (baskets, report) = BasketReader.Read(path);
        Assert.Equal("comma", report.Separator);
        Assert.Equal(9835, baskets.Count);
        Assert.Equal(169, baskets.Items.Count);
        Assert.Equal(43367, baskets.Occurrences);

        var result = AssociationRules.Mine(baskets, new RuleOptions { MinSupport = 0.001, MinConfidence = 0.8, Algorithm = algorithm });
        Assert.Equal(410, result.Rules.Count);
        var ours = result.Rules.ToDictionary(r => Key(result.Itemsets.Names(r.Antecedent), Assert.Single(result.Itemsets.Names(r.Consequent))));
        foreach (var expected in reference)
        {
            var key = Key(expected.Antecedent, expected.Consequent);
            Assert.True(ours.TryGetValue(key, out var rule), $"missing rule {key}");
            // The reference is rounded to 6 decimals.
            Assert.True(Math.Abs(rule.Support - expected.Support) <= 5.000001e-7, $"{key}: support {rule.Support} vs {expected.Support}");
            Assert.True(Math.Abs(rule.Confidence - expected.Confidence) <= 5.000001e-7, $"{key}: confidence {rule.Confidence} vs {expected.Confidence}");
            Assert.True(Math.Abs(rule.Lift - expected.Lift) <= 5.000001e-7, $"{key}: lift {rule.Lift} vs {expected.Lift}");
            Assert.Equal(rule.Support * 9835, rule.Count, 1e-9);
        }
        // Sorted by lift, descending.
        for (int i = 1; i < result.Rules.Count; i++) Assert.True(result.Rules[i - 1].Lift >= result.Rules[i].Lift);
    }

    [Theory]
    [InlineData(ItemsetAlgorithm.FpGrowth)]
    [InlineData(ItemsetAlgorithm.Apriori)]
    public void Itemset_counts_by_length_match_the_reference(ItemsetAlgorithm algorithm)
    {
        var path = RulesTestData.Groceries();
        if (path is null) return;
        var (baskets, _) = BasketReader.Read(path);
        var itemsets = AssociationRules.MineItemsets(baskets, 0.001, algorithm);
        Assert.Equal(13492, itemsets.Count);
        Assert.Equal([0, 157, 2981, 6831, 3137, 376, 10], itemsets.CountsByLength());
        Assert.Equal(10, itemsets.MinCount);
    }

    [Theory]
    [InlineData(0.001, null)]
    [InlineData(0.0015, null)]
    [InlineData(0.003, null)]
    [InlineData(0.01, null)]
    [InlineData(0.05, null)]
    [InlineData(0.0005, 3)]
    public void FpGrowth_and_Apriori_find_the_same_itemsets_and_counts(double support, int? maxLength)
    {
        var path = RulesTestData.Groceries();
        if (path is null) return;
        var (baskets, _) = BasketReader.Read(path);
        var fp = RulesTestData.Keyed(AssociationRules.MineItemsets(baskets, support, ItemsetAlgorithm.FpGrowth, maxLength));
        var ap = RulesTestData.Keyed(AssociationRules.MineItemsets(baskets, support, ItemsetAlgorithm.Apriori, maxLength));
        Assert.NotEmpty(fp);
        Assert.Equal(fp.Count, ap.Count);
        foreach (var (key, count) in fp) Assert.Equal(count, ap[key]);
        if (maxLength is { } max) Assert.All(fp.Keys, k => Assert.True(k.Split('\u0001').Length <= max));
    }

    [Fact]
    public void Item_names_keep_their_trailing_spaces_as_in_arules()
    {
        var path = RulesTestData.Groceries();
        if (path is null) return;
        var (baskets, _) = BasketReader.Read(path);
        Assert.True(baskets.Items.TryGetId("cream cheese ", out _));
        Assert.True(baskets.Items.TryGetId("roll products ", out _));
        Assert.False(baskets.Items.TryGetId("cream cheese", out _));
    }
}
