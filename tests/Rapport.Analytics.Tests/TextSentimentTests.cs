using System.Text.Json;
using Rapport.Analytics.Text;
using Xunit.Abstractions;

namespace Rapport.Analytics.Tests;

public class TextSentimentTests(ITestOutputHelper output)
{
    [Fact]
    public void Ten_fold_accuracy_on_the_labelled_sentences_is_at_least_0_83()
    {
        if (TextTestData.SentimentSentences is not { } data) { output.WriteLine("SKIPPED: ../shared/datasets/sentiment-labelled-sentences not found"); return; }
        Assert.Equal(3000, data.Count);
        Assert.Equal(1500, data.Positive.Count(p => p));

        var report = SentimentEvaluation.CrossValidate(data, 10, seed: 0);
        var m = report.Metrics;
        output.WriteLine($"10-fold: accuracy={m.Accuracy:F4} macroF1={m.MacroF1:F4} fold sd={m.FoldAccuracyStd:F4} neutral={m.NeutralShare:F3} " +
                         $"decided={m.DecidedAccuracy:F4} features={report.Run.Features} {report.Run.Seconds:F1}s");
        Assert.True(m.Accuracy >= 0.83, $"accuracy {m.Accuracy:F4}");
        Assert.True(m.MacroF1 >= 0.83, $"macro-F1 {m.MacroF1:F4}");
        Assert.Equal(10, m.Folds!.Count);
        Assert.All(m.Folds, f => Assert.Equal(300, f.TestCount));
        Assert.Equal(m.Folds.Average(f => f.Accuracy), m.FoldAccuracyMean!.Value, 12);
        // Every text is predicted once, by the model of its own fold.
        Assert.Equal(3000, report.Predictions.Count);
        Assert.Equal(Enumerable.Range(1, 10), report.Predictions.Select(p => p.Fold!.Value).Distinct().Order());
        // The neutral band holds the unsure texts: outside it the model is clearly more often right.
        Assert.InRange(m.NeutralShare, 0.05, 0.40);
        Assert.True(m.DecidedAccuracy >= m.Accuracy + 0.03, $"decided {m.DecidedAccuracy:F4} vs all {m.Accuracy:F4}");
        var inside = report.Predictions.Where(p => p.Label == "neutral").ToArray();
        Assert.All(inside, p => Assert.InRange(p.Score, 0.35, 0.65));
        Assert.All(report.Predictions.Where(p => p.Label != "neutral"), p => Assert.Equal(p.Score > 0.5 ? "positive" : "negative", p.Label));

        using var json = JsonDocument.Parse(report.ToJson());
        Assert.Equal(m.Accuracy, json.RootElement.GetProperty("metrics").GetProperty("accuracy").GetDouble());
        Assert.Equal(10, json.RootElement.GetProperty("metrics").GetProperty("folds").GetArrayLength());
        var first = json.RootElement.GetProperty("predictions")[0];
        Assert.True(first.TryGetProperty("label", out _) && first.TryGetProperty("score", out _) && first.TryGetProperty("origin", out _));
    }

    [Fact]
    public void Train_test_split_by_source_generalises_to_another_domain()
    {
        if (TextTestData.SentimentSentences is not { } data) { output.WriteLine("SKIPPED: ../shared/datasets/sentiment-labelled-sentences not found"); return; }
        // Train on Amazon + IMDb, test on Yelp: a harder, cross-domain split.
        var yelp = Enumerable.Range(0, data.Count).Where(i => data.Origins[i].StartsWith("yelp", StringComparison.Ordinal)).ToHashSet();
        SentimentDataset Part(bool wantYelp)
        {
            var idx = Enumerable.Range(0, data.Count).Where(i => yelp.Contains(i) == wantYelp).ToArray();
            return new SentimentDataset(idx.Select(i => data.Texts[i]).ToArray(), idx.Select(i => data.Positive[i]).ToArray(), idx.Select(i => data.Origins[i]).ToArray());
        }
        var report = SentimentEvaluation.TrainTest(Part(false), Part(true));
        output.WriteLine($"amazon+imdb -> yelp: accuracy={report.Metrics.Accuracy:F4}");
        Assert.Equal(1000, report.Metrics.Count);
        Assert.True(report.Metrics.Accuracy >= 0.75, $"accuracy {report.Metrics.Accuracy:F4}");
        Assert.Null(report.Metrics.Folds);
    }

    [Fact]
    public void Chinese_and_english_feedback_gets_a_sentiment()
    {
        (string, bool)[] train =
        [
            ("服务很好，非常满意", true), ("非常好用，推荐", true), ("客服态度很好", true), ("满意，谢谢", true),
            ("great service, thank you", true), ("love it, works perfectly", true), ("very helpful and fast", true),
            ("太差了，很失望", false), ("服务很差，不满意", false), ("质量差，退货", false), ("非常失望", false),
            ("terrible service, very disappointed", false), ("broken after one day, awful", false), ("slow and unhelpful", false),
        ];
        var model = SentimentClassifier.Train(train.Select(t => t.Item1).ToArray(), train.Select(t => t.Item2).ToArray(),
            new SentimentOptions(Featurizer: new TextFeaturizerOptions(CharMinDf: 1)));
        Assert.True(model.Converged);
        Assert.True(model.Score("我很满意") > 0.5);
        Assert.True(model.Score("很失望") < 0.5);
        Assert.True(model.Score("great, very helpful") > 0.5);
        Assert.True(model.Score("awful and disappointed") < 0.5);
        var p = model.Predict("很失望");
        Assert.Equal(p.Score < 0.35 ? "negative" : "neutral", p.Label);
    }

    [Fact]
    public void Logistic_regression_reaches_the_optimum()
    {
        // Random sparse problem: at the optimum w + C Σ −yᵢ σ(−yᵢ zᵢ) xᵢ = 0 and Σ −yᵢ σ(−yᵢ zᵢ) = 0 (intercept).
        var rng = new Random(3);
        const int n = 200, d = 30;
        var x = new SparseVector[n];
        var y = new bool[n];
        for (var i = 0; i < n; i++)
        {
            var idx = Enumerable.Range(0, d).Where(_ => rng.NextDouble() < 0.2).ToArray();
            var val = idx.Select(_ => (float)rng.NextDouble()).ToArray();
            x[i] = new SparseVector(idx, val);
            y[i] = rng.NextDouble() < 1 / (1 + Math.Exp(-(val.Sum() - 1.0)));
        }
        const double c = 2.0;
        var fit = LogisticRegression.Train(x, y, d, c, tolerance: 1e-8);
        Assert.True(fit.Converged);
        var grad = fit.Weights.ToArray();
        var gb = 0.0;
        for (var i = 0; i < n; i++)
        {
            var z = fit.Bias + x[i].Dot(fit.Weights);
            var yi = y[i] ? 1.0 : -1.0;
            var coefficient = -c * yi / (1 + Math.Exp(yi * z));
            for (var t = 0; t < x[i].Count; t++) grad[x[i].Indices[t]] += coefficient * x[i].Values[t];
            gb += coefficient;
        }
        // The gradient at 0 is about C · n / 2 = 200 in the intercept; at the fit it is a million times smaller.
        Assert.All(grad, g => Assert.InRange(g, -1e-4, 1e-4));
        Assert.InRange(gb, -1e-4, 1e-4);
    }

    [Fact]
    public void Tab_reader_splits_at_the_last_tab_and_names_bad_lines()
    {
        var lines = TabLabelledTextReader.ReadLines(new StringReader("He said \"great\tmovie.  \t1\n\nBad \"food.\t0\r\n"));
        Assert.Equal([new LabelledLine(1, "He said \"great\tmovie.", "1"), new LabelledLine(3, "Bad \"food.", "0")], lines);
        Assert.Equal("Line 2: no tab between the text and the label.",
            Assert.Throws<FormatException>(() => TabLabelledTextReader.ReadLines(new StringReader("ok\t1\nno tab here\n"))).Message);
        Assert.Contains("Line 1: the label field is empty", Assert.Throws<FormatException>(() => TabLabelledTextReader.ReadLines(new StringReader("text\t \n"))).Message);
        Assert.Contains("Line 1: the text field is empty", Assert.Throws<FormatException>(() => TabLabelledTextReader.ReadLines(new StringReader("\t1\n"))).Message);
        Assert.Empty(TabLabelledTextReader.ReadLines(new StringReader("")));

        if (TextTestData.SharedFile("sentiment-labelled-sentences", "imdb_labelled.txt") is { } imdb)
        {
            var data = TabLabelledTextReader.Read(imdb); // 43 lines with unbalanced quotes: a CSV reader gets 748
            Assert.Equal(1000, data.Count);
            Assert.All(data.Texts, t => Assert.Equal(t.Trim(), t));
        }
    }

    [Fact]
    public void Sentiment_reader_reads_csv_and_tab_files_and_rejects_bad_labels()
    {
        var csv = TextTestData.TempFile("id,comment,sentiment\n1,\"Great, thanks\",positive\n2,Awful,NEG\n", ".csv");
        var tsv = TextTestData.TempFile("Great\t1\nAwful\t0\nMeh\tmaybe\n", ".txt");
        var csvBad = TextTestData.TempFile("text,label\nGreat,1\nAwful,\n", ".csv");
        try
        {
            var data = SentimentDataReader.Read(csv, textColumn: "comment");
            Assert.Equal(["Great, thanks", "Awful"], data.Texts);
            Assert.Equal([true, false], data.Positive);
            Assert.Equal($"{Path.GetFileName(csv)}:2", data.Origins[0]);
            var badLabel = Assert.Throws<FormatException>(() => SentimentDataReader.Read(tsv));
            Assert.StartsWith("Line 3: the label field: Label 'maybe' is neither positive", badLabel.Message);
            Assert.Equal("Record 3: the label field ('label') is empty.", Assert.Throws<FormatException>(() => SentimentDataReader.Read(csvBad)).Message);
            Assert.Contains("CSV files only", Assert.Throws<FormatException>(() => SentimentDataReader.Read(tsv, textColumn: "text")).Message);
            Assert.Contains("No text column 'body'", Assert.Throws<FormatException>(() => SentimentDataReader.Read(csv, textColumn: "body")).Message);
        }
        finally
        {
            File.Delete(csv);
            File.Delete(tsv);
            File.Delete(csvBad);
        }
        Assert.Throws<ArgumentException>(() => SentimentClassifier.Train(["a", "b"], [true, true]));
        Assert.Throws<ArgumentOutOfRangeException>(() => SentimentClassifier.Train(["a", "b"], [true, false], new SentimentOptions(NeutralLow: 0.6)));
        Assert.Throws<ArgumentException>(() => SentimentEvaluation.CrossValidate(new SentimentDataset(["a", "b", "c"], [true, false, true], ["1", "2", "3"]), 2));
    }

    [Fact]
    public void Folds_are_stratified_and_seeded()
    {
        var positive = Enumerable.Range(0, 103).Select(i => i % 3 == 0).ToArray();
        var a = SentimentEvaluation.AssignFolds(positive, 5, seed: 1);
        Assert.Equal(a, SentimentEvaluation.AssignFolds(positive, 5, seed: 1));
        Assert.NotEqual(a, SentimentEvaluation.AssignFolds(positive, 5, seed: 2));
        for (var f = 0; f < 5; f++)
        {
            var members = Enumerable.Range(0, positive.Length).Where(i => a[i] == f).ToArray();
            Assert.InRange(members.Length, 20, 21);
            Assert.InRange(members.Count(i => positive[i]), 6, 7);
        }
    }
}
