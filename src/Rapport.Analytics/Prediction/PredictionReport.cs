using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Rapport.Analytics.Prediction;

/// <summary>Scores of calibrated probabilities against the actual labels (threshold 0.5 for accuracy and F1).</summary>
public sealed record PredictionMetrics(
    [property: JsonPropertyName("auc")] double Auc,
    [property: JsonPropertyName("accuracy")] double Accuracy,
    [property: JsonPropertyName("f1")] double F1,
    [property: JsonPropertyName("logLoss")] double LogLoss,
    [property: JsonPropertyName("brier")] double Brier);

/// <summary>How the test part was chosen.</summary>
/// <param name="Method">"stratified" (seeded random, class shares kept), "by time" (the latest rows) or "test table".</param>
/// <param name="TimeColumn">The time column when one was given.</param>
/// <param name="TestFrom">First time in the test part ("by time").</param>
/// <param name="TestFraction">Share held out, when the split made one.</param>
public sealed record PredictionSplit(
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("timeColumn")] string? TimeColumn,
    [property: JsonPropertyName("testFrom")] string? TestFrom,
    [property: JsonPropertyName("testFraction")] double? TestFraction);

/// <summary>Cross-validated AUC of the chosen model on the training part.</summary>
/// <param name="Folds">Number of folds (stratified; forward in time when a time column is given).</param>
/// <param name="AucMean">Mean fold AUC.</param>
/// <param name="AucStd">Standard deviation of the fold AUCs (population).</param>
/// <param name="Candidates">Every learner tried, with its CV AUC (more than one when the model was "auto").</param>
public sealed record PredictionCrossValidation(
    [property: JsonPropertyName("folds")] int Folds,
    [property: JsonPropertyName("aucMean")] double AucMean,
    [property: JsonPropertyName("aucStd")] double AucStd,
    [property: JsonPropertyName("candidates")] IReadOnlyList<PredictionCandidate> Candidates);

/// <summary>One learner's cross-validated AUC on the training part.</summary>
public sealed record PredictionCandidate(
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("aucMean")] double AucMean,
    [property: JsonPropertyName("aucStd")] double AucStd,
    [property: JsonPropertyName("seconds")] double Seconds);

/// <summary>Permutation importance of one original column: mean drop in test AUC when its values are shuffled.</summary>
public sealed record PredictionFeatureImportance(
    [property: JsonPropertyName("feature")] string Feature,
    [property: JsonPropertyName("importance")] double Importance,
    [property: JsonPropertyName("std")] double Std);

/// <summary>One reason for a row's probability: a column, its value, and how much it moves the probability.</summary>
/// <param name="Feature">Original column.</param>
/// <param name="Value">The row's (cleaned) value.</param>
/// <param name="Delta">Change of the probability attributed to this column (positive = more likely).</param>
/// <param name="Text">"contract: Month-to-month (+0.18)".</param>
public sealed record PredictionReason(
    [property: JsonPropertyName("feature")] string Feature,
    [property: JsonPropertyName("value")] string Value,
    [property: JsonPropertyName("delta")] double Delta,
    [property: JsonPropertyName("text")] string Text);

/// <summary>A test row's calibrated probability and the reasons behind it.</summary>
/// <param name="Id">Value of the id column, or the 1-based data row number when there is none.</param>
/// <param name="Probability">Calibrated probability of the positive value.</param>
/// <param name="Actual">Whether the row actually has the positive value.</param>
/// <param name="Reasons">Strongest reasons, largest effect first, as text.</param>
/// <param name="ReasonDetails">The same reasons as data.</param>
public sealed record PredictionRow(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("probability")] double Probability,
    [property: JsonPropertyName("actual")] bool Actual,
    [property: JsonPropertyName("reasons")] IReadOnlyList<string> Reasons,
    [property: JsonPropertyName("reasonDetails")] IReadOnlyList<PredictionReason> ReasonDetails);

/// <summary>The output of <see cref="Predictor.Train"/>: <c>rapport analyze predict</c>'s JSON.</summary>
public sealed record PredictionReport(
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("target")] string Target,
    [property: JsonPropertyName("positive")] string Positive,
    [property: JsonPropertyName("trainRows")] int TrainRows,
    [property: JsonPropertyName("testRows")] int TestRows,
    [property: JsonPropertyName("positiveRate")] double PositiveRate,
    [property: JsonPropertyName("split")] PredictionSplit Split,
    [property: JsonPropertyName("metrics")] PredictionMetrics Metrics,
    [property: JsonPropertyName("crossValidation")] PredictionCrossValidation CrossValidation,
    [property: JsonPropertyName("featureImportance")] IReadOnlyList<PredictionFeatureImportance> FeatureImportance,
    [property: JsonPropertyName("rules"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<PredictionRule>? Rules,
    [property: JsonPropertyName("predictions")] IReadOnlyList<PredictionRow> Predictions,
    [property: JsonPropertyName("dataQuality")] PredictionDataQuality DataQuality,
    [property: JsonPropertyName("seconds")] double Seconds)
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The report as indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Writes the report as JSON to a file.</summary>
    public void WriteJson(string path) => AtomicFile.Write(path, stream => stream.Write(System.Text.Encoding.UTF8.GetBytes(ToJson())));
}
