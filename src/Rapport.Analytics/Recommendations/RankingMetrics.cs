namespace Rapport.Analytics.Recommendations;

/// <summary>Top-K ranking quality averaged over the test customers.</summary>
public sealed record RankingMetrics(int K, int Customers, double Precision, double Recall, double Ndcg, double Map, double HitRate, double Coverage, int ItemsRecommended);

/// <summary>
/// Accumulates precision@K, recall@K, NDCG@K (binary relevance, ideal DCG over min(|relevant|, K) hits), MAP@K
/// (average precision normalised by min(|relevant|, K)), hit rate and catalogue coverage (distinct recommended items
/// ÷ catalogue size) one customer at a time.
/// </summary>
public sealed class RankingMetricsAccumulator(int k, int catalogueSize)
{
    private readonly HashSet<int> _recommended = [];
    private double _precision, _recall, _ndcg, _map, _hits;
    private int _customers;

    public int K { get; } = k > 0 ? k : throw new ArgumentOutOfRangeException(nameof(k), "K must be at least 1.");

    /// <summary>Adds one customer: <paramref name="ranked"/> best first (only the first K count), <paramref name="relevant"/> sorted ascending.</summary>
    public void Add(ReadOnlySpan<int> ranked, ReadOnlySpan<int> relevant)
    {
        if (relevant.IsEmpty) throw new ArgumentException("A test customer needs at least one relevant item.");
        var n = Math.Min(K, ranked.Length);
        double hits = 0, dcg = 0, ap = 0;
        for (var r = 0; r < n; r++)
        {
            _recommended.Add(ranked[r]);
            if (relevant.BinarySearch(ranked[r]) < 0) continue;
            hits++;
            dcg += 1.0 / Math.Log2(r + 2);
            ap += hits / (r + 1);
        }
        var ideal = Math.Min(relevant.Length, K);
        double idcg = 0;
        for (var r = 0; r < ideal; r++) idcg += 1.0 / Math.Log2(r + 2);
        _precision += hits / K;
        _recall += hits / relevant.Length;
        _ndcg += dcg / idcg;
        _map += ap / ideal;
        _hits += hits > 0 ? 1 : 0;
        _customers++;
    }

    public RankingMetrics Result()
    {
        var c = Math.Max(_customers, 1);
        return new RankingMetrics(K, _customers, _precision / c, _recall / c, _ndcg / c, _map / c, _hits / c,
            catalogueSize > 0 ? (double)_recommended.Count / catalogueSize : 0, _recommended.Count);
    }
}
