using Rapport.Analytics.Prediction;

namespace Rapport.Core.Sales;

/// <summary>A deal's scored win probability and the reasons behind it, in words.</summary>
public sealed record DealScore(long DealId, double WinProbability, IReadOnlyList<string> Reasons);

/// <summary>
/// Win probability learnt from the closed deals with the analytics predictor (logistic regression, calibrated, split by
/// the deals' creation time so the test part is the most recent deals). Needs some history: fewer than
/// <see cref="MinimumClosedDeals"/> closed deals (or only one outcome) gives no model.
/// </summary>
public sealed class DealWinModel
{
    public const int MinimumClosedDeals = 20;

    private readonly PredictionScorer _scorer;
    private readonly IReadOnlyList<DealHistory> _history;

    private DealWinModel(PredictionScorer scorer, PredictionReport report, IReadOnlyList<DealHistory> history, DateTime trainedAt)
    {
        _scorer = scorer;
        _history = history;
        Report = report;
        TrainedAt = trainedAt;
    }

    /// <summary>The predictor's report: held-out AUC and the other metrics, feature importance.</summary>
    public PredictionReport Report { get; }
    public DateTime TrainedAt { get; }
    public int ClosedDeals => _history.Count(d => d.Status is Domain.DealStatus.Won or Domain.DealStatus.Lost);

    /// <summary>Trains on <paramref name="history"/> (every deal; the closed ones teach), or null when there is too little to learn from.</summary>
    public static DealWinModel? Train(IReadOnlyList<DealHistory> history, DateTime now, int seed = 42)
    {
        var closed = history.Where(d => d.Status is Domain.DealStatus.Won or Domain.DealStatus.Lost && d.ClosedAt > d.CreatedAt).ToList();
        if (closed.Count < MinimumClosedDeals || closed.All(d => d.Status == closed[0].Status)) return null;
        // Held out by deal, not by row: the moments of one deal stay on one side, so the test AUC is honest. (A split by
        // time would test on recent deals that already closed, which are mostly the ones lost quickly.)
        var testDeals = HeldOut(closed, seed);
        var train = DealWinFeatures.Training(history, d => !testDeals.Contains(d.Id));
        var test = DealWinFeatures.Training(history, d => testDeals.Contains(d.Id));
        var options = new PredictOptions(DealWinFeatures.Target, Positive: "yes", Id: DealWinFeatures.Id, Seed: seed,
            Model: PredictionModelKind.Logistic, Folds: 4, ReasonsPerRow: 3, PermutationRepeats: 1);
        try
        {
            var (report, scorer) = Predictor.Fit(train, options, test);
            return new DealWinModel(scorer, report, history, now);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            // Too few rows in a part or a single outcome in a fold: no model rather than a wrong one.
            return null;
        }
    }

    /// <summary>A quarter of the closed deals, drawn by seed within each outcome so both sides keep won and lost deals.</summary>
    public static HashSet<long> HeldOut(IReadOnlyList<DealHistory> closed, int seed)
    {
        var random = new Random(seed);
        return closed.GroupBy(d => d.Status)
            .SelectMany(g => g.OrderBy(d => d.Id).Select(d => (d.Id, Key: random.NextDouble())).OrderBy(x => x.Key).Take((int)Math.Ceiling(g.Count() / 4.0)))
            .Select(x => x.Id).ToHashSet();
    }

    /// <summary>Scores deals as they stand at <paramref name="now"/>.</summary>
    public IReadOnlyList<DealScore> Score(IReadOnlyList<DealHistory> deals, DateTime now)
    {
        if (deals.Count == 0) return [];
        var rows = _scorer.Score(DealWinFeatures.Current(deals, _history, now));
        return rows.Select((r, i) => new DealScore(deals[i].Id, r.Probability, r.Reasons)).ToList();
    }
}
