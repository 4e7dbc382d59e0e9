namespace Rapport.Analytics.Rules;

/// <summary>
/// One rule antecedent ⇒ consequent. Both sides are frequent itemsets, given by their index in the
/// <see cref="FrequentItemsets"/> the rule came from (no item lists are copied per rule).
/// </summary>
/// <param name="Count">Baskets holding antecedent and consequent together.</param>
/// <param name="Conviction">(1 − support(consequent)) / (1 − confidence); +∞ when the confidence is 1.</param>
public readonly record struct AssociationRule(
    int Antecedent, int Consequent, int Count, double Support, double Confidence, double Lift, double Leverage, double Conviction);

/// <summary>
/// Rules from frequent itemsets (Agrawal &amp; Srikant's ap-genrules): for every itemset of two or more items, the
/// consequents of one item that reach the confidence, then consequents grown one item at a time from those that
/// passed (a consequent's superset cannot have a higher confidence), up to <see cref="RuleOptions.MaxConsequent"/>.
/// </summary>
public static class RuleGenerator
{
    public static List<AssociationRule> Generate(FrequentItemsets itemsets, double minConfidence, double minLift = 0, int maxConsequent = 1)
    {
        ArgumentNullException.ThrowIfNull(itemsets);
        var rules = new List<AssociationRule>();
        double n = itemsets.Transactions;
        int maxLength = 0;
        for (int i = 0; i < itemsets.Count; i++) maxLength = Math.Max(maxLength, itemsets.Length(i));
        var rest = new int[Math.Max(1, maxLength)];
        var current = new List<int[]>();
        var single = new int[1];
        // Index of each single item's itemset (all frequent items are itemsets of length 1).
        var singleIndex = new int[itemsets.FrequentItems];
        for (int i = 0; i < itemsets.Count; i++)
        {
            if (itemsets.Length(i) == 1) singleIndex[itemsets.Ranks(i)[0]] = i;
        }
        var grown = new List<int[]>();
        double confidenceFloor = minConfidence - 1e-12;
        double liftFloor = minLift - 1e-12;

        for (int set = 0; set < itemsets.Count; set++)
        {
            int length = itemsets.Length(set);
            if (length < 2) continue;
            var items = itemsets.Ranks(set);
            int count = itemsets.SupportCount(set);
            current.Clear();
            for (int i = 0; i < length; i++)
            {
                single[0] = items[i];
                // Arrays only for consequents that may grow.
                if (TryRule(set, single) && maxConsequent > 1) current.Add([items[i]]);
            }
            for (int m = 2; m <= Math.Min(maxConsequent, length - 1) && current.Count >= m; m++)
            {
                grown.Clear();
                for (int a = 0; a < current.Count; a++)
                {
                    for (int b = a + 1; b < current.Count; b++)
                    {
                        var x = current[a];
                        var y = current[b];
                        if (!x.AsSpan(0, m - 2).SequenceEqual(y.AsSpan(0, m - 2))) continue;
                        var candidate = new int[m];
                        x.CopyTo(candidate, 0);
                        candidate[m - 1] = y[m - 2];
                        if (candidate[m - 1] < candidate[m - 2]) (candidate[m - 1], candidate[m - 2]) = (candidate[m - 2], candidate[m - 1]);
                        if (!SubsetsPassed(candidate, current)) continue;
                        if (TryRule(set, candidate)) grown.Add(candidate);
                    }
                }
                (current, grown) = (grown, current);
            }

            // Adds the rule (items − consequent ⇒ consequent) when it reaches the confidence; true when it does.
            bool TryRule(int itemset, ReadOnlySpan<int> consequent)
            {
                var all = itemsets.Ranks(itemset);
                int w = 0, c = 0;
                foreach (int r in all)
                {
                    if (c < consequent.Length && consequent[c] == r) c++;
                    else rest[w++] = r;
                }
                int antecedent = itemsets.IndexOf(rest.AsSpan(0, w));
                int consequentIndex = consequent.Length == 1 ? singleIndex[consequent[0]] : itemsets.IndexOf(consequent);
                if (antecedent < 0 || consequentIndex < 0)
                    throw new InvalidOperationException("a subset of a frequent itemset is missing from the itemsets (they are not closed under subsets)");
                double confidence = (double)count / itemsets.SupportCount(antecedent);
                if (confidence < confidenceFloor) return false;
                double support = count / n;
                double consequentSupport = itemsets.SupportCount(consequentIndex) / n;
                double lift = confidence / consequentSupport;
                if (lift >= liftFloor)
                {
                    double leverage = support - itemsets.SupportCount(antecedent) / n * consequentSupport;
                    double conviction = confidence >= 1 ? double.PositiveInfinity : (1 - consequentSupport) / (1 - confidence);
                    rules.Add(new AssociationRule(antecedent, consequentIndex, count, support, confidence, lift, leverage, conviction));
                }
                return true;
            }
        }
        return rules;
    }

    private static bool SubsetsPassed(int[] candidate, List<int[]> passed)
    {
        if (candidate.Length <= 2) return true;
        Span<int> subset = stackalloc int[candidate.Length - 1];
        for (int drop = 0; drop < candidate.Length - 2; drop++)
        {
            int w = 0;
            for (int i = 0; i < candidate.Length; i++)
            {
                if (i != drop) subset[w++] = candidate[i];
            }
            bool found = false;
            foreach (var p in passed)
            {
                if (p.AsSpan().SequenceEqual(subset))
                {
                    found = true;
                    break;
                }
            }
            if (!found) return false;
        }
        return true;
    }

    /// <summary>Sorts by lift, confidence, support (descending), then by the antecedent's and the consequent's ranks.</summary>
    public static void Sort(List<AssociationRule> rules, FrequentItemsets itemsets)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(itemsets);
        rules.Sort((a, b) =>
        {
            int c = b.Lift.CompareTo(a.Lift);
            if (c != 0) return c;
            c = b.Confidence.CompareTo(a.Confidence);
            if (c != 0) return c;
            c = b.Support.CompareTo(a.Support);
            if (c != 0) return c;
            c = itemsets.Ranks(a.Antecedent).SequenceCompareTo(itemsets.Ranks(b.Antecedent));
            return c != 0 ? c : itemsets.Ranks(a.Consequent).SequenceCompareTo(itemsets.Ranks(b.Consequent));
        });
    }
}
