namespace Rapport.Analytics.Text;

/// <summary>Options of <see cref="AnswerFinder"/>.</summary>
/// <param name="Bm25">BM25 parameters (k1 1.2, b 0.75 by default).</param>
/// <param name="IndexQuestions">Index each article's questions with its answer (default); false indexes the answer
/// text alone (used to test question-to-answer matching without the article's own question).</param>
public sealed record AnswerFinderOptions(Bm25Options? Bm25 = null, bool IndexQuestions = true);

/// <summary>A knowledge-base article: one answer and every question the file gives it.</summary>
/// <param name="Answer">The answer text.</param>
/// <param name="Questions">Its distinct questions, in file order.</param>
/// <param name="Category">The class or category of its first row (null if none).</param>
/// <param name="Records">The file records it was built from.</param>
public sealed record KnowledgeArticle(string Answer, IReadOnlyList<string> Questions, string? Category, IReadOnlyList<int> Records);

/// <summary>A suggested answer.</summary>
/// <param name="Rank">1 for the best.</param>
/// <param name="Article">Index of the article in <see cref="AnswerFinder.Articles"/>.</param>
/// <param name="Question">The article's first question.</param>
/// <param name="Answer">The answer.</param>
/// <param name="Category">The article's category, if any.</param>
/// <param name="Score">BM25 score of the article for the question.</param>
/// <param name="MatchedTerms">The question's terms found in the article, largest contribution first.</param>
/// <param name="Records">The file records of the article.</param>
public sealed record AnswerSuggestion(int Rank, int Article, string Question, string Answer, string? Category, double Score,
    IReadOnlyList<Bm25TermMatch> MatchedTerms, IReadOnlyList<int> Records);

/// <summary>
/// Suggests answers from a knowledge base of question/answer rows by BM25 (<see cref="Bm25Index"/>). Rows with the
/// same answer text are one article (a file often repeats an answer for several products or phrasings), so an
/// answer is suggested at most once; the article's document is its distinct questions followed by its answer.
/// </summary>
public sealed class AnswerFinder
{
    private readonly Bm25Index _index;

    private AnswerFinder(IReadOnlyList<KnowledgeArticle> articles, Bm25Index index, AnswerFinderOptions options)
    {
        Articles = articles;
        _index = index;
        Options = options;
    }

    /// <summary>The articles, in order of their first row in the file.</summary>
    public IReadOnlyList<KnowledgeArticle> Articles { get; }

    /// <summary>The options.</summary>
    public AnswerFinderOptions Options { get; }

    /// <summary>The underlying index (one document per article).</summary>
    public Bm25Index Index => _index;

    /// <summary>Groups the rows into articles (by exact answer text) and indexes them.</summary>
    public static AnswerFinder Build(IReadOnlyList<KnowledgeBaseRow> rows, AnswerFinderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0) throw new ArgumentException("The knowledge base has no rows.", nameof(rows));
        options ??= new AnswerFinderOptions();
        var byAnswer = new Dictionary<string, int>(StringComparer.Ordinal);
        var answers = new List<string>();
        var questions = new List<List<string>>();
        var categories = new List<string?>();
        var records = new List<List<int>>();
        foreach (var row in rows)
        {
            if (!byAnswer.TryGetValue(row.Answer, out var a))
            {
                a = answers.Count;
                byAnswer[row.Answer] = a;
                answers.Add(row.Answer);
                questions.Add([]);
                categories.Add(row.Category);
                records.Add([]);
            }
            if (!questions[a].Contains(row.Question, StringComparer.Ordinal)) questions[a].Add(row.Question);
            records[a].Add(row.Record);
        }
        var articles = answers.Select((answer, a) => new KnowledgeArticle(answer, questions[a], categories[a], records[a])).ToArray();
        var documents = articles.Select(a => options.IndexQuestions ? string.Join("\n", [.. a.Questions, a.Answer]) : a.Answer).ToArray();
        return new AnswerFinder(articles, Bm25Index.Build(documents, options.Bm25), options);
    }

    /// <summary>The <paramref name="top"/> best answers for a question (fewer when fewer articles share a term with it).</summary>
    public IReadOnlyList<AnswerSuggestion> Find(string question, int top = 3)
    {
        ArgumentNullException.ThrowIfNull(question);
        var hits = _index.Search(question, top);
        return hits.Select((h, i) =>
        {
            var article = Articles[h.Document];
            return new AnswerSuggestion(i + 1, h.Document, article.Questions[0], article.Answer, article.Category, h.Score, h.Matches, article.Records);
        }).ToList();
    }
}
