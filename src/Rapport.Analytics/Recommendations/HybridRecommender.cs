namespace Rapport.Analytics.Recommendations;

/// <summary>
/// A weighted blend of fitted recommenders: each component's top <see cref="Depth"/> items for the customer are
/// min–max normalised to [0, 1] within that list (so scores of different algorithms become comparable) — except for
/// components marked <see cref="IAbsoluteScores"/>, whose 0–1 scores are used as they are — multiplied by the
/// component's weight and summed. The reason is the one of the component that contributed most to the item.
/// Weights come from <see cref="HybridTuner"/>; <see cref="Fit"/> fits the components it was given.
/// </summary>
public sealed class HybridRecommender : IRecommender
{
    private readonly IRecommender[] _components;
    private readonly double[] _weights;

    public HybridRecommender(IReadOnlyList<IRecommender> components, IReadOnlyList<double> weights, int depth = 50, bool fitComponents = true)
    {
        if (components.Count == 0 || components.Count != weights.Count) throw new ArgumentException("one weight per component is needed");
        _components = [.. components];
        _weights = [.. weights];
        Depth = depth;
        FitsComponents = fitComponents;
    }

    public string Name => "hybrid";
    public int Depth { get; }
    public bool FitsComponents { get; }
    public IReadOnlyList<IRecommender> Components => _components;
    public IReadOnlyList<double> Weights => _weights;

    public void Fit(InteractionMatrix train)
    {
        if (!FitsComponents) return;
        foreach (var c in _components) c.Fit(train);
    }

    public IReadOnlyList<Recommendation> Recommend(int customer, int count)
    {
        var lists = new IReadOnlyList<Recommendation>[_components.Length];
        for (var c = 0; c < _components.Length; c++) lists[c] = _weights[c] > 0 ? _components[c].Recommend(customer, Depth) : [];
        return Blend(lists, _weights, count, _components.Select(c => c is IAbsoluteScores).ToArray());
    }

    /// <summary>Blends component lists (best first) with the weights; used by the tuner on cached lists too.</summary>
    public static IReadOnlyList<Recommendation> Blend(IReadOnlyList<Recommendation>[] lists, IReadOnlyList<double> weights, int count, IReadOnlyList<bool>? absolute = null)
    {
        var total = new Dictionary<int, (double Score, double Best, Reason Because)>(lists.Sum(l => l.Count));
        for (var c = 0; c < lists.Length; c++)
        {
            var list = lists[c];
            var w = weights[c];
            if (w <= 0 || list.Count == 0) continue;
            var (max, min) = (list[0].Score, list[^1].Score);
            foreach (var r in list)
            {
                var normalised = absolute is not null && absolute[c] ? Math.Clamp(r.Score, 0, 1) : max > min ? (r.Score - min) / (max - min) : 1.0;
                // A small floor keeps the last item of a list above items the component did not suggest at all.
                var part = w * (0.05 + 0.95 * normalised);
                var current = total.GetValueOrDefault(r.Item);
                total[r.Item] = part > current.Best ? (current.Score + part, part, r.Because) : (current.Score + part, current.Best, current.Because);
            }
        }
        var all = new Recommendation[total.Count];
        var n = 0;
        foreach (var (item, value) in total) all[n++] = new Recommendation(item, value.Score, value.Because);
        Array.Sort(all, static (a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Item.CompareTo(b.Item));
        return all.Length <= count ? all : all[..count];
    }
}
