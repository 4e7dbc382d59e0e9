namespace Rapport.Analytics.Marketing;

/// <summary>
/// Chooses whom to contact so the summed expected return (P(response) × value − cost) is largest within a budget:
/// an exact 0/1 knapsack. Costs are counted in whole cents.
/// </summary>
/// <remarks>
/// Costs come from a few channels, so candidates fall into a few cost groups. Inside a group the best k are simply the k
/// with the highest return (same cost, so any other choice can be swapped for a better one); the knapsack is then over
/// how many to take from each group. Per group that is a max-plus convolution of the budget table with a concave
/// sequence (sorted returns), solved exactly by divide and conquer on the monotone best split, O(U log U) per group
/// for U budget units — fast even for many candidates and fine-grained budgets.
/// </remarks>
public static class BudgetOptimizer
{
    /// <summary>Above this many budget units × groups the tables would not fit comfortably; the ratio greedy answers instead.</summary>
    private const long MaxTableCells = 60_000_000;

    public static BudgetPlan Optimize(IReadOnlyList<ContactCandidate> candidates, double budget)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        if (double.IsNaN(budget) || budget < 0) throw new ArgumentOutOfRangeException(nameof(budget), budget, "The budget must be zero or more.");
        foreach (var c in candidates)
        {
            if (double.IsNaN(c.Cost) || c.Cost < 0) throw new ArgumentOutOfRangeException(nameof(candidates), c.Cost, $"Customer {c.CustomerId}: the cost of a contact must be zero or more.");
            if (double.IsNaN(c.ExpectedReturn)) throw new ArgumentOutOfRangeException(nameof(candidates), $"Customer {c.CustomerId}: the response probability and value must be numbers.");
        }

        // A contact that does not pay for itself is never worth a place, whatever the budget.
        var profitable = candidates.Where(c => c.ExpectedReturn > 0).ToList();
        var budgetCents = (long)Math.Floor(budget * 100 + 1e-6);
        var free = profitable.Where(c => Cents(c) == 0).ToList();
        var groups = profitable.Where(c => Cents(c) > 0)
            .GroupBy(Cents)
            .Select(g => new CostGroup(g.Key, [.. g.OrderByDescending(c => c.ExpectedReturn).ThenBy(c => c.CustomerId)]))
            .OrderBy(g => g.CostCents)
            .ToList();

        var (counts, exact) = ChooseCounts(groups, budgetCents);
        var chosen = free.Concat(groups.SelectMany((g, i) => g.Members.Take(counts[i]))).ToList();
        return new BudgetPlan(budget, chosen, chosen.Sum(c => c.Cost), chosen.Sum(c => c.ExpectedValue), chosen.Sum(c => c.ExpectedReturn), exact);
    }

    /// <summary>The optimal plan's figures at each budget, for the "expected return against budget" chart.</summary>
    public static IReadOnlyList<ReturnCurvePoint> ReturnCurve(IReadOnlyList<ContactCandidate> candidates, IReadOnlyList<double> budgets)
        => budgets.Select(b => Optimize(candidates, b)).Select(p => new ReturnCurvePoint(p.Budget, p.Chosen.Count, p.Spent, p.ExpectedReturn)).ToList();

    /// <summary>Budgets from 0 to the cost of contacting every profitable candidate (beyond that the return is flat), in equal steps.</summary>
    public static IReadOnlyList<double> CurveBudgets(IReadOnlyList<ContactCandidate> candidates, int steps = 20)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        var full = candidates.Where(c => c.ExpectedReturn > 0).Sum(c => c.Cost);
        return Enumerable.Range(0, steps + 1).Select(i => Math.Round(full * i / steps, 2)).Distinct().ToList();
    }

    private sealed record CostGroup(long CostCents, List<ContactCandidate> Members);

    private static long Cents(ContactCandidate c) => (long)Math.Round(c.Cost * 100, MidpointRounding.AwayFromZero);

    private static (int[] Counts, bool Exact) ChooseCounts(List<CostGroup> groups, long budgetCents)
    {
        var counts = new int[groups.Count];
        var totalCents = groups.Sum(g => g.CostCents * g.Members.Count);
        if (totalCents <= budgetCents)
        {
            for (var i = 0; i < groups.Count; i++) counts[i] = groups[i].Members.Count;
            return (counts, true);
        }
        if (groups.Count == 1)
        {
            counts[0] = (int)Math.Min(groups[0].Members.Count, budgetCents / groups[0].CostCents);
            return (counts, true);
        }

        // Budget units: the largest amount every group's cost is a multiple of, so no cent of precision is lost.
        var unit = groups.Select(g => g.CostCents).Aggregate(Gcd);
        var units = budgetCents / unit;
        if (units * groups.Count > MaxTableCells) return (GreedyByRatio(groups, budgetCents), false);

        var best = new double[units + 1]; // best[b]: top return of the groups so far using at most b units
        var taken = new int[groups.Count][];
        for (var g = 0; g < groups.Count; g++)
        {
            var step = (int)(groups[g].CostCents / unit);
            var prefix = PrefixReturns(groups[g].Members);
            (best, taken[g]) = MaxPlusConcave(best, prefix, step);
        }

        // Walk back from the full budget: each group's table says how many of it the best plan for that budget takes.
        var left = units;
        for (var g = groups.Count - 1; g >= 0; g--)
        {
            counts[g] = taken[g][left];
            left -= (long)counts[g] * (groups[g].CostCents / unit);
        }
        return (counts, true);
    }

    private static double[] PrefixReturns(List<ContactCandidate> sortedMembers)
    {
        var prefix = new double[sortedMembers.Count + 1];
        for (var k = 0; k < sortedMembers.Count; k++) prefix[k + 1] = prefix[k] + sortedMembers[k].ExpectedReturn;
        return prefix;
    }

    /// <summary>
    /// next[b] = max over k of prefix[k] + best[b − k·step], with the arg k. Along each residue class of b mod step this is a
    /// max-plus convolution with the concave <paramref name="prefix"/>, whose best split moves monotonically with b.
    /// </summary>
    private static (double[] Next, int[] Taken) MaxPlusConcave(double[] best, double[] prefix, int step)
    {
        var next = new double[best.Length];
        var taken = new int[best.Length];
        var maxK = prefix.Length - 1;
        for (var residue = 0; residue < step && residue < best.Length; residue++)
        {
            var length = (best.Length - 1 - residue) / step + 1;
            Solve(0, length - 1, 0, length - 1);

            // Fills positions lo..hi of this residue class knowing their best source index lies in optLo..optHi.
            void Solve(int lo, int hi, int optLo, int optHi)
            {
                while (lo <= hi)
                {
                    var mid = lo + (hi - lo) / 2;
                    var bestValue = double.NegativeInfinity;
                    var bestSource = -1;
                    // Never empty: the neighbours' best splits bound this one within [mid − maxK, mid].
                    var from = Math.Max(optLo, mid - maxK);
                    var to = Math.Min(optHi, mid);
                    for (var source = from; source <= to; source++)
                    {
                        var value = best[residue + source * step] + prefix[mid - source];
                        if (value > bestValue) { bestValue = value; bestSource = source; }
                    }
                    next[residue + mid * step] = bestValue;
                    taken[residue + mid * step] = mid - bestSource;
                    // Left half recursively, right half iteratively: the recursion depth stays logarithmic.
                    Solve(lo, mid - 1, optLo, bestSource);
                    lo = mid + 1;
                    optLo = bestSource;
                }
            }
        }
        return (next, taken);
    }

    /// <summary>Best return per cent first, skipping what no longer fits: near-optimal, used only beyond the exact method's size.</summary>
    private static int[] GreedyByRatio(List<CostGroup> groups, long budgetCents)
    {
        var counts = new int[groups.Count];
        var left = budgetCents;
        var order = groups.SelectMany((g, i) => g.Members.Select((c, rank) => (Group: i, Rank: rank, Ratio: c.ExpectedReturn / g.CostCents)))
            .OrderByDescending(x => x.Ratio);
        foreach (var (group, rank, _) in order)
        {
            // Members of a group are taken in rank order, so a count is always a prefix of the sorted group.
            if (rank != counts[group] || groups[group].CostCents > left) continue;
            counts[group]++;
            left -= groups[group].CostCents;
        }
        return counts;
    }

    private static long Gcd(long a, long b)
    {
        while (b != 0) (a, b) = (b, a % b);
        return a;
    }
}
