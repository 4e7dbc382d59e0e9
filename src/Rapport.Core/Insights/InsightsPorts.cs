using Rapport.Analytics.Recommendations;
using Rapport.Analytics.Transactions;

namespace Rapport.Core.Insights;

/// <summary>What the refresh reads from the database: the purchase history in the analytics' transaction contract.</summary>
/// <param name="Transactions">
/// Lines of the orders of active customers (not erased, not merged), cancelled orders left out, returned units as
/// negative lines of their order; customer keys are customer ids, order keys order numbers, item keys SKUs.
/// </param>
/// <param name="Products">Every product by SKU (name, category, …) for category features, reasons and content.</param>
/// <param name="ProductIds">SKU → product id.</param>
/// <param name="ClusterSegments">The clustering segments of the previous refresh (id and name): a new segment with the same name keeps its row and id.</param>
/// <param name="Counts">What was read and left out (lines, orders, cancelled orders, excluded customers …).</param>
public sealed record InsightsData(
    TransactionTable Transactions,
    IReadOnlyList<ProductInfo> Products,
    IReadOnlyDictionary<string, long> ProductIds,
    IReadOnlyList<StoredSegment> ClusterSegments,
    IReadOnlyDictionary<string, long> Counts);

/// <summary>A segment row as stored: its id and name.</summary>
public sealed record StoredSegment(long Id, string Name);

/// <summary>Reads the columns the analytics need straight from the database (no change tracking).</summary>
public interface IInsightsDataReader
{
    /// <param name="asOf">Only orders placed on or before this day; null = all.</param>
    Task<InsightsData> ReadAsync(DateOnly? asOf, CancellationToken ct = default);
}

/// <summary>Keeps the run records the UI and API show.</summary>
public interface IInsightRunStore
{
    /// <summary>Saves a new run (its id is set).</summary>
    Task AddAsync(InsightRun run, CancellationToken ct = default);

    /// <summary>Saves the run's current state.</summary>
    Task UpdateAsync(InsightRun run, CancellationToken ct = default);

    Task<InsightRun?> FindAsync(long id, CancellationToken ct = default);

    /// <summary>The most recently started run, if any.</summary>
    Task<InsightRun?> LatestAsync(CancellationToken ct = default);

    /// <summary>Marks runs still "running" (left by a process that stopped) as failed; returns how many.</summary>
    Task<int> FailAbandonedAsync(string reason, CancellationToken ct = default);
}

/// <summary>
/// Work that depends on freshly written insights (rule-based segment memberships): run by the refresh after its write
/// succeeded, whoever started it (CLI, API, dashboard, nightly). A failure is a warning of the run, not its failure:
/// the insights are already written.
/// </summary>
public interface IInsightsFollowUp
{
    /// <summary>Does the work; returns counts to add to the run's counts.</summary>
    Task<IReadOnlyDictionary<string, long>> RunAsync(CancellationToken ct = default);
}
