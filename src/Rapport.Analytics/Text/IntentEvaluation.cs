using System.Text.Json.Serialization;

namespace Rapport.Analytics.Text;

/// <summary>Precision, recall and F1 of one intent.</summary>
/// <param name="Intent">The intent.</param>
/// <param name="Precision">Correct / predicted as this intent (0 when never predicted).</param>
/// <param name="Recall">Correct / true instances (0 when there are none).</param>
/// <param name="F1">Harmonic mean of precision and recall (0 when both are 0).</param>
/// <param name="Support">Number of true instances.</param>
/// <param name="Predicted">Number of texts predicted as this intent.</param>
public sealed record IntentClassScore(
    [property: JsonPropertyName("intent")] string Intent,
    [property: JsonPropertyName("precision")] double Precision,
    [property: JsonPropertyName("recall")] double Recall,
    [property: JsonPropertyName("f1")] double F1,
    [property: JsonPropertyName("support")] int Support,
    [property: JsonPropertyName("predicted")] int Predicted);

/// <summary>A confusion: texts of intent <paramref name="True"/> predicted as <paramref name="Predicted"/>.</summary>
public sealed record ConfusedPair(
    [property: JsonPropertyName("true")] string True,
    [property: JsonPropertyName("predicted")] string Predicted,
    [property: JsonPropertyName("count")] int Count);

/// <summary>Classification metrics of predicted against true intents.</summary>
/// <param name="Count">Number of texts.</param>
/// <param name="Accuracy">Share of texts whose prediction is right.</param>
/// <param name="MacroF1">Unweighted mean of the intents' F1 over every intent that is true or predicted at least once
/// (scikit-learn's <c>f1_score(average="macro")</c>).</param>
/// <param name="PerIntent">Per-intent scores, in ordinal order of the intents.</param>
/// <param name="ConfusedPairs">The most frequent (true, predicted) pairs with true ≠ predicted, most frequent first
/// (ties in ordinal order of true then predicted).</param>
public sealed record IntentEvaluation(int Count, double Accuracy, double MacroF1, IReadOnlyList<IntentClassScore> PerIntent, IReadOnlyList<ConfusedPair> ConfusedPairs)
{
    /// <summary>Compares predictions with the truth; keeps the <paramref name="maxConfusedPairs"/> most frequent confusions.</summary>
    public static IntentEvaluation Compute(IReadOnlyList<string> truth, IReadOnlyList<string> predicted, int maxConfusedPairs = 20)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(predicted);
        if (truth.Count != predicted.Count) throw new ArgumentException($"{truth.Count} true labels but {predicted.Count} predictions.", nameof(predicted));
        var n = truth.Count;
        var support = new Dictionary<string, int>(StringComparer.Ordinal);
        var predCount = new Dictionary<string, int>(StringComparer.Ordinal);
        var correct = new Dictionary<string, int>(StringComparer.Ordinal);
        var confusions = new Dictionary<(string, string), int>();
        var right = 0;
        for (var i = 0; i < n; i++)
        {
            string t = truth[i], p = predicted[i];
            support[t] = support.GetValueOrDefault(t) + 1;
            predCount[p] = predCount.GetValueOrDefault(p) + 1;
            if (string.Equals(t, p, StringComparison.Ordinal))
            {
                right++;
                correct[t] = correct.GetValueOrDefault(t) + 1;
            }
            else confusions[(t, p)] = confusions.GetValueOrDefault((t, p)) + 1;
        }

        var intents = support.Keys.Union(predCount.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var perIntent = new List<IntentClassScore>();
        foreach (var intent in intents)
        {
            var tp = correct.GetValueOrDefault(intent);
            var s = support.GetValueOrDefault(intent);
            var pc = predCount.GetValueOrDefault(intent);
            var precision = pc == 0 ? 0 : (double)tp / pc;
            var recall = s == 0 ? 0 : (double)tp / s;
            var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            perIntent.Add(new IntentClassScore(intent, precision, recall, f1, s, pc));
        }

        var pairs = confusions
            .OrderByDescending(kv => kv.Value)
            .ThenBy(kv => kv.Key.Item1, StringComparer.Ordinal)
            .ThenBy(kv => kv.Key.Item2, StringComparer.Ordinal)
            .Take(Math.Max(0, maxConfusedPairs))
            .Select(kv => new ConfusedPair(kv.Key.Item1, kv.Key.Item2, kv.Value))
            .ToList();
        var accuracy = n == 0 ? 0 : (double)right / n;
        var macroF1 = perIntent.Count == 0 ? 0 : perIntent.Average(r => r.F1);
        return new IntentEvaluation(n, accuracy, macroF1, perIntent, pairs);
    }
}
