using System.Diagnostics;

namespace Rapport.Analytics.Rules;

/// <summary>Frequent itemsets and the rules drawn from them, with the figures a summary reports.</summary>
public sealed record RuleResult
{
    public required RuleOptions Options { get; init; }
    public required FrequentItemsets Itemsets { get; init; }
    /// <summary>Sorted by lift, confidence, support (descending).</summary>
    public required IReadOnlyList<AssociationRule> Rules { get; init; }
    public required int MinCount { get; init; }
    public required TimeSpan MiningTime { get; init; }
    public required TimeSpan RuleTime { get; init; }

    /// <summary>Length → number of frequent itemsets of that length.</summary>
    public IReadOnlyDictionary<int, int> ItemsetsByLength()
    {
        var counts = Itemsets.CountsByLength();
        var d = new SortedDictionary<int, int>();
        for (int k = 1; k < counts.Length; k++)
        {
            if (counts[k] > 0) d[k] = counts[k];
        }
        return d;
    }

    /// <summary>Antecedent length → number of rules.</summary>
    public IReadOnlyDictionary<int, int> RulesByAntecedentLength()
    {
        var d = new SortedDictionary<int, int>();
        foreach (var rule in Rules)
        {
            int k = Itemsets.Length(rule.Antecedent);
            d[k] = d.GetValueOrDefault(k) + 1;
        }
        return d;
    }
}

/// <summary>Baskets in, rules out: mines the frequent itemsets with the chosen algorithm, then generates and sorts the rules.</summary>
public static class AssociationRules
{
    public static FrequentItemsets MineItemsets(Baskets baskets, double minSupport, ItemsetAlgorithm algorithm, int? maxLength = null)
    {
        ArgumentNullException.ThrowIfNull(baskets);
        var ranked = RankedBaskets.Build(baskets, RankedBaskets.MinCountFor(minSupport, baskets.Count));
        int max = maxLength ?? int.MaxValue;
        return algorithm == ItemsetAlgorithm.Apriori ? Apriori.Mine(baskets.Items, ranked, max) : FpGrowth.Mine(baskets.Items, ranked, max);
    }

    public static RuleResult Mine(Baskets baskets, RuleOptions options)
    {
        ArgumentNullException.ThrowIfNull(baskets);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (baskets.Count == 0) throw new ArgumentException("there are no baskets to mine", nameof(baskets));
        var watch = Stopwatch.StartNew();
        var itemsets = MineItemsets(baskets, options.MinSupport, options.Algorithm, options.MaxLength);
        var mining = watch.Elapsed;
        var rules = RuleGenerator.Generate(itemsets, options.MinConfidence, options.MinLift, options.MaxConsequent);
        RuleGenerator.Sort(rules, itemsets);
        return new RuleResult
        {
            Options = options,
            Itemsets = itemsets,
            Rules = rules,
            MinCount = itemsets.MinCount,
            MiningTime = mining,
            RuleTime = watch.Elapsed - mining,
        };
    }
}
