using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Rapport.Analytics.Lifetime;
using Rapport.Analytics.Rfm;
using Rapport.Analytics.Segmentation;
using Rapport.Analytics.Transactions;
using Rapport.Core.Demo;
using Xunit.Abstractions;

namespace Rapport.Core.Tests.Demo;

/// <summary>
/// The analytics, run on the demo's transaction file exactly as `rapport analyze` reads it, recover what the
/// generator planted: the latent segments and who silently churned.
/// </summary>
public sealed class DemoAnalyticsRecoveryTests : IDisposable
{
    private readonly ITestOutputHelper _output;
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"rapport-demo-tx-{Guid.NewGuid():N}.csv");

    public DemoAnalyticsRecoveryTests(ITestOutputHelper output)
    {
        _output = output;
        using var writer = new StreamWriter(_file);
        DemoTransactions.Write(DemoFixture.Data, writer);
    }

    public void Dispose() => File.Delete(_file);

    private TransactionFileReader Reader() => new(new TransactionFileOptions { Path = _file });

    [Fact]
    public void The_transaction_file_is_read_without_flags_and_cancellations_are_counted()
    {
        var reader = Reader();
        var rfm = RfmCalculator.Compute(reader);
        var quality = rfm.DataQuality!;
        var cancelledLines = DemoFixture.Data.Orders.Where(o => o.Status == Domain.OrderStatus.Cancelled)
            .Sum(o => DemoFixture.Index.LinesByOrder[o.Id].Count());
        Assert.Equal(cancelledLines, quality.Rejected["cancelled"]);
        Assert.Equal(DemoFixture.Data.OrderLines.Count(l => l.ReturnedQuantity > 0 && DemoFixture.Index.Orders[l.OrderId].Status != Domain.OrderStatus.Cancelled), quality.Returns);
        Assert.Equal(DemoFixture.Data.Customers.Count, rfm.Customers.Count);
    }

    [Fact]
    public void Clustering_recovers_the_planted_segments()
    {
        var rfm = RfmCalculator.Compute(Reader());
        var table = CustomerFeatures.Compute(rfm, Reader);
        var truth = DemoFixture.Index.Truth;
        var segmentNames = DemoFixture.Data.Truth.Segments.Select(s => s.Name).ToList();
        var planted = table.Customers.Select(c => segmentNames.IndexOf(truth[long.Parse(c, CultureInfo.InvariantCulture)].Segment)).ToArray();

        // What `rapport analyze segments` does by default: k-means++ on the standardised shopping-habit features.
        var behaviour = table.Select(CustomerFeatures.ParseSet("behaviour", table.HasItems));
        var fit = Segmenter.Fit(behaviour, new SegmentationOptions(K: segmentNames.Count, Seed: 1));
        var ari = AdjustedRandIndex.Compute(planted, fit.Labels);
        var rfmOnly = AdjustedRandIndex.Compute(planted, Segmenter.Fit(table.Select(CustomerFeatures.RfmNames), new SegmentationOptions(K: segmentNames.Count, Seed: 1)).Labels);
        var shuffled = AdjustedRandIndex.Compute(planted.OrderBy(_ => Random.Shared.Next()).ToArray(), fit.Labels);

        // The ceiling: a supervised classifier (gradient-boosted trees, one vs rest, 5-fold cross-validation) that is
        // told the planted segments and sees every feature of the file. No clustering of these features can do better
        // than what it reaches, up to its own estimation error.
        var (accuracy, supervisedAri) = SupervisedCeiling(table.All, planted);
        _output.WriteLine($"k-means on shopping habits: ARI {ari:0.000} (RFM features only: {rfmOnly:0.000}; shuffled truth: {shuffled:0.000}), silhouette {fit.Silhouette:0.000}");
        _output.WriteLine($"supervised ceiling on all {table.All.Columns} features: accuracy {accuracy:0.000}, ARI {supervisedAri:0.000}; k-means reaches {ari / supervisedAri:P0} of it");

        // Figures at 4,000 customers — supervised ceiling accuracy / ARI; k-means ARI on the behaviour features with
        // k-means seeds 1, 2, 3; k-means ARI on the RFM features:
        //   data seed 11 (this fixture): 0.832 / 0.622; 0.537 0.539 0.534; 0.099
        //   data seed  1:                0.834 / 0.622; 0.505 0.505 0.503; 0.097
        //   data seed  2:                0.834 / 0.617; 0.529 0.489 0.489; 0.106
        //   data seed  3:                0.828 / 0.605; 0.485 0.483 0.522; 0.102
        //   data seed  4:                0.845 / 0.644; 0.495 0.493 0.468; 0.096
        // The five segments overlap by design: a regular customer acquired last month has one order and can look like
        // an occasional one; occasional and one-off buyers with a single order differ only in what that order held. So
        // the ceiling is about 0.83 accuracy (ARI ≈ 0.62), not 1. k-means reaches 0.47–0.54, 73–87 % of the ceiling's
        // ARI; the same k-means on the RFM features alone reaches about 0.10, which is all the test had before the
        // demo's segments shopped differently (recency, frequency and tenure mostly tell when a customer joined). On
        // that earlier demo the ceiling was 0.635 accuracy / 0.31 ARI and these behaviour features reached 0.18.
        // Floors: 0.40 is a margin of about 0.07 under the lowest of those 15 runs; 65 % of the ceiling is under the
        // lowest ratio (0.73).
        Assert.True(ari > 0.40, $"ARI {ari:0.000} (supervised ceiling {supervisedAri:0.000})");
        Assert.True(ari > 0.65 * supervisedAri, $"ARI {ari:0.000} is under 65 % of the supervised ceiling {supervisedAri:0.000}");
        Assert.True(ari > rfmOnly + 0.25, $"shopping habits {ari:0.000} vs RFM only {rfmOnly:0.000}");
        Assert.True(Math.Abs(shuffled) < 0.05);
    }

    [Fact]
    public void Probability_alive_ranks_the_churned_below_the_active()
    {
        var end = DateOnly.FromDateTime(DemoFixture.Data.Truth.WindowEnd).AddDays(-1);
        var report = ClvAnalysis.Run(Reader(), new ClvOptions(end) { TimeUnit = TimeUnit.Days, FitParetoNbd = false });
        var truth = DemoFixture.Index.Truth;
        // Customers whose only purchase was their first cannot have churned yet in BG/NBD terms; the ranking that
        // matters is among repeat buyers, where the model has evidence.
        var scored = report.Customers.Where(c => c.Frequency > 0)
            .Select(c => (Churned: truth[long.Parse(c.Customer)].Churned, c.PAlive)).ToList();
        var auc = Auc(scored.Select(s => 1 - s.PAlive).ToList(), scored.Select(s => s.Churned).ToList());
        _output.WriteLine($"AUC of 1 − P(alive) for churned vs active repeat buyers: {auc:0.000} over {scored.Count} customers ({scored.Count(s => s.Churned)} churned)");
        Assert.True(auc > 0.8, $"AUC {auc:0.000}");
    }

    /// <summary>
    /// Cross-validated accuracy and ARI of a supervised classifier trained on the planted segments: FastTree (100 trees)
    /// one-vs-rest, 5 folds by row index modulo 5 (rows are in order of first purchase, so each fold spans the window).
    /// </summary>
    private static (double Accuracy, double Ari) SupervisedCeiling(FeatureMatrix features, int[] labels)
    {
        var ml = new MLContext(seed: 1);
        var rows = Enumerable.Range(0, features.Rows)
            .Select(i => new LabelledRow { Features = features.Row(i).ToArray().Select(v => (float)v).ToArray(), Label = (uint)labels[i] })
            .ToList();
        var schema = SchemaDefinition.Create(typeof(LabelledRow));
        schema[nameof(LabelledRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, features.Columns);
        const int folds = 5;
        var predicted = new int[rows.Count];
        for (var f = 0; f < folds; f++)
        {
            var train = ml.Data.LoadFromEnumerable(rows.Where((_, i) => i % folds != f), schema);
            var testIndexes = Enumerable.Range(0, rows.Count).Where(i => i % folds == f).ToArray();
            var test = ml.Data.LoadFromEnumerable(testIndexes.Select(i => rows[i]), schema);
            var model = ml.Transforms.Conversion.MapValueToKey(nameof(LabelledRow.Label))
                .Append(ml.MulticlassClassification.Trainers.OneVersusAll(ml.BinaryClassification.Trainers.FastTree(numberOfTrees: 100)))
                .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedSegment", "PredictedLabel"))
                .Fit(train);
            var output = model.Transform(test).GetColumn<uint>("PredictedSegment").ToArray();
            for (var k = 0; k < testIndexes.Length; k++) predicted[testIndexes[k]] = (int)output[k];
        }

        var accuracy = Enumerable.Range(0, rows.Count).Average(i => predicted[i] == labels[i] ? 1.0 : 0.0);
        return (accuracy, AdjustedRandIndex.Compute(labels, predicted));
    }

    private sealed class LabelledRow
    {
        public float[] Features { get; set; } = [];
        public uint Label { get; set; }
    }

    /// <summary>Area under the ROC curve by the rank-sum (Mann–Whitney) formula, ties counted half.</summary>
    private static double Auc(IReadOnlyList<double> score, IReadOnlyList<bool> positive)
    {
        var order = Enumerable.Range(0, score.Count).OrderBy(i => score[i]).ToArray();
        var ranks = new double[score.Count];
        for (var i = 0; i < order.Length;)
        {
            var j = i;
            while (j + 1 < order.Length && score[order[j + 1]] == score[order[i]]) j++;
            for (var k = i; k <= j; k++) ranks[order[k]] = (i + j) / 2.0 + 1;
            i = j + 1;
        }
        var positives = positive.Count(p => p);
        var negatives = positive.Count - positives;
        var rankSum = Enumerable.Range(0, score.Count).Where(i => positive[i]).Sum(i => ranks[i]);
        return (rankSum - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }
}
