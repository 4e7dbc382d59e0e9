using System.Diagnostics;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Rapport.Analytics.Text;

/// <summary>Metrics of one cross-validation fold.</summary>
public sealed record SentimentFold(
    [property: JsonPropertyName("fold")] int Fold,
    [property: JsonPropertyName("trainCount")] int TrainCount,
    [property: JsonPropertyName("testCount")] int TestCount,
    [property: JsonPropertyName("accuracy")] double Accuracy,
    [property: JsonPropertyName("macroF1")] double MacroF1);

/// <summary>Headline metrics of a sentiment evaluation.</summary>
/// <param name="Accuracy">Share of texts whose positive/negative decision (score ≥ 0.5 means positive) is right,
/// over all held-out texts (every text once in cross-validation).</param>
/// <param name="MacroF1">Mean F1 of the two classes, same decisions.</param>
/// <param name="Count">Number of held-out texts.</param>
/// <param name="NeutralShare">Share of texts whose score is in the neutral band.</param>
/// <param name="DecidedAccuracy">Accuracy over the texts outside the neutral band.</param>
/// <param name="NeutralBand">The band [low, high] of scores reported as neutral.</param>
/// <param name="Folds">Per-fold metrics (cross-validation only).</param>
/// <param name="FoldAccuracyMean">Mean of the folds' accuracies (cross-validation only).</param>
/// <param name="FoldAccuracyStd">Their standard deviation (sample, n − 1).</param>
public sealed record SentimentMetrics(
    [property: JsonPropertyName("accuracy")] double Accuracy,
    [property: JsonPropertyName("macroF1")] double MacroF1,
    [property: JsonPropertyName("count")] int Count,
    [property: JsonPropertyName("neutralShare")] double NeutralShare,
    [property: JsonPropertyName("decidedAccuracy")] double DecidedAccuracy,
    [property: JsonPropertyName("neutralBand")] IReadOnlyList<double> NeutralBand,
    [property: JsonPropertyName("folds")] IReadOnlyList<SentimentFold>? Folds,
    [property: JsonPropertyName("foldAccuracyMean")] double? FoldAccuracyMean,
    [property: JsonPropertyName("foldAccuracyStd")] double? FoldAccuracyStd);

/// <summary>The prediction for one held-out text.</summary>
public sealed record SentimentTextResult(
    [property: JsonPropertyName("origin")] string Origin,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("truth")] string Truth,
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("score")] double Score,
    [property: JsonPropertyName("fold")] int? Fold);

/// <summary>Sizes and timings of the run.</summary>
public sealed record SentimentRunInfo(
    [property: JsonPropertyName("mode")] string Mode,
    [property: JsonPropertyName("trainCount")] int TrainCount,
    [property: JsonPropertyName("testCount")] int TestCount,
    [property: JsonPropertyName("features")] int Features,
    [property: JsonPropertyName("c")] double C,
    [property: JsonPropertyName("seed")] int? Seed,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("seconds")] double Seconds);

/// <summary>The JSON report of <c>rapport analyze sentiment</c>: <c>metrics</c>, <c>predictions[]</c>, <c>run</c>.</summary>
public sealed record SentimentReport(
    [property: JsonPropertyName("metrics")] SentimentMetrics Metrics,
    [property: JsonPropertyName("predictions")] IReadOnlyList<SentimentTextResult> Predictions,
    [property: JsonPropertyName("run")] SentimentRunInfo Run)
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The report as indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);
}

/// <summary>Evaluates <see cref="SentimentClassifier"/>: a train/test split, or stratified k-fold cross-validation.</summary>
public static class SentimentEvaluation
{
    private const string ModelName = "tfidf(word 1-2, char_wb 2-5, cjk char 1-3) + L2 logistic regression (L-BFGS)";

    /// <summary>Trains on <paramref name="train"/> and predicts <paramref name="test"/>.</summary>
    public static SentimentReport TrainTest(SentimentDataset train, SentimentDataset test, SentimentOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        options ??= new SentimentOptions();
        var watch = Stopwatch.StartNew();
        var model = SentimentClassifier.Train(train.Texts, train.Positive, options);
        var predictions = model.Predict(test.Texts);
        var results = Enumerable.Range(0, test.Count).Select(i => Result(test, i, predictions[i], null)).ToArray();
        var run = new SentimentRunInfo("train/test", train.Count, test.Count, model.Featurizer.FeatureCount, options.C, null, ModelName, watch.Elapsed.TotalSeconds);
        return new SentimentReport(Metrics(results, options, null), results, run);
    }

    /// <summary>
    /// Stratified k-fold cross-validation: the positives and the negatives are each shuffled with
    /// <paramref name="seed"/> and dealt to the folds in turn, so every fold has the classes in the data's proportion;
    /// each fold is predicted by a model (featurizer included) trained on the other folds only.
    /// </summary>
    public static SentimentReport CrossValidate(SentimentDataset data, int folds, SentimentOptions? options = null, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (folds < 2) throw new ArgumentOutOfRangeException(nameof(folds), "Need at least 2 folds.");
        var positives = data.Positive.Count(p => p);
        if (Math.Min(positives, data.Count - positives) < folds)
            throw new ArgumentException($"Each class needs at least {folds} texts for {folds}-fold cross-validation ({positives} positive, {data.Count - positives} negative).", nameof(data));
        options ??= new SentimentOptions();
        var watch = Stopwatch.StartNew();
        var foldOf = AssignFolds(data.Positive, folds, seed);
        var results = new SentimentTextResult[data.Count];
        var foldMetrics = new List<SentimentFold>();
        var features = 0;
        for (var f = 0; f < folds; f++)
        {
            var train = Enumerable.Range(0, data.Count).Where(i => foldOf[i] != f).ToArray();
            var test = Enumerable.Range(0, data.Count).Where(i => foldOf[i] == f).ToArray();
            var model = SentimentClassifier.Train(train.Select(i => data.Texts[i]).ToArray(), train.Select(i => data.Positive[i]).ToArray(), options);
            features += model.Featurizer.FeatureCount;
            var predictions = model.Predict(test.Select(i => data.Texts[i]).ToArray());
            for (var t = 0; t < test.Length; t++) results[test[t]] = Result(data, test[t], predictions[t], f + 1);
            var evaluation = Decisions(test.Select(i => results[i]).ToArray());
            foldMetrics.Add(new SentimentFold(f + 1, train.Length, test.Length, evaluation.Accuracy, evaluation.MacroF1));
        }
        var accuracies = foldMetrics.Select(m => m.Accuracy).ToArray();
        var mean = accuracies.Average();
        var std = Math.Sqrt(accuracies.Sum(a => (a - mean) * (a - mean)) / (accuracies.Length - 1));
        var metrics = Metrics(results, options, foldMetrics) with { FoldAccuracyMean = mean, FoldAccuracyStd = std };
        var run = new SentimentRunInfo($"{folds}-fold cross-validation", data.Count, data.Count, features / folds, options.C, seed, ModelName, watch.Elapsed.TotalSeconds);
        return new SentimentReport(metrics, results, run);
    }

    /// <summary>The fold (0 … k − 1) of each text: each class shuffled with the seed and dealt round-robin.</summary>
    public static int[] AssignFolds(IReadOnlyList<bool> positive, int folds, int seed)
    {
        ArgumentNullException.ThrowIfNull(positive);
        var rng = new Random(seed);
        var foldOf = new int[positive.Count];
        var next = 0;
        foreach (var cls in new[] { true, false })
        {
            var members = Enumerable.Range(0, positive.Count).Where(i => positive[i] == cls).ToArray();
            rng.Shuffle(members);
            foreach (var i in members) foldOf[i] = next++ % folds;
        }
        return foldOf;
    }

    private static SentimentTextResult Result(SentimentDataset data, int i, SentimentPrediction p, int? fold) =>
        new(data.Origins[i], data.Texts[i], data.Positive[i] ? SentimentPrediction.Positive : SentimentPrediction.Negative, p.Label, p.Score, fold);

    private static IntentEvaluation Decisions(IReadOnlyList<SentimentTextResult> results) =>
        IntentEvaluation.Compute(results.Select(r => r.Truth).ToArray(),
            results.Select(r => r.Score >= 0.5 ? SentimentPrediction.Positive : SentimentPrediction.Negative).ToArray());

    private static SentimentMetrics Metrics(IReadOnlyList<SentimentTextResult> results, SentimentOptions options, IReadOnlyList<SentimentFold>? folds)
    {
        var all = Decisions(results);
        var decided = results.Where(r => r.Label != SentimentPrediction.Neutral).ToArray();
        var decidedAccuracy = decided.Length == 0 ? 0 : decided.Count(r => r.Label == r.Truth) / (double)decided.Length;
        var neutralShare = results.Count == 0 ? 0 : 1 - decided.Length / (double)results.Count;
        return new SentimentMetrics(all.Accuracy, all.MacroF1, results.Count, neutralShare, decidedAccuracy,
            [options.NeutralLow, options.NeutralHigh], folds, null, null);
    }
}
