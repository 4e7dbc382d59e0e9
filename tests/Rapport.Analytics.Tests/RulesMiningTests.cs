using Rapport.Analytics.Rules;

namespace Rapport.Analytics.Tests;

/// <summary>Hand-computed examples and a random property test: FP-Growth = Apriori = brute force; rules = brute force.</summary>
public sealed class RulesMiningTests
{
    // The textbook example (Tan, Steinbach & Kumar): counts bread 4, milk 4, diapers 4, beer 3, cola 2, eggs 1.
    private static readonly string[][] Textbook =
    [
        ["bread", "milk"],
        ["bread", "diapers", "beer", "eggs"],
        ["milk", "diapers", "beer", "cola"],
        ["bread", "milk", "diapers", "beer"],
        ["bread", "milk", "diapers", "cola"],
    ];

    private static string Key(FrequentItemsets sets, AssociationRule r) =>
        string.Join(" & ", sets.Names(r.Antecedent)) + " => " + string.Join(" & ", sets.Names(r.Consequent));

    [Theory]
    [InlineData(ItemsetAlgorithm.FpGrowth)]
    [InlineData(ItemsetAlgorithm.Apriori)]
    public void Textbook_itemsets_and_rules_by_hand(ItemsetAlgorithm algorithm)
    {
        var baskets = Baskets.FromNames(Textbook);
        var itemsets = AssociationRules.MineItemsets(baskets, 0.6, algorithm);
        var keyed = RulesTestData.Keyed(itemsets);
        var expected = new Dictionary<string, int>
        {
            ["bread"] = 4, ["milk"] = 4, ["diapers"] = 4, ["beer"] = 3,
            ["bread\u0001milk"] = 3, ["bread\u0001diapers"] = 3, ["diapers\u0001milk"] = 3, ["beer\u0001diapers"] = 3,
        };
        Assert.Equal(expected.OrderBy(p => p.Key), keyed.OrderBy(p => p.Key));

        var result = AssociationRules.Mine(baskets, new RuleOptions { MinSupport = 0.6, MinConfidence = 0.7, Algorithm = algorithm });
        Assert.Equal(8, result.Rules.Count);
        var top = result.Rules[0];
        Assert.Equal("beer => diapers", Key(result.Itemsets, top));
        Assert.Equal(3, top.Count);
        Assert.Equal(0.6, top.Support, 12);
        Assert.Equal(1.0, top.Confidence, 12);
        Assert.Equal(1.25, top.Lift, 12);
        Assert.Equal(0.12, top.Leverage, 12);
        Assert.True(double.IsPositiveInfinity(top.Conviction));
        var second = result.Rules[1];
        Assert.Equal("diapers => beer", Key(result.Itemsets, second));
        Assert.Equal(0.75, second.Confidence, 12);
        Assert.Equal(1.25, second.Lift, 12);
        Assert.Equal(1.6, second.Conviction, 12);
        Assert.All(result.Rules.Skip(2), r => Assert.Equal(0.9375, r.Lift, 12));

        var lifted = AssociationRules.Mine(baskets, new RuleOptions { MinSupport = 0.6, MinConfidence = 0.7, MinLift = 1, Algorithm = algorithm });
        Assert.Equal(2, lifted.Rules.Count);
        var strict = AssociationRules.Mine(baskets, new RuleOptions { MinSupport = 0.6, MinConfidence = 0.8, Algorithm = algorithm });
        Assert.Equal("beer => diapers", Key(strict.Itemsets, Assert.Single(strict.Rules)));
    }

    [Theory]
    [InlineData(ItemsetAlgorithm.FpGrowth)]
    [InlineData(ItemsetAlgorithm.Apriori)]
    public void Consequents_of_two_items_only_when_asked(ItemsetAlgorithm algorithm)
    {
        var baskets = Baskets.FromNames(Textbook);
        var one = AssociationRules.Mine(baskets, new RuleOptions { MinSupport = 0.4, MinConfidence = 0.6, Algorithm = algorithm });
        Assert.All(one.Rules, r => Assert.Equal(1, one.Itemsets.Length(r.Consequent)));
        var two = AssociationRules.Mine(baskets, new RuleOptions { MinSupport = 0.4, MinConfidence = 0.6, MaxConsequent = 2, Algorithm = algorithm });
        var rule = Assert.Single(two.Rules, r => Key(two.Itemsets, r) == "beer => bread & diapers");
        Assert.Equal(2.0 / 3, rule.Confidence, 12);
        Assert.Equal(2.0 / 3 / 0.6, rule.Lift, 12);
        Assert.Equal(0.4 - 0.6 * 0.6, rule.Leverage, 12);
        Assert.True(two.Rules.Count > one.Rules.Count);
        Assert.All(two.Rules, r => Assert.InRange(two.Itemsets.Length(r.Consequent), 1, 2));
    }

    [Fact]
    public void Max_length_caps_the_itemsets_and_so_the_rules()
    {
        var baskets = Baskets.FromNames(Textbook);
        foreach (var algorithm in new[] { ItemsetAlgorithm.FpGrowth, ItemsetAlgorithm.Apriori })
        {
            var capped = AssociationRules.MineItemsets(baskets, 0.2, algorithm, maxLength: 2);
            Assert.Equal(2, capped.CountsByLength().Length - 1);
            var singles = AssociationRules.Mine(baskets, new RuleOptions { MinSupport = 0.2, MinConfidence = 0, MaxLength = 1, Algorithm = algorithm });
            Assert.Empty(singles.Rules);
            Assert.Equal(6, singles.Itemsets.Count);
        }
    }

    [Fact]
    public void Support_threshold_is_inclusive_and_an_empty_result_is_fine()
    {
        var baskets = Baskets.FromNames(Textbook);
        // 0.8 × 5 = 4 baskets exactly: bread, milk, diapers reach it.
        Assert.Equal(3, AssociationRules.MineItemsets(baskets, 0.8, ItemsetAlgorithm.FpGrowth).Count);
        Assert.Equal(3, AssociationRules.MineItemsets(baskets, 0.8, ItemsetAlgorithm.Apriori).Count);
        Assert.Equal(0, AssociationRules.MineItemsets(baskets, 1.0, ItemsetAlgorithm.FpGrowth).Count);
        Assert.Empty(AssociationRules.Mine(baskets, new RuleOptions { MinSupport = 1, MinConfidence = 0 }).Rules);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Random_baskets_FpGrowth_Apriori_and_brute_force_agree(int seed)
    {
        var random = new Random(seed * 7919);
        var data = RulesTestData.RandomBaskets(seed, baskets: 150 + random.Next(300), items: 10 + random.Next(25), maxSize: 4 + random.Next(8));
        var baskets = Baskets.FromNames(data);
        double support = new[] { 0.01, 0.02, 0.03, 0.05, 0.1 }[random.Next(5)];
        int? maxLength = random.Next(3) == 0 ? 2 + random.Next(2) : null;
        int minCount = (int)Math.Ceiling(support * data.Count - 1e-9);
        var truth = RulesTestData.BruteForce(data, minCount, maxLength ?? int.MaxValue);
        Assert.NotEmpty(truth);
        foreach (var algorithm in new[] { ItemsetAlgorithm.FpGrowth, ItemsetAlgorithm.Apriori })
        {
            var found = RulesTestData.Keyed(AssociationRules.MineItemsets(baskets, support, algorithm, maxLength));
            Assert.Equal(truth.Count, found.Count);
            foreach (var (key, count) in truth) Assert.Equal(count, found[key]);
        }

        // Rules against the definition: every split of every frequent itemset with up to 2 consequent items.
        double confidence = 0.3;
        var expected = new Dictionary<string, double>();
        foreach (var (key, count) in truth)
        {
            var items = key.Split('\u0001');
            if (items.Length < 2) continue;
            for (int mask = 1; mask < (1 << items.Length) - 1; mask++)
            {
                var rhs = items.Where((_, i) => (mask >> i & 1) == 1).ToArray();
                if (rhs.Length > 2) continue;
                var lhs = items.Where((_, i) => (mask >> i & 1) == 0).ToArray();
                double conf = (double)count / truth[string.Join('\u0001', lhs)];
                if (conf >= confidence) expected[string.Join(" & ", lhs) + " => " + string.Join(" & ", rhs)] = conf;
            }
        }
        var result = AssociationRules.Mine(baskets, new RuleOptions { MinSupport = support, MinConfidence = confidence, MaxLength = maxLength, MaxConsequent = 2 });
        Assert.Equal(expected.Count, result.Rules.Count);
        foreach (var rule in result.Rules) Assert.Equal(expected[Key(result.Itemsets, rule)], rule.Confidence, 12);
    }

    [Fact]
    public void Dense_and_sparse_tidsets_both_count_right()
    {
        // 3,000 baskets: item "common" in every other basket (bitset), "rare" ones in few (basket lists).
        var data = new List<string[]>();
        for (int b = 0; b < 3000; b++)
        {
            var basket = new List<string>();
            if (b % 2 == 0) basket.Add("common");
            if (b % 3 == 0) basket.Add("third");
            if (b % 100 == 0) basket.Add("rare");
            if (b % 150 == 0) basket.Add("rarer");
            data.Add([.. basket]);
        }
        var truth = RulesTestData.BruteForce(data, 10);
        var baskets = Baskets.FromNames(data);
        foreach (var algorithm in new[] { ItemsetAlgorithm.FpGrowth, ItemsetAlgorithm.Apriori })
        {
            var found = RulesTestData.Keyed(AssociationRules.MineItemsets(baskets, 10.0 / 3000, algorithm));
            Assert.Equal(truth.OrderBy(p => p.Key), found.OrderBy(p => p.Key));
        }
        Assert.Equal(3000 / 300, truth["common\u0001rare\u0001rarer\u0001third"]);
    }
}
