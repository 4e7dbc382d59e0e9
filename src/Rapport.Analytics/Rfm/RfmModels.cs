using Rapport.Analytics.Transactions;

namespace Rapport.Analytics.Rfm;

/// <summary>Options of <see cref="RfmCalculator"/>; <c>--as-of DATE</c> maps to <see cref="AsOf"/>.</summary>
public sealed record RfmOptions
{
    /// <summary>
    /// Reference day. Lines dated after it are left out (and counted in <see cref="RfmResult.LinesAfterAsOf"/>).
    /// Null: the day after the last line of the source, so the most recent buyers have recency 1.
    /// </summary>
    public DateOnly? AsOf { get; init; }
}

/// <summary>
/// RFM figures of one customer (column names of the CSV/JSON output in brackets).
/// </summary>
/// <param name="Customer">[customer] Key as spelled in the source.</param>
/// <param name="RecencyDays">[recency_days] As-of day minus the day of the last purchase.</param>
/// <param name="Frequency">[frequency] Distinct orders with at least one purchase line (amount ≥ 0); distinct purchase days when the source has no order column.</param>
/// <param name="Monetary">[monetary] Net spend: purchases plus (negative) returns up to the as-of day.</param>
/// <param name="RScore">[r_score] 1–5, 5 = most recent.</param>
/// <param name="FScore">[f_score] 1–5, 5 = most frequent.</param>
/// <param name="MScore">[m_score] 1–5, 5 = highest net spend.</param>
/// <param name="RfmSegment">[rfm_segment] Named cell of the R/F grid (<see cref="RfmSegments"/>).</param>
/// <param name="AvgOrderValue">[avg_order_value] Monetary / frequency.</param>
/// <param name="PurchaseFrequency">[purchase_frequency] Orders per 30 days of tenure: frequency × 30 / max(tenure_days, 30).</param>
/// <param name="TenureDays">[tenure_days] As-of day minus the day of the first purchase (so defined for one-order customers too).</param>
public sealed record RfmCustomer(
    string Customer,
    int RecencyDays,
    int Frequency,
    double Monetary,
    int RScore,
    int FScore,
    int MScore,
    string RfmSegment,
    double AvgOrderValue,
    double PurchaseFrequency,
    int TenureDays);

/// <summary>Size and weight of one named segment.</summary>
/// <param name="Name">Segment name.</param>
/// <param name="Customers">Customers in the segment.</param>
/// <param name="Share">Customers / all scored customers.</param>
/// <param name="RevenueShare">Segment net spend / net spend of all scored customers (0 when that total is not positive).</param>
public sealed record RfmSegmentSummary(string Name, int Customers, double Share, double RevenueShare);

/// <summary>The outcome of <see cref="RfmCalculator.Compute"/>.</summary>
public sealed record RfmResult
{
    public required DateOnly AsOf { get; init; }
    /// <summary><c>orders</c> when frequency counts distinct orders, <c>days</c> when it counts distinct purchase days (no order column).</summary>
    public required string FrequencyBasis { get; init; }
    /// <summary>Scored customers, in order of first appearance in the source.</summary>
    public required IReadOnlyList<RfmCustomer> Customers { get; init; }
    /// <summary>Every segment of the grid, best first, including empty ones.</summary>
    public required IReadOnlyList<RfmSegmentSummary> Segments { get; init; }
    /// <summary>Customers of the source without a purchase line up to the as-of day (only returns, only later lines, or only rejected rows); not scored.</summary>
    public int CustomersWithoutPurchases { get; init; }
    /// <summary>Lines dated after <see cref="AsOf"/>, left out.</summary>
    public long LinesAfterAsOf { get; init; }
    /// <summary>The source's data-quality report, when it gives one.</summary>
    public DataQualityReport? DataQuality { get; init; }
}
