namespace Rapport.Analytics.Text;

/// <summary>Options of <see cref="SentimentClassifier.Train"/>.</summary>
/// <param name="C">Inverse L2 regularisation strength of the logistic regression (scikit-learn's C).</param>
/// <param name="NeutralLow">A text whose positive probability is in [NeutralLow, NeutralHigh] is "neutral" (the
/// model is unsure); below it is "negative", above it "positive".</param>
/// <param name="NeutralHigh">Upper end of the neutral band.</param>
/// <param name="Tolerance">L-BFGS stopping tolerance (relative gradient).</param>
/// <param name="MaxIterations">L-BFGS iteration limit.</param>
/// <param name="Featurizer">Featurizer options (default: word 1–2-grams, char_wb 2–5-grams with min-df 2, CJK 1–3-grams).</param>
public sealed record SentimentOptions(
    double C = 10.0,
    double NeutralLow = 0.35,
    double NeutralHigh = 0.65,
    double Tolerance = 1e-5,
    int MaxIterations = 1000,
    TextFeaturizerOptions? Featurizer = null);

/// <summary>The sentiment of one text.</summary>
/// <param name="Label">"positive", "negative" or "neutral" (score inside the neutral band).</param>
/// <param name="Score">Probability that the text is positive (logistic regression output, 0 … 1).</param>
public readonly record struct SentimentPrediction(string Label, double Score)
{
    /// <summary>The label for positive texts.</summary>
    public const string Positive = "positive";

    /// <summary>The label for negative texts.</summary>
    public const string Negative = "negative";

    /// <summary>The label when the model is unsure.</summary>
    public const string Neutral = "neutral";
}

/// <summary>
/// Sentiment of feedback and ticket texts: <see cref="TextFeaturizer"/> TF-IDF features (the intent classifier's:
/// word 1–2-grams, character 2–5-grams, Chinese character n-grams) and an L2-regularised logistic regression
/// (<see cref="LogisticRegression"/>), whose probability is the score; scores in the neutral band are "neutral".
/// </summary>
public static class SentimentClassifier
{
    /// <summary>Label values read as positive (case-insensitive).</summary>
    public static readonly IReadOnlyList<string> PositiveLabels = ["1", "+1", "positive", "pos", "true", "yes"];

    /// <summary>Label values read as negative (case-insensitive).</summary>
    public static readonly IReadOnlyList<string> NegativeLabels = ["0", "-1", "negative", "neg", "false", "no"];

    /// <summary>Whether a label value means positive; throws for a value that is neither positive nor negative.</summary>
    public static bool ParseLabel(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        var value = label.Trim();
        if (PositiveLabels.Contains(value, StringComparer.OrdinalIgnoreCase)) return true;
        if (NegativeLabels.Contains(value, StringComparer.OrdinalIgnoreCase)) return false;
        throw new FormatException($"Label '{label}' is neither positive ({string.Join(", ", PositiveLabels)}) nor negative ({string.Join(", ", NegativeLabels)}).");
    }

    /// <summary>Trains on texts and their classes (true: positive); both classes must occur.</summary>
    public static SentimentModel Train(IReadOnlyList<string> texts, IReadOnlyList<bool> positive, SentimentOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(positive);
        if (texts.Count != positive.Count) throw new ArgumentException($"{texts.Count} texts but {positive.Count} labels.", nameof(positive));
        if (texts.Count == 0) throw new ArgumentException("No training texts.", nameof(texts));
        if (positive.All(p => p) || positive.All(p => !p)) throw new ArgumentException("Need both positive and negative training texts.", nameof(positive));
        options ??= new SentimentOptions();
        if (!(options.C > 0)) throw new ArgumentOutOfRangeException(nameof(options), "C must be positive.");
        if (!(options.NeutralLow >= 0 && options.NeutralLow <= 0.5 && options.NeutralHigh >= 0.5 && options.NeutralHigh <= 1))
            throw new ArgumentOutOfRangeException(nameof(options), "Need 0 ≤ NeutralLow ≤ 0.5 ≤ NeutralHigh ≤ 1.");
        var featurizer = TextFeaturizer.FitTransform(texts, out var x, options.Featurizer);
        var fit = LogisticRegression.Train(x, positive.ToArray(), featurizer.FeatureCount, options.C, options.Tolerance, options.MaxIterations);
        return new SentimentModel(featurizer, fit.Weights, fit.Bias, options, fit.Iterations, fit.Converged);
    }
}

/// <summary>A trained sentiment model (<see cref="SentimentClassifier.Train"/>).</summary>
public sealed class SentimentModel
{
    private readonly double[] _weights;

    internal SentimentModel(TextFeaturizer featurizer, double[] weights, double bias, SentimentOptions options, int iterations, bool converged)
    {
        Featurizer = featurizer;
        _weights = weights;
        Bias = bias;
        Options = options;
        TrainingIterations = iterations;
        Converged = converged;
    }

    /// <summary>The fitted featurizer.</summary>
    public TextFeaturizer Featurizer { get; }

    /// <summary>The intercept.</summary>
    public double Bias { get; }

    /// <summary>The training options (including the neutral band).</summary>
    public SentimentOptions Options { get; }

    /// <summary>L-BFGS iterations the fit took.</summary>
    public int TrainingIterations { get; }

    /// <summary>Whether the fit met its tolerance.</summary>
    public bool Converged { get; }

    /// <summary>Probability that the text is positive.</summary>
    public double Score(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var z = Bias + Featurizer.Transform(text).Dot(_weights);
        return 1.0 / (1.0 + Math.Exp(-z));
    }

    /// <summary>The sentiment of one text.</summary>
    public SentimentPrediction Predict(string text)
    {
        var p = Score(text);
        var label = p < Options.NeutralLow ? SentimentPrediction.Negative
            : p > Options.NeutralHigh ? SentimentPrediction.Positive
            : SentimentPrediction.Neutral;
        return new SentimentPrediction(label, p);
    }

    /// <summary>The sentiment of many texts (in parallel; same results as one at a time).</summary>
    public SentimentPrediction[] Predict(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var result = new SentimentPrediction[texts.Count];
        Parallel.For(0, texts.Count, i => result[i] = Predict(texts[i]));
        return result;
    }
}
