namespace Rapport.Analytics.Prediction;

/// <summary>A fitted yes/no model on the encoded, standardised feature matrix.</summary>
internal interface IBinaryModel
{
    /// <summary>Raw scores (larger = more likely yes); calibrated to probabilities afterwards.</summary>
    double[] Score(float[][] x);

    /// <summary>
    /// Per row, each encoded feature's contribution in score units, so that the score minus the sum of the
    /// contributions is the model's baseline (used to phrase reasons).
    /// </summary>
    double[][] Contributions(float[][] x);
}

/// <summary>A learner: fits an <see cref="IBinaryModel"/> on a subset of the rows.</summary>
internal interface IBinaryLearner
{
    IBinaryModel Fit(float[][] x, bool[] y, int[] rows);
}

/// <summary>Chooses the learner of a <see cref="PredictionModelKind"/>.</summary>
internal static class BinaryLearners
{
    public static IBinaryLearner For(PredictionModelKind kind, int width, int seed) => kind switch
    {
        PredictionModelKind.Tree => new DecisionTreeLearner(seed),
        PredictionModelKind.Logistic or PredictionModelKind.Gbdt or PredictionModelKind.Forest => new MlNetLearner(kind, width, seed),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "auto is resolved before fitting"),
    };
}
