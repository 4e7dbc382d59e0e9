namespace Rapport.Analytics.Recommendations;

/// <summary>
/// The customer's own repeat-purchase pattern: for every item bought on at least two distinct days, the mean interval
/// between purchases; the score is the chance of a purchase within the next <see cref="HorizonDays"/> days if the
/// habit goes on (1 − e^(−H/interval)), damped once the item is more than two intervals overdue (the habit may have
/// stopped) and by how established it is (1 − 1/purchase days). The reason says how often and when it is due.
/// </summary>
public sealed class RepeatPurchaseRecommender(int horizonDays = 30) : IRecommender, IAbsoluteScores
{
    private InteractionMatrix? _train;

    public string Name => "repeat";
    public int HorizonDays { get; } = horizonDays > 0 ? horizonDays : throw new ArgumentOutOfRangeException(nameof(horizonDays));

    public void Fit(InteractionMatrix train) => _train = train ?? throw new ArgumentNullException(nameof(train));

    /// <summary>Mean days between purchase days, due in (days from the end of training; negative = overdue), and the score; null when bought on one day only.</summary>
    public static (double Interval, int Due, double Score)? Pattern(int firstDay, int lastDay, int purchaseDays, int endDay, int horizonDays)
    {
        if (purchaseDays < 2 || lastDay <= firstDay) return null;
        var interval = (double)(lastDay - firstDay) / (purchaseDays - 1);
        var due = (int)Math.Round(lastDay + interval - endDay);
        var elapsed = endDay - lastDay;
        var chance = 1 - Math.Exp(-horizonDays / interval);
        var lapse = Math.Exp(-Math.Max(0, elapsed - 2 * interval) / interval);
        return (interval, due, chance * lapse * (1 - 1.0 / purchaseDays));
    }

    public IReadOnlyList<Recommendation> Recommend(int customer, int count)
    {
        var train = _train ?? throw new InvalidOperationException("Fit first.");
        var m = train.Counts;
        var found = new List<Recommendation>();
        for (var k = m.RowStart[customer]; k < m.RowStart[customer + 1]; k++)
            if (Pattern(train.FirstDay[k], train.LastDay[k], train.PurchaseDays[k], train.EndDay, HorizonDays) is { } p && p.Score > 0)
                found.Add(new Recommendation(m.Columns[k], p.Score, new Reason(ReasonKind.Repeat, m.Columns[k], train.PurchaseDays[k], p.Interval, p.Due)));
        found.Sort((a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Item.CompareTo(b.Item));
        return found.Count <= count ? found : found[..count];
    }
}
