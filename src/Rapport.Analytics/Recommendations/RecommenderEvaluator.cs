namespace Rapport.Analytics.Recommendations;

/// <summary>Scores a fitted recommender on a time split: top-K lists for every test customer against what they bought in the holdout.</summary>
public static class RecommenderEvaluator
{
    public static RankingMetrics Evaluate(IRecommender recommender, TimeSplit split, int k)
    {
        ArgumentNullException.ThrowIfNull(recommender);
        ArgumentNullException.ThrowIfNull(split);
        var lists = new int[split.TestCustomers.Length][];
        Parallel.For(0, lists.Length, n => lists[n] = [.. recommender.Recommend(split.TestCustomers[n], k).Select(r => r.Item)]);
        return Score(lists, split, k);
    }

    /// <summary>Metrics of ready-made ranked lists, parallel to <see cref="TimeSplit.TestCustomers"/>.</summary>
    public static RankingMetrics Score(IReadOnlyList<int[]> lists, TimeSplit split, int k)
    {
        var metrics = new RankingMetricsAccumulator(k, split.Train.ActiveItems);
        for (var n = 0; n < lists.Count; n++) metrics.Add(lists[n], split.TestItems[n]);
        return metrics.Result();
    }
}
