using System.Globalization;
using Rapport.Analytics.Prediction;
using Xunit.Abstractions;

namespace Rapport.Analytics.Tests;

/// <summary>The Telco churn table, read once, and the auto model trained once (held-out 20 %, seed 42).</summary>
public sealed class PredictionTelcoFixture
{
    public PredictionTelcoFixture()
    {
        var root = TransactionsTestData.DatasetsRoot;
        var path = root is null ? null : Path.Combine(root, "telco-churn", "Telco-Customer-Churn.csv");
        if (path is null || !File.Exists(path)) return;
        Table = TableReader.Read(path);
        Report = Predictor.Train(Table, new PredictOptions("Churn", Positive: "Yes", Id: null, TestFraction: 0.2, Seed: 42));
    }

    public RawTable? Table { get; }
    public PredictionReport? Report { get; }
}

public sealed class PredictionTelcoTests(PredictionTelcoFixture fixture, ITestOutputHelper output) : IClassFixture<PredictionTelcoFixture>
{
    private static string F(double v) => v.ToString("0.0000", CultureInfo.InvariantCulture);

    [Fact]
    public void Telco_auto_model_reaches_auc_084_on_held_out_20_percent()
    {
        var r = fixture.Report;
        if (r is null) { output.WriteLine("SKIPPED: telco-churn data set not found"); return; }
        output.WriteLine($"model={r.Model} testAUC={F(r.Metrics.Auc)} acc={F(r.Metrics.Accuracy)} f1={F(r.Metrics.F1)} logLoss={F(r.Metrics.LogLoss)} brier={F(r.Metrics.Brier)} seconds={r.Seconds}");
        output.WriteLine($"CV {r.CrossValidation.Folds}-fold AUC {F(r.CrossValidation.AucMean)} ± {F(r.CrossValidation.AucStd)}");
        foreach (var c in r.CrossValidation.Candidates) output.WriteLine($"  candidate {c.Model}: CV AUC {F(c.AucMean)} ± {F(c.AucStd)} ({c.Seconds} s)");
        foreach (var fi in r.FeatureImportance.Take(5)) output.WriteLine($"  importance {fi.Feature}: {F(fi.Importance)} ± {F(fi.Std)}");
        var example = r.Predictions.OrderByDescending(p => p.Probability).First();
        output.WriteLine($"  example {example.Id} p={example.Probability:0.000}: {string.Join("; ", example.Reasons)}");

        Assert.Equal(1409, r.TestRows);
        Assert.Equal(5634, r.TrainRows);
        Assert.True(r.Metrics.Auc >= 0.84, $"test AUC {r.Metrics.Auc}");
        Assert.InRange(r.CrossValidation.AucMean, 0.82, 0.90);
        Assert.Equal(5, r.CrossValidation.Folds);
        Assert.Equal(3, r.CrossValidation.Candidates.Count);
        Assert.InRange(r.Metrics.Brier, 0.0, 0.16);
        Assert.InRange(r.Metrics.LogLoss, 0.0, 0.48);
        Assert.Equal(1409, r.Predictions.Count);
    }

    [Fact]
    public void Telco_month_to_month_contract_pushes_churn_up()
    {
        var r = fixture.Report;
        if (r is null) return;
        var details = r.Predictions.SelectMany(p => p.ReasonDetails).Where(d => d.Feature == "Contract").ToList();
        Assert.NotEmpty(details);
        var m2m = details.Where(d => d.Value == "Month-to-month").ToList();
        Assert.NotEmpty(m2m);
        Assert.True(m2m.Average(d => d.Delta) > 0, "month-to-month should push churn up");
        var twoYear = details.Where(d => d.Value == "Two year").ToList();
        if (twoYear.Count > 0) Assert.True(twoYear.Average(d => d.Delta) < 0, "two-year contracts should push churn down");
        // Contract or tenure among the three most important columns.
        var top = r.FeatureImportance.Take(3).Select(f => f.Feature).ToList();
        Assert.True(top.Contains("Contract") || top.Contains("tenure"), string.Join(",", top));
        // Reasons read as words, not column codes: "contract: Month-to-month (+0.18)", "tenure of 2, lower than typical (29) (+0.15)".
        var texts = r.Predictions.SelectMany(p => p.Reasons).ToList();
        Assert.All(texts, t => Assert.Matches(@"^[a-zA-Z ]+(: .+| of [\d,.]+, (higher than|lower than|same as) typical \([\d,.]+\)| unknown .+) \([+-]\d\.\d\d\)$", t));
        Assert.Contains(texts, t => t.StartsWith("contract: Month-to-month (+", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.StartsWith("tenure of ", StringComparison.Ordinal) && t.Contains("lower than typical", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.StartsWith("monthly charges of ", StringComparison.Ordinal));
    }

    [Fact]
    public void Telco_customer_id_is_excluded_and_total_charges_blanks_are_imputed_and_counted()
    {
        var r = fixture.Report;
        if (r is null) return;
        var q = r.DataQuality;
        var id = q.Columns.Single(c => c.Name == "customerID");
        Assert.Equal(PredictionColumnKind.Id, id.Kind);
        Assert.Contains("customerID", q.ExcludedColumns);
        Assert.DoesNotContain(r.FeatureImportance, f => f.Feature == "customerID");
        var total = q.Columns.Single(c => c.Name == "TotalCharges");
        Assert.Equal(PredictionColumnKind.Numeric, total.Kind);
        Assert.Equal(11, total.Blanks);
        Assert.Equal(11, total.Imputed);
        Assert.NotNull(total.ImputedWith);
        Assert.Equal(PredictionColumnKind.Boolean, q.Columns.Single(c => c.Name == "SeniorCitizen").Kind);
        Assert.Equal(PredictionColumnKind.Boolean, q.Columns.Single(c => c.Name == "Partner").Kind);
        Assert.Equal(PredictionColumnKind.Categorical, q.Columns.Single(c => c.Name == "Contract").Kind);
        Assert.Equal(PredictionColumnKind.Numeric, q.Columns.Single(c => c.Name == "tenure").Kind);
        Assert.Equal(PredictionColumnKind.Target, q.Columns.Single(c => c.Name == "Churn").Kind);
        Assert.Equal(7043, q.Rows);
        // The id column names the predictions.
        Assert.Matches(@"^\d{4}-[A-Z]{5}$", r.Predictions[0].Id);
        var json = r.ToJson();
        foreach (var key in new[] { "\"model\"", "\"metrics\"", "\"auc\"", "\"logLoss\"", "\"brier\"", "\"crossValidation\"", "\"aucMean\"", "\"aucStd\"", "\"featureImportance\"", "\"predictions\"", "\"reasons\"", "\"dataQuality\"" })
            Assert.Contains(key, json);
    }

    [Theory]
    [InlineData(PredictionModelKind.Logistic, 0.835)]
    [InlineData(PredictionModelKind.Gbdt, 0.82)]
    [InlineData(PredictionModelKind.Forest, 0.82)]
    [InlineData(PredictionModelKind.Tree, 0.80)]
    public void Telco_each_learner(PredictionModelKind kind, double minAuc)
    {
        var table = fixture.Table;
        if (table is null) return;
        var r = Predictor.Train(table, new PredictOptions("Churn", Positive: "Yes", Model: kind, PermutationRepeats: 1));
        output.WriteLine($"{r.Model}: test AUC {F(r.Metrics.Auc)} CV {F(r.CrossValidation.AucMean)} ± {F(r.CrossValidation.AucStd)} logLoss {F(r.Metrics.LogLoss)} brier {F(r.Metrics.Brier)} seconds {r.Seconds}");
        foreach (var fi in r.FeatureImportance.Take(5)) output.WriteLine($"  importance {fi.Feature}: {F(fi.Importance)}");
        output.WriteLine("  " + string.Join("; ", r.Predictions[0].Reasons));
        Assert.Equal(Predictor.Name(kind), r.Model);
        Assert.True(r.Metrics.Auc >= minAuc, $"{kind} test AUC {r.Metrics.Auc}");
        Assert.All(r.Predictions, p => Assert.InRange(p.Probability, 0.0, 1.0));
        Assert.Equal(kind == PredictionModelKind.Tree, r.Rules is not null);
    }

    [Fact]
    public void Telco_tree_prints_readable_rules_that_cover_every_training_row()
    {
        var table = fixture.Table;
        if (table is null) return;
        var r = Predictor.Train(table, new PredictOptions("Churn", Positive: "Yes", Model: PredictionModelKind.Tree, PermutationRepeats: 1));
        Assert.NotNull(r.Rules);
        foreach (var rule in r.Rules!) output.WriteLine(rule.Text);
        output.WriteLine($"tree: test AUC {F(r.Metrics.Auc)} CV {F(r.CrossValidation.AucMean)}, {r.Rules.Count} rules");
        // The leaves partition the training part, and the pruned tree stays small enough to read.
        Assert.Equal(r.TrainRows, r.Rules.Sum(x => x.Rows));
        Assert.InRange(r.Rules.Count, 3, 40);
        // The riskiest rule is about month-to-month contracts (or the internet service / tenure that go with them).
        var top = r.Rules[0];
        Assert.True(top.Probability > 0.5, top.Text);
        Assert.Contains(top.Conditions, c => c.StartsWith("contract is Month-to-month", StringComparison.Ordinal) || c.StartsWith("tenure", StringComparison.Ordinal) || c.StartsWith("internet service", StringComparison.Ordinal));
        Assert.All(r.Rules, x => Assert.Matches(@"^IF .+ THEN Churn = Yes in \d+% \([\d,]+ rows\)$", x.Text));
        var safest = r.Rules[^1];
        Assert.True(safest.Probability < 0.1, safest.Text);
    }
}
