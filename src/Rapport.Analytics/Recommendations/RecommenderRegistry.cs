using System.Collections.Concurrent;

namespace Rapport.Analytics.Recommendations;

/// <summary>Everything a recommender factory may need.</summary>
/// <param name="Catalog">Product attributes (content-based needs them).</param>
/// <param name="HorizonDays">How far ahead recommendations look (the holdout or validation length): repeat-purchase "due" window.</param>
public sealed record RecommenderSettings(ProductCatalog? Catalog = null, int HorizonDays = 30, int PopularityDays = 90, int Neighbours = 50,
    ItemWeighting Weighting = ItemWeighting.Binary, int AlsFactors = 32, int AlsIterations = 15, double AlsAlpha = 1, double AlsRegularization = 0.05, int Seed = 42);

/// <summary>
/// Recommenders by name. The built-ins are registered here; another algorithm (for example one built on association
/// rules) registers its factory with <see cref="Register"/> and is then available to evaluation, the hybrid and the
/// command line (<c>--algorithms</c>) with no other change. "hybrid" is not a factory: <see cref="RecommendationRunner"/>
/// builds it from the other requested algorithms.
/// </summary>
public static class RecommenderRegistry
{
    public const string Hybrid = "hybrid";
    /// <summary>The two baselines, always evaluated.</summary>
    public static readonly IReadOnlyList<string> Baselines = ["popularity", "history"];

    private static readonly ConcurrentDictionary<string, Func<RecommenderSettings, IRecommender>> Factories = new(StringComparer.OrdinalIgnoreCase)
    {
        ["popularity"] = s => new PopularityRecommender(s.PopularityDays),
        ["history"] = _ => new OwnHistoryRecommender(),
        ["itemknn"] = s => new ItemKnnRecommender(s.Neighbours, s.Weighting),
        ["als"] = s => new AlsRecommender(s.AlsFactors, s.AlsIterations, s.AlsAlpha, s.AlsRegularization, seed: s.Seed),
        ["content"] = s => new ContentRecommender(s.Catalog ?? throw new ArgumentException("The content recommender needs product attributes (--products FILE).")),
        ["repeat"] = s => new RepeatPurchaseRecommender(s.HorizonDays),
        ["rules"] = _ => new RulesRecommender(),
    };

    /// <summary>Names of every registered algorithm plus "hybrid".</summary>
    public static IReadOnlyList<string> Names => [.. Factories.Keys.Order(StringComparer.Ordinal), Hybrid];

    public static void Register(string name, Func<RecommenderSettings, IRecommender> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.Equals(Hybrid, StringComparison.OrdinalIgnoreCase)) throw new ArgumentException("'hybrid' is built from the other algorithms.");
        Factories[name] = factory ?? throw new ArgumentNullException(nameof(factory));
    }

    public static bool IsKnown(string name) => name.Equals(Hybrid, StringComparison.OrdinalIgnoreCase) || Factories.ContainsKey(name);

    public static IRecommender Create(string name, RecommenderSettings settings) =>
        Factories.TryGetValue(name, out var factory)
            ? factory(settings)
            : throw new ArgumentException($"Unknown recommender '{name}' (known: {string.Join(", ", Names)}).");
}
