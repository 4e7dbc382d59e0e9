using System.Globalization;
using Rapport.Analytics.Prediction;
using Rapport.Core.Domain;

namespace Rapport.Core.Sales;

/// <summary>
/// Feature rows for win scoring, each describing a deal as it stood at one moment: amount, the furthest open stage
/// reached, age, days since the last stage change, activities so far, company size and industry, whether the company
/// already bought, and the owner's win rate over the deals they closed before that moment. Closed deals give training
/// rows at several moments of their life (never at or after the close, so the outcome cannot leak in); open deals are
/// described as they stand now.
/// </summary>
public static class DealWinFeatures
{
    public const string Target = "won";
    public const string Id = "row";

    /// <summary>Moments of a closed deal's life at which training rows are taken, as fractions of its open time.</summary>
    private static readonly double[] TrainingMoments = [0.15, 0.5, 0.85];

    private static readonly string[] Columns =
    [
        Id, "amount", "stage_reached", "age_days", "days_since_stage_change", "activities", "company_employees", "industry",
        "existing_customer", "owner_win_rate", Target,
    ];

    /// <summary>Training rows from the closed (won or lost) deals, all of them or those <paramref name="include"/> accepts.</summary>
    public static RawTable Training(IReadOnlyList<DealHistory> deals, Func<DealHistory, bool>? include = null)
    {
        var closedByOwner = ClosedByOwner(deals);
        var rows = new List<string[]>();
        foreach (var deal in deals.Where(d => d.Status is DealStatus.Won or DealStatus.Lost && d.ClosedAt > d.CreatedAt && (include?.Invoke(d) ?? true)))
        {
            var life = deal.ClosedAt!.Value - deal.CreatedAt;
            for (var k = 0; k < TrainingMoments.Length; k++)
            {
                var at = deal.CreatedAt + life * TrainingMoments[k];
                rows.Add(Row($"{deal.Id}-{k}", deal, at, closedByOwner, deal.Status == DealStatus.Won ? "yes" : "no"));
            }
        }
        return new RawTable(Columns, rows);
    }

    /// <summary>Rows for the deals to score, as they stand at <paramref name="now"/>; the row id is the deal id.</summary>
    public static RawTable Current(IReadOnlyList<DealHistory> toScore, IReadOnlyList<DealHistory> history, DateTime now)
    {
        var closedByOwner = ClosedByOwner(history);
        return new RawTable(Columns, toScore.Select(d => Row(d.Id.ToString(CultureInfo.InvariantCulture), d, now, closedByOwner, "")).ToList());
    }

    private static ILookup<long, (DateTime At, bool Won)> ClosedByOwner(IReadOnlyList<DealHistory> deals)
        => deals.Where(d => d.OwnerId is not null && d.Status is DealStatus.Won or DealStatus.Lost && d.ClosedAt is not null)
            .ToLookup(d => d.OwnerId!.Value, d => (d.ClosedAt!.Value, d.Status == DealStatus.Won));

    private static string[] Row(string id, DealHistory deal, DateTime at, ILookup<long, (DateTime At, bool Won)> closedByOwner, string label)
    {
        var moves = deal.Moves.Where(m => m.At <= at).ToList();
        var reached = moves.Where(m => !m.Closing).Select(m => m.Position).DefaultIfEmpty(1).Max();
        var lastMove = moves.Count > 0 ? moves.Max(m => m.At) : deal.CreatedAt;
        var activities = deal.Activities.Count(a => a <= at);
        // The owner's record before this moment, with one won and one lost assumed so a new owner reads as 50 %.
        var record = deal.OwnerId is { } owner ? closedByOwner[owner].Where(c => c.At < at).ToList() : [];
        var winRate = (record.Count(c => c.Won) + 1.0) / (record.Count + 2.0);
        return
        [
            id,
            deal.Amount.ToString("0.##", CultureInfo.InvariantCulture),
            reached.ToString(CultureInfo.InvariantCulture),
            Days(at - deal.CreatedAt),
            Days(at - lastMove),
            activities.ToString(CultureInfo.InvariantCulture),
            deal.CompanyEmployees?.ToString(CultureInfo.InvariantCulture) ?? "",
            deal.CompanyIndustry ?? "",
            deal.ExistingCustomer ? "yes" : "no",
            winRate.ToString("0.###", CultureInfo.InvariantCulture),
            label,
        ];
    }

    private static string Days(TimeSpan span) => Math.Max(0, span.TotalDays).ToString("0.#", CultureInfo.InvariantCulture);
}
