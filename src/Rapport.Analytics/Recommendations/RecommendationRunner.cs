using System.Diagnostics;

namespace Rapport.Analytics.Recommendations;

/// <param name="K">Length of every list (and of the metrics @K).</param>
/// <param name="Algorithms">Requested algorithms (registry names and/or "hybrid"); the two baselines are always added.</param>
/// <param name="HoldoutStart">Evaluate on a time split at this day; null: train on everything and recommend for every customer.</param>
/// <param name="ValidationDays">Length of the validation window carved from the end of the training period (hybrid weights; model choice without holdout).</param>
/// <param name="RecommendWith">Algorithm for <c>recommendations[]</c>; null: the best recall@K on the validation window.</param>
public sealed record RecommendOptions(IReadOnlyList<string> Algorithms, int K = 10, int? HoldoutStart = null, int? ValidationDays = null,
    string? RecommendWith = null, RecommenderSettings? Settings = null);

public sealed record AlgorithmEvaluation(string Algorithm, bool Baseline, RankingMetrics Metrics, double FitSeconds, double RecommendMillisecondsPerCustomer);

public sealed record RecommendedItem(string Item, double Score, string Because);

public sealed record CustomerRecommendations(string Customer, IReadOnlyList<RecommendedItem> Items);

/// <summary>What the split looked like.</summary>
public sealed record SplitSummary(DateOnly TrainFrom, DateOnly HoldoutStart, DateOnly HoldoutEnd, int TrainCustomers, int TrainItems, int TrainInteractions,
    int TestCustomers, int NewCustomersInHoldout, double MeanTestItems);

/// <param name="Evaluation">Every algorithm side by side on the holdout, or (without holdout) on the validation window used to pick the model.</param>
public sealed record RecommendationReport(string Mode, int K, int PurchaseLines, int SkippedLines, int Customers, int Items, SplitSummary Split,
    IReadOnlyList<AlgorithmEvaluation> Evaluation, HybridTuning? Hybrid, string? RecommendedWith, IReadOnlyList<CustomerRecommendations>? Recommendations);

/// <summary>
/// The whole `analyze recommend` run. With a holdout start: fit every algorithm on the days before it, tune the hybrid
/// on a validation window carved from those days, and score all of them on the holdout. Without: do the same with the
/// last <c>ValidationDays</c> as the holdout to choose the model, then refit it on everything and recommend K items to
/// every customer, each with its reason.
/// </summary>
public static class RecommendationRunner
{
    public static RecommendationReport Run(InteractionLog log, RecommendOptions options)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(options);
        if (options.K < 1) throw new ArgumentException("K must be at least 1.");
        var names = Names(options.Algorithms);
        var settings = options.Settings ?? new RecommenderSettings();
        if (names.Contains("content") && settings.Catalog is null) throw new ArgumentException("The content recommender needs product attributes (--products FILE).");

        if (options.HoldoutStart is { } start)
        {
            var (split, evaluation, tuning) = Evaluate(log, start, names, settings, options.K, options.ValidationDays);
            return new RecommendationReport("holdout", options.K, log.Count, log.SkippedLines, log.CustomerKeys.Count, log.ItemKeys.Count, Summary(split),
                evaluation, tuning, null, null);
        }

        var validationDays = options.ValidationDays ?? 30;
        var (selectionSplit, selection, _) = Evaluate(log, TimeSplit.StartForDays(log, validationDays), names, settings, options.K, validationDays);
        var chosen = options.RecommendWith ?? selection.Where(e => names.Contains(e.Algorithm)).MaxBy(e => (e.Metrics.Recall, e.Metrics.Ndcg))!.Algorithm;
        if (!names.Contains(chosen)) throw new ArgumentException($"--recommend-with '{chosen}' is not among the algorithms ({string.Join(", ", names)}).");
        var all = InteractionMatrix.Build(log);
        var final = settings with { HorizonDays = validationDays };
        HybridTuning? finalTuning = null;
        IRecommender model;
        if (chosen == RecommenderRegistry.Hybrid)
        {
            finalTuning = HybridTuner.Tune(log, all.EndDay, validationDays, Components(names), final, options.K);
            model = new HybridRecommender([.. finalTuning.Components.Select(n => RecommenderRegistry.Create(n, final))], finalTuning.Weights);
        }
        else model = RecommenderRegistry.Create(chosen, final);
        model.Fit(all);
        var text = new RecommendationReasonText(log.ItemKeys, settings.Catalog, settings.PopularityDays);
        var customers = Enumerable.Range(0, all.Customers).Where(u => all.Counts.RowLength(u) > 0).ToArray();
        var lists = new CustomerRecommendations[customers.Length];
        Parallel.For(0, customers.Length, n =>
        {
            var u = customers[n];
            lists[n] = new CustomerRecommendations(log.CustomerKeys[u],
                [.. model.Recommend(u, options.K).Select(r => new RecommendedItem(log.ItemKeys[r.Item], Math.Round(r.Score, 6), text.Format(r.Because, r.Item)))]);
        });
        return new RecommendationReport("recommend", options.K, log.Count, log.SkippedLines, log.CustomerKeys.Count, log.ItemKeys.Count, Summary(selectionSplit),
            selection, finalTuning, chosen, lists);
    }

    /// <summary>Fits and scores every algorithm on the split at <paramref name="holdoutStart"/>; baselines first.</summary>
    public static (TimeSplit Split, IReadOnlyList<AlgorithmEvaluation> Evaluation, HybridTuning? Tuning) Evaluate(
        InteractionLog log, int holdoutStart, IReadOnlyList<string> names, RecommenderSettings settings, int k, int? validationDays = null)
    {
        var split = TimeSplit.At(log, holdoutStart);
        var local = settings with { HorizonDays = split.HoldoutDays };
        var fitted = new Dictionary<string, (IRecommender Model, double Seconds)>();
        foreach (var name in names.Where(n => n != RecommenderRegistry.Hybrid))
        {
            var watch = Stopwatch.StartNew();
            var model = RecommenderRegistry.Create(name, local);
            model.Fit(split.Train);
            fitted[name] = (model, watch.Elapsed.TotalSeconds);
        }
        HybridTuning? tuning = null;
        if (names.Contains(RecommenderRegistry.Hybrid))
        {
            var watch = Stopwatch.StartNew();
            var components = Components(names);
            tuning = HybridTuner.Tune(log, holdoutStart, validationDays ?? split.HoldoutDays, components, local, k);
            // The blend reuses the components fitted on the whole training period above.
            var hybrid = new HybridRecommender([.. components.Select(n => fitted[n].Model)], tuning.Weights, fitComponents: false);
            fitted[RecommenderRegistry.Hybrid] = (hybrid, watch.Elapsed.TotalSeconds + components.Sum(n => fitted[n].Seconds));
        }
        var evaluation = new List<AlgorithmEvaluation>();
        foreach (var name in names)
        {
            var (model, seconds) = fitted[name];
            var watch = Stopwatch.StartNew();
            var metrics = RecommenderEvaluator.Evaluate(model, split, k);
            var perCustomer = watch.Elapsed.TotalMilliseconds / Math.Max(1, split.TestCustomers.Length);
            evaluation.Add(new AlgorithmEvaluation(name, RecommenderRegistry.Baselines.Contains(name), metrics, Math.Round(seconds, 3), Math.Round(perCustomer, 4)));
        }
        return (split, evaluation, tuning);
    }

    /// <summary>Baselines first, then the requested algorithms in order, each once; the hybrid last.</summary>
    public static IReadOnlyList<string> Names(IReadOnlyList<string> requested)
    {
        var names = new List<string>(RecommenderRegistry.Baselines);
        foreach (var raw in requested)
        {
            var name = raw.Trim().ToLowerInvariant();
            if (!RecommenderRegistry.IsKnown(name)) throw new ArgumentException($"Unknown algorithm '{raw}' (known: {string.Join(", ", RecommenderRegistry.Names)}).");
            if (!names.Contains(name) && name != RecommenderRegistry.Hybrid) names.Add(name);
        }
        if (requested.Any(r => r.Trim().Equals(RecommenderRegistry.Hybrid, StringComparison.OrdinalIgnoreCase))) names.Add(RecommenderRegistry.Hybrid);
        return names;
    }

    /// <summary>The hybrid blends every other algorithm, baselines included.</summary>
    private static List<string> Components(IReadOnlyList<string> names) => [.. names.Where(n => n != RecommenderRegistry.Hybrid)];

    private static SplitSummary Summary(TimeSplit split) => new(
        DateOnly.FromDayNumber(split.Train.StartDay), DateOnly.FromDayNumber(split.HoldoutStart), DateOnly.FromDayNumber(split.HoldoutEnd - 1),
        split.Train.ActiveCustomers, split.Train.ActiveItems, split.Train.Counts.NonZeros, split.TestCustomers.Length, split.NewCustomersInHoldout,
        Math.Round(split.TestItems.Average(t => t.Length), 3));
}
