using Rapport.Analytics.Rules;

namespace Rapport.Analytics.Tests;

/// <summary>Groceries (shared data set), the committed reference rules, and an independent brute-force itemset counter.</summary>
internal static class RulesTestData
{
    /// <summary>The Groceries basket file, or null with a message (the test then returns early) when the shared data sets are absent.</summary>
    public static string? Groceries()
    {
        var root = TransactionsTestData.DatasetsRoot;
        var path = root is null ? null : Path.Combine(root, "groceries", "groceries.csv");
        if (path is null || !File.Exists(path))
        {
            Console.WriteLine("SKIPPED: ../shared/datasets/groceries/groceries.csv not found; the Groceries test did not run.");
            return null;
        }
        return path;
    }

    public static string ReferenceRules => Path.Combine(TransactionsTestData.DataDir, "groceries_rules_reference.csv");

    /// <summary>Every frequent itemset (as a sorted, '\u0001'-joined name key) with its count, by enumerating all subsets of every basket.</summary>
    public static Dictionary<string, int> BruteForce(IReadOnlyList<string[]> baskets, int minCount, int maxLength = int.MaxValue)
    {
        var counts = new Dictionary<string, int>();
        foreach (var basket in baskets)
        {
            var items = basket.Distinct().OrderBy(x => x, StringComparer.Ordinal).ToArray();
            if (items.Length > 20) throw new ArgumentException("basket too large for brute force");
            for (int mask = 1; mask < 1 << items.Length; mask++)
            {
                if (System.Numerics.BitOperations.PopCount((uint)mask) > maxLength) continue;
                var key = string.Join('\u0001', items.Where((_, i) => (mask >> i & 1) == 1));
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }
        return counts.Where(p => p.Value >= minCount).ToDictionary(p => p.Key, p => p.Value);
    }

    /// <summary>The itemsets of a mining result in the same key form as <see cref="BruteForce"/>.</summary>
    public static Dictionary<string, int> Keyed(FrequentItemsets itemsets)
    {
        var d = new Dictionary<string, int>();
        for (int i = 0; i < itemsets.Count; i++) d.Add(string.Join('\u0001', itemsets.Names(i)), itemsets.SupportCount(i));
        return d;
    }

    /// <summary>Random baskets over <paramref name="items"/> items with skewed popularity and planted co-occurring groups.</summary>
    public static List<string[]> RandomBaskets(int seed, int baskets, int items, int maxSize)
    {
        var random = new Random(seed);
        var groups = Enumerable.Range(0, 4).Select(_ => Enumerable.Range(0, 3).Select(_ => random.Next(items)).ToArray()).ToArray();
        var list = new List<string[]>();
        for (int b = 0; b < baskets; b++)
        {
            var basket = new List<string>();
            if (random.NextDouble() < 0.3) basket.AddRange(groups[random.Next(groups.Length)].Select(i => "item" + i));
            int size = random.Next(maxSize + 1);
            for (int k = 0; k < size; k++)
            {
                // Skewed: low ids are much more popular.
                int item = (int)(items * Math.Pow(random.NextDouble(), 2.5));
                basket.Add("item" + item);
            }
            list.Add(basket.Distinct().Take(maxSize + 3).ToArray());
        }
        return list;
    }
}
