namespace Rapport.Analytics.Recommendations;

/// <summary>
/// Implicit-feedback matrix factorisation (Hu, Koren &amp; Volinsky 2008): preference p = 1 for every bought item,
/// confidence c = 1 + α·r (r = purchase lines), minimise Σ c (p − xᵤ·yᵢ)² + λ(‖X‖² + ‖Y‖²) by alternating least squares.
/// Each row is solved with a few conjugate-gradient steps warm-started from the previous iterate (Takács, Pilászy &amp;
/// Tikk 2011), using the shared Gram matrix YᵀY so a customer costs O(f² + nᵤ·f) per step instead of a Cholesky.
/// </summary>
public sealed class AlsRecommender(int factors = 32, int iterations = 15, double alpha = 1, double regularization = 0.05, int cgSteps = 3, int seed = 42) : IRecommender
{
    private InteractionMatrix? _train;
    private float[] _userFactors = [];
    private float[] _itemFactors = [];
    private int[] _activeItems = [];

    public string Name => "als";
    public int Factors { get; } = factors > 0 ? factors : throw new ArgumentOutOfRangeException(nameof(factors));
    public int Iterations { get; } = iterations > 0 ? iterations : throw new ArgumentOutOfRangeException(nameof(iterations));

    public ReadOnlySpan<float> UserVector(int customer) => _userFactors.AsSpan(customer * Factors, Factors);
    public ReadOnlySpan<float> ItemVector(int item) => _itemFactors.AsSpan(item * Factors, Factors);

    public void Fit(InteractionMatrix train)
    {
        ArgumentNullException.ThrowIfNull(train);
        _train = train;
        var f = Factors;
        var random = new Random(seed);
        _userFactors = new float[train.Customers * f];
        _itemFactors = new float[train.Items * f];
        for (var n = 0; n < _userFactors.Length; n++) _userFactors[n] = (float)(random.NextDouble() * 0.01);
        for (var n = 0; n < _itemFactors.Length; n++) _itemFactors[n] = (float)(random.NextDouble() * 0.01);
        var byUser = train.Counts;
        var byItem = train.ByItem;
        _activeItems = [.. Enumerable.Range(0, train.Items).Where(i => byItem.RowLength(i) > 0)];
        for (var it = 0; it < Iterations; it++)
        {
            Solve(byUser, _userFactors, _itemFactors);
            Solve(byItem, _itemFactors, _userFactors);
        }
    }

    /// <summary>One half-step: every row of <paramref name="solve"/> given the fixed <paramref name="other"/> factors.</summary>
    private void Solve(CsrMatrix matrix, float[] solve, float[] other)
    {
        var f = Factors;
        var gram = Gram(other, f);
        var lambda = (float)regularization;
        var a = (float)alpha;
        Parallel.For(0, matrix.Rows, () => (R: new float[f], P: new float[f], Ap: new float[f]), (row, _, work) =>
        {
            var (start, end) = (matrix.RowStart[row], matrix.RowStart[row + 1]);
            var x = solve.AsSpan(row * f, f);
            if (start == end) { x.Clear(); return work; }
            var r = work.R.AsSpan();
            var p = work.P.AsSpan();
            var ap = work.Ap.AsSpan();
            // r = b − A x with A = YᵀY + λI + Σ (c − 1) y yᵀ and b = Σ c y.
            MultiplyGram(gram, x, r, f, lambda);
            for (var d = 0; d < f; d++) r[d] = -r[d];
            for (var k = start; k < end; k++)
            {
                var y = other.AsSpan(matrix.Columns[k] * f, f);
                var c = 1 + a * matrix.Values[k];
                DenseMath.AddScaled(r, c - (c - 1) * DenseMath.Dot(y, x), y);
            }
            r.CopyTo(p);
            var rsOld = DenseMath.Dot(r, r);
            for (var step = 0; step < cgSteps && rsOld > 1e-12f; step++)
            {
                MultiplyGram(gram, p, ap, f, lambda);
                for (var k = start; k < end; k++)
                {
                    var y = other.AsSpan(matrix.Columns[k] * f, f);
                    var c = 1 + a * matrix.Values[k];
                    DenseMath.AddScaled(ap, (c - 1) * DenseMath.Dot(y, p), y);
                }
                var stepSize = rsOld / DenseMath.Dot(p, ap);
                DenseMath.AddScaled(x, stepSize, p);
                DenseMath.AddScaled(r, -stepSize, ap);
                var rsNew = DenseMath.Dot(r, r);
                var beta = rsNew / rsOld;
                for (var d = 0; d < f; d++) p[d] = r[d] + beta * p[d];
                rsOld = rsNew;
            }
            return work;
        }, _ => { });
    }

    private static float[] Gram(float[] factors, int f)
    {
        var rows = factors.Length / f;
        var gram = new double[f * f];
        for (var n = 0; n < rows; n++)
        {
            var v = factors.AsSpan(n * f, f);
            for (var i = 0; i < f; i++)
            {
                var vi = v[i];
                if (vi == 0) continue;
                for (var j = i; j < f; j++) gram[i * f + j] += vi * v[j];
            }
        }
        var result = new float[f * f];
        for (var i = 0; i < f; i++)
            for (var j = i; j < f; j++) result[i * f + j] = result[j * f + i] = (float)gram[i * f + j];
        return result;
    }

    private static void MultiplyGram(float[] gram, ReadOnlySpan<float> v, Span<float> into, int f, float lambda)
    {
        for (var i = 0; i < f; i++) into[i] = DenseMath.Dot(gram.AsSpan(i * f, f), v) + lambda * v[i];
    }

    public IReadOnlyList<Recommendation> Recommend(int customer, int count)
    {
        var train = _train ?? throw new InvalidOperationException("Fit first.");
        if (train.Counts.RowLength(customer) == 0) return [];
        var x = UserVector(customer);
        var scores = Scores.For(train.Items);
        foreach (var i in _activeItems) scores[i] = DenseMath.Dot(x, ItemVector(i));
        var top = TopK.Select(_activeItems, scores, count, float.NegativeInfinity);
        var result = new Recommendation[top.Length];
        var counts = train.Counts;
        for (var r = 0; r < top.Length; r++)
        {
            // An item the customer already buys is explained by their own purchases, not by other customers.
            var own = (int)counts.Get(customer, top[r].Item);
            result[r] = new Recommendation(top[r].Item, top[r].Score, own > 0 ? new Reason(ReasonKind.OwnFavourite, top[r].Item, own) : new Reason(ReasonKind.SimilarCustomers));
        }
        return result;
    }

    private static class Scores
    {
        [ThreadStatic] private static float[]? _current;
        public static float[] For(int items) => _current is { } s && s.Length == items ? s : _current = new float[items];
    }
}
