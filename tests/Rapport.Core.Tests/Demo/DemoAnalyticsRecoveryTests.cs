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
        var truth = DemoFixture.Index.Truth;
        var segmentNames = DemoFixture.Data.Truth.Segments.Select(s => s.Name).ToList();
        var planted = rfm.Customers.Select(c => segmentNames.IndexOf(truth[long.Parse(c.Customer)].Segment)).ToArray();

        // The segments differ in purchase rate while active and in order value; recency and tenure mostly tell when
        // someone joined or dropped out. Rate while active: repeat orders per 30 days between first and last order.
        var activeRate = rfm.Customers.Select(c => (c.Frequency - 1) * 30.0 / Math.Max(c.TenureDays - c.RecencyDays, 30)).ToArray();
        var features = FeatureMatrix.FromColumns(["active_purchase_rate", "avg_order_value"],
            [activeRate, rfm.Customers.Select(c => c.AvgOrderValue).ToArray()]);
        var fit = Segmenter.Fit(features, new SegmentationOptions(K: segmentNames.Count, Seed: 1));
        var ari = AdjustedRandIndex.Compute(planted, fit.Labels);
        var oracle = AdjustedRandIndex.Compute(planted, OracleLabels(rfm.Customers.Select(c => truth[long.Parse(c.Customer)]).ToList()));
        _output.WriteLine($"oracle ARI {oracle:0.000}");
        var shuffled = AdjustedRandIndex.Compute(planted.OrderBy(_ => Random.Shared.Next()).ToArray(), fit.Labels);
        _output.WriteLine($"ARI vs planted segments: {ari:0.000} (shuffled truth: {shuffled:0.000}), silhouette {fit.Silhouette:0.000}");
        // Segments overlap by design (Gamma-distributed rates within each segment), so even the oracle that knows
        // every customer's true rate and spend reaches only about 0.44. Observed rates from a handful of orders are
        // noisy: today's features reach about 0.10 — clearly above chance (shuffled ≈ 0), well below the oracle.
        // The floor guards against regressions; closing the gap to the oracle is open work (issue 3).
        Assert.True(ari > 0.08, $"ARI {ari:0.000} (oracle {oracle:0.000})");
        Assert.True(oracle > 0.3, $"oracle ARI {oracle:0.000}: the planted segments are no longer separable");
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
    /// The best any method could do from the customers' true (unobservable) purchase rate and spend: each customer
    /// goes to the segment whose mean rate and spend are nearest in log space. Segments overlap, so even this is far from 1.
    /// </summary>
    private static int[] OracleLabels(IReadOnlyList<DemoCustomerTruth> customers)
    {
        var segments = DemoFixture.Data.Truth.Segments;
        return customers.Select(c => Enumerable.Range(0, segments.Count).MinBy(i =>
            Math.Pow(Math.Log(c.Lambda / segments[i].MeanLambda), 2) + Math.Pow(Math.Log(c.ExpectedSpendPerOrder / segments[i].MeanExpectedSpendPerOrder), 2))).ToArray();
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
