using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;

namespace Rapport.Analytics.Prediction;

/// <summary>Logistic regression, gradient-boosted trees and random forest through ML.NET.</summary>
internal sealed class MlNetLearner : IBinaryLearner
{
    private const string ScoreColumn = "Score";
    private readonly PredictionModelKind _kind;
    private readonly int _width;
    private readonly MLContext _ml;
    private readonly SchemaDefinition _schema;

    private sealed class MlRow
    {
        public bool Label { get; set; }
        public float[] Features { get; set; } = [];
    }

    private sealed class ContributionRow
    {
        public float[] FeatureContributions { get; set; } = [];
    }

    public MlNetLearner(PredictionModelKind kind, int width, int seed)
    {
        _kind = kind;
        _width = width;
        _ml = new MLContext(seed: seed);
        _schema = SchemaDefinition.Create(typeof(MlRow));
        _schema[nameof(MlRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
    }

    public IBinaryModel Fit(float[][] x, bool[] y, int[] rows)
    {
        var list = new List<MlRow>(rows.Length);
        foreach (var i in rows) list.Add(new MlRow { Label = y[i], Features = x[i] });
        // Cached: L-BFGS passes over the data many times, and reading the objects through reflection each pass dominates.
        var data = _ml.Data.Cache(_ml.Data.LoadFromEnumerable(list, _schema));
        var bc = _ml.BinaryClassification.Trainers;
        ITransformer model = _kind switch
        {
            PredictionModelKind.Logistic => bc.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
            {
                LabelColumnName = "Label", FeatureColumnName = "Features", L2Regularization = 1f, L1Regularization = 0f,
            }).Fit(data),
            PredictionModelKind.Gbdt => bc.FastTree(new FastTreeBinaryTrainer.Options
            {
                LabelColumnName = "Label", FeatureColumnName = "Features", NumberOfTrees = 300, NumberOfLeaves = 8,
                MinimumExampleCountPerLeaf = 20, LearningRate = 0.04, Seed = 1, FeatureFraction = 0.9,
            }).Fit(data),
            PredictionModelKind.Forest => bc.FastForest(new FastForestBinaryTrainer.Options
            {
                LabelColumnName = "Label", FeatureColumnName = "Features", NumberOfTrees = 300, NumberOfLeaves = 32,
                MinimumExampleCountPerLeaf = 10, Seed = 1, FeatureFraction = 0.7,
            }).Fit(data),
            _ => throw new ArgumentOutOfRangeException(nameof(_kind), _kind, "not an ML.NET learner"),
        };
        return new Model(this, model, data);
    }

    private IDataView View(float[][] x)
    {
        var list = new List<MlRow>(x.Length);
        foreach (var row in x) list.Add(new MlRow { Features = row });
        return _ml.Data.LoadFromEnumerable(list, _schema);
    }

    private sealed class Model(MlNetLearner owner, ITransformer model, IDataView trainingData) : IBinaryModel
    {
        private ITransformer? _contributions;

        public double[] Score(float[][] x) =>
            model.Transform(owner.View(x)).GetColumn<float>(ScoreColumn).Select(s => (double)s).ToArray();

        public double[][] Contributions(float[][] x)
        {
            var ml = owner._ml;
            var n = owner._width;
            _contributions ??= model switch
            {
                BinaryPredictionTransformer<CalibratedModelParametersBase<LinearBinaryModelParameters, PlattCalibrator>> lr =>
                    ml.Transforms.CalculateFeatureContribution(lr, n, n, normalize: false).Fit(trainingData),
                BinaryPredictionTransformer<CalibratedModelParametersBase<FastTreeBinaryModelParameters, PlattCalibrator>> ft =>
                    ml.Transforms.CalculateFeatureContribution(ft, n, n, normalize: false).Fit(trainingData),
                BinaryPredictionTransformer<FastForestBinaryModelParameters> ff =>
                    ml.Transforms.CalculateFeatureContribution(ff, n, n, normalize: false).Fit(trainingData),
                _ => throw new InvalidOperationException("No feature contributions for " + model.GetType().Name),
            };
            return ml.Data.CreateEnumerable<ContributionRow>(_contributions.Transform(owner.View(x)), reuseRowObject: false)
                .Select(r => r.FeatureContributions.Select(v => (double)v).ToArray()).ToArray();
        }
    }
}
