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
    public const string RfmScore = "rfm";
    public const string Segment = "segment";
    public const string ProbabilityAlive = "p_alive";
    public const string LifetimeValue = "clv";
    public const string ChurnRisk = "churn_risk";
    public const string NextProduct = "next_product";
}
