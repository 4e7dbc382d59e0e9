using System.CommandLine;
using System.Globalization;
using System.Text.Json.Serialization;
using Rapport.Analytics.Text;

namespace Rapport.Cli.Commands.Analyze;

/// <summary>`rapport analyze answer`: suggested answers from a question/answer knowledge base by BM25, or the
/// knowledge base's own relevance evaluation (<c>--evaluate</c>).</summary>
internal static class AnalyzeAnswerCommand
{
    public static Command Create()
    {
        var kb = new Option<FileInfo>("--kb") { Description = "Knowledge base CSV: one question, one answer and optionally a class/category per row.", Required = true };
        var question = new Option<string?>("--question") { Description = "The customer's question (any language; Chinese works)." };
        var top = new Option<int>("--top") { Description = "Number of suggested answers.", DefaultValueFactory = _ => 3 };
        var evaluate = new Option<bool>("--evaluate") { Description = "Instead of answering, measure recall@1/@3 on the knowledge base itself (held-out rephrasings; question to answer)." };
        var questionColumn = new Option<string?>("--question-column") { Description = "Question column (default: question, q, title or query)." };
        var answerColumn = new Option<string?>("--answer-column") { Description = "Answer column (default: answer, a, response, reply, body or content)." };
        var categoryColumn = new Option<string?>("--category-column") { Description = "Class/category column (default: class, category, topic, section, label or intent, if present)." };
        var k1 = new Option<double>("--k1") { Description = "BM25 term-frequency saturation k1.", DefaultValueFactory = _ => 1.2 };
        var b = new Option<double>("--b") { Description = "BM25 length normalisation b (0 … 1).", DefaultValueFactory = _ => 0.75 };
        var output = new Option<FileInfo?>("--out") { Description = "Output JSON file (optional)." };
        var command = new Command("answer", "Suggest answers to a question from a question/answer knowledge base (BM25, English and Chinese), with scores and matched terms.")
        {
            kb, question, top, evaluate, questionColumn, answerColumn, categoryColumn, k1, b, output,
        };
        command.SetAction(parse =>
        {
            var file = parse.GetValue(kb)!;
            var text = parse.GetValue(question);
            var doEvaluate = parse.GetValue(evaluate);
            if (doEvaluate == !string.IsNullOrWhiteSpace(text))
                throw new CliInputException(doEvaluate ? "Give either --question or --evaluate, not both." : "Give --question TEXT (or --evaluate).");
            var k = parse.GetValue(top);
            if (k < 1) throw new CliInputException($"--top must be at least 1 (got {k}).");
            var bm25 = new Bm25Options(parse.GetValue(k1), parse.GetValue(b));
            if (!(bm25.K1 >= 0) || double.IsInfinity(bm25.K1)) throw new CliInputException($"--k1 must be a number ≥ 0 (got {bm25.K1.ToString(CultureInfo.InvariantCulture)}).");
            if (!(bm25.B is >= 0 and <= 1)) throw new CliInputException($"--b must be between 0 and 1 (got {bm25.B.ToString(CultureInfo.InvariantCulture)}).");
            var rows = Read(file, parse.GetValue(questionColumn), parse.GetValue(answerColumn), parse.GetValue(categoryColumn));
            var options = new AnswerFinderOptions(bm25);
            var path = parse.GetValue(output)?.FullName;
            return doEvaluate ? Evaluate(file, rows, options, path) : Answer(file, rows, options, text!, k, path);
        });
        return command;
    }

    private static int Answer(FileInfo file, IReadOnlyList<KnowledgeBaseRow> rows, AnswerFinderOptions options, string question, int top, string? path)
    {
        var finder = AnswerFinder.Build(rows, options);
        var suggestions = finder.Find(question, top);
        var terms = Bm25Index.Terms(question, finder.Index.Options).Distinct(StringComparer.Ordinal).ToList();
        Console.WriteLine($"{finder.Articles.Count:N0} answers from {rows.Count:N0} rows of {file.Name}; question terms: {string.Join(" ", terms)}");
        if (suggestions.Count == 0) Console.WriteLine("No answer shares a term with the question.");
        foreach (var s in suggestions)
        {
            Console.WriteLine();
            Console.WriteLine($"{s.Rank}. score {s.Score:0.00}{(s.Category is null ? "" : $"  [{s.Category}]")}  Q: {s.Question}");
            Console.WriteLine($"   matched: {string.Join(", ", s.MatchedTerms.Select(m => $"{m.Term} ×{m.Frequency} (+{m.Contribution:0.00})"))}");
            Console.WriteLine($"   A: {Shorten(s.Answer, 300)}");
        }
        if (path != null)
        {
            AnalysisOutput.WriteJson(path, null, new AnswerOutput(question, terms, new KbInfo(file.FullName, rows.Count, finder.Articles.Count),
                new Parameters(options.Bm25!.K1, options.Bm25.B), suggestions.Select(s => new SuggestionOutput(s.Rank, s.Score, s.Question, s.Answer, s.Category, s.Records,
                    s.MatchedTerms.Select(m => new TermOutput(m.Term, m.Frequency, m.Contribution)).ToList())).ToList()));
            Console.WriteLine();
            Console.WriteLine($"wrote {path}");
        }
        return ExitCodes.Ok;
    }

    private static int Evaluate(FileInfo file, IReadOnlyList<KnowledgeBaseRow> rows, AnswerFinderOptions options, string? path)
    {
        AnswerEvaluationResult heldOut;
        try { heldOut = AnswerEvaluation.HeldOutQuestions(rows, options); }
        catch (ArgumentException ex) { throw new CliInputException($"{file.FullName}: {ex.Message}", ex); }
        var toAnswer = AnswerEvaluation.QuestionToAnswer(rows, options);
        foreach (var r in new[] { heldOut, toAnswer })
            Console.WriteLine($"{r.Protocol}: {r.Queries:N0} queries over {r.Articles:N0} answers: recall@1 {r.RecallAt1:0.000}, recall@3 {r.RecallAt3:0.000}, recall@10 {r.RecallAt10:0.000}, MRR@10 {r.MeanReciprocalRank:0.000}");
        if (path != null)
        {
            AnalysisOutput.WriteJson(path, null, new EvaluationOutput(new KbInfo(file.FullName, rows.Count, toAnswer.Articles),
                new Parameters(options.Bm25!.K1, options.Bm25.B), heldOut, toAnswer));
            Console.WriteLine($"wrote {path}");
        }
        return ExitCodes.Ok;
    }

    private static IReadOnlyList<KnowledgeBaseRow> Read(FileInfo file, string? question, string? answer, string? category)
    {
        if (!file.Exists) throw new CliInputException($"{file.FullName}: file not found (--kb).");
        try
        {
            var rows = KnowledgeBaseReader.Read(file.FullName, question, answer, category);
            return rows.Count > 0 ? rows : throw new CliInputException($"{file.FullName}: no question/answer rows (--kb).");
        }
        catch (Exception ex) when (ex is FormatException or InvalidDataException or ArgumentException)
        {
            throw new CliInputException($"{file.FullName}: {ex.Message}", ex);
        }
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..max].TrimEnd() + " …";

    private sealed record KbInfo(string File, int Rows, int Answers);

    private sealed record Parameters([property: JsonPropertyName("k1")] double K1, double B, string Idf = "ln(1 + (N - df + 0.5) / (df + 0.5))");

    private sealed record TermOutput(string Term, int Frequency, double Contribution);

    private sealed record SuggestionOutput(int Rank, double Score, string Question, string Answer, string? Category, IReadOnlyList<int> Records, IReadOnlyList<TermOutput> MatchedTerms);

    private sealed record AnswerOutput(string Question, IReadOnlyList<string> QuestionTerms, KbInfo Kb, Parameters Bm25, IReadOnlyList<SuggestionOutput> Suggestions);

    private sealed record EvaluationOutput(KbInfo Kb, Parameters Bm25, AnswerEvaluationResult HeldOutQuestions, AnswerEvaluationResult QuestionToAnswer);
}
