namespace Rapport.Analytics.Text;

/// <summary>Options of <see cref="IntentClassifier.Train"/>.</summary>
/// <param name="C">SVM regularisation constant (scikit-learn's LinearSVC C; 0.5 is best on Banking77 in the
/// reference script).</param>
/// <param name="Tolerance">Stopping tolerance of the dual coordinate descent (projected-gradient spread, LIBLINEAR's
/// eps; LIBLINEAR defaults to 0.1, scikit-learn passes its tol = 1e-4; on Banking77 1e-4, 1e-3 and 1e-2 give the same
/// predictions, 1e-2 in fewer passes).</param>
/// <param name="MaxIterations">Maximum passes per binary problem.</param>
/// <param name="Seed">Seed of the coordinate order; the same data, options and seed give the same model bit for bit.</param>
/// <param name="MaxDegreeOfParallelism">Classes trained at a time (0: one per processor).</param>
/// <param name="ConfidenceScale">Confidences are softmax(scale × SVM score) over the intents: a monotone, uncalibrated
/// squashing of the margins into [0, 1] that sums to 1.</param>
/// <param name="Featurizer">Featurizer options (default: word 1–2-grams, char_wb 2–5-grams with min-df 2, CJK 1–3-grams).</param>
public sealed record IntentClassifierOptions(
    double C = 0.5,
    double Tolerance = 1e-2,
    int MaxIterations = 1000,
    int Seed = 0,
    int MaxDegreeOfParallelism = 0,
    double ConfidenceScale = 10.0,
    TextFeaturizerOptions? Featurizer = null);

/// <summary>One candidate intent of a prediction.</summary>
/// <param name="Label">The intent.</param>
/// <param name="Score">Linear SVM decision value (higher is more likely; &gt; 0 means "this intent" for its
/// one-vs-rest classifier).</param>
/// <param name="Confidence">softmax(ConfidenceScale × score) over all intents (uncalibrated).</param>
public readonly record struct IntentCandidate(string Label, double Score, double Confidence);

/// <summary>The prediction for one text.</summary>
/// <param name="Label">The predicted intent (highest score; ties go to the intent first in ordinal order).</param>
/// <param name="Confidence">Its confidence (see <see cref="IntentCandidate.Confidence"/>).</param>
/// <param name="Top">The best intents, best first.</param>
public sealed record IntentPrediction(string Label, double Confidence, IReadOnlyList<IntentCandidate> Top);

/// <summary>Trains intent classifiers: <see cref="TextFeaturizer"/> TF-IDF features and a one-vs-rest linear SVM
/// (<see cref="LinearSvm"/>, written by hand: squared hinge, dual coordinate descent).</summary>
public static class IntentClassifier
{
    /// <summary>Trains a model on texts and their intent labels (at least two distinct labels).</summary>
    public static IntentModel Train(IReadOnlyList<string> texts, IReadOnlyList<string> labels, IntentClassifierOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(labels);
        if (texts.Count != labels.Count) throw new ArgumentException($"{texts.Count} texts but {labels.Count} labels.", nameof(labels));
        if (texts.Count == 0) throw new ArgumentException("No training texts.", nameof(texts));
        options ??= new IntentClassifierOptions();
        if (!(options.C > 0)) throw new ArgumentOutOfRangeException(nameof(options), "C must be positive.");
        if (!(options.Tolerance > 0)) throw new ArgumentOutOfRangeException(nameof(options), "Tolerance must be positive.");
        if (options.MaxIterations < 1) throw new ArgumentOutOfRangeException(nameof(options), "MaxIterations must be at least 1.");

        var intents = labels.Select(l => l ?? throw new ArgumentException("A label is null.", nameof(labels)))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (intents.Length < 2) throw new ArgumentException("Need at least two distinct intents.", nameof(labels));
        var classIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var k = 0; k < intents.Length; k++) classIndex[intents[k]] = k;
        var classOf = labels.Select(l => classIndex[l]).ToArray();

        var featurizer = TextFeaturizer.FitTransform(texts, out var x, options.Featurizer);
        var svm = LinearSvm.TrainOneVsRest(x, classOf, intents.Length, featurizer.FeatureCount,
            options.C, options.Tolerance, options.MaxIterations, options.Seed, options.MaxDegreeOfParallelism);
        return new IntentModel(featurizer, intents, svm.Weights, svm.Bias, options, svm.Iterations.Max(), svm.Converged);
    }
}

/// <summary>A trained intent classifier (<see cref="IntentClassifier.Train"/>).</summary>
public sealed class IntentModel
{
    private readonly float[] _weights; // feature-major: feature j, intent k at j * K + k
    private readonly float[] _bias;

    internal IntentModel(TextFeaturizer featurizer, string[] intents, float[] weights, float[] bias,
        IntentClassifierOptions options, int maxIterations, bool converged)
    {
        Featurizer = featurizer;
        Intents = intents;
        _weights = weights;
        _bias = bias;
        Options = options;
        TrainingIterations = maxIterations;
        Converged = converged;
    }

    /// <summary>The fitted featurizer.</summary>
    public TextFeaturizer Featurizer { get; }

    /// <summary>The intents, in ordinal order (the order of <see cref="Scores"/>).</summary>
    public IReadOnlyList<string> Intents { get; }

    /// <summary>The training options.</summary>
    public IntentClassifierOptions Options { get; }

    /// <summary>Largest number of solver passes any one-vs-rest problem took.</summary>
    public int TrainingIterations { get; }

    /// <summary>Whether every one-vs-rest problem met the tolerance.</summary>
    public bool Converged { get; }

    /// <summary>The SVM decision value of every intent (order of <see cref="Intents"/>) for one text.</summary>
    public double[] Scores(string text) => Scores(Featurizer.Transform(text));

    private double[] Scores(SparseVector v)
    {
        var k = _bias.Length;
        var scores = new double[k];
        for (var c = 0; c < k; c++) scores[c] = _bias[c];
        var idx = v.Indices;
        var val = v.Values;
        for (var t = 0; t < idx.Length; t++)
        {
            var row = _weights.AsSpan(idx[t] * k, k);
            var x = val[t];
            for (var c = 0; c < k; c++) scores[c] += x * row[c];
        }
        return scores;
    }

    /// <summary>Predicts the intent of one text, with the <paramref name="topK"/> best intents.</summary>
    public IntentPrediction Predict(string text, int topK = 3)
    {
        ArgumentNullException.ThrowIfNull(text);
        return FromScores(Scores(text), topK);
    }

    /// <summary>Predicts many texts (in parallel; same results as one at a time).</summary>
    public IntentPrediction[] Predict(IReadOnlyList<string> texts, int topK = 3)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var result = new IntentPrediction[texts.Count];
        Parallel.For(0, texts.Count, i => result[i] = Predict(texts[i], topK));
        return result;
    }

    /// <summary>The predicted intent of each text.</summary>
    public string[] PredictLabels(IReadOnlyList<string> texts) => Predict(texts, 1).Select(p => p.Label).ToArray();

    private IntentPrediction FromScores(double[] scores, int topK)
    {
        var k = scores.Length;
        topK = Math.Clamp(topK, 1, k);
        var max = scores.Max();
        var exp = new double[k];
        var sum = 0.0;
        for (var c = 0; c < k; c++) sum += exp[c] = Math.Exp(Options.ConfidenceScale * (scores[c] - max));
        var order = Enumerable.Range(0, k).OrderByDescending(c => scores[c]).ThenBy(c => c).Take(topK)
            .Select(c => new IntentCandidate(Intents[c], scores[c], exp[c] / sum)).ToArray();
        return new IntentPrediction(order[0].Label, order[0].Confidence, order);
    }
}
