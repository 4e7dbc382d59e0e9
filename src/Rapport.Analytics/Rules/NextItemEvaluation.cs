namespace Rapport.Analytics.Rules;

/// <summary>Leave-one-out next-item accuracy of the rules against item popularity.</summary>
/// <param name="TrainBaskets">Baskets the rules were mined from.</param>
/// <param name="Cases">Held-out (basket, hidden item) cases: every item of every test basket with two or more items.</param>
/// <param name="K">List length.</param>
/// <param name="RulesHitRate">Share of cases whose hidden item is in the rules' top K.</param>
/// <param name="PopularityHitRate">The same for the K most frequent items not already in the basket.</param>
/// <param name="RulesCoverage">Share of cases where at least one rule fired.</param>
/// <param name="Rules">Rules with a single-item consequent used.</param>
public sealed record NextItemScores(int TrainBaskets, int Cases, int K, double RulesHitRate, double PopularityHitRate, double RulesCoverage, int Rules);

/// <summary>
/// Evaluates rules as a next-item recommender on data without customers (e.g. Groceries): baskets are split at
/// random, rules are mined on the training part, and in each test basket each item in turn is hidden and must be
/// found from the others. Popularity is reported beside it because it is hard to beat.
/// </summary>
public static class NextItemEvaluation
{
    public static NextItemScores LeaveOneOut(Baskets baskets, RuleOptions options, double testFraction = 0.2, int seed = 1, int k = 5)
    {
        ArgumentNullException.ThrowIfNull(baskets);
        if (testFraction is <= 0 or >= 1) throw new ArgumentException("The test fraction must be between 0 and 1.");
        var order = Enumerable.Range(0, baskets.Count).ToArray();
        new Random(seed).Shuffle(order);
        var testCount = (int)Math.Round(testFraction * order.Length);
        var test = order.Take(testCount).Order().ToArray();
        var trainBuilder = new BasketBuilder(baskets.Items);
        foreach (var b in order.Skip(testCount).Order())
        {
            foreach (var item in baskets[b]) trainBuilder.Add(item);
            trainBuilder.EndBasket();
        }
        var train = trainBuilder.Build();
        var recommender = new RuleRecommender(AssociationRules.Mine(train, options));

        // Popularity from the training part only.
        var counts = new int[baskets.Items.Count];
        foreach (var item in train.ItemIds) counts[item]++;
        var popular = Enumerable.Range(0, counts.Length).OrderByDescending(i => counts[i]).ThenBy(i => i).ToArray();

        int cases = 0, ruleHits = 0, popularHits = 0, fired = 0;
        foreach (var b in test)
        {
            var basket = baskets[b].ToArray();
            if (basket.Length < 2) continue;
            foreach (var hidden in basket)
            {
                var held = basket.Where(i => i != hidden).ToHashSet();
                cases++;
                var suggestions = recommender.Recommend(held, k);
                if (suggestions.Count > 0) fired++;
                if (suggestions.Any(s => s.Item == hidden)) ruleHits++;
                if (popular.Where(i => !held.Contains(i)).Take(k).Contains(hidden)) popularHits++;
            }
        }
        double Rate(int n) => cases == 0 ? 0 : (double)n / cases;
        return new NextItemScores(train.Count, cases, k, Rate(ruleHits), Rate(popularHits), Rate(fired), recommender.RuleCount);
    }
}
