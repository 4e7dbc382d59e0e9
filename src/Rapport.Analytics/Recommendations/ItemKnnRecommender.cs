namespace Rapport.Analytics.Recommendations;

public enum ItemWeighting { Binary, Bm25 }

/// <summary>
/// Item-based collaborative filtering: cosine similarity between item columns of the customer × item matrix (binary,
/// or BM25-weighted as in the <c>implicit</c> library), the top <see cref="Neighbours"/> neighbours kept per item.
/// A customer's score for item j is Σ over bought items i of sim(i, j) · log(1 + purchases of i); the reason names the
/// bought item that contributed most and how many customers bought both.
/// </summary>
public sealed class ItemKnnRecommender(int neighbours = 50, ItemWeighting weighting = ItemWeighting.Binary, double bm25K1 = 1.2, double bm25B = 0.75) : IRecommender
{
    private InteractionMatrix? _train;
    private int[] _start = [];
    private int[] _neighbour = [];
    private float[] _similarity = [];
    private int[] _together = [];

    public string Name => "itemknn";
    public int Neighbours { get; } = neighbours > 0 ? neighbours : throw new ArgumentOutOfRangeException(nameof(neighbours));
    public ItemWeighting Weighting { get; } = weighting;

    public void Fit(InteractionMatrix train)
    {
        ArgumentNullException.ThrowIfNull(train);
        _train = train;
        var byUser = train.Counts;
        var byItem = train.ByItem;
        var items = train.Items;
        var weights = Weights(byUser);
        // Column norms.
        var norm = new float[items];
        for (var k = 0; k < byUser.NonZeros; k++) norm[byUser.Columns[k]] += weights[k] * weights[k];
        for (var i = 0; i < items; i++) norm[i] = MathF.Sqrt(norm[i]);
        // Position of each (item, user) entry's weight in the user-major arrays: walk users in order.
        var itemWeights = new float[byItem.NonZeros];
        var fill = (int[])byItem.RowStart.Clone();
        for (var u = 0; u < byUser.Rows; u++)
            for (var k = byUser.RowStart[u]; k < byUser.RowStart[u + 1]; k++) itemWeights[fill[byUser.Columns[k]]++] = weights[k];

        var lists = new (int[] Items, float[] Sims, int[] Together)[items];
        Parallel.For(0, items, () => (Dot: new float[items], Both: new int[items], Touched: new List<int>()), (i, _, scratch) =>
        {
            var (dot, both, touched) = scratch;
            for (var k = byItem.RowStart[i]; k < byItem.RowStart[i + 1]; k++)
            {
                var u = byItem.Columns[k];
                var wi = itemWeights[k];
                for (var q = byUser.RowStart[u]; q < byUser.RowStart[u + 1]; q++)
                {
                    var j = byUser.Columns[q];
                    if (j == i) continue;
                    if (both[j] == 0) touched.Add(j);
                    dot[j] += wi * weights[q];
                    both[j]++;
                }
            }
            foreach (var j in touched) dot[j] = norm[i] > 0 && norm[j] > 0 ? dot[j] / (norm[i] * norm[j]) : 0f;
            var best = TopK.Select(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(touched), dot, Neighbours);
            lists[i] = ([.. best.Select(b => b.Item)], [.. best.Select(b => b.Score)], [.. best.Select(b => both[b.Item])]);
            foreach (var j in touched) { dot[j] = 0; both[j] = 0; }
            touched.Clear();
            return scratch;
        }, _ => { });

        _start = new int[items + 1];
        for (var i = 0; i < items; i++) _start[i + 1] = _start[i] + lists[i].Items.Length;
        _neighbour = new int[_start[items]];
        _similarity = new float[_start[items]];
        _together = new int[_start[items]];
        for (var i = 0; i < items; i++)
        {
            lists[i].Items.CopyTo(_neighbour, _start[i]);
            lists[i].Sims.CopyTo(_similarity, _start[i]);
            lists[i].Together.CopyTo(_together, _start[i]);
        }
    }

    /// <summary>The neighbours of an item, best first: (item, similarity, customers who bought both).</summary>
    public IEnumerable<(int Item, float Similarity, int Together)> NeighboursOf(int item)
    {
        for (var k = _start[item]; k < _start[item + 1]; k++) yield return (_neighbour[k], _similarity[k], _together[k]);
    }

    public IReadOnlyList<Recommendation> Recommend(int customer, int count)
    {
        var train = _train ?? throw new InvalidOperationException("Fit first.");
        var m = train.Counts;
        var s = Scratch.For(train.Items);
        for (var q = m.RowStart[customer]; q < m.RowStart[customer + 1]; q++)
        {
            var i = m.Columns[q];
            var w = MathF.Log(1 + m.Values[q]);
            for (var k = _start[i]; k < _start[i + 1]; k++)
            {
                var j = _neighbour[k];
                var part = _similarity[k] * w;
                if (!s.Seen[j]) { s.Seen[j] = true; s.Touched.Add(j); s.BestPart[j] = -1; }
                s.Score[j] += part;
                if (part > s.BestPart[j]) { s.BestPart[j] = part; s.BestFrom[j] = i; s.Together[j] = _together[k]; }
            }
        }
        var top = TopK.Select(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(s.Touched), s.Score, count);
        var result = new Recommendation[top.Length];
        for (var r = 0; r < top.Length; r++)
        {
            var j = top[r].Item;
            result[r] = new Recommendation(j, top[r].Score, new Reason(ReasonKind.BoughtTogether, s.BestFrom[j], s.Together[j]));
        }
        s.Clear();
        return result;
    }

    /// <summary>Per-thread dense work arrays, reset after each call by walking the touched items only.</summary>
    private sealed class Scratch
    {
        [ThreadStatic] private static Scratch? _current;
        public float[] Score = [];
        public float[] BestPart = [];
        public int[] BestFrom = [];
        public int[] Together = [];
        public bool[] Seen = [];
        public readonly List<int> Touched = [];

        public static Scratch For(int items)
        {
            var s = _current ??= new Scratch();
            if (s.Score.Length != items)
                (s.Score, s.BestPart, s.BestFrom, s.Together, s.Seen) = (new float[items], new float[items], new int[items], new int[items], new bool[items]);
            return s;
        }

        public void Clear()
        {
            foreach (var j in Touched) { Score[j] = 0; Seen[j] = false; }
            Touched.Clear();
        }
    }

    private float[] Weights(CsrMatrix byUser)
    {
        var weights = new float[byUser.NonZeros];
        if (Weighting == ItemWeighting.Binary)
        {
            Array.Fill(weights, 1f);
            return weights;
        }
        // BM25 with items as documents and customers as terms: idf of a customer falls with how many items they bought;
        // a purchase count saturates with K1 and is normalised by the item's number of buyers (its "length").
        var items = byUser.ColumnCount;
        var length = new float[items];
        for (var k = 0; k < byUser.NonZeros; k++) length[byUser.Columns[k]] += 1;
        var active = length.Count(l => l > 0);
        var average = length.Sum() / Math.Max(1, active);
        for (var u = 0; u < byUser.Rows; u++)
        {
            var df = byUser.RowLength(u);
            var idf = (float)Math.Log((double)Math.Max(active, 1) / (1 + df)) + 1e-3f;
            for (var k = byUser.RowStart[u]; k < byUser.RowStart[u + 1]; k++)
            {
                var r = byUser.Values[k];
                var lengthNorm = (float)((1 - bm25B) + bm25B * length[byUser.Columns[k]] / average);
                weights[k] = Math.Max(idf, 1e-3f) * r * (float)(bm25K1 + 1) / (r + (float)bm25K1 * lengthNorm);
            }
        }
        return weights;
    }
}
