using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;

namespace Rapport.Analytics.Prediction;

/// <summary>The learner of <see cref="Predictor"/>.</summary>
public enum PredictionModelKind
{
    /// <summary>The best of logistic, gbdt and forest by cross-validated AUC on the training part.</summary>
    Auto,
    /// <summary>L-BFGS logistic regression on standardised one-hot and numeric features.</summary>
    Logistic,
    /// <summary>Gradient-boosted trees (ML.NET FastTree).</summary>
    Gbdt,
    /// <summary>Random forest (ML.NET FastForest).</summary>
    Forest,
    /// <summary>A single decision tree (FastTree with one tree).</summary>
    Tree,
}

/// <summary>Options of <see cref="Predictor.Train"/>.</summary>
/// <param name="Target">Column to predict (two values).</param>
/// <param name="Positive">The value that counts as "yes"; null = Yes/True/1 when present, else the rarer value.</param>
/// <param name="Id">Id column for the predictions; null = the first id-like column, else the row number.</param>
/// <param name="TestFraction">Share of rows held out (stratified) when no test table is given.</param>
/// <param name="Seed">Seed of the split, the folds, the permutations and the learners.</param>
/// <param name="Model">Learner.</param>
/// <param name="Folds">Cross-validation folds on the training part.</param>
/// <param name="ReasonsPerRow">Reasons given per prediction.</param>
/// <param name="PermutationRepeats">Shuffles per column for permutation importance.</param>
public sealed record PredictOptions(
    string Target,
    string? Positive = null,
    string? Id = null,
    double TestFraction = 0.2,
    int Seed = 42,
    PredictionModelKind Model = PredictionModelKind.Auto,
    int Folds = 5,
    int ReasonsPerRow = 3,
    int PermutationRepeats = 3);

/// <summary>
/// Explainable yes/no prediction on any CSV table: types and cleans the columns, splits (stratified), chooses a
/// learner by cross-validated AUC, calibrates (Platt on out-of-fold scores), scores the test part, and explains
/// (permutation importance per column, per-row reasons from feature contributions).
/// </summary>
public static class Predictor
{
    private const string ScoreColumn = "Score";

    private sealed class MlRow
    {
        public bool Label { get; set; }
        public float[] Features { get; set; } = [];
    }

    private sealed class ContributionRow
    {
        public float[] FeatureContributions { get; set; } = [];
    }

    /// <summary>Trains and evaluates on a table: held-out test part from <paramref name="options"/>, or <paramref name="test"/> when given.</summary>
    public static PredictionReport Train(RawTable table, PredictOptions options, RawTable? test = null)
    {
        var clock = Stopwatch.StartNew();
        if (options.TestFraction is <= 0 or >= 1 && test == null) throw new ArgumentException("TestFraction must be in (0, 1).");
        var target = table.IndexOf(options.Target);
        if (target < 0) throw new ArgumentException($"Target column '{options.Target}' not found.");
        int? idColumn = null;
        if (options.Id != null)
        {
            var i = table.IndexOf(options.Id);
            if (i < 0) throw new ArgumentException($"Id column '{options.Id}' not found.");
            idColumn = i;
        }

        // Combine training and test tables into one row list (same header required).
        var rows = new List<string[]>(table.Rows);
        var ragged = table.RaggedRows;
        var externalTestStart = -1;
        if (test != null)
        {
            externalTestStart = rows.Count;
            var map = table.Columns.Select(c => test.IndexOf(c)).ToArray();
            if (map.Any(m => m < 0)) throw new ArgumentException("The test table lacks columns: " + string.Join(", ", table.Columns.Where((_, k) => map[k] < 0)));
            foreach (var r in test.Rows) rows.Add(map.Select(m => r[m]).ToArray());
            ragged += test.RaggedRows;
        }
        var all = new RawTable(table.Columns, rows, ragged);

        // Target and positive value.
        var withTarget = Enumerable.Range(0, rows.Count).Where(r => !ColumnTyper.IsBlank(rows[r][target])).ToList();
        var values = withTarget.GroupBy(r => rows[r][target].Trim()).ToDictionary(g => g.Key, g => g.Count());
        if (values.Count != 2) throw new ArgumentException($"Target '{options.Target}' must have exactly two values; found {values.Count}.");
        var positive = options.Positive?.Trim() ?? ChoosePositive(values);
        if (!values.ContainsKey(positive))
            positive = values.Keys.FirstOrDefault(k => string.Equals(k, positive, StringComparison.OrdinalIgnoreCase)) ?? positive;
        if (!values.ContainsKey(positive)) throw new ArgumentException($"Positive value '{positive}' not found in '{options.Target}'.");

        // Split.
        List<int> trainIdx, testIdx;
        if (test != null)
        {
            trainIdx = withTarget.Where(r => r < externalTestStart).ToList();
            testIdx = withTarget.Where(r => r >= externalTestStart).ToList();
        }
        else
        {
            (trainIdx, testIdx) = StratifiedSplit(withTarget, r => rows[r][target].Trim() == positive, options.TestFraction, options.Seed);
        }
        if (trainIdx.Count < 10 || testIdx.Count < 2) throw new ArgumentException("Too few rows to train and test.");

        // Column typing (from the training part only).
        var (features, reports) = ColumnTyper.Type(all, trainIdx, target, idColumn);
        if (features.Count == 0) throw new ArgumentException("No usable feature columns.");
        idColumn ??= reports.Select((rep, k) => (rep, k)).Where(t => t.rep.Kind == PredictionColumnKind.Id).Select(t => (int?)t.k).FirstOrDefault();
        // Count imputations over every row used (training and test).
        var used = trainIdx.Concat(testIdx).ToList();
        reports = RecountImputations(all, used, features, reports);
        var quality = new PredictionDataQuality(
            rows.Count, rows.Count - withTarget.Count, ragged, reports,
            reports.Where(r => r.Kind is PredictionColumnKind.Id or PredictionColumnKind.Excluded).Select(r => r.Name).ToList(),
            reports.Sum(r => r.Imputed));

        // Encode and standardise (statistics from the training part).
        var width = features.Sum(f => f.Width);
        var xTrain = Encode(all, trainIdx, features, width);
        var xTest = Encode(all, testIdx, features, width);
        var (mean, std) = Moments(xTrain, width);
        Standardise(xTrain, mean, std, width);
        Standardise(xTest, mean, std, width);
        var yTrain = trainIdx.Select(r => rows[r][target].Trim() == positive).ToArray();
        var yTest = testIdx.Select(r => rows[r][target].Trim() == positive).ToArray();

        var ml = new MLContext(seed: options.Seed);
        var schema = SchemaDefinition.Create(typeof(MlRow));
        schema[nameof(MlRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);

        // Cross-validation on the training part (every candidate), out-of-fold scores for calibration.
        var kinds = options.Model == PredictionModelKind.Auto
            ? new[] { PredictionModelKind.Logistic, PredictionModelKind.Gbdt, PredictionModelKind.Forest }
            : new[] { options.Model };
        var folds = StratifiedFolds(yTrain, options.Folds, options.Seed);
        var candidates = new List<(PredictionModelKind Kind, double Mean, double Std, double[] Oof, double Seconds)>();
        foreach (var kind in kinds)
        {
            var t0 = Stopwatch.StartNew();
            var oof = new double[yTrain.Length];
            var aucs = new List<double>();
            for (var f = 0; f < options.Folds; f++)
            {
                var fit = Enumerable.Range(0, yTrain.Length).Where(i => folds[i] != f).ToArray();
                var hold = Enumerable.Range(0, yTrain.Length).Where(i => folds[i] == f).ToArray();
                var model = Fit(ml, kind, ToView(ml, schema, xTrain, yTrain, width, fit));
                var s = Score(model, ToView(ml, schema, xTrain, yTrain, width, hold));
                for (var k = 0; k < hold.Length; k++) oof[hold[k]] = s[k];
                aucs.Add(BinaryMetrics.Auc(s, hold.Select(i => yTrain[i]).ToArray()));
            }
            var m = aucs.Average();
            var sd = Math.Sqrt(aucs.Sum(a => (a - m) * (a - m)) / aucs.Count);
            candidates.Add((kind, m, sd, oof, t0.Elapsed.TotalSeconds));
        }
        var best = candidates.OrderByDescending(c => c.Mean).First();
        var platt = BinaryMetrics.FitPlatt(best.Oof, yTrain);

        // Final model on the whole training part, scored on the test part.
        var all0 = Enumerable.Range(0, yTrain.Length).ToArray();
        var finalModel = Fit(ml, best.Kind, ToView(ml, schema, xTrain, yTrain, width, all0));
        var testAll = Enumerable.Range(0, yTest.Length).ToArray();
        var testView = ToView(ml, schema, xTest, yTest, width, testAll);
        var testScores = Score(finalModel, testView);
        var prob = testScores.Select(s => BinaryMetrics.Sigmoid(platt.A * s + platt.B)).ToArray();
        var metrics = BinaryMetrics.Evaluate(prob, yTest);

        // Permutation importance per original column (shuffle the raw column's encoded block, re-score, AUC drop).
        var importance = PermutationImportance(ml, schema, finalModel, features, xTest, yTest, width, BinaryMetrics.Auc(testScores, yTest), options);

        // Per-row reasons from feature contributions, grouped per original column, as probability deltas.
        var contributions = Contributions(ml, finalModel, testView, width);
        var predictions = new List<PredictionRow>(testIdx.Count);
        for (var i = 0; i < testIdx.Count; i++)
        {
            var raw = rows[testIdx[i]];
            var s = testScores[i];
            var p = prob[i];
            var reasons = new List<PredictionReason>();
            // Baseline score: every contribution removed (for logistic regression, the average customer).
            var s0 = s - contributions[i].Sum();
            var p0 = BinaryMetrics.Sigmoid(platt.A * s0 + platt.B);
            foreach (var f in features)
            {
                double c = 0;
                for (var k = 0; k < f.Width; k++) c += contributions[i][f.Offset + k];
                // Mean of "this column's effect removed from the row" and "this column's effect added to the baseline",
                // so that the deltas of one row stay close to additive (p − p0) through the sigmoid.
                var delta = 0.5 * ((p - BinaryMetrics.Sigmoid(platt.A * (s - c) + platt.B))
                                 + (BinaryMetrics.Sigmoid(platt.A * (s0 + c) + platt.B) - p0));
                if (Math.Abs(delta) < 0.005) continue;
                var value = f.Display(raw[f.Source]);
                reasons.Add(new PredictionReason(f.Name, value, Math.Round(delta, 4),
                    $"{f.Name} = {value} ({delta.ToString("+0.00;-0.00", CultureInfo.InvariantCulture)})"));
            }
            var top = reasons.OrderByDescending(r => Math.Abs(r.Delta)).Take(options.ReasonsPerRow).ToList();
            var id = idColumn is { } ic ? raw[ic].Trim() : (testIdx[i] + 1).ToString(CultureInfo.InvariantCulture);
            predictions.Add(new PredictionRow(id, Math.Round(p, 6), yTest[i], top.Select(r => r.Text).ToList(), top));
        }

        return new PredictionReport(
            Name(best.Kind), table.Columns[target], positive, trainIdx.Count, testIdx.Count,
            (double)(yTrain.Count(y => y) + yTest.Count(y => y)) / (yTrain.Length + yTest.Length),
            metrics,
            new PredictionCrossValidation(options.Folds, best.Mean, best.Std,
                candidates.Select(c => new PredictionCandidate(Name(c.Kind), c.Mean, c.Std, Math.Round(c.Seconds, 3))).ToList()),
            importance, predictions, quality, Math.Round(clock.Elapsed.TotalSeconds, 3));
    }

    /// <summary>The name used in the report: "logistic", "gbdt", "forest" or "tree".</summary>
    public static string Name(PredictionModelKind kind) => kind.ToString().ToLowerInvariant();

    private static string ChoosePositive(Dictionary<string, int> values)
    {
        foreach (var v in values.Keys) if (ColumnTyper.TryBoolean(v, out var b) && b) return v;
        return values.OrderBy(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).First().Key;
    }

    /// <summary>Stratified split: in each class, a seeded shuffle, the first round(fraction × count) rows to test.</summary>
    internal static (List<int> Train, List<int> Test) StratifiedSplit(IReadOnlyList<int> rows, Func<int, bool> isPositive, double fraction, int seed)
    {
        var rng = new Random(seed);
        var train = new List<int>();
        var test = new List<int>();
        foreach (var cls in new[] { true, false })
        {
            var members = rows.Where(r => isPositive(r) == cls).ToArray();
            rng.Shuffle(members);
            var nTest = (int)Math.Round(fraction * members.Length);
            test.AddRange(members.Take(nTest));
            train.AddRange(members.Skip(nTest));
        }
        train.Sort();
        test.Sort();
        return (train, test);
    }

    private static int[] StratifiedFolds(bool[] y, int k, int seed)
    {
        var rng = new Random(seed + 1);
        var folds = new int[y.Length];
        foreach (var cls in new[] { true, false })
        {
            var members = Enumerable.Range(0, y.Length).Where(i => y[i] == cls).ToArray();
            rng.Shuffle(members);
            for (var j = 0; j < members.Length; j++) folds[members[j]] = j % k;
        }
        return folds;
    }

    private static List<PredictionColumnReport> RecountImputations(RawTable t, List<int> rows, List<FeatureColumn> features, List<PredictionColumnReport> reports)
    {
        var byName = features.ToDictionary(f => f.Source);
        var result = new List<PredictionColumnReport>(reports.Count);
        for (var c = 0; c < reports.Count; c++)
        {
            var rep = reports[c];
            if (!byName.TryGetValue(c, out var f)) { result.Add(rep); continue; }
            int blanks = 0, unparsable = 0;
            foreach (var r in rows)
            {
                var cell = t.Rows[r][c];
                if (ColumnTyper.IsBlank(cell)) blanks++;
                else if (f.Kind == PredictionColumnKind.Numeric && !ColumnTyper.TryNumber(cell, out _)) unparsable++;
                else if (f.Kind == PredictionColumnKind.Boolean && !ColumnTyper.TryBoolean(cell, out _)) unparsable++;
            }
            var imputed = f.Kind == PredictionColumnKind.Categorical ? 0 : blanks + unparsable;
            var note = f.Kind == PredictionColumnKind.Numeric && imputed > 0
                ? $"numbers; {blanks} blank and {unparsable} unparsable cells set to the training median"
                : rep.Note;
            result.Add(rep with { Blanks = blanks, Unparsable = unparsable, Imputed = imputed, Note = note });
        }
        return result;
    }

    private static float[][] Encode(RawTable t, List<int> rows, List<FeatureColumn> features, int width)
    {
        var x = new float[rows.Count][];
        for (var i = 0; i < rows.Count; i++)
        {
            x[i] = new float[width];
            foreach (var f in features) f.Encode(t.Rows[rows[i]][f.Source], x[i], 0);
        }
        return x;
    }

    private static (double[] Mean, double[] Std) Moments(float[][] x, int width)
    {
        var mean = new double[width];
        var std = new double[width];
        foreach (var row in x) for (var j = 0; j < width; j++) mean[j] += row[j];
        for (var j = 0; j < width; j++) mean[j] /= Math.Max(1, x.Length);
        foreach (var row in x) for (var j = 0; j < width; j++) { var d = row[j] - mean[j]; std[j] += d * d; }
        for (var j = 0; j < width; j++) { std[j] = Math.Sqrt(std[j] / Math.Max(1, x.Length)); if (std[j] < 1e-12) std[j] = 1; }
        return (mean, std);
    }

    private static void Standardise(float[][] x, double[] mean, double[] std, int width)
    {
        foreach (var row in x) for (var j = 0; j < width; j++) row[j] = (float)((row[j] - mean[j]) / std[j]);
    }

    private static IDataView ToView(MLContext ml, SchemaDefinition schema, float[][] x, bool[] y, int width, int[] rows)
    {
        var list = new List<MlRow>(rows.Length);
        foreach (var i in rows) list.Add(new MlRow { Label = y[i], Features = x[i] });
        return ml.Data.LoadFromEnumerable(list, schema);
    }

    private static ITransformer Fit(MLContext ml, PredictionModelKind kind, IDataView data)
    {
        var bc = ml.BinaryClassification.Trainers;
        return kind switch
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
            PredictionModelKind.Tree => bc.FastTree(new FastTreeBinaryTrainer.Options
            {
                LabelColumnName = "Label", FeatureColumnName = "Features", NumberOfTrees = 1, NumberOfLeaves = 16,
                MinimumExampleCountPerLeaf = 20, LearningRate = 1, Seed = 1,
            }).Fit(data),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    private static double[] Score(ITransformer model, IDataView data) =>
        model.Transform(data).GetColumn<float>(ScoreColumn).Select(s => (double)s).ToArray();

    private static List<double[]> Contributions(MLContext ml, ITransformer model, IDataView data, int width)
    {
        var n = width;
        ITransformer fcc = model switch
        {
            BinaryPredictionTransformer<CalibratedModelParametersBase<LinearBinaryModelParameters, PlattCalibrator>> lr =>
                ml.Transforms.CalculateFeatureContribution(lr, n, n, normalize: false).Fit(data),
            BinaryPredictionTransformer<CalibratedModelParametersBase<FastTreeBinaryModelParameters, PlattCalibrator>> ft =>
                ml.Transforms.CalculateFeatureContribution(ft, n, n, normalize: false).Fit(data),
            BinaryPredictionTransformer<FastForestBinaryModelParameters> ff =>
                ml.Transforms.CalculateFeatureContribution(ff, n, n, normalize: false).Fit(data),
            _ => throw new InvalidOperationException("No feature contributions for " + model.GetType().Name),
        };
        return ml.Data.CreateEnumerable<ContributionRow>(fcc.Transform(data), reuseRowObject: false)
            .Select(r => r.FeatureContributions.Select(v => (double)v).ToArray()).ToList();
    }

    private static List<PredictionFeatureImportance> PermutationImportance(
        MLContext ml, SchemaDefinition schema, ITransformer model, List<FeatureColumn> features,
        float[][] x, bool[] y, int width, double baseAuc, PredictOptions options)
    {
        var rng = new Random(options.Seed + 2);
        var rows = Enumerable.Range(0, y.Length).ToArray();
        var result = new List<PredictionFeatureImportance>();
        foreach (var f in features)
        {
            var drops = new List<double>();
            for (var rep = 0; rep < options.PermutationRepeats; rep++)
            {
                var perm = (int[])rows.Clone();
                rng.Shuffle(perm);
                var xp = new float[x.Length][];
                for (var i = 0; i < x.Length; i++)
                {
                    xp[i] = (float[])x[i].Clone();
                    Array.Copy(x[perm[i]], f.Offset, xp[i], f.Offset, f.Width);
                }
                var s = Score(model, ToView(ml, schema, xp, y, width, rows));
                drops.Add(baseAuc - BinaryMetrics.Auc(s, y));
            }
            var m = drops.Average();
            var sd = Math.Sqrt(drops.Sum(d => (d - m) * (d - m)) / drops.Count);
            result.Add(new PredictionFeatureImportance(f.Name, Math.Round(m, 5), Math.Round(sd, 5)));
        }
        return result.OrderByDescending(r => r.Importance).ToList();
    }
}
