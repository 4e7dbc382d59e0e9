using System.Text.Json;

namespace Rapport.Cli.Tests;

/// <summary>`analyze answer` on the bank FAQs and `analyze sentiment` on the labelled sentences, end to end.</summary>
public sealed class AnalyzeTextCommandTests
{
    private static string BankFaqs => Datasets.Path("bank-faqs", "BankFAQs.csv");

    private static string Sentences(string source) => Datasets.Path("sentiment-labelled-sentences", $"{source}_labelled.txt");

    [Fact]
    public async Task Answer_suggests_the_lost_card_answer_with_matched_terms()
    {
        using var folder = new TempFolder();
        var output = folder.File("answer.json");
        var result = await CliRunner.RunAsync("analyze", "answer", "--kb", BankFaqs, "--question", "What should I do if my card is lost?", "--top", "3", "--out", output);
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("1. score", result.Output);
        Assert.Contains("matched: lost ×", result.Output); // readable matched terms, best first
        using var json = JsonDocument.Parse(File.ReadAllText(output));
        var suggestions = json.RootElement.GetProperty("suggestions");
        Assert.Equal(3, suggestions.GetArrayLength());
        var best = suggestions[0];
        Assert.Contains("card is lost", best.GetProperty("question").GetString());
        Assert.Equal("cards", best.GetProperty("category").GetString());
        Assert.Contains(best.GetProperty("matchedTerms").EnumerateArray(), t => t.GetProperty("term").GetString() == "lost");
        Assert.True(best.GetProperty("score").GetDouble() >= suggestions[1].GetProperty("score").GetDouble());
        Assert.Equal(1.2, json.RootElement.GetProperty("bm25").GetProperty("k1").GetDouble());
        Assert.Equal(1764, json.RootElement.GetProperty("kb").GetProperty("rows").GetInt32());
    }

    [Fact]
    public async Task Answer_evaluate_reports_recall_on_the_bank_faqs()
    {
        using var folder = new TempFolder();
        var output = folder.File("eval.json");
        var result = await CliRunner.RunAsync("analyze", "answer", "--kb", BankFaqs, "--evaluate", "--out", output);
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("recall@1", result.Output);
        using var json = JsonDocument.Parse(File.ReadAllText(output));
        var heldOut = json.RootElement.GetProperty("heldOutQuestions");
        Assert.True(heldOut.GetProperty("recallAt1").GetDouble() >= 0.60);
        Assert.True(heldOut.GetProperty("recallAt3").GetDouble() >= 0.80);
        Assert.Equal(heldOut.GetProperty("queries").GetInt32(), heldOut.GetProperty("results").GetArrayLength());
        Assert.True(json.RootElement.GetProperty("questionToAnswer").GetProperty("recallAt3").GetDouble() >= 0.51);
    }

    [Fact]
    public async Task Answer_works_on_a_chinese_knowledge_base_with_named_columns()
    {
        using var folder = new TempFolder();
        var kb = folder.File("kb.csv");
        File.WriteAllText(kb, "问题,回答,类别\n我的卡丢了怎么办,请立即致电客服挂失您的银行卡。,cards\n如何申请退款,退款将在七个工作日内退回原账户。,payments\n");
        var result = await CliRunner.RunAsync("analyze", "answer", "--kb", kb, "--question", "退款多久到账", "--question-column", "问题",
            "--answer-column", "回答", "--category-column", "类别", "--top", "1");
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("[payments]", result.Output);
        Assert.Contains("退款 ×", result.Output);
    }

    [Fact]
    public async Task Answer_rejects_bad_input_with_exit_code_1()
    {
        using var folder = new TempFolder();
        var noAnswer = folder.File("no-answer.csv");
        File.WriteAllText(noAnswer, "question,text\nhi,there\n");
        var emptyField = folder.File("empty-field.csv");
        File.WriteAllText(emptyField, "question,answer\nhi,there\nwhy,\n");
        var empty = folder.File("empty.csv");
        File.WriteAllText(empty, "");

        var r1 = await CliRunner.RunAsync("analyze", "answer", "--kb", noAnswer, "--question", "hi");
        Assert.Equal(1, r1.ExitCode);
        Assert.Contains("no-answer.csv", r1.Error);
        Assert.Contains("No answer column", r1.Error);
        var r2 = await CliRunner.RunAsync("analyze", "answer", "--kb", emptyField, "--question", "hi");
        Assert.Equal(1, r2.ExitCode);
        Assert.Contains("empty-field.csv: Record 3: the answer field ('answer') is empty.", r2.Error);
        var r3 = await CliRunner.RunAsync("analyze", "answer", "--kb", empty, "--question", "hi");
        Assert.Equal(1, r3.ExitCode);
        Assert.Contains("empty", r3.Error);
        var r4 = await CliRunner.RunAsync("analyze", "answer", "--kb", BankFaqs);
        Assert.Equal(1, r4.ExitCode);
        Assert.Contains("--question", r4.Error);
        var r5 = await CliRunner.RunAsync("analyze", "answer", "--kb", BankFaqs, "--question", "hi", "--b", "2");
        Assert.Equal(1, r5.ExitCode);
        Assert.Contains("--b", r5.Error);
        var r6 = await CliRunner.RunAsync("analyze", "answer", "--kb", folder.File("missing.csv"), "--question", "hi");
        Assert.Equal(1, r6.ExitCode);
        Assert.Contains("not found", r6.Error);
    }

    [Fact]
    public async Task Sentiment_train_test_writes_metrics_and_scored_predictions()
    {
        using var folder = new TempFolder();
        var output = folder.File("sentiment.json");
        var result = await CliRunner.RunAsync("analyze", "sentiment", "--train", Sentences("amazon_cells"), Sentences("imdb"), "--test", Sentences("yelp"), "--out", output);
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("accuracy", result.Output);
        using var json = JsonDocument.Parse(File.ReadAllText(output));
        var metrics = json.RootElement.GetProperty("metrics");
        Assert.True(metrics.GetProperty("accuracy").GetDouble() >= 0.75);
        Assert.Equal(2000, json.RootElement.GetProperty("run").GetProperty("trainCount").GetInt32());
        var predictions = json.RootElement.GetProperty("predictions");
        Assert.Equal(1000, predictions.GetArrayLength());
        Assert.All(predictions.EnumerateArray(), p =>
        {
            var score = p.GetProperty("score").GetDouble();
            var expected = score < 0.35 ? "negative" : score > 0.65 ? "positive" : "neutral";
            Assert.Equal(expected, p.GetProperty("label").GetString());
        });
        Assert.StartsWith("yelp_labelled.txt:", predictions[0].GetProperty("origin").GetString());
    }

    [Fact]
    public async Task Sentiment_cross_validates_with_folds_in_the_json()
    {
        using var folder = new TempFolder();
        var output = folder.File("cv.json");
        var result = await CliRunner.RunAsync("analyze", "sentiment", "--train", Sentences("amazon_cells"), "--cv", "5", "--neutral-band", "0.4,0.6", "--out", output);
        Assert.True(result.ExitCode == 0, result.Error);
        using var json = JsonDocument.Parse(File.ReadAllText(output));
        var metrics = json.RootElement.GetProperty("metrics");
        Assert.Equal(5, metrics.GetProperty("folds").GetArrayLength());
        Assert.True(metrics.GetProperty("accuracy").GetDouble() >= 0.75);
        Assert.Equal([0.4, 0.6], metrics.GetProperty("neutralBand").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal(1000, json.RootElement.GetProperty("predictions").GetArrayLength());
    }

    [Fact]
    public async Task Sentiment_rejects_bad_input_with_exit_code_1()
    {
        using var folder = new TempFolder();
        var noTab = folder.File("bad.txt");
        File.WriteAllText(noTab, "Good\t1\nno tab on this line\n");
        var r1 = await CliRunner.RunAsync("analyze", "sentiment", "--train", noTab, "--cv", "2", "--out", folder.File("x.json"));
        Assert.Equal(1, r1.ExitCode);
        Assert.Contains("bad.txt: Line 2: no tab", r1.Error);
        var r2 = await CliRunner.RunAsync("analyze", "sentiment", "--train", Sentences("amazon_cells"), "--out", folder.File("x.json"));
        Assert.Equal(1, r2.ExitCode);
        Assert.Contains("--test FILE or --cv K", r2.Error);
        var r3 = await CliRunner.RunAsync("analyze", "sentiment", "--train", Sentences("amazon_cells"), "--cv", "5", "--neutral-band", "0.7,0.9", "--out", folder.File("x.json"));
        Assert.Equal(1, r3.ExitCode);
        Assert.Contains("--neutral-band", r3.Error);
        var empty = folder.File("empty.txt");
        File.WriteAllText(empty, "");
        var r4 = await CliRunner.RunAsync("analyze", "sentiment", "--train", empty, "--cv", "2", "--out", folder.File("x.json"));
        Assert.Equal(1, r4.ExitCode);
        Assert.Contains("no labelled texts", r4.Error);
        var csv = folder.File("few.csv");
        File.WriteAllText(csv, "text,label\ngood,1\nbad,0\n");
        var r5 = await CliRunner.RunAsync("analyze", "sentiment", "--train", csv, "--cv", "3", "--out", folder.File("x.json"));
        Assert.Equal(1, r5.ExitCode);
        Assert.Contains("at least 3 texts", r5.Error);
        Assert.False(File.Exists(folder.File("x.json")));
    }
}
