using Microsoft.EntityFrameworkCore;
using Rapport.Core.Domain;
using Rapport.Core.Sales;
using Rapport.Data;

namespace Rapport.Web.Features.Sales;

/// <summary>
/// The forecast two ways: the headline weights each open deal by its own probability (its stage's default, set on every
/// move, or what the owner typed) — the figure managers set and can check by hand; the second weights by the scored win
/// probability learnt from closed deals (the stage probability where no model exists yet).
/// </summary>
public sealed record SalesForecast(IReadOnlyList<ForecastMonth> ByStage, IReadOnlyList<ForecastMonth> ByScore, decimal StageTotal, decimal ScoreTotal, bool Scored);

public sealed class SalesForecastService(IDbContextFactory<RapportDb> databases, DealScoring scoring, TimeProvider clock)
{
    public async Task<SalesForecast> ForecastAsync(long? pipelineId = null, long? ownerId = null, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var query = db.Deals.AsNoTracking().Where(d => d.Status == DealStatus.Open);
        if (pipelineId is { } p) query = query.Where(d => d.PipelineId == p);
        if (ownerId is { } o) query = query.Where(d => d.OwnerId == o);
        var open = await query.Select(d => new { d.Id, d.Amount, d.Probability, d.ExpectedClose }).ToListAsync(ct);
        var scores = await scoring.ScoreAsync(open.Select(d => d.Id).ToList(), ct);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var byStage = PipelineForecast.ByMonth(open.Select(d => new ForecastDeal(d.Amount, d.Probability, d.ExpectedClose)), today);
        var byScore = PipelineForecast.ByMonth(open.Select(d => new ForecastDeal(d.Amount,
            scores.TryGetValue(d.Id, out var s) ? s.WinProbability : d.Probability, d.ExpectedClose)), today);
        return new SalesForecast(byStage, byScore, byStage.Sum(m => m.Weighted), byScore.Sum(m => m.Weighted), scores.Count > 0);
    }
}
