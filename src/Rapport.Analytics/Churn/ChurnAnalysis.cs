using Rapport.Analytics.Prediction;
using Rapport.Analytics.Transactions;

namespace Rapport.Analytics.Churn;

/// <summary>What <see cref="ChurnAnalysis.Run"/> found.</summary>
/// <param name="Tables">The training table (features at the cutoff, label from the window) and the current one.</param>
/// <param name="Report">The fitted model's report (metrics, cross-validation, importance).</param>
/// <param name="Current">Every customer's risk at the end of the data, with reasons, riskiest first.</param>
public sealed record ChurnAnalysisResult(ChurnTables Tables, PredictionReport Report, IReadOnlyList<PredictionRow> Current);

/// <summary>
/// Churn end to end, as <c>rapport analyze churn</c> and the insights refresh run it: features and label at a cutoff
/// (<see cref="ChurnFeatureBuilder"/>), the explainable predictor fitted on them (<see cref="Predictor"/>), and that
/// model applied to everyone's behaviour at the end of the data — who is at risk now, and why.
/// </summary>
public static class ChurnAnalysis
{
    /// <summary>The prediction options for a churn table (target, positive class and id column fixed).</summary>
    public static PredictOptions PredictOptions(PredictionModelKind model = PredictionModelKind.Auto, double testFraction = 0.2, int seed = 42) =>
        new(ChurnFeatureBuilder.TargetColumn, "yes", ChurnFeatureBuilder.CustomerColumn, testFraction, seed, model);

    /// <exception cref="ArgumentException">Too little data for the table or the model (e.g. one class only).</exception>
    public static ChurnAnalysisResult Run(ITransactionSource source, ChurnOptions options, PredictOptions predict)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(predict);
        var tables = ChurnFeatureBuilder.Build(source, options);
        var (report, scorer) = Predictor.Fit(tables.Training, predict);
        var current = scorer.Score(tables.Current).OrderByDescending(p => p.Probability).ToList();
        return new ChurnAnalysisResult(tables, report, current);
    }
}
