namespace Rapport.Analytics.Text;

/// <summary>Options of <see cref="Bm25Index"/>.</summary>
/// <param name="K1">Term-frequency saturation (Okapi k1): the score of a term rises with its count in a document
/// and levels off at (k1 + 1) × idf; 0 makes BM25 count only presence. 1.2 is the usual default (Lucene,
/// Robertson and Zaragoza 2009).</param>
/// <param name="B">Length normalisation (Okapi b): 0 ignores document length, 1 divides the count fully by the
/// document's length relative to the average. 0.75 is the usual default.</param>
/// <param name="UnspacedNgramMax">An unspaced-script run (Chinese, Japanese, Thai, …) is indexed as its character
/// n-grams 1 … this (2: characters and overlapping character pairs, the standard stand-in for a Chinese segmenter
/// in retrieval).</param>
/// <param name="FoldPlurals">Fold English plurals with Harman's S-stemmer (1991: "-ies" → "-y", "-es" → "-e",
/// "-s" → "", with the exceptions of the paper), so "loans" matches "loan"; words of other scripts are unchanged.</param>
/// <param name="StopWords">Words left out of documents and queries (after lower-casing, before plural folding), or
/// null for none; <see cref="Bm25Index.EnglishStopWords"/> is Lucene's English list.</param>
public sealed record Bm25Options(double K1 = 1.2, double B = 0.75, int UnspacedNgramMax = 2, bool FoldPlurals = true, IReadOnlySet<string>? StopWords = null);

/// <summary>One query term found in a document, with its share of the document's score.</summary>
/// <param name="Term">The term (a lower-cased word, or a character n-gram of a Chinese/Japanese/Thai run).</param>
/// <param name="Frequency">Its count in the document.</param>
/// <param name="Contribution">Its BM25 term score in the document (the document's score is the sum over its
/// matched terms).</param>
public readonly record struct Bm25TermMatch(string Term, int Frequency, double Contribution);

/// <summary>A document that matches a query.</summary>
/// <param name="Document">Its index in the list the index was built from.</param>
/// <param name="Score">Its BM25 score (&gt; 0).</param>
/// <param name="Matches">The query terms it contains, largest contribution first.</param>
public sealed record Bm25Hit(int Document, double Score, IReadOnlyList<Bm25TermMatch> Matches);

/// <summary>
/// An Okapi BM25 inverted index over short documents in any language (Robertson, Walker et al., TREC-3 1994; the
/// form in Robertson and Zaragoza 2009, "The Probabilistic Relevance Framework: BM25 and Beyond"):
/// <code>
/// score(q, d) = Σ over distinct terms t of q present in d:
///     idf(t) · tf(t, d) · (k1 + 1) / (tf(t, d) + k1 · (1 − b + b · |d| / avgdl))
/// idf(t) = ln(1 + (N − df(t) + 0.5) / (df(t) + 0.5))
/// </code>
/// where tf is the term's count in d, |d| the number of terms of d, avgdl the mean of |d| over the N documents and
/// df(t) the number of documents containing t. The idf is Lucene's, which stays positive for terms in more than
/// half of the documents (the classic ln((N − df + 0.5) / (df + 0.5)) goes negative there). A term repeated in the
/// query counts once.
/// Terms come from <see cref="TextTokenizer"/>: every spaced-script token (English words, numbers) is a term, and
/// every unspaced-script run (e.g. Chinese) gives its character n-grams 1 … <see cref="Bm25Options.UnspacedNgramMax"/>.
/// </summary>
public sealed class Bm25Index
{
    private readonly Dictionary<string, int> _termIds;
    private readonly string[] _terms;
    private readonly int[][] _postingDocs;   // per term: documents containing it, increasing
    private readonly int[][] _postingCounts; // per term: its count in each of those documents
    private readonly int[] _lengths;
    private readonly double[] _idf;

    private Bm25Index(Bm25Options options, Dictionary<string, int> termIds, string[] terms, int[][] postingDocs,
        int[][] postingCounts, int[] lengths, double averageLength)
    {
        Options = options;
        _termIds = termIds;
        _terms = terms;
        _postingDocs = postingDocs;
        _postingCounts = postingCounts;
        _lengths = lengths;
        AverageLength = averageLength;
        var n = lengths.Length;
        _idf = postingDocs.Select(p => Math.Log(1.0 + (n - p.Length + 0.5) / (p.Length + 0.5))).ToArray();
    }

    /// <summary>The options the index was built with.</summary>
    public Bm25Options Options { get; }

    /// <summary>Number of documents (N).</summary>
    public int DocumentCount => _lengths.Length;

    /// <summary>Number of distinct terms.</summary>
    public int TermCount => _terms.Length;

    /// <summary>Mean number of terms per document (avgdl).</summary>
    public double AverageLength { get; }

    /// <summary>Number of terms of a document (|d|).</summary>
    public int Length(int document) => _lengths[document];

    /// <summary>Number of documents containing a term (0 when unknown).</summary>
    public int DocumentFrequency(string term) => _termIds.TryGetValue(term, out var id) ? _postingDocs[id].Length : 0;

    /// <summary>The idf of a term (as for df = 0 when unknown).</summary>
    public double Idf(string term) => _termIds.TryGetValue(term, out var id)
        ? _idf[id]
        : Math.Log(1.0 + (DocumentCount + 0.5) / 0.5);

    /// <summary>Lucene's English stop words (EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, 33 words).</summary>
    public static readonly IReadOnlySet<string> EnglishStopWords = new HashSet<string>(StringComparer.Ordinal)
    {
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it", "no", "not", "of",
        "on", "or", "such", "that", "the", "their", "then", "there", "these", "they", "this", "to", "was", "will", "with",
    };

    /// <summary>The terms of a text, in order, repeats kept (see the class remarks).</summary>
    public static List<string> Terms(string text, Bm25Options? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= new Bm25Options();
        var nMax = options.UnspacedNgramMax;
        var terms = new List<string>();
        foreach (var token in TextTokenizer.Tokenize(text))
        {
            if (!token.Unspaced)
            {
                if (options.StopWords?.Contains(token.Text) == true) continue;
                terms.Add(options.FoldPlurals ? FoldPlural(token.Text) : token.Text);
                continue;
            }
            var runes = token.Text.EnumerateRunes().Select(r => r.ToString()).ToArray();
            for (var len = 1; len <= nMax; len++)
                for (var s = 0; s + len <= runes.Length; s++)
                    terms.Add(string.Concat(runes.AsSpan(s, len)));
        }
        return terms;
    }

    /// <summary>
    /// Harman's S-stemmer (D. Harman 1991, "How effective is suffixing?", JASIS 42(1)): "-ies" (not "-eies", "-aies")
    /// → "-y"; else "-es" (not "-aes", "-ees", "-oes") → "-e"; else "-s" (not "-us", "-ss") → "". Only lower-case
    /// ASCII words longer than 3 letters are touched ("bus", "has", "was" stay), so numbers and other scripts pass through.
    /// </summary>
    public static string FoldPlural(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length <= 3 || word[^1] != 's' || !word.All(char.IsAsciiLetterLower)) return word;
        if (word.EndsWith("ies", StringComparison.Ordinal) && !word.EndsWith("eies", StringComparison.Ordinal) && !word.EndsWith("aies", StringComparison.Ordinal))
            return word[..^3] + "y";
        if (word.EndsWith("es", StringComparison.Ordinal))
            return word.EndsWith("aes", StringComparison.Ordinal) || word.EndsWith("ees", StringComparison.Ordinal) || word.EndsWith("oes", StringComparison.Ordinal)
                ? word : word[..^1];
        return word.EndsWith("us", StringComparison.Ordinal) || word.EndsWith("ss", StringComparison.Ordinal) ? word : word[..^1];
    }

    /// <summary>Indexes <paramref name="documents"/> (an empty document is allowed and never matches).</summary>
    public static Bm25Index Build(IReadOnlyList<string> documents, Bm25Options? options = null)
    {
        ArgumentNullException.ThrowIfNull(documents);
        options ??= new Bm25Options();
        if (!(options.K1 >= 0) || double.IsInfinity(options.K1)) throw new ArgumentOutOfRangeException(nameof(options), "k1 must be a finite number ≥ 0.");
        if (!(options.B >= 0 && options.B <= 1)) throw new ArgumentOutOfRangeException(nameof(options), "b must be between 0 and 1.");
        if (options.UnspacedNgramMax < 1) throw new ArgumentOutOfRangeException(nameof(options), "UnspacedNgramMax must be at least 1.");

        var n = documents.Count;
        var termLists = new List<string>[n];
        Parallel.For(0, n, d => termLists[d] = Terms(documents[d] ?? throw new ArgumentException($"Document {d} is null.", nameof(documents)), options));

        var termIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var docs = new List<List<int>>();
        var counts = new List<List<int>>();
        var lengths = new int[n];
        long total = 0;
        var local = new Dictionary<int, int>();
        for (var d = 0; d < n; d++)
        {
            local.Clear();
            foreach (var term in termLists[d])
            {
                if (!termIds.TryGetValue(term, out var id))
                {
                    id = termIds.Count;
                    termIds[term] = id;
                    docs.Add([]);
                    counts.Add([]);
                }
                local[id] = local.GetValueOrDefault(id) + 1;
            }
            foreach (var (id, count) in local)
            {
                docs[id].Add(d);
                counts[id].Add(count);
            }
            lengths[d] = termLists[d].Count;
            total += lengths[d];
        }
        var terms = new string[termIds.Count];
        foreach (var (term, id) in termIds) terms[id] = term;
        return new Bm25Index(options, termIds, terms, docs.Select(l => l.ToArray()).ToArray(),
            counts.Select(l => l.ToArray()).ToArray(), lengths, n == 0 ? 0 : (double)total / n);
    }

    /// <summary>
    /// The <paramref name="top"/> best documents for a query: documents with a positive score, highest first (ties
    /// by document index), each with its matched terms.
    /// </summary>
    public IReadOnlyList<Bm25Hit> Search(string query, int top = 10)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (top < 1) throw new ArgumentOutOfRangeException(nameof(top), "top must be at least 1.");
        var queryTerms = QueryTermIds(query);
        var scores = new Dictionary<int, double>();
        foreach (var id in queryTerms)
        {
            var postings = _postingDocs[id];
            var tfs = _postingCounts[id];
            for (var p = 0; p < postings.Length; p++)
            {
                var d = postings[p];
                scores[d] = scores.GetValueOrDefault(d) + TermScore(id, tfs[p], d);
            }
        }
        return scores
            .Where(kv => kv.Value > 0)
            .OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key)
            .Take(top)
            .Select(kv => new Bm25Hit(kv.Key, kv.Value, Matches(queryTerms, kv.Key)))
            .ToList();
    }

    /// <summary>The BM25 score of one document for a query (0 when no term matches).</summary>
    public double Score(string query, int document)
    {
        ArgumentNullException.ThrowIfNull(query);
        if ((uint)document >= (uint)DocumentCount) throw new ArgumentOutOfRangeException(nameof(document));
        return Matches(QueryTermIds(query), document).Sum(m => m.Contribution);
    }

    /// <summary>Distinct known query terms, in order of first occurrence.</summary>
    private List<int> QueryTermIds(string query)
    {
        var seen = new HashSet<int>();
        var ids = new List<int>();
        foreach (var term in Terms(query, Options))
            if (_termIds.TryGetValue(term, out var id) && seen.Add(id)) ids.Add(id);
        return ids;
    }

    private double TermScore(int termId, int tf, int document)
    {
        var norm = Options.K1 * (1 - Options.B + (AverageLength > 0 ? Options.B * _lengths[document] / AverageLength : 0));
        return _idf[termId] * tf * (Options.K1 + 1) / (tf + norm);
    }

    private List<Bm25TermMatch> Matches(List<int> queryTerms, int document)
    {
        var matches = new List<Bm25TermMatch>();
        foreach (var id in queryTerms)
        {
            var p = Array.BinarySearch(_postingDocs[id], document);
            if (p < 0) continue;
            var tf = _postingCounts[id][p];
            matches.Add(new Bm25TermMatch(_terms[id], tf, TermScore(id, tf, document)));
        }
        matches.Sort((a, b) => b.Contribution.CompareTo(a.Contribution) is var c && c != 0 ? c : string.CompareOrdinal(a.Term, b.Term));
        return matches;
    }
}
