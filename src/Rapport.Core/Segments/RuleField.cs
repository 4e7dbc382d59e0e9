using Rapport.Core.Domain;

namespace Rapport.Core.Segments;

/// <summary>Where a rule field's value comes from.</summary>
public enum RuleFieldSource
{
    /// <summary>The value of the customer's latest stored insight of <see cref="RuleField.InsightKind"/>.</summary>
    InsightValue,
    /// <summary>The label of that insight (segment name, RFM segment name).</summary>
    InsightLabel,
    /// <summary>The customer's country.</summary>
    Country,
    /// <summary>Days since the customer's last order (cancelled orders left out).</summary>
    RecencyDays,
    /// <summary>Number of orders (cancelled left out).</summary>
    Frequency,
    /// <summary>Sum of the order totals (cancelled left out, returns negative).</summary>
    Monetary,
}

/// <summary>A field a rule may test. Text fields allow = and ≠ only.</summary>
public sealed record RuleField(string Name, RuleFieldSource Source, string? InsightKind = null)
{
    public bool IsText => Source is RuleFieldSource.InsightLabel or RuleFieldSource.Country;
}

/// <summary>The fields rules may use, by name.</summary>
public static class RuleFields
{
    public static IReadOnlyList<RuleField> All { get; } =
    [
        new("churn_risk", RuleFieldSource.InsightValue, InsightKinds.ChurnRisk),
        new("clv", RuleFieldSource.InsightValue, InsightKinds.LifetimeValue),
        new("p_alive", RuleFieldSource.InsightValue, InsightKinds.ProbabilityAlive),
        new("expected_purchases", RuleFieldSource.InsightValue, InsightKinds.ExpectedPurchases),
        new("rfm_score", RuleFieldSource.InsightValue, InsightKinds.RfmScore),
        new("rfm_segment", RuleFieldSource.InsightLabel, InsightKinds.RfmScore),
        new("segment", RuleFieldSource.InsightLabel, InsightKinds.Segment),
        new("country", RuleFieldSource.Country),
        new("recency_days", RuleFieldSource.RecencyDays),
        new("frequency", RuleFieldSource.Frequency),
        new("monetary", RuleFieldSource.Monetary),
    ];

    private static readonly Dictionary<string, RuleField> ByName = All.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);

    public static RuleField? Find(string? name) => name is not null && ByName.TryGetValue(name.Trim(), out var f) ? f : null;
}
