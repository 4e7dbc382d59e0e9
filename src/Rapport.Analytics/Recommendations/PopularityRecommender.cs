namespace Rapport.Analytics.Recommendations;

/// <summary>
/// Baseline: the items bought by the most customers in the last <see cref="WindowDays"/> days of training (ties by
/// all-time buyers), the same list for everyone — also the cold-start answer for a customer without history.
/// </summary>
public sealed class PopularityRecommender(int windowDays = 90, int maxItems = 200) : IRecommender
{
    private Recommendation[] _ranked = [];

    public string Name => "popularity";
    public int WindowDays { get; } = windowDays > 0 ? windowDays : throw new ArgumentOutOfRangeException(nameof(windowDays));

    public void Fit(InteractionMatrix train)
    {
        ArgumentNullException.ThrowIfNull(train);
        var from = train.EndDay - WindowDays;
        var recent = new int[train.Items];
        var ever = new int[train.Items];
        var m = train.Counts;
        for (var k = 0; k < m.NonZeros; k++)
        {
            ever[m.Columns[k]]++;
            if (train.LastDay[k] >= from) recent[m.Columns[k]]++;
        }
        var scores = new float[train.Items];
        // Recent buyers first; all-time buyers only break ties (they add less than one recent buyer).
        var maxEver = Math.Max(1, ever.Max());
        for (var i = 0; i < scores.Length; i++) scores[i] = recent[i] + 0.5f * ever[i] / maxEver;
        _ranked = [.. TopK.SelectAll(scores, maxItems, 0f).Select(t => new Recommendation(t.Item, t.Score, new Reason(ReasonKind.Popular, t.Item, recent[t.Item])))];
    }

    public IReadOnlyList<Recommendation> Recommend(int customer, int count) => _ranked.Length <= count ? _ranked : _ranked[..count];
}
