using System.Diagnostics;
using Rapport.Analytics.Text;

namespace Rapport.Bench;

/// <summary>Issue 4's text benchmark: intent training and inference on Banking77, answer queries on the bank FAQs,
/// sentiment training and scoring on the labelled sentences (../shared/datasets).</summary>
internal static class IntentsBenchmark
{
    public static int Run(string[] args)
    {
        var data = Args.Option(args, "--data") ?? FindDatasets();
        if (data is null || !Directory.Exists(data))
        {
            Console.Error.WriteLine("intents: ../shared/datasets not found; pass --data DIR");
            return 1;
        }
        var repeat = int.Parse(Args.Option(args, "--repeat") ?? "3");
        Console.WriteLine($"intents benchmark on {Environment.ProcessorCount} cores, data {data}, best of {repeat}");

        // Banking77: training and inference.
        var train = IntentCsvReader.Read(Path.Combine(data, "banking77", "train.csv"));
        var test = IntentCsvReader.Read(Path.Combine(data, "banking77", "test.csv"));
        IntentModel? model = null;
        var trainSeconds = Best(repeat, () => model = IntentClassifier.Train(train.Texts, train.Labels));
        string[] predicted = [];
        var batchSeconds = Best(repeat, () => predicted = model!.PredictLabels(test.Texts));
        var singleSeconds = Best(repeat, () => { foreach (var t in test.Texts) model!.Predict(t, topK: 1); });
        var accuracy = predicted.Zip(test.Labels).Count(p => p.First == p.Second) / (double)test.Count;
        Console.WriteLine($"banking77: train {train.Count:N0} texts, {model!.Intents.Count} intents, {model.Featurizer.FeatureCount:N0} features: {trainSeconds:F2} s ({train.Count / trainSeconds:N0} texts/s)");
        Console.WriteLine($"  inference on the {test.Count:N0} test texts: batch (parallel) {test.Count / batchSeconds:N0} texts/s, one at a time on one thread {test.Count / singleSeconds:N0} texts/s; accuracy {accuracy:F4}");

        // Bank FAQs: index build and answer queries.
        var rows = KnowledgeBaseReader.Read(Path.Combine(data, "bank-faqs", "BankFAQs.csv"));
        AnswerFinder? finder = null;
        var buildSeconds = Best(repeat, () => finder = AnswerFinder.Build(rows));
        var questions = rows.Select(r => r.Question).ToArray();
        var querySeconds = Best(repeat, () => { foreach (var q in questions) finder!.Find(q, 3); });
        var parallelSeconds = Best(repeat, () => Parallel.ForEach(questions, q => finder!.Find(q, 3)));
        Console.WriteLine($"bank-faqs: index {rows.Count:N0} rows ({finder!.Articles.Count:N0} answers, {finder.Index.TermCount:N0} terms) in {buildSeconds * 1000:F0} ms");
        Console.WriteLine($"  answer queries (top 3, with matched terms): {questions.Length / querySeconds:N0} queries/s on one thread, {questions.Length / parallelSeconds:N0} queries/s in parallel");

        // Sentiment: training on all 3,000 sentences and scoring them.
        var sentences = SentimentDataset.Concat(new[] { "amazon_cells", "imdb", "yelp" }
            .Select(s => SentimentDataReader.Read(Path.Combine(data, "sentiment-labelled-sentences", $"{s}_labelled.txt"))));
        SentimentModel? sentiment = null;
        var sentimentTrain = Best(repeat, () => sentiment = SentimentClassifier.Train(sentences.Texts, sentences.Positive));
        var sentimentScore = Best(repeat, () => sentiment!.Predict(sentences.Texts));
        Console.WriteLine($"sentiment: train {sentences.Count:N0} sentences in {sentimentTrain:F2} s ({sentiment!.TrainingIterations} L-BFGS iterations); score {sentences.Count / sentimentScore:N0} texts/s (parallel)");
        Console.WriteLine($"peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024):N0} MiB");
        return 0;
    }

    private static double Best(int repeat, Action action)
    {
        var best = double.PositiveInfinity;
        for (var i = 0; i < Math.Max(1, repeat); i++)
        {
            var watch = Stopwatch.StartNew();
            action();
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }
        return best;
    }

    private static string? FindDatasets()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "datasets");
                if (Directory.Exists(Path.Combine(candidate, "banking77"))) return candidate;
            }
        return null;
    }
}
