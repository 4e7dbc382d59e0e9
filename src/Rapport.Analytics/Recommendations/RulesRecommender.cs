using Rapport.Analytics.Rules;

namespace Rapport.Analytics.Recommendations;

/// <summary>
/// Association rules as a recommender: each customer's training history is one basket, FP-Growth mines the itemsets
/// bought by at least <see cref="MinCustomers"/> customers (up to three items), and a customer is offered the
/// consequents of the rules whose antecedent they already bought, scored by confidence (a probability, so the
/// hybrid takes it as it is). The reason names the antecedent item and how many customers bought both.
/// </summary>
public sealed class RulesRecommender(int minCustomers = 10, double minConfidence = 0.05, int maxLength = 3) : IRecommender, IAbsoluteScores
{
    private InteractionMatrix? _train;
    private RuleRecommender? _rules;

    public string Name => "rules";
    public int MinCustomers { get; } = minCustomers > 0 ? minCustomers : throw new ArgumentOutOfRangeException(nameof(minCustomers));

    public void Fit(InteractionMatrix train)
    {
        ArgumentNullException.ThrowIfNull(train);
        _train = train;
        // Item ids in the dictionary are the matrix's item indexes (added in order).
        var items = new ItemDictionary();
        for (var i = 0; i < train.Items; i++) items.GetOrAdd($"{i}\u001f{train.ItemKey(i)}");
        var builder = new BasketBuilder(items);
        for (var c = 0; c < train.Customers; c++)
        {
            var row = train.Counts.RowColumns(c);
            if (row.Length == 0) continue;
            foreach (var item in row) builder.Add(item);
            builder.EndBasket();
        }
        var baskets = builder.Build();
        _rules = null;
        if (baskets.Count == 0) return;
        var options = new RuleOptions
        {
            MinSupport = Math.Min(1.0, (double)MinCustomers / baskets.Count), MinConfidence = minConfidence, MaxLength = maxLength,
        };
        _rules = new RuleRecommender(AssociationRules.Mine(baskets, options));
    }

    public IReadOnlyList<Recommendation> Recommend(int customer, int count)
    {
        if (_train is null) throw new InvalidOperationException("Fit first.");
        if (_rules is null || customer < 0 || customer >= _train.Customers) return [];
        var held = new HashSet<int>(_train.Counts.RowColumns(customer).ToArray());
        if (held.Count == 0) return [];
        return _rules.Recommend(held, count)
            .Select(s => new Recommendation(s.Item, s.Confidence, new Reason(ReasonKind.BoughtTogether, s.Antecedent[0], s.Count)))
            .ToList();
    }
}
