namespace Rapport.Analytics.Recommendations;

/// <summary>Why an item is recommended; turned into words by <see cref="RecommendationReasonText"/>.</summary>
public enum ReasonKind
{
    /// <summary>Customers who bought <see cref="Reason.RelatedItem"/> also bought it (<see cref="Reason.Count"/> customers bought both).</summary>
    BoughtTogether,
    /// <summary>Customers with similar baskets bought it (latent factors).</summary>
    SimilarCustomers,
    /// <summary>Among the most bought recently (<see cref="Reason.Count"/> customers in the last 90 days), in its category when known.</summary>
    Popular,
    /// <summary>Like <see cref="Reason.RelatedItem"/> the customer bought (category, price band, description).</summary>
    SimilarProduct,
    /// <summary>Bought again and again, about every <see cref="Reason.Value"/> days; due in <see cref="Reason.Due"/> days (negative: overdue).</summary>
    Repeat,
    /// <summary>The customer bought it <see cref="Reason.Count"/> times.</summary>
    OwnFavourite,
}

/// <param name="RelatedItem">Item index the reason refers to, or −1.</param>
public readonly record struct Reason(ReasonKind Kind, int RelatedItem = -1, int Count = 0, double Value = 0, int Due = 0);

/// <summary>One recommended item with its score (comparable only within one recommender and customer) and reason.</summary>
public readonly record struct Recommendation(int Item, double Score, Reason Because);

/// <summary>
/// A recommender: fitted on an interaction matrix, then asked for one customer's top items. Implementations must be
/// safe to call <see cref="Recommend"/> from several threads after <see cref="Fit"/>. A new algorithm (e.g. one based on
/// association rules) implements this interface and registers a factory in <see cref="RecommenderRegistry"/>;
/// evaluation, the hybrid blend and the command line then pick it up by name.
/// </summary>
public interface IRecommender
{
    /// <summary>Name used on the command line and in the output (lower case).</summary>
    string Name { get; }

    void Fit(InteractionMatrix train);

    /// <summary>Up to <paramref name="count"/> items for <paramref name="customer"/>, best first; items with no evidence are left out.</summary>
    IReadOnlyList<Recommendation> Recommend(int customer, int count);
}

/// <summary>
/// Marks a recommender whose scores are already on one absolute 0–1 scale for every customer (e.g. a probability),
/// so the hybrid uses them as they are instead of stretching each customer's list to 0–1.
/// </summary>
public interface IAbsoluteScores;
