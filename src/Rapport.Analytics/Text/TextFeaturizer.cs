namespace Rapport.Analytics.Text;

/// <summary>Options of <see cref="TextFeaturizer"/>.</summary>
/// <param name="WordNgramMax">Word n-grams 1 … this (2: unigrams and bigrams) of the spaced-script tokens.</param>
/// <param name="MinWordLength">Spaced-script tokens shorter than this (in UTF-16 units) are left out of the word
/// n-grams (2, as scikit-learn's default token pattern <c>\w\w+</c>); they still give character n-grams.</param>
/// <param name="UnspacedNgramMax">Each run of an unspaced script (Chinese, Japanese, Thai, …) gives its character
/// n-grams 1 … this, in the word block.</param>
/// <param name="CharNgramMin">Smallest character n-gram of a spaced-script token padded with one space each side
/// (scikit-learn's <c>char_wb</c>).</param>
/// <param name="CharNgramMax">Largest such character n-gram.</param>
/// <param name="WordMinDf">A word-block feature is kept when at least this many training texts contain it.</param>
/// <param name="CharMinDf">A character-block feature is kept when at least this many training texts contain it.</param>
/// <param name="SublinearTf">Term frequency 1 + ln(count) instead of count.</param>
/// <param name="CharGramsKeepPunctuation">Take the character n-grams of whitespace-delimited chunks, punctuation
/// included ("card?" gives "d? "), as scikit-learn's <c>char_wb</c> (default), instead of the word-character tokens
/// (false). On Banking77 true gives accuracy .9130, false .9107 (C = 0.5).</param>
public sealed record TextFeaturizerOptions(
    int WordNgramMax = 2,
    int MinWordLength = 2,
    int UnspacedNgramMax = 3,
    int CharNgramMin = 2,
    int CharNgramMax = 5,
    int WordMinDf = 1,
    int CharMinDf = 2,
    bool SublinearTf = true,
    bool CharGramsKeepPunctuation = true);

/// <summary>
/// TF-IDF featurizer for short texts in any language (the same features as scikit-learn's union of a word
/// <c>TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)</c> and a <c>char_wb</c> one with n-grams 2–5 and
/// min_df 2, plus character n-grams for unspaced scripts).
/// <list type="bullet">
/// <item>Tokens come from <see cref="TextTokenizer"/> (NFKC, lower case, runs of word characters).</item>
/// <item>Word block: word unigrams and bigrams of the spaced-script tokens (bigrams do not cross an unspaced run)
/// and character 1–3-grams of each unspaced-script run (a Chinese run is a whole phrase, so its character n-grams
/// stand in for a segmenter).</item>
/// <item>Character block: character 2–5-grams of each white-space-delimited chunk (punctuation included, unspaced
/// scripts excluded) padded with a space each side, as <c>char_wb</c>; or of each spaced-script token
/// (<see cref="TextFeaturizerOptions.CharGramsKeepPunctuation"/> false).</item>
/// <item>Vocabulary: every feature is identified by a 64-bit FNV-1a hash of its block tag and text (no strings are
/// kept; with ~10⁵ features a collision has probability ~10⁻⁹) and kept when its document frequency in the training
/// texts reaches the block's min-df. Indices follow the order of first appearance, so the same texts give the
/// same vocabulary. Unknown features are ignored at transform time.</item>
/// <item>Weights: TF (sublinear 1 + ln count by default) × smooth IDF ln((1 + n) / (1 + df)) + 1; each block is
/// L2-normalised on its own (as scikit-learn's FeatureUnion of two vectorizers), so a text with both blocks has
/// norm √2.</item>
/// </list>
/// </summary>
public sealed class TextFeaturizer
{
    private const ulong CharBlockBit = 1UL << 63;
    private const ulong FnvOffset = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;

    private readonly Dictionary<ulong, int> _vocabulary;
    private readonly float[] _idf;
    private readonly bool[] _isChar;

    private TextFeaturizer(TextFeaturizerOptions options, Dictionary<ulong, int> vocabulary, float[] idf, bool[] isChar, int documentCount)
    {
        Options = options;
        _vocabulary = vocabulary;
        _idf = idf;
        _isChar = isChar;
        DocumentCount = documentCount;
    }

    /// <summary>The options the featurizer was fitted with.</summary>
    public TextFeaturizerOptions Options { get; }

    /// <summary>Number of features (vocabulary size).</summary>
    public int FeatureCount => _idf.Length;

    /// <summary>Number of features of the character block.</summary>
    public int CharFeatureCount => _isChar.Count(c => c);

    /// <summary>Number of training texts.</summary>
    public int DocumentCount { get; }

    /// <summary>Fits the vocabulary and IDF weights on <paramref name="texts"/>.</summary>
    public static TextFeaturizer Fit(IReadOnlyList<string> texts, TextFeaturizerOptions? options = null) =>
        FitTransform(texts, out _, options);

    /// <summary>Fits the featurizer on <paramref name="texts"/> and returns their vectors too.</summary>
    public static TextFeaturizer FitTransform(IReadOnlyList<string> texts, out SparseVector[] vectors, TextFeaturizerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(texts);
        options ??= new TextFeaturizerOptions();
        Validate(options);
        var n = texts.Count;
        var counts = new Dictionary<ulong, int>[n];
        Parallel.For(0, n, i => counts[i] = Count(texts[i] ?? throw new ArgumentException($"Text {i} is null.", nameof(texts)), options));

        var df = new Dictionary<ulong, int>();
        var order = new List<ulong>();
        foreach (var doc in counts)
        {
            foreach (var key in doc.Keys)
            {
                if (df.TryGetValue(key, out var c)) df[key] = c + 1;
                else { df[key] = 1; order.Add(key); }
            }
        }

        var vocabulary = new Dictionary<ulong, int>();
        var idf = new List<float>();
        var isChar = new List<bool>();
        foreach (var key in order)
        {
            var charBlock = (key & CharBlockBit) != 0;
            var d = df[key];
            if (d < (charBlock ? options.CharMinDf : options.WordMinDf)) continue;
            vocabulary[key] = idf.Count;
            idf.Add((float)(Math.Log((1.0 + n) / (1.0 + d)) + 1.0));
            isChar.Add(charBlock);
        }

        var featurizer = new TextFeaturizer(options, vocabulary, idf.ToArray(), isChar.ToArray(), n);
        var result = new SparseVector[n];
        Parallel.For(0, n, i => result[i] = featurizer.Weigh(counts[i]));
        vectors = result;
        return featurizer;
    }

    /// <summary>The TF-IDF vector of one text.</summary>
    public SparseVector Transform(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Weigh(Count(text, Options));
    }

    /// <summary>The TF-IDF vectors of many texts (in parallel; same result as one at a time).</summary>
    public SparseVector[] Transform(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var result = new SparseVector[texts.Count];
        Parallel.For(0, texts.Count, i => result[i] = Transform(texts[i]));
        return result;
    }

    /// <summary>
    /// The features of one text as readable strings ("w:word", "w:word word", "u:退款", "c: wo"), with counts, in
    /// order of first occurrence; for inspection and tests (not limited to the fitted vocabulary).
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, int>> DescribeFeatures(string text, TextFeaturizerOptions? options = null)
    {
        options ??= new TextFeaturizerOptions();
        var counts = new Dictionary<string, int>();
        var order = new List<string>();
        Enumerate(text, options, (tag, chars) =>
        {
            var key = tag + ":" + new string(chars);
            if (counts.TryGetValue(key, out var c)) counts[key] = c + 1;
            else { counts[key] = 1; order.Add(key); }
        });
        return order.Select(k => new KeyValuePair<string, int>(k, counts[k])).ToList();
    }

    private SparseVector Weigh(Dictionary<ulong, int> counts)
    {
        var idx = new int[counts.Count];
        var raw = new double[counts.Count];
        var m = 0;
        foreach (var (key, count) in counts)
        {
            if (!_vocabulary.TryGetValue(key, out var index)) continue;
            idx[m] = index;
            raw[m++] = (Options.SublinearTf ? 1.0 + Math.Log(count) : count) * _idf[index];
        }
        Array.Resize(ref idx, m);
        Array.Resize(ref raw, m);
        Array.Sort(idx, raw);
        double wordNorm = 0, charNorm = 0;
        for (var k = 0; k < m; k++)
        {
            if (_isChar[idx[k]]) charNorm += raw[k] * raw[k];
            else wordNorm += raw[k] * raw[k];
        }
        wordNorm = wordNorm > 0 ? 1.0 / Math.Sqrt(wordNorm) : 0;
        charNorm = charNorm > 0 ? 1.0 / Math.Sqrt(charNorm) : 0;
        var values = new float[m];
        for (var k = 0; k < m; k++) values[k] = (float)(raw[k] * (_isChar[idx[k]] ? charNorm : wordNorm));
        return new SparseVector(idx, values);
    }

    private static Dictionary<ulong, int> Count(string text, TextFeaturizerOptions options)
    {
        var counts = new Dictionary<ulong, int>();
        Enumerate(text, options, (tag, chars) =>
        {
            var h = FnvOffset;
            h = (h ^ tag) * FnvPrime;
            foreach (var ch in chars) h = (h ^ ch) * FnvPrime;
            var key = tag == 'c' ? h | CharBlockBit : h & ~CharBlockBit;
            counts[key] = counts.TryGetValue(key, out var c) ? c + 1 : 1;
        });
        return counts;
    }

    private delegate void FeatureSink(char tag, ReadOnlySpan<char> feature);

    /// <summary>Calls <paramref name="sink"/> for every feature occurrence: tag 'w' word n-gram (words joined by a
    /// space), 'u' unspaced-script character n-gram, 'c' padded character n-gram.</summary>
    private static void Enumerate(string text, TextFeaturizerOptions options, FeatureSink sink)
    {
        var tokens = TextTokenizer.Tokenize(text);
        if (options.CharGramsKeepPunctuation)
            foreach (var chunk in TextTokenizer.SpacedChunks(text)) CharGrams(chunk, options, sink);
        var window = new List<string>(options.WordNgramMax);
        foreach (var token in tokens)
        {
            if (token.Unspaced)
            {
                window.Clear(); // word n-grams do not cross an unspaced run
                var runes = token.Text.EnumerateRunes().Select(r => r.ToString()).ToArray();
                for (var len = 1; len <= options.UnspacedNgramMax; len++)
                    for (var s = 0; s + len <= runes.Length; s++)
                        sink('u', string.Concat(runes.AsSpan(s, len)));
                continue;
            }

            if (!options.CharGramsKeepPunctuation) CharGrams(token.Text, options, sink);

            if (token.Text.Length < options.MinWordLength) continue;
            window.Add(token.Text);
            if (window.Count > options.WordNgramMax) window.RemoveAt(0);
            // All n-grams ending at this token.
            for (var len = 1; len <= window.Count; len++)
            {
                var joined = len == 1 ? token.Text : string.Join(' ', window.Skip(window.Count - len));
                sink('w', joined);
            }
        }
    }

    /// <summary>Character block: " piece " n-grams (char_wb: a piece shorter than n gives the whole padded piece once).</summary>
    private static void CharGrams(string piece, TextFeaturizerOptions options, FeatureSink sink)
    {
        var padded = " " + piece + " ";
        for (var len = options.CharNgramMin; len <= options.CharNgramMax; len++)
        {
            if (padded.Length <= len) { sink('c', padded); break; }
            for (var s = 0; s + len <= padded.Length; s++) sink('c', padded.AsSpan(s, len));
        }
    }

    private static void Validate(TextFeaturizerOptions o)
    {
        if (o.WordNgramMax < 1) throw new ArgumentOutOfRangeException(nameof(o), "WordNgramMax must be at least 1.");
        if (o.UnspacedNgramMax < 1) throw new ArgumentOutOfRangeException(nameof(o), "UnspacedNgramMax must be at least 1.");
        if (o.CharNgramMin < 1 || o.CharNgramMax < o.CharNgramMin) throw new ArgumentOutOfRangeException(nameof(o), "Need 1 ≤ CharNgramMin ≤ CharNgramMax.");
        if (o.WordMinDf < 1 || o.CharMinDf < 1) throw new ArgumentOutOfRangeException(nameof(o), "Min-df must be at least 1.");
    }
}
