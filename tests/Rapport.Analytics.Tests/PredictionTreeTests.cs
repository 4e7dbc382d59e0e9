using System.Globalization;
using System.Text;
using Rapport.Analytics.Prediction;

namespace Rapport.Analytics.Tests;

/// <summary>The CART tree (rules as text), the out-of-time split and the wording of reasons.</summary>
public sealed class PredictionTreeTests
{
    /// <summary>Churn is planted as a rule: monthly plan AND usage below 30 → 90 % churn, else 5 %.</summary>
    private static RawTable PlantedRule(int n = 2000, int seed = 5)
    {
        var rng = new Random(seed);
        var sb = new StringBuilder("id,plan,usage,autopay,signup,churned\n");
        var start = new DateOnly(2023, 1, 1);
        for (var i = 0; i < n; i++)
        {
            var plan = rng.Next(3) switch { 0 => "monthly", 1 => "yearly", _ => "two-year" };
            var usage = rng.Next(0, 100);
            var autopay = rng.Next(2) == 0 ? "yes" : "no";
            var risky = plan == "monthly" && usage < 30;
            var churn = rng.NextDouble() < (risky ? 0.9 : 0.05);
            var signup = start.AddDays(i / 4).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            sb.Append(CultureInfo.InvariantCulture, $"C{i},{plan},{usage},{autopay},{signup},{(churn ? "yes" : "no")}\n");
        }
        return TableReader.Parse(sb.ToString());
    }

    [Fact]
    public void Tree_recovers_a_planted_rule_with_its_threshold()
    {
        var r = Predictor.Train(PlantedRule(), new PredictOptions("churned", Model: PredictionModelKind.Tree, PermutationRepeats: 1));
        Assert.NotNull(r.Rules);
        var top = r.Rules![0];
        Assert.Contains("plan is monthly", top.Conditions);
        // usage is an integer 0–99 and the planted cut is "below 30": the split lands halfway between 29 and 30.
        Assert.Contains("usage ≤ 29.5", top.Conditions);
        Assert.InRange(top.Probability, 0.8, 0.97);
        Assert.StartsWith("IF plan is monthly AND usage ≤ 29.5 THEN churned = yes in ", top.Text, StringComparison.Ordinal);
        // Pruning removes splits on noise: autopay and signup never appear, and the tree stays tiny.
        Assert.DoesNotContain(r.Rules, x => x.Text.Contains("autopay", StringComparison.Ordinal));
        Assert.InRange(r.Rules.Count, 2, 4);
        Assert.Equal(r.TrainRows, r.Rules.Sum(x => x.Rows));
        // Two groups (10 % at 0.9, the rest at 0.05) cap the attainable AUC near 0.83.
        Assert.True(r.Metrics.Auc > 0.8, $"AUC {r.Metrics.Auc}");
        // Tree reasons come from the path: a risky row's reasons name plan and usage and push up.
        var riskyRow = r.Predictions.First(p => p.Probability > 0.7);
        Assert.Contains(riskyRow.ReasonDetails, d => d.Feature == "plan" && d.Delta > 0);
        Assert.Contains(riskyRow.ReasonDetails, d => d.Feature == "usage" && d.Delta > 0);
    }

    [Fact]
    public void Tree_on_pure_noise_prunes_back_to_one_rule()
    {
        var rng = new Random(9);
        var sb = new StringBuilder("a,b,c,y\n");
        for (var i = 0; i < 1500; i++)
            sb.Append(CultureInfo.InvariantCulture, $"{rng.NextDouble():0.0000},{rng.Next(5)},{(rng.Next(2) == 0 ? "x" : "z")},{(rng.NextDouble() < 0.3 ? 1 : 0)}\n");
        var r = Predictor.Train(TableReader.Parse(sb.ToString()), new PredictOptions("y", Model: PredictionModelKind.Tree, PermutationRepeats: 1));
        Assert.NotNull(r.Rules);
        Assert.True(r.Rules!.Count <= 2, string.Join(" | ", r.Rules.Select(x => x.Text)));
    }

    [Fact]
    public void Time_column_tests_on_the_latest_rows_and_is_not_a_feature()
    {
        var table = PlantedRule();
        var r = Predictor.Train(table, new PredictOptions("churned", Model: PredictionModelKind.Logistic, PermutationRepeats: 1, TimeColumn: "signup"));
        Assert.Equal("by time", r.Split.Method);
        Assert.Equal("signup", r.Split.TimeColumn);
        // 2,000 rows over 500 days, 4 a day: the latest 20 % start on day 400.
        Assert.Equal("2024-02-05", r.Split.TestFrom);
        Assert.Equal(400, r.TestRows);
        Assert.Equal(1600, r.TrainRows);
        Assert.All(r.Predictions, p => Assert.True(int.Parse(p.Id[1..], CultureInfo.InvariantCulture) >= 1600, p.Id));
        Assert.Equal(PredictionColumnKind.Excluded, r.DataQuality.Columns.Single(c => c.Name == "signup").Kind);
        Assert.DoesNotContain(r.FeatureImportance, f => f.Feature == "signup");
        Assert.Equal(5, r.CrossValidation.Folds);
        Assert.True(r.Metrics.Auc > 0.85, $"AUC {r.Metrics.Auc}");
    }

    [Fact]
    public void Time_column_with_a_non_date_names_the_row()
    {
        var table = PlantedRule(200);
        var rows = table.Rows.ToList();
        rows[17] = [.. rows[17]];
        rows[17][4] = "soon";
        var bad = new RawTable(table.Columns, rows);
        var ex = Assert.Throws<ArgumentException>(() => Predictor.Train(bad, new PredictOptions("churned", Model: PredictionModelKind.Logistic, TimeColumn: "signup")));
        Assert.Contains("Row 18", ex.Message, StringComparison.Ordinal);
        Assert.Contains("signup", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'soon'", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Predictor.Train(table, new PredictOptions("churned", TimeColumn: "missing")));
    }

    [Theory]
    [InlineData("MonthlyCharges", "monthly charges")]
    [InlineData("support_calls", "support calls")]
    [InlineData("tenure", "tenure")]
    [InlineData("TVPlan", "TV plan")]
    [InlineData("customer-ID", "customer ID")]
    [InlineData("PaperlessBilling", "paperless billing")]
    public void Column_names_read_as_words(string column, string words) => Assert.Equal(words, ReasonText.Humanise(column));
}
