namespace Rapport.Analytics.Recommendations;

/// <summary>The hybrid's weights and how they were chosen.</summary>
/// <param name="ValidationStart">First day of the validation window carved from the end of the training period (null when it could not be carved).</param>
/// <param name="Metrics">The tuned blend on the validation window.</param>
public sealed record HybridTuning(IReadOnlyList<string> Components, IReadOnlyList<double> Weights, int? ValidationStart, int ValidationDays,
    int ValidationCustomers, RankingMetrics? Metrics, string Method);

/// <summary>
/// Chooses the hybrid's weights without touching the test period: the last <c>validationDays</c> of the training
/// period become a validation window, every component is fitted on the days before it, and the weights are found by
/// coordinate ascent (each weight in turn over a grid {0, 0.1, 0.25, 0.5, 1, 2, 4}, three passes, starting from all 1)
/// maximising recall@K, ties broken by NDCG@K, on that window.
/// </summary>
public static class HybridTuner
{
    private static readonly double[] Grid = [0, 0.1, 0.25, 0.5, 1, 2, 4];

    public static HybridTuning Tune(InteractionLog log, int trainEnd, int validationDays, IReadOnlyList<string> components, RecommenderSettings settings, int k, int depth = 50)
    {
        ArgumentNullException.ThrowIfNull(log);
        var start = trainEnd - validationDays;
        TimeSplit split;
        try
        {
            if (start <= log.FirstDay) throw new ArgumentException("validation window covers the whole training period");
            split = TimeSplit.At(log, start, trainEnd);
        }
        catch (ArgumentException ex)
        {
            return new HybridTuning(components, [.. components.Select(_ => 1.0)], null, validationDays, 0, null, $"equal weights: no validation window could be carved ({ex.Message})");
        }
        var fitted = components.Select(name => RecommenderRegistry.Create(name, settings with { HorizonDays = validationDays })).ToArray();
        foreach (var r in fitted) r.Fit(split.Train);
        var customers = split.TestCustomers;
        var cached = new IReadOnlyList<Recommendation>[customers.Length][];
        Parallel.For(0, customers.Length, n => cached[n] = [.. fitted.Select(r => r.Recommend(customers[n], depth))]);
        var absolute = fitted.Select(r => r is IAbsoluteScores).ToArray();

        (double Recall, double Ndcg, RankingMetrics Metrics) Score(double[] w)
        {
            var lists = new int[customers.Length][];
            for (var n = 0; n < customers.Length; n++) lists[n] = [.. HybridRecommender.Blend(cached[n], w, k, absolute).Select(r => r.Item)];
            var m = RecommenderEvaluator.Score(lists, split, k);
            return (m.Recall, m.Ndcg, m);
        }

        var weights = components.Select(_ => 1.0).ToArray();
        var best = Score(weights);
        for (var pass = 0; pass < 3; pass++)
        {
            var improved = false;
            for (var c = 0; c < weights.Length; c++)
                foreach (var value in Grid)
                {
                    if (value == weights[c]) continue;
                    var trial = (double[])weights.Clone();
                    trial[c] = value;
                    if (trial.All(w => w == 0)) continue;
                    var score = Score(trial);
                    if (score.Recall > best.Recall + 1e-12 || (Math.Abs(score.Recall - best.Recall) <= 1e-12 && score.Ndcg > best.Ndcg + 1e-12))
                    {
                        (weights, best, improved) = (trial, score, true);
                    }
                }
            if (!improved) break;
        }
        return new HybridTuning(components, weights, start, validationDays, customers.Length, best.Metrics,
            $"coordinate ascent on recall@{k} over the last {validationDays} days of training ({customers.Length} validation customers)");
    }
}
