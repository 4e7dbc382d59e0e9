using System.Diagnostics;

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
    /// <summary>One pruned CART decision tree whose leaves print as rules.</summary>
    Tree,
}

/// <summary>Options of <see cref="Predictor.Train"/>.</summary>
/// <param name="Target">Column to predict (two values).</param>
/// <param name="Positive">The value that counts as "yes"; null = Yes/True/1 when present, else the rarer value.</param>
/// <param name="Id">Id column for the predictions; null = the first id-like column, else the row number.</param>
/// <param name="TestFraction">Share of rows held out (stratified, or the latest by time) when no test table is given.</param>
/// <param name="Seed">Seed of the split, the folds, the permutations and the learners.</param>
/// <param name="Model">Learner.</param>
/// <param name="Folds">Cross-validation folds on the training part.</param>
/// <param name="ReasonsPerRow">Reasons given per prediction.</param>
/// <param name="PermutationRepeats">Shuffles per column for permutation importance.</param>
/// <param name="TimeColumn">Date or number column: the test part is the latest rows and validation folds move forward in time.</param>
public sealed record PredictOptions(
    string Target,
    string? Positive = null,
    string? Id = null,
    double TestFraction = 0.2,
    int Seed = 42,
    PredictionModelKind Model = PredictionModelKind.Auto,
    int Folds = 5,
    int ReasonsPerRow = 3,
    int PermutationRepeats = 3,
    string? TimeColumn = null);

/// <summary>
/// Explainable yes/no prediction on any CSV table: types and cleans the columns, splits (stratified or by time),
/// chooses a learner by cross-validated AUC, calibrates (Platt on out-of-fold scores), scores the test part, and
/// explains (permutation importance per column, per-row reasons from feature contributions, rules for a tree).
/// </summary>
public static class Predictor
{
    /// <summary>Trains and evaluates on a table: held-out test part from <paramref name="options"/>, or <paramref name="test"/> when given.</summary>
    public static PredictionReport Train(RawTable table, PredictOptions options, RawTable? test = null) => Fit(table, options, test).Report;

    /// <summary>As <see cref="Train"/>, and also returns the trained model to score new rows of the same shape.</summary>
    public static (PredictionReport Report, PredictionScorer Scorer) Fit(RawTable table, PredictOptions options, RawTable? test = null)
    {
        var clock = Stopwatch.StartNew();
        if (options.TestFraction is <= 0 or >= 1 && test == null) throw new ArgumentException("TestFraction must be in (0, 1).");
        var target = table.IndexOf(options.Target);
        if (target < 0) throw new ArgumentException($"Target column '{options.Target}' not found.");
        var idColumn = OptionalColumn(table, options.Id, "Id");
        var timeColumn = OptionalColumn(table, options.TimeColumn, "Time");
        if (timeColumn == target) throw new ArgumentException("The time column cannot be the target.");

        var (all, externalTestStart) = Combine(table, test);
        var rows = all.Rows;

        // Target and positive value.
        var withTarget = Enumerable.Range(0, rows.Count).Where(r => !ColumnTyper.IsBlank(rows[r][target])).ToList();
        var values = withTarget.GroupBy(r => rows[r][target].Trim()).ToDictionary(g => g.Key, g => g.Count());
        if (values.Count != 2) throw new ArgumentException($"Target '{options.Target}' must have exactly two values; found {values.Count}.");
        var positive = ResolvePositive(options, values);

        // Split.
        List<int> trainIdx, testIdx;
        double[]? times = null;
        var split = new PredictionSplit("stratified", null, null, options.TestFraction);
        if (timeColumn is { } tc)
        {
            (times, var format) = PredictionSplits.ParseTimes(all, tc, withTarget);
            if (test != null)
            {
                (trainIdx, testIdx) = (withTarget.Where(r => r < externalTestStart).ToList(), withTarget.Where(r => r >= externalTestStart).ToList());
                split = new PredictionSplit("test table", all.Columns[tc], null, null);
            }
            else
            {
                (trainIdx, testIdx, var from) = PredictionSplits.ByTime(withTarget, times, options.TestFraction, format);
                split = new PredictionSplit("by time", all.Columns[tc], from, options.TestFraction);
            }
        }
        else if (test != null)
        {
            (trainIdx, testIdx) = (withTarget.Where(r => r < externalTestStart).ToList(), withTarget.Where(r => r >= externalTestStart).ToList());
            split = new PredictionSplit("test table", null, null, null);
        }
        else
        {
            (trainIdx, testIdx) = PredictionSplits.Stratified(withTarget, r => rows[r][target].Trim() == positive, options.TestFraction, options.Seed);
        }
        if (trainIdx.Count < 10 || testIdx.Count < 2) throw new ArgumentException("Too few rows to train and test.");

        // Column typing (from the training part only).
        var (features, reports) = ColumnTyper.Type(all, trainIdx, target, idColumn, timeColumn);
        if (features.Count == 0) throw new ArgumentException("No usable feature columns.");
        idColumn ??= reports.Select((rep, k) => (rep, k)).Where(t => t.rep.Kind == PredictionColumnKind.Id).Select(t => (int?)t.k).FirstOrDefault();
        reports = ImputationCounter.Recount(all, trainIdx.Concat(testIdx).ToList(), features, reports);
        var quality = new PredictionDataQuality(
            rows.Count, rows.Count - withTarget.Count, all.RaggedRows, reports,
            reports.Where(r => r.Kind is PredictionColumnKind.Id or PredictionColumnKind.Excluded).Select(r => r.Name).ToList(),
            reports.Sum(r => r.Imputed));

        // Encode and standardise (statistics from the training part).
        var width = features.Sum(f => f.Width);
        var xTrain = FeatureEncoding.Encode(all, trainIdx, features, width);
        var xTest = FeatureEncoding.Encode(all, testIdx, features, width);
        var (mean, std) = FeatureEncoding.Moments(xTrain, width);
        FeatureEncoding.Standardise(xTrain, mean, std, width);
        FeatureEncoding.Standardise(xTest, mean, std, width);
        var yTrain = trainIdx.Select(r => rows[r][target].Trim() == positive).ToArray();
        var yTest = testIdx.Select(r => rows[r][target].Trim() == positive).ToArray();

        // Cross-validation on the training part (every candidate), out-of-fold scores for calibration.
        var folds = times is null
            ? PredictionSplits.StratifiedFolds(yTrain, options.Folds, options.Seed)
            : PredictionSplits.ForwardChaining(trainIdx.Select(r => times[r]).ToArray(), options.Folds);
        var kinds = options.Model == PredictionModelKind.Auto
            ? new[] { PredictionModelKind.Logistic, PredictionModelKind.Gbdt, PredictionModelKind.Forest }
            : new[] { options.Model };
        var candidates = kinds.Select(kind => CrossValidate(kind, xTrain, yTrain, folds, width, options.Seed)).ToList();
        var best = candidates.OrderByDescending(c => c.Mean).First();
        var covered = best.Covered;
        var platt = BinaryMetrics.FitPlatt(covered.Select(i => best.Oof[i]).ToArray(), covered.Select(i => yTrain[i]).ToArray());

        // Final model on the whole training part, scored on the test part.
        var learner = BinaryLearners.For(best.Kind, width, options.Seed);
        var finalModel = learner.Fit(xTrain, yTrain, Enumerable.Range(0, yTrain.Length).ToArray());
        var testScores = finalModel.Score(xTest);
        var prob = testScores.Select(s => BinaryMetrics.Sigmoid(platt.A * s + platt.B)).ToArray();
        var metrics = BinaryMetrics.Evaluate(prob, yTest);

        var importance = PermutationImportance.Compute(finalModel, features, xTest, yTest, BinaryMetrics.Auc(testScores, yTest), options);
        var predictions = RowExplainer.Explain(all, testIdx, idColumn, features, finalModel, xTest, testScores, prob, yTest, platt, options.ReasonsPerRow);
        var rules = finalModel is DecisionTreeModel tree
            ? TreeRules.Describe(tree.Root, features, mean, std, table.Columns[target], positive)
            : null;

        var scorer = new PredictionScorer(all.Columns, features, mean, std, finalModel, platt, idColumn is { } ic ? all.Columns[ic] : null, options.ReasonsPerRow);
        var report = new PredictionReport(
            Name(best.Kind), table.Columns[target], positive, trainIdx.Count, testIdx.Count,
            (double)(yTrain.Count(y => y) + yTest.Count(y => y)) / (yTrain.Length + yTest.Length),
            split, metrics,
            new PredictionCrossValidation(folds.Count, best.Mean, best.Std,
                candidates.Select(c => new PredictionCandidate(Name(c.Kind), c.Mean, c.Std, Math.Round(c.Seconds, 3))).ToList()),
            importance, rules, predictions, quality, Math.Round(clock.Elapsed.TotalSeconds, 3));
        return (report, scorer);
    }

    /// <summary>The name used in the report: "logistic", "gbdt", "forest" or "tree".</summary>
    public static string Name(PredictionModelKind kind) => kind.ToString().ToLowerInvariant();

    private sealed record Candidate(PredictionModelKind Kind, double Mean, double Std, double[] Oof, int[] Covered, double Seconds);

    private static Candidate CrossValidate(PredictionModelKind kind, float[][] x, bool[] y, List<(int[] Fit, int[] Hold)> folds, int width, int seed)
    {
        var clock = Stopwatch.StartNew();
        var learner = BinaryLearners.For(kind, width, seed);
        var oof = new double[y.Length];
        var covered = new List<int>();
        var aucs = new List<double>();
        foreach (var (fit, hold) in folds)
        {
            var model = learner.Fit(x, y, fit);
            var s = model.Score(hold.Select(i => x[i]).ToArray());
            for (var k = 0; k < hold.Length; k++) oof[hold[k]] = s[k];
            covered.AddRange(hold);
            aucs.Add(BinaryMetrics.Auc(s, hold.Select(i => y[i]).ToArray()));
        }
        var mean = aucs.Average();
        var std = Math.Sqrt(aucs.Sum(a => (a - mean) * (a - mean)) / aucs.Count);
        return new Candidate(kind, mean, std, oof, covered.ToArray(), clock.Elapsed.TotalSeconds);
    }

    private static int? OptionalColumn(RawTable table, string? name, string what)
    {
        if (name is null) return null;
        var i = table.IndexOf(name);
        return i >= 0 ? i : throw new ArgumentException($"{what} column '{name}' not found.");
    }

    /// <summary>Training and test tables as one row list (the test table must have every training column).</summary>
    private static (RawTable All, int ExternalTestStart) Combine(RawTable table, RawTable? test)
    {
        if (test is null) return (table, -1);
        var rows = new List<string[]>(table.Rows);
        var map = table.Columns.Select(c => test.IndexOf(c)).ToArray();
        if (map.Any(m => m < 0)) throw new ArgumentException("The test table lacks columns: " + string.Join(", ", table.Columns.Where((_, k) => map[k] < 0)));
        foreach (var r in test.Rows) rows.Add(map.Select(m => r[m]).ToArray());
        return (new RawTable(table.Columns, rows, table.RaggedRows + test.RaggedRows), table.Rows.Count);
    }

    private static string ResolvePositive(PredictOptions options, Dictionary<string, int> values)
    {
        var positive = options.Positive?.Trim() ?? ChoosePositive(values);
        if (!values.ContainsKey(positive))
            positive = values.Keys.FirstOrDefault(k => string.Equals(k, positive, StringComparison.OrdinalIgnoreCase)) ?? positive;
        return values.ContainsKey(positive) ? positive : throw new ArgumentException($"Positive value '{positive}' not found in '{options.Target}'.");
    }

    private static string ChoosePositive(Dictionary<string, int> values)
    {
        foreach (var v in values.Keys) if (ColumnTyper.TryBoolean(v, out var b) && b) return v;
        return values.OrderBy(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).First().Key;
    }
}
