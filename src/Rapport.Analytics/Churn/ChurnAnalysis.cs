using Rapport.Analytics.Prediction;
using Rapport.Analytics.Transactions;

namespace Rapport.Analytics.Churn;

/// <summary>What <see cref="ChurnAnalysis.Run"/> found.</summary>
/// <param name="Tables">The training table (features at the cutoff, label from the window) and the current one.</param>
/// <param name="Report">The fitted model's report (metrics, cross-validation, importance).</param>
/// <param name="Current">Every customer's risk at the end of the data, with reasons, riskiest first.</param>
/// <param name="TrainingRowsUsed">Rows the model was fitted on (all of the training table, or a sample of it).</param>
/// <param name="Seconds">Time spent building the tables, fitting the model, and scoring the current customers.</param>
public sealed record ChurnAnalysisResult(ChurnTables Tables, PredictionReport Report, IReadOnlyList<PredictionRow> Current, int TrainingRowsUsed,
    (double Build, double Fit, double Score) Seconds);

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

    /// <param name="maxTrainingRows">
    /// Fit on a random sample of at most this many customers (seeded by <see cref="PredictOptions.Seed"/>); everyone is
    /// still scored. Cross-validation, permutation importance and reasons grow with the rows while the model's
    /// accuracy stops improving long before a hundred thousand customers. Null: all rows.
    /// </param>
    /// <exception cref="ArgumentException">Too little data for the table or the model (e.g. one class only).</exception>
    public static ChurnAnalysisResult Run(ITransactionSource source, ChurnOptions options, PredictOptions predict, int? maxTrainingRows = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(predict);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var tables = ChurnFeatureBuilder.Build(source, options);
        var build = watch.Elapsed.TotalSeconds;
        var training = maxTrainingRows is { } max && tables.Training.Rows.Count > max ? Sample(tables.Training, max, predict.Seed) : tables.Training;
        var (report, scorer) = Predictor.Fit(training, predict);
        var fit = watch.Elapsed.TotalSeconds - build;
        var current = scorer.Score(tables.Current).OrderByDescending(p => p.Probability).ToList();
        var score = watch.Elapsed.TotalSeconds - build - fit;
        return new ChurnAnalysisResult(tables, report, current, training.Rows.Count, (build, fit, score));
    }

    /// <summary>A seeded random sample of the rows, in their original order.</summary>
    private static RawTable Sample(RawTable table, int count, int seed)
    {
        var index = Enumerable.Range(0, table.Rows.Count).ToArray();
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var j = random.Next(i, index.Length);
            (index[i], index[j]) = (index[j], index[i]);
        }
        Array.Sort(index, 0, count);
        return table with { Rows = [.. index.Take(count).Select(i => table.Rows[i])] };
    }
}
