namespace Rapport.Analytics.Recommendations;

/// <summary>
/// Baseline: the customer's own most-bought items (purchase lines, ties by the most recent purchase). Customers
/// get nothing beyond what they already bought, so lists may be shorter than K.
/// </summary>
public sealed class OwnHistoryRecommender : IRecommender
{
    private InteractionMatrix? _train;

    public string Name => "history";

    public void Fit(InteractionMatrix train) => _train = train ?? throw new ArgumentNullException(nameof(train));

    public IReadOnlyList<Recommendation> Recommend(int customer, int count)
    {
        var train = _train ?? throw new InvalidOperationException("Fit first.");
        var m = train.Counts;
        var (a, b) = (m.RowStart[customer], m.RowStart[customer + 1]);
        var entries = new List<(int Entry, float Score)>(b - a);
        // Count first; the last purchase day breaks ties (a fraction below one purchase).
        for (var k = a; k < b; k++) entries.Add((k, m.Values[k] + (train.LastDay[k] - train.StartDay) / (float)(train.EndDay - train.StartDay + 1) * 0.5f));
        entries.Sort((x, y) => y.Score.CompareTo(x.Score));
        var n = Math.Min(count, entries.Count);
        var result = new Recommendation[n];
        for (var r = 0; r < n; r++)
        {
            var k = entries[r].Entry;
            result[r] = new Recommendation(m.Columns[k], entries[r].Score, new Reason(ReasonKind.OwnFavourite, m.Columns[k], (int)m.Values[k]));
        }
        return result;
    }
}
