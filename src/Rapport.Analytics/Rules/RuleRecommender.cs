using System.Globalization;

namespace Rapport.Analytics.Rules;

/// <summary>One suggested item from the rules, with the strongest rule behind it.</summary>
/// <param name="Item">Item id in the baskets' <see cref="ItemDictionary"/>.</param>
/// <param name="Name">Item name.</param>
/// <param name="Confidence">Confidence of the best firing rule (the score).</param>
/// <param name="Lift">Lift of that rule.</param>
/// <param name="Because">"bought together with whole milk & yogurt in 312 baskets (confidence 62 %)".</param>
/// <param name="Antecedent">Item ids of the rule's left-hand side.</param>
/// <param name="Count">Baskets holding the antecedent and the item together.</param>
public sealed record RuleSuggestion(int Item, string Name, double Confidence, double Lift, string Because, IReadOnlyList<int> Antecedent, int Count);

/// <summary>
/// "Customers who bought X also buy Y": fires every rule whose antecedent is inside what the customer has (a basket
/// or a purchase history) and whose single-item consequent is not, and ranks the consequents by the best rule's
/// confidence, then lift.
/// </summary>
public sealed class RuleRecommender
{
    private sealed record CompiledRule(int[] Antecedent, int Consequent, int Count, double Confidence, double Lift);

    private readonly ItemDictionary _items;
    private readonly Dictionary<int, List<CompiledRule>> _byFirstItem = [];

    public RuleRecommender(RuleResult rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var sets = rules.Itemsets;
        _items = sets.Items;
        foreach (var rule in rules.Rules)
        {
            if (sets.Length(rule.Consequent) != 1) continue;
            var antecedent = sets.Ranks(rule.Antecedent).ToArray().Select(sets.ItemOf).Order().ToArray();
            var compiled = new CompiledRule(antecedent, sets.ItemOf(sets.Ranks(rule.Consequent)[0]), rule.Count, rule.Confidence, rule.Lift);
            // Indexed by the antecedent's first item: a rule is looked at only when that item is in hand.
            if (!_byFirstItem.TryGetValue(antecedent[0], out var list)) _byFirstItem[antecedent[0]] = list = [];
            list.Add(compiled);
        }
    }

    /// <summary>Rules kept (single-item consequents).</summary>
    public int RuleCount => _byFirstItem.Values.Sum(l => l.Count);

    /// <summary>Up to <paramref name="k"/> items the rules suggest for someone holding <paramref name="held"/> (item ids).</summary>
    public IReadOnlyList<RuleSuggestion> Recommend(IReadOnlyCollection<int> held, int k)
    {
        var have = held as ISet<int> ?? held.ToHashSet();
        var best = new Dictionary<int, CompiledRule>();
        foreach (var first in have)
        {
            if (!_byFirstItem.TryGetValue(first, out var rules)) continue;
            foreach (var rule in rules)
            {
                if (have.Contains(rule.Consequent) || !rule.Antecedent.All(have.Contains)) continue;
                if (!best.TryGetValue(rule.Consequent, out var current) || Better(rule, current)) best[rule.Consequent] = rule;
            }
        }
        return best.Values.OrderByDescending(r => r.Confidence).ThenByDescending(r => r.Lift).ThenBy(r => r.Consequent).Take(k)
            .Select(r => new RuleSuggestion(r.Consequent, _items[r.Consequent], r.Confidence, r.Lift,
                $"bought together with {string.Join(" & ", r.Antecedent.Select(i => _items[i]))} in {r.Count.ToString("N0", CultureInfo.InvariantCulture)} baskets " +
                $"(confidence {r.Confidence.ToString("0%", CultureInfo.InvariantCulture)})", r.Antecedent, r.Count))
            .ToList();
    }

    private static bool Better(CompiledRule a, CompiledRule b) => a.Confidence > b.Confidence || (a.Confidence == b.Confidence && a.Lift > b.Lift);
}
