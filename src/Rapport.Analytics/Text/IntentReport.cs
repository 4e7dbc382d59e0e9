using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Rapport.Analytics.Text;

/// <summary>Headline metrics of an intent report.</summary>
public sealed record IntentMetrics(
    [property: JsonPropertyName("accuracy")] double Accuracy,
    [property: JsonPropertyName("macroF1")] double MacroF1);

/// <summary>Sizes and timings of an intent report's run.</summary>
public sealed record IntentRunInfo(
    [property: JsonPropertyName("trainCount")] int TrainCount,
    [property: JsonPropertyName("testCount")] int TestCount,
    [property: JsonPropertyName("intents")] int Intents,
    [property: JsonPropertyName("features")] int Features,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("trainSeconds")] double TrainSeconds,
    [property: JsonPropertyName("predictSeconds")] double PredictSeconds);

/// <summary>The JSON report of <c>rapport analyze intents</c>: <c>metrics{accuracy, macroF1}</c>, <c>perIntent[]</c>,
/// <c>confusedPairs[]</c> and <c>run</c> (sizes and timings).</summary>
public sealed record IntentReport(
    [property: JsonPropertyName("metrics")] IntentMetrics Metrics,
    [property: JsonPropertyName("perIntent")] IReadOnlyList<IntentClassScore> PerIntent,
    [property: JsonPropertyName("confusedPairs")] IReadOnlyList<ConfusedPair> ConfusedPairs,
    [property: JsonPropertyName("run")] IntentRunInfo Run)
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    /// <summary>The report as indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Builds a report from an evaluation.</summary>
    public static IntentReport From(IntentEvaluation evaluation, IntentRunInfo run) =>
        new(new IntentMetrics(evaluation.Accuracy, evaluation.MacroF1), evaluation.PerIntent, evaluation.ConfusedPairs, run);

    /// <summary>
    /// Trains on <paramref name="train"/>, predicts <paramref name="test"/> and evaluates: the whole of
    /// <c>rapport analyze intents</c> except reading the files and writing the JSON.
    /// </summary>
    public static IntentReport Evaluate(IntentDataset train, IntentDataset test, IntentClassifierOptions? options = null, int maxConfusedPairs = 20)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        var watch = Stopwatch.StartNew();
        var model = IntentClassifier.Train(train.Texts, train.Labels, options);
        var trainSeconds = watch.Elapsed.TotalSeconds;
        watch.Restart();
        var predicted = model.PredictLabels(test.Texts);
        var predictSeconds = watch.Elapsed.TotalSeconds;
        var evaluation = IntentEvaluation.Compute(test.Labels, predicted, maxConfusedPairs);
        var run = new IntentRunInfo(train.Count, test.Count, model.Intents.Count, model.Featurizer.FeatureCount,
            "tfidf(word 1-2, char_wb 2-5, cjk char 1-3) + one-vs-rest linear SVM (squared hinge, dual CD)",
            trainSeconds, predictSeconds);
        return From(evaluation, run);
    }
}
