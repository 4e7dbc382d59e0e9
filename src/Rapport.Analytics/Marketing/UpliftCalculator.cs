using MathNet.Numerics.Distributions;

namespace Rapport.Analytics.Marketing;

/// <summary>What one group of a campaign did over the campaign window: sent (treated) members, or the held-out ones.</summary>
public sealed record GroupOutcome(int Members, int Responders, double Revenue);

/// <summary>Treated versus holdout: response rates, their difference with a confidence interval, revenue per member and the increment.</summary>
public sealed record UpliftResult(
    double TreatedRate, double HoldoutRate,
    double Uplift, double UpliftLower, double UpliftUpper,
    double TreatedRevenuePerMember, double HoldoutRevenuePerMember,
    double IncrementalRevenue,
    double Confidence);

/// <summary>
/// Response-rate uplift of a campaign over its random holdout. The interval is Newcombe's hybrid score interval for a
/// difference of independent proportions (Newcombe 1998, method 10), which unlike the Wald interval stays inside
/// [−1, 1] and keeps its coverage for small groups and rates near 0 — the usual case for campaign responses.
/// </summary>
public static class UpliftCalculator
{
    public static UpliftResult Compute(GroupOutcome treated, GroupOutcome holdout, double confidence = 0.95)
    {
        Validate(treated, nameof(treated));
        Validate(holdout, nameof(holdout));
        if (!(confidence > 0 && confidence < 1)) throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "The confidence must lie strictly between 0 and 1.");

        var z = Normal.InvCDF(0, 1, 1 - (1 - confidence) / 2);
        var p1 = (double)treated.Responders / treated.Members;
        var p2 = (double)holdout.Responders / holdout.Members;
        var (l1, u1) = Wilson(treated.Responders, treated.Members, z);
        var (l2, u2) = Wilson(holdout.Responders, holdout.Members, z);
        var difference = p1 - p2;
        var lower = difference - Math.Sqrt((p1 - l1) * (p1 - l1) + (u2 - p2) * (u2 - p2));
        var upper = difference + Math.Sqrt((u1 - p1) * (u1 - p1) + (p2 - l2) * (p2 - l2));

        var treatedPerMember = treated.Revenue / treated.Members;
        var holdoutPerMember = holdout.Revenue / holdout.Members;
        return new UpliftResult(p1, p2, difference, lower, upper, treatedPerMember, holdoutPerMember,
            (treatedPerMember - holdoutPerMember) * treated.Members, confidence);
    }

    /// <summary>Wilson score interval for one proportion (no continuity correction).</summary>
    public static (double Lower, double Upper) Wilson(int successes, int trials, double z)
    {
        var p = (double)successes / trials;
        var z2 = z * z;
        var denominator = 1 + z2 / trials;
        var centre = (p + z2 / (2.0 * trials)) / denominator;
        var half = z / denominator * Math.Sqrt(p * (1 - p) / trials + z2 / (4.0 * trials * trials));
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    private static void Validate(GroupOutcome group, string name)
    {
        if (group.Members <= 0) throw new ArgumentException($"The {name} group has no members, so no rate can be measured.", name);
        if (group.Responders < 0 || group.Responders > group.Members)
            throw new ArgumentException($"The {name} group has {group.Responders} responders for {group.Members} members.", name);
        if (double.IsNaN(group.Revenue)) throw new ArgumentException($"The {name} group's revenue is not a number.", name);
    }
}
