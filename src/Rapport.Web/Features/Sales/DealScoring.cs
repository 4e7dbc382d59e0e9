using Microsoft.EntityFrameworkCore;
using Rapport.Core.Sales;
using Rapport.Data;

namespace Rapport.Web.Features.Sales;

/// <summary>
/// The win-scoring model, trained from the database's closed deals on first use, on demand (<see cref="RetrainAsync"/>)
/// and on a schedule (<see cref="DealScoringSchedule"/>), and kept in memory between; scores are computed for the deals
/// asked for, as they stand now.
/// </summary>
public sealed class DealScoring(IDbContextFactory<RapportDb> databases, TimeProvider clock, ILogger<DealScoring> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private DealWinModel? _model;
    private bool _trained;

    /// <summary>The current model (trained now if never trained), or null when the history is too small.</summary>
    public async Task<DealWinModel?> ModelAsync(CancellationToken ct = default)
    {
        if (_trained) return _model;
        return await RetrainAsync(ct);
    }

    public async Task<DealWinModel?> RetrainAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await using var db = await databases.CreateDbContextAsync(ct);
            var history = await DealHistories.LoadAsync(db, null, ct);
            // The learner is CPU work on a few thousand rows: off the caller's thread.
            var model = await Task.Run(() => DealWinModel.Train(history, clock.GetUtcNow().UtcDateTime), ct);
            _model = model;
            _trained = true;
            if (model is null) logger.LogInformation("Deal scoring: too little closed-deal history to learn from.");
            else logger.LogInformation("Deal scoring trained on {Closed} closed deals; held-out AUC {Auc:0.000}.", model.ClosedDeals, model.Report.Metrics.Auc);
            return model;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Scores for the given deals (empty when there is no model).</summary>
    public async Task<IReadOnlyDictionary<long, DealScore>> ScoreAsync(IReadOnlyCollection<long> dealIds, CancellationToken ct = default)
    {
        if (dealIds.Count == 0) return new Dictionary<long, DealScore>();
        var model = await ModelAsync(ct);
        if (model is null) return new Dictionary<long, DealScore>();
        await using var db = await databases.CreateDbContextAsync(ct);
        var deals = await DealHistories.LoadAsync(db, dealIds, ct);
        return model.Score(deals, clock.GetUtcNow().UtcDateTime).ToDictionary(s => s.DealId);
    }
}

/// <summary>Retrains <see cref="DealScoring"/> every <see cref="SalesOptions.RetrainHours"/> (cheap: the history is small).</summary>
internal sealed class DealScoringSchedule(DealScoring scoring, SalesOptions options, ILogger<DealScoringSchedule> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.RetrainHours <= 0) return;
        using var timer = new PeriodicTimer(TimeSpan.FromHours(options.RetrainHours));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try { await scoring.RetrainAsync(stoppingToken); }
            catch (Exception e) when (e is not OperationCanceledException) { logger.LogWarning(e, "Deal scoring retrain failed; the previous model stays."); }
        }
    }
}
