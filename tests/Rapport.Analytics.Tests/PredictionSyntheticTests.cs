using System.Globalization;
using System.Text;
using Rapport.Analytics.Prediction;

namespace Rapport.Analytics.Tests;

public sealed class PredictionSyntheticTests
{
    /// <summary>
    /// 1 500 rows: churn depends on plan (monthly up, yearly down) and on a number (usage, down), with blanks in usage,
    /// a yes/no column with signal, a pure-noise number, a unique id column and a "text that is really numbers" column.
    /// </summary>
    private static string SyntheticCsv(int n = 1500, int seed = 7)
    {
        var rng = new Random(seed);
        var sb = new StringBuilder("account_id,plan,usage,support_calls,autopay,noise,region,left\n");
        string[] plans = ["monthly", "yearly", "two-year"];
        string[] regions = ["north", "south", "east", "west", "tiny1", "tiny2"];
        for (var i = 0; i < n; i++)
        {
            var plan = plans[rng.Next(3)];
            var usage = rng.NextDouble() * 100;
            var calls = rng.Next(0, 6);
            var autopay = rng.Next(2) == 0;
            var noise = rng.NextDouble();
            var region = i < 3 ? regions[4 + (i % 2)] : regions[rng.Next(4)];
            var z = -0.5 + (plan == "monthly" ? 1.8 : plan == "yearly" ? -0.8 : -1.6) - 0.035 * (usage - 50) + 0.45 * (calls - 2.5) + (autopay ? -0.7 : 0.4);
            var churn = rng.NextDouble() < 1 / (1 + Math.Exp(-z));
            var usageText = i % 50 == 0 ? " " : usage.ToString("0.00", CultureInfo.InvariantCulture);
            var callsText = i % 97 == 0 ? "n/a" : calls.ToString(CultureInfo.InvariantCulture);
            sb.Append(CultureInfo.InvariantCulture, $"A{i:00000},{plan},{usageText},\"{callsText}\",{(autopay ? "Yes" : "No")},{noise.ToString("0.0000", CultureInfo.InvariantCulture)},{region},{(churn ? "TRUE" : "FALSE")}\n");
        }
        return sb.ToString();
    }

    [Theory]
    [InlineData(PredictionModelKind.Logistic)]
    [InlineData(PredictionModelKind.Gbdt)]
    [InlineData(PredictionModelKind.Forest)]
    public void Known_signal_is_found_and_explained(PredictionModelKind kind)
    {
        var table = TableReader.Parse(SyntheticCsv());
        var r = Predictor.Train(table, new PredictOptions("left", Model: kind, Seed: 3));
        Assert.Equal("TRUE", r.Positive);
        Assert.True(r.Metrics.Auc > 0.78, $"AUC {r.Metrics.Auc}");
        var top3 = r.FeatureImportance.Take(3).Select(f => f.Feature).ToHashSet();
        Assert.Contains("plan", top3);
        Assert.Contains("usage", top3);
        var noise = r.FeatureImportance.Single(f => f.Feature == "noise");
        Assert.True(noise.Importance < 0.015, $"noise importance {noise.Importance}");
        Assert.DoesNotContain(r.FeatureImportance, f => f.Feature == "account_id");

        var planReasons = r.Predictions.SelectMany(p => p.ReasonDetails).Where(d => d.Feature == "plan").ToList();
        var monthly = planReasons.Where(d => d.Value == "monthly").Select(d => d.Delta).ToList();
        var twoYear = planReasons.Where(d => d.Value == "two-year").Select(d => d.Delta).ToList();
        Assert.NotEmpty(monthly);
        Assert.True(monthly.Average() > 0, "monthly plan should push churn up");
        if (twoYear.Count > 0) Assert.True(twoYear.Average() < 0, "two-year plan should push churn down");
        Assert.All(r.Predictions, p => Assert.InRange(p.Probability, 0.0, 1.0));
        Assert.All(r.Predictions, p => Assert.StartsWith("A", p.Id));
    }

    [Fact]
    public void Auto_picks_the_best_cv_candidate_and_reports_calibrated_metrics()
    {
        var table = TableReader.Parse(SyntheticCsv(1200, 11));
        var r = Predictor.Train(table, new PredictOptions("left", Positive: "TRUE"));
        Assert.Equal(3, r.CrossValidation.Candidates.Count);
        var best = r.CrossValidation.Candidates.MaxBy(c => c.AucMean)!;
        Assert.Equal(best.Model, r.Model);
        Assert.Equal(best.AucMean, r.CrossValidation.AucMean);
        Assert.InRange(r.Metrics.Brier, 0, 0.25);
        Assert.InRange(r.Metrics.LogLoss, 0, 0.69);
        Assert.Equal(240, r.TestRows);
        // Calibration: mean predicted probability close to the test positive rate.
        var meanP = r.Predictions.Average(p => p.Probability);
        var rate = r.Predictions.Average(p => p.Actual ? 1.0 : 0.0);
        Assert.InRange(meanP - rate, -0.06, 0.06);
    }

    [Fact]
    public void Columns_are_typed_cleaned_and_reported()
    {
        var table = TableReader.Parse(SyntheticCsv());
        var r = Predictor.Train(table, new PredictOptions("left", Model: PredictionModelKind.Logistic, PermutationRepeats: 1));
        var q = r.DataQuality;
        var cols = q.Columns.ToDictionary(c => c.Name);
        Assert.Equal(PredictionColumnKind.Id, cols["account_id"].Kind);
        Assert.Equal(PredictionColumnKind.Categorical, cols["plan"].Kind);
        Assert.Equal(3, cols["plan"].Levels);
        Assert.Equal(PredictionColumnKind.Numeric, cols["usage"].Kind);
        Assert.Equal(30, cols["usage"].Blanks);
        Assert.Equal(30, cols["usage"].Imputed);
        Assert.Equal(PredictionColumnKind.Numeric, cols["support_calls"].Kind);
        Assert.Equal(16, cols["support_calls"].Unparsable);
        Assert.Equal(16, cols["support_calls"].Imputed);
        Assert.Equal(PredictionColumnKind.Boolean, cols["autopay"].Kind);
        Assert.Equal(PredictionColumnKind.Numeric, cols["noise"].Kind);
        Assert.Equal(PredictionColumnKind.Categorical, cols["region"].Kind);
        // Levels are learnt on the training part: the rare values there (1 or 2 of tiny1/tiny2) go to "other".
        Assert.InRange(cols["region"].RareLevelsToOther, 1, 2);
        Assert.Equal(5, cols["region"].Levels);
        Assert.Equal(PredictionColumnKind.Target, cols["left"].Kind);
        Assert.Equal(46, q.ImputedCells);
        Assert.Equal(["account_id"], q.ExcludedColumns);
    }

    [Fact]
    public void Unique_text_column_is_id_like_even_without_an_id_name_and_explicit_id_is_used()
    {
        var sb = new StringBuilder("email,score,segment,bought\n");
        var rng = new Random(1);
        for (var i = 0; i < 400; i++)
        {
            var score = rng.NextDouble();
            sb.Append(CultureInfo.InvariantCulture, $"user{i}@example.com,{score:0.000},{(i % 2 == 0 ? "a" : "b")},{(rng.NextDouble() < score ? "yes" : "no")}\n");
        }
        var table = TableReader.Parse(sb.ToString());
        var r = Predictor.Train(table, new PredictOptions("bought", Model: PredictionModelKind.Logistic, PermutationRepeats: 1));
        Assert.Equal(PredictionColumnKind.Id, r.DataQuality.Columns.Single(c => c.Name == "email").Kind);
        Assert.EndsWith("@example.com", r.Predictions[0].Id);
        Assert.Equal("yes", r.Positive);

        var r2 = Predictor.Train(table, new PredictOptions("bought", Id: "segment", Model: PredictionModelKind.Logistic, PermutationRepeats: 1));
        Assert.Equal(PredictionColumnKind.Id, r2.DataQuality.Columns.Single(c => c.Name == "segment").Kind);
        Assert.Contains(r2.Predictions[0].Id, new[] { "a", "b" });
    }

    [Fact]
    public void Row_numbers_are_id_like_but_unique_amounts_are_features_and_positive_is_case_insensitive()
    {
        var sb = new StringBuilder("row,amount,bought\n");
        var rng = new Random(4);
        for (var i = 0; i < 300; i++)
        {
            var amount = 1000 + i * 37 + rng.Next(30);
            sb.Append(CultureInfo.InvariantCulture, $"{i + 1},{amount},{(rng.NextDouble() < (amount - 1000) / 12000.0 ? "Yes" : "No")}\n");
        }
        var r = Predictor.Train(TableReader.Parse(sb.ToString()), new PredictOptions("bought", Positive: "yes", Model: PredictionModelKind.Logistic, PermutationRepeats: 1));
        var cols = r.DataQuality.Columns.ToDictionary(c => c.Name);
        Assert.Equal(PredictionColumnKind.Id, cols["row"].Kind);
        Assert.Equal(PredictionColumnKind.Numeric, cols["amount"].Kind);
        Assert.Equal("Yes", r.Positive);
    }

    [Fact]
    public void Separate_test_table_is_used_instead_of_a_split()
    {
        var all = TableReader.Parse(SyntheticCsv(1000, 5));
        var train = new RawTable(all.Columns, all.Rows.Take(800).ToList());
        var test = new RawTable(all.Columns, all.Rows.Skip(800).ToList());
        var r = Predictor.Train(train, new PredictOptions("left", Model: PredictionModelKind.Logistic, PermutationRepeats: 1), test);
        Assert.Equal(800, r.TrainRows);
        Assert.Equal(200, r.TestRows);
        Assert.Equal("A00800", r.Predictions[0].Id);
    }

    [Theory]
    [InlineData(PredictionModelKind.Logistic)]
    [InlineData(PredictionModelKind.Tree)]
    public void Scorer_gives_new_rows_the_same_probabilities_and_reasons_as_the_report(PredictionModelKind kind)
    {
        var all = TableReader.Parse(SyntheticCsv(1000, 5));
        var train = new RawTable(all.Columns, all.Rows.Take(800).ToList());
        var test = new RawTable(all.Columns, all.Rows.Skip(800).ToList());
        var (report, scorer) = Predictor.Fit(train, new PredictOptions("left", Model: kind, PermutationRepeats: 1), test);
        // New rows come without the outcome and with the columns in another order.
        var order = new[] { "region", "noise", "account_id", "autopay", "support_calls", "usage", "plan" };
        var shuffled = new RawTable(order, test.Rows.Select(r => order.Select(c => r[test.IndexOf(c)]).ToArray()).ToList());
        var scored = scorer.Score(shuffled);
        Assert.Equal(report.Predictions.Select(p => p.Id), scored.Select(p => p.Id));
        Assert.Equal(report.Predictions.Select(p => p.Probability), scored.Select(p => p.Probability));
        Assert.Equal(report.Predictions.Select(p => string.Join("|", p.Reasons)), scored.Select(p => string.Join("|", p.Reasons)));
        var missing = new RawTable(["plan"], [["monthly"]]);
        Assert.Contains("usage", Assert.Throws<ArgumentException>(() => scorer.Score(missing)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_targets_are_rejected()
    {
        var table = TableReader.Parse("a,b\n1,x\n2,y\n3,z\n");
        Assert.Throws<ArgumentException>(() => Predictor.Train(table, new PredictOptions("b")));
        Assert.Throws<ArgumentException>(() => Predictor.Train(table, new PredictOptions("missing")));
    }

    [Fact]
    public void Csv_reader_handles_quotes_crlf_bom_semicolons_and_ragged_rows()
    {
        var t = TableReader.Parse("\uFEFFname;note;n\r\n\"Smith; J\";\"said \"\"hi\"\"\r\nthen left\";3\r\nx;y\r\n\r\nz;w;5;extra\r\n");
        Assert.Equal(["name", "note", "n"], t.Columns);
        Assert.Equal(3, t.Rows.Count);
        Assert.Equal("Smith; J", t.Rows[0][0]);
        Assert.Equal("said \"hi\"\r\nthen left", t.Rows[0][1]);
        Assert.Equal("3", t.Rows[0][2]);
        Assert.Equal("", t.Rows[1][2]);
        Assert.Equal("5", t.Rows[2][2]);
        Assert.Equal(2, t.RaggedRows);
        Assert.Equal(1, t.IndexOf("NOTE"));
    }

    [Fact]
    public void Auc_and_platt_are_correct_on_small_cases()
    {
        Assert.Equal(1.0, BinaryMetrics.Auc([0.1, 0.2, 0.8, 0.9], [false, false, true, true]));
        Assert.Equal(0.5, BinaryMetrics.Auc([0.5, 0.5, 0.5, 0.5], [false, true, false, true]));
        Assert.Equal(0.75, BinaryMetrics.Auc([0.1, 0.4, 0.35, 0.8], [false, false, true, true]));
        // Scores that are already logits of the truth: Platt ≈ identity.
        var rng = new Random(2);
        var s = new List<double>(); var y = new List<bool>();
        for (var i = 0; i < 20000; i++) { var z = rng.NextDouble() * 8 - 4; s.Add(3 * z); y.Add(rng.NextDouble() < BinaryMetrics.Sigmoid(z)); }
        var (a, b) = BinaryMetrics.FitPlatt(s, y);
        Assert.InRange(a, 0.30, 0.37);
        Assert.InRange(b, -0.1, 0.1);
    }
}
