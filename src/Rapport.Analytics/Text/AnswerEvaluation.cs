using System.Text.Json.Serialization;

namespace Rapport.Analytics.Text;

/// <summary>One evaluation query: a question and the articles that answer it.</summary>
/// <param name="Question">The question asked.</param>
/// <param name="Relevant">Indices of the articles (in <see cref="AnswerFinder.Articles"/>) counted as right.</param>
public sealed record AnswerQuery(string Question, IReadOnlySet<int> Relevant);

/// <summary>Where one evaluation query found its answer.</summary>
public sealed record AnswerQueryResult(
    [property: JsonPropertyName("question")] string Question,
    [property: JsonPropertyName("expectedQuestion")] string ExpectedQuestion,
    [property: JsonPropertyName("rank")] int? Rank,
    [property: JsonPropertyName("top1Question")] string? Top1Question);

/// <summary>Retrieval metrics of a set of queries.</summary>
/// <param name="Protocol">How queries and index were formed.</param>
/// <param name="Queries">Number of queries.</param>
/// <param name="Articles">Number of indexed articles.</param>
/// <param name="RecallAt1">Share of queries whose best suggestion is a right article.</param>
/// <param name="RecallAt3">Share with a right article among the first 3.</param>
/// <param name="RecallAt5">… among the first 5.</param>
/// <param name="RecallAt10">… among the first 10.</param>
/// <param name="MeanReciprocalRank">Mean of 1 / rank of the first right article (0 beyond rank 10).</param>
/// <param name="Results">Every query's rank (null beyond 10).</param>
public sealed record AnswerEvaluationResult(
    [property: JsonPropertyName("protocol")] string Protocol,
    [property: JsonPropertyName("queries")] int Queries,
    [property: JsonPropertyName("articles")] int Articles,
    [property: JsonPropertyName("recallAt1")] double RecallAt1,
    [property: JsonPropertyName("recallAt3")] double RecallAt3,
    [property: JsonPropertyName("recallAt5")] double RecallAt5,
    [property: JsonPropertyName("recallAt10")] double RecallAt10,
    [property: JsonPropertyName("mrrAt10")] double MeanReciprocalRank,
    [property: JsonPropertyName("results")] IReadOnlyList<AnswerQueryResult> Results);

/// <summary>
/// Honest relevance tests of <see cref="AnswerFinder"/> on a knowledge base file: no query is ever in the index it
/// is searched against.
/// <list type="bullet">
/// <item><see cref="HeldOutQuestions"/>: rows that share an answer but ask it differently are held-out rephrasings.
/// For every answer with two or more distinct questions (compared by their token sequences, so "post-dated" and
/// "post dated" are the same question), the first question stays in the index and the others are removed from it
/// everywhere and become queries; a query is right when it finds an article whose answer the file gives for it.</item>
/// <item><see cref="QuestionToAnswer"/>: the index holds the answers only (no questions); every distinct question is
/// a query and must find its own answer (any answer the file gives for it).</item>
/// </list>
/// </summary>
public static class AnswerEvaluation
{
    /// <summary>Recall@k and MRR of <paramref name="queries"/> against <paramref name="finder"/>.</summary>
    public static AnswerEvaluationResult Evaluate(AnswerFinder finder, IReadOnlyList<AnswerQuery> queries, string protocol)
    {
        ArgumentNullException.ThrowIfNull(finder);
        ArgumentNullException.ThrowIfNull(queries);
        const int depth = 10;
        foreach (var query in queries)
            if (query.Relevant.Count == 0 || query.Relevant.Any(a => (uint)a >= (uint)finder.Articles.Count))
                throw new ArgumentException($"Query '{query.Question}' needs at least one relevant article, each an index into the finder's articles.", nameof(queries));
        var results = new AnswerQueryResult[queries.Count];
        Parallel.For(0, queries.Count, q =>
        {
            var query = queries[q];
            var found = finder.Find(query.Question, depth);
            int? rank = null;
            foreach (var s in found)
                if (query.Relevant.Contains(s.Article)) { rank = s.Rank; break; }
            var expected = finder.Articles[query.Relevant.Min()].Questions[0];
            results[q] = new AnswerQueryResult(query.Question, expected, rank, found.Count > 0 ? found[0].Question : null);
        });
        double Recall(int k) => results.Length == 0 ? 0 : results.Count(r => r.Rank <= k) / (double)results.Length;
        var mrr = results.Length == 0 ? 0 : results.Average(r => r.Rank is { } rank ? 1.0 / rank : 0);
        return new AnswerEvaluationResult(protocol, results.Length, finder.Articles.Count, Recall(1), Recall(3), Recall(5), Recall(10), mrr, results);
    }

    /// <summary>The held-out rephrasings protocol (see the class remarks).</summary>
    public static AnswerEvaluationResult HeldOutQuestions(IReadOnlyList<KnowledgeBaseRow> rows, AnswerFinderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        // Distinct questions (by token key) of each answer, in file order.
        var keysByAnswer = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var textByKey = new Dictionary<string, string>(StringComparer.Ordinal);
        var answersByKey = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var rowKeys = rows.Select(r => Key(r.Question)).ToArray();
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            var key = rowKeys[r];
            if (!answersByKey.TryGetValue(key, out var given)) answersByKey[key] = given = new HashSet<string>(StringComparer.Ordinal);
            given.Add(row.Answer);
            textByKey.TryAdd(key, row.Question);
            if (!keysByAnswer.TryGetValue(row.Answer, out var keys)) keysByAnswer[row.Answer] = keys = [];
            if (!keys.Contains(key)) keys.Add(key);
        }
        var heldOut = new HashSet<string>(keysByAnswer.Values.Where(k => k.Count >= 2).SelectMany(k => k.Skip(1)), StringComparer.Ordinal);
        var kept = rows.Where((_, r) => !heldOut.Contains(rowKeys[r])).ToList();
        if (kept.Count == 0 || heldOut.Count == 0)
            throw new ArgumentException("The knowledge base has no answer asked by two different questions: nothing to hold out.", nameof(rows));
        var finder = AnswerFinder.Build(kept, options);
        var queries = new List<AnswerQuery>();
        foreach (var key in heldOut.Order(StringComparer.Ordinal))
        {
            var answers = answersByKey[key];
            var relevant = finder.Articles.Select((a, i) => (a, i)).Where(x => answers.Contains(x.a.Answer)).Select(x => x.i).ToHashSet();
            if (relevant.Count > 0) queries.Add(new AnswerQuery(textByKey[key], relevant));
        }
        return Evaluate(finder, queries, "held-out questions: one question per answer indexed (with all answers), the other distinct questions of the same answer asked");
    }

    /// <summary>The question-to-answer protocol (see the class remarks).</summary>
    public static AnswerEvaluationResult QuestionToAnswer(IReadOnlyList<KnowledgeBaseRow> rows, AnswerFinderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var finder = AnswerFinder.Build(rows, (options ?? new AnswerFinderOptions()) with { IndexQuestions = false });
        var articleOf = finder.Articles.Select((a, i) => (a.Answer, i)).ToDictionary(x => x.Answer, x => x.i, StringComparer.Ordinal);
        var byKey = new Dictionary<string, (string Text, HashSet<int> Relevant)>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var row in rows)
        {
            var key = Key(row.Question);
            if (!byKey.TryGetValue(key, out var entry))
            {
                byKey[key] = entry = (row.Question, []);
                order.Add(key);
            }
            entry.Relevant.Add(articleOf[row.Answer]);
        }
        var queries = order.Select(k => new AnswerQuery(byKey[k].Text, byKey[k].Relevant)).ToList();
        return Evaluate(finder, queries, "question to answer: answers only indexed, every distinct question asked");
    }

    /// <summary>A question's identity: its tokens (lower case, punctuation dropped) joined by spaces.</summary>
    public static string Key(string question) => string.Join(' ', TextTokenizer.Tokenize(question).Select(t => t.Text));
}
