namespace Rapport.Core.Domain;

public class Segment
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public SegmentKind Kind { get; set; }
    /// <summary>Rule text or clustering parameters that define the segment.</summary>
    public string? Definition { get; set; }
    public string? ModelVersion { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? RefreshedAt { get; set; }
}

public class SegmentMembership
{
    public long SegmentId { get; set; }
    public long CustomerId { get; set; }
    /// <summary>Distance to the centre, probability or rule score, where the segment has one.</summary>
    public double? Score { get; set; }
    public DateTime AddedAt { get; set; }
}

/// <summary>A stored score about a customer (churn risk, CLV, RFM …) and why.</summary>
public class CustomerInsight
{
    public long Id { get; set; }
    public long CustomerId { get; set; }
    /// <summary>What the value measures: see <see cref="InsightKinds"/>.</summary>
    public string Kind { get; set; } = "";
    public double Value { get; set; }
    public string? Label { get; set; }
    public string ModelVersion { get; set; } = "";
    public DateTime ComputedAt { get; set; }
    public List<InsightReason> Reasons { get; set; } = [];
}

/// <summary>One feature's push on a score, in words a salesperson understands.</summary>
public record InsightReason(string Text, double Effect);

public static class InsightKinds
{
    /// <summary>Value = 100·R + 10·F + M (quintile scores 1–5), label = the named RFM segment, reasons = the three scores.</summary>
    public const string RfmScore = "rfm";
    public const string Segment = "segment";
    public const string ProbabilityAlive = "p_alive";
    public const string LifetimeValue = "clv";
    public const string ChurnRisk = "churn_risk";
    /// <summary>One row per recommended product: value = score, label = the product's SKU, reason = the "because".</summary>
    public const string NextProduct = "next_product";
    /// <summary>Expected purchases over the lifetime model's horizon (label names the horizon).</summary>
    public const string ExpectedPurchases = "expected_purchases";

    public static readonly IReadOnlyList<string> All = [RfmScore, Segment, ProbabilityAlive, LifetimeValue, ChurnRisk, NextProduct, ExpectedPurchases];
}

/// <summary>
/// An association rule between products from the insights refresh ("customers who buy X also buy Y"), for the
/// product page's "frequently bought together" and the dashboard.
/// </summary>
public class ProductAssociation
{
    public long Id { get; set; }
    /// <summary>The antecedent's product ids sorted and joined by commas ("12" or "12,40"): exact look-up by index.</summary>
    public string AntecedentKey { get; set; } = "";
    public List<long> AntecedentProductIds { get; set; } = [];
    public long ConsequentProductId { get; set; }
    /// <summary>Share of orders holding antecedent and consequent together.</summary>
    public double Support { get; set; }
    /// <summary>Share of the antecedent's orders that also hold the consequent.</summary>
    public double Confidence { get; set; }
    public double Lift { get; set; }
    /// <summary>Orders holding antecedent and consequent together.</summary>
    public int Orders { get; set; }
    public string ModelVersion { get; set; } = "";
    public DateTime ComputedAt { get; set; }
}

/// <summary>One period of a stored series: an actual value, or a forecast with its 80 % and 95 % intervals.</summary>
public class ForecastPeriod
{
    public long Id { get; set; }
    /// <summary>What is forecast: see <see cref="ForecastSeries"/>.</summary>
    public string Series { get; set; } = "";
    /// <summary>Period length: day, week or month.</summary>
    public string Frequency { get; set; } = "";
    /// <summary>First day of the period (UTC midnight).</summary>
    public DateTime PeriodStart { get; set; }
    public bool IsForecast { get; set; }
    public double Value { get; set; }
    public double? Lower80 { get; set; }
    public double? Upper80 { get; set; }
    public double? Lower95 { get; set; }
    public double? Upper95 { get; set; }
    public string ModelVersion { get; set; } = "";
    public DateTime ComputedAt { get; set; }
}

public static class ForecastSeries
{
    /// <summary>Net revenue of all orders (returns subtracted).</summary>
    public const string Revenue = "revenue";
}
