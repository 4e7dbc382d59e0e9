namespace Rapport.Analytics.Lifetime;

/// <summary>
/// Discounted customer lifetime value the way lifetimes' <c>customer_lifetime_value</c> computes it:
/// CLV = Σ_{i=1..H} E[M] · (E[Y(i)] − E[Y(i−1)]) / (1 + d)^i, where E[Y(i)] is the expected number of purchases in
/// the next i periods, E[M] the expected value of a purchase (Gamma-Gamma), H the horizon and d the discount
/// rate per period. Here a period is one unit of the summary's <see cref="TimeUnit"/> (a day or a week), so
/// <paramref name="discountRate"/> is per day or per week: a monthly rate m becomes (1+m)^(12/52.1775) − 1 per
/// week (see <see cref="RatePerUnit"/>). lifetimes uses months as periods; the sum is the same with a
/// finer grid.
/// </summary>
public static class Clv
{
    /// <summary>Converts an annual discount rate into the equivalent rate per <paramref name="unit"/>.</summary>
    public static double RatePerUnit(double annualRate, TimeUnit unit) =>
        Math.Pow(1 + annualRate, unit.Days() / 365.25) - 1;

    /// <summary>Σ_{i=1..H} (E[Y(i)] − E[Y(i−1)]) / (1+d)^i: discounted expected purchases of one customer.</summary>
    public static double DiscountedPurchases(IPurchaseCountModel model, int x, double tx, double T, int horizon, double discountRate)
        => DiscountedPurchases(model, x, tx, T, horizon, discountRate, out _);

    internal static double DiscountedPurchases(IPurchaseCountModel model, int x, double tx, double T, int horizon, double discountRate, out double expected)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfNegative(horizon);
        if (!(discountRate > -1)) throw new ArgumentOutOfRangeException(nameof(discountRate), discountRate, "The discount rate must be above −1.");
        double sum = 0, previous = 0, factor = 1;
        for (int i = 1; i <= horizon; i++)
        {
            double e = model.ExpectedPurchases(i, x, tx, T);
            factor /= 1 + discountRate;
            sum += (e - previous) * factor;
            previous = e;
        }
        expected = previous;
        return sum;
    }

    /// <summary>Discounted CLV of one customer with expected purchase value <paramref name="expectedValue"/>.</summary>
    public static double Compute(IPurchaseCountModel model, int x, double tx, double T, double expectedValue, int horizon, double discountRate)
        => expectedValue * DiscountedPurchases(model, x, tx, T, horizon, discountRate);

    /// <summary>Discounted CLV of every customer of <paramref name="summary"/>, with the purchase value from
    /// <paramref name="spend"/>'s conditional expectation.</summary>
    public static double[] Compute(IPurchaseCountModel model, GammaGammaModel spend, CustomerSummary summary, int horizon, double discountRate)
    {
        ArgumentNullException.ThrowIfNull(spend);
        ArgumentNullException.ThrowIfNull(summary);
        var scores = Score(model, summary, horizon, discountRate);
        var clv = new double[summary.Count];
        var x = summary.Frequency;
        var m = summary.Monetary;
        for (int i = 0; i < clv.Length; i++) clv[i] = spend.ConditionalExpectedAverageValue(x[i], m[i]) * scores.Discounted[i];
        return clv;
    }

    /// <summary>Per-customer P(alive), expected purchases over the horizon and discounted expected purchases,
    /// computed once per distinct (x, tₓ, T) history.</summary>
    internal static (double[] Alive, double[] Expected, double[] Discounted) Score(IPurchaseCountModel model, CustomerSummary summary, int horizon, double discountRate)
    {
        ArgumentNullException.ThrowIfNull(model);
        var groups = SummaryGroups.Build(summary.Frequency, summary.Recency, summary.T);
        var gAlive = new double[groups.Count];
        var gExpected = new double[groups.Count];
        var gDiscounted = new double[groups.Count];
        Parallel.For(0, (groups.Count + 255) / 256, chunk =>
        {
            int end = Math.Min(groups.Count, (chunk + 1) * 256);
            for (int g = chunk * 256; g < end; g++)
            {
                int x = groups.XValues[groups.XIndex[g]];
                double tx = groups.TxValues[groups.TxIndex[g]], T = groups.TValues[groups.TIndex[g]];
                gAlive[g] = model.ProbabilityAlive(x, tx, T);
                gDiscounted[g] = DiscountedPurchases(model, x, tx, T, horizon, discountRate, out gExpected[g]);
            }
        });
        // Map customers back to their group.
        var index = GroupIndex(groups, summary);
        var alive = new double[summary.Count];
        var expected = new double[summary.Count];
        var discounted = new double[summary.Count];
        for (int i = 0; i < index.Length; i++)
        {
            alive[i] = gAlive[index[i]];
            expected[i] = gExpected[index[i]];
            discounted[i] = gDiscounted[index[i]];
        }
        return (alive, expected, discounted);
    }

    internal static int[] GroupIndex(SummaryGroups groups, CustomerSummary summary)
    {
        var map = new Dictionary<(int, double, double), int>(groups.Count);
        for (int g = 0; g < groups.Count; g++)
            map[(groups.XValues[groups.XIndex[g]], groups.TxValues[groups.TxIndex[g]], groups.TValues[groups.TIndex[g]])] = g;
        var x = summary.Frequency;
        var tx = summary.Recency;
        var T = summary.T;
        var index = new int[summary.Count];
        for (int i = 0; i < index.Length; i++) index[i] = map[(x[i], tx[i], T[i])];
        return index;
    }
}
