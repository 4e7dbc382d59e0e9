using System.Diagnostics;
using System.Text.Json;
using Rapport.Analytics.Text;
using Xunit.Abstractions;

namespace Rapport.Analytics.Tests;

public class TextIntentTests(ITestOutputHelper output)
{
    [Fact]
    public void Banking77_official_test_accuracy_is_at_least_0_90()
    {
        if (TextTestData.Banking77 is not { } data) { output.WriteLine("SKIPPED: ../shared/datasets/banking77 not found"); return; }
        Assert.Equal(10003, data.Train.Count);
        Assert.Equal(3080, data.Test.Count);

        var report = IntentReport.Evaluate(data.Train, data.Test);
        output.WriteLine($"Banking77: accuracy={report.Metrics.Accuracy:F4} macroF1={report.Metrics.MacroF1:F4} " +
                         $"features={report.Run.Features} train={report.Run.TrainSeconds:F2}s predict={report.Run.PredictSeconds:F2}s");
        foreach (var p in report.ConfusedPairs.Take(5)) output.WriteLine($"  {p.True} -> {p.Predicted}: {p.Count}");

        Assert.True(report.Metrics.Accuracy >= 0.90, $"accuracy {report.Metrics.Accuracy:F4}");
        Assert.True(report.Metrics.MacroF1 >= 0.90, $"macro-F1 {report.Metrics.MacroF1:F4}");
        Assert.Equal(77, report.PerIntent.Count);
        Assert.All(report.PerIntent, r => Assert.Equal(40, r.Support));
        Assert.Equal(20, report.ConfusedPairs.Count);
        Assert.True(report.ConfusedPairs.Zip(report.ConfusedPairs.Skip(1)).All(p => p.First.Count >= p.Second.Count));

        using var json = JsonDocument.Parse(report.ToJson());
        var root = json.RootElement;
        Assert.Equal(report.Metrics.Accuracy, root.GetProperty("metrics").GetProperty("accuracy").GetDouble());
        Assert.True(root.GetProperty("metrics").TryGetProperty("macroF1", out _));
        Assert.Equal(77, root.GetProperty("perIntent").GetArrayLength());
        Assert.True(root.GetProperty("perIntent")[0].TryGetProperty("f1", out _));
        Assert.True(root.GetProperty("confusedPairs")[0].TryGetProperty("predicted", out _));
    }

    [Fact]
    public void Training_is_deterministic_and_independent_of_parallelism()
    {
        if (TextTestData.Banking77 is not { } data) { output.WriteLine("SKIPPED: ../shared/datasets/banking77 not found"); return; }
        // The first 3,000 training texts (all 77 intents) keep the three fits short.
        var texts = data.Train.Texts.Take(3000).ToArray();
        var labels = data.Train.Labels.Take(3000).ToArray();
        var sample = data.Test.Texts.Take(200).ToArray();
        var watch = Stopwatch.StartNew();
        var a = IntentClassifier.Train(texts, labels, new IntentClassifierOptions(Seed: 7, MaxDegreeOfParallelism: 1));
        output.WriteLine($"train 3,000 texts on 1 thread: {watch.Elapsed.TotalSeconds:F2}s, passes {a.TrainingIterations}, converged {a.Converged}");
        var b = IntentClassifier.Train(texts, labels, new IntentClassifierOptions(Seed: 7, MaxDegreeOfParallelism: 2));
        var c = IntentClassifier.Train(texts, labels, new IntentClassifierOptions(Seed: 7));
        Assert.True(a.Converged);
        foreach (var text in sample)
        {
            var scores = a.Scores(text);
            Assert.Equal(scores, b.Scores(text));
            Assert.Equal(scores, c.Scores(text));
        }
        Assert.Equal(a.Predict(sample), b.Predict(sample), (p, q) => p.Label == q.Label && p.Top.SequenceEqual(q.Top));
    }

    [Fact]
    public void Chinese_and_english_toy_set_needs_character_ngrams()
    {
        var texts = TextTestData.ToyTrain.Select(t => t.Text).ToArray();
        var labels = TextTestData.ToyTrain.Select(t => t.Label).ToArray();
        var options = new IntentClassifierOptions(C: 1.0, Featurizer: new TextFeaturizerOptions(CharMinDf: 1));
        var model = IntentClassifier.Train(texts, labels, options);
        Assert.Equal(["address", "card_lost", "refund"], model.Intents);

        (string Text, string Label)[] unseen =
        [
            ("麻烦帮我退款吧", "refund"),            // no whole-run match: only the characters 退款 are shared
            ("退款还没到", "refund"),
            ("请帮我改一下地址", "address"),
            ("新地址是北京", "address"),
            ("我的银行卡丢了", "card_lost"),
            ("refund please", "refund"),
            ("changing my address", "address"),        // "changing" shares char n-grams with "change"
            ("card stolen", "card_lost"),
        ];
        foreach (var (text, label) in unseen)
        {
            var prediction = model.Predict(text, topK: 3);
            Assert.True(label == prediction.Label, $"'{text}': expected {label}, got {prediction.Label}");
            Assert.Equal(3, prediction.Top.Count);
            Assert.Equal(prediction.Label, prediction.Top[0].Label);
            Assert.True(prediction.Top[0].Score >= prediction.Top[1].Score);
            Assert.InRange(prediction.Confidence, 1.0 / 3, 1.0);
        }

        // A Chinese text has no Latin tokens, so everything comes from the CJK character n-grams.
        Assert.Contains(TextFeaturizer.DescribeFeatures("麻烦帮我退款吧"), kv => kv.Key == "u:退款");
        Assert.DoesNotContain(TextFeaturizer.DescribeFeatures("麻烦帮我退款吧"), kv => kv.Key.StartsWith("w:", StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluation_matches_hand_computed_metrics()
    {
        string[] truth = ["a", "a", "a", "b", "b", "c"];
        string[] pred = ["a", "a", "b", "b", "a", "d"];
        var e = IntentEvaluation.Compute(truth, pred, maxConfusedPairs: 2);
        Assert.Equal(3.0 / 6, e.Accuracy, 12);
        // a: P 2/3 R 2/3 F 2/3; b: P 1/2 R 1/2 F 1/2; c: 0; d (predicted only): 0 → macro over 4 intents.
        Assert.Equal(3, e.PerIntent[0].Predicted);
        Assert.Equal((2.0 / 3 + 0.5) / 4, e.MacroF1, 12);
        Assert.Equal(["a", "b", "c", "d"], e.PerIntent.Select(r => r.Intent));
        Assert.Equal(0, e.PerIntent[3].Support);
        Assert.Equal([new ConfusedPair("a", "b", 1), new ConfusedPair("b", "a", 1)], e.ConfusedPairs);
    }

    [Fact]
    public void Training_rejects_bad_input()
    {
        Assert.Throws<ArgumentException>(() => IntentClassifier.Train(["a"], ["x", "y"]));
        Assert.Throws<ArgumentException>(() => IntentClassifier.Train(["a", "b"], ["x", "x"]));
        Assert.Throws<ArgumentOutOfRangeException>(() => IntentClassifier.Train(["a", "b"], ["x", "y"], new IntentClassifierOptions(C: 0)));
    }
}
