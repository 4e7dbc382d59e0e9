namespace Rapport.Analytics.Segmentation;

/// <summary>
/// A static k-d tree over the rows of a <see cref="FeatureMatrix"/> for radius and k-nearest-neighbour
/// queries with Euclidean distance. Nodes split at the median of their widest dimension (three-way
/// quickselect, so heavy ties such as integer purchase counts cost nothing extra) and keep a tight bounding
/// box, which prunes well in low dimension (d ≲ 10). Points are copied in tree order for locality.
/// Queries are thread-safe.
/// </summary>
internal sealed class KdTree
{
    private const int LeafSize = 24;
    private readonly int _d;
    private readonly double[] _points;   // tree order, row-major
    private readonly int[] _rowOf;       // tree position -> original row
    private readonly List<Node> _building = [];
    private readonly List<double> _buildingBoxes = [];
    private readonly Node[] _nodes;
    private readonly double[] _boxes; // per node: d lows then d highs

    private readonly record struct Node(int Start, int End, int Left, int Right);

    public KdTree(FeatureMatrix matrix)
    {
        _d = matrix.Columns;
        var n = matrix.Rows;
        _rowOf = new int[n];
        for (var i = 0; i < n; i++) _rowOf[i] = i;
        var source = matrix.Values;
        if (n > 0) Build(source, 0, n, new Random(12345));
        _nodes = _building.ToArray();
        _boxes = _buildingBoxes.ToArray();
        _building.Clear();
        _buildingBoxes.Clear();
        _points = new double[n * _d];
        for (var p = 0; p < n; p++) source.AsSpan(_rowOf[p] * _d, _d).CopyTo(_points.AsSpan(p * _d, _d));
    }

    public int Count => _rowOf.Length;

    private int Build(double[] x, int start, int end, Random rng)
    {
        var d = _d;
        var id = _building.Count;
        _building.Add(default);
        var lows = new double[d];
        var highs = new double[d];
        Array.Fill(lows, double.PositiveInfinity);
        Array.Fill(highs, double.NegativeInfinity);
        for (var p = start; p < end; p++)
        {
            var row = x.AsSpan(_rowOf[p] * d, d);
            for (var j = 0; j < d; j++)
            {
                if (row[j] < lows[j]) lows[j] = row[j];
                if (row[j] > highs[j]) highs[j] = row[j];
            }
        }

        _buildingBoxes.AddRange(lows);
        _buildingBoxes.AddRange(highs);
        var split = 0;
        var width = -1.0;
        for (var j = 0; j < d; j++)
        {
            if (highs[j] - lows[j] > width)
            {
                width = highs[j] - lows[j];
                split = j;
            }
        }

        if (end - start <= LeafSize || width <= 0)
        {
            _building[id] = new Node(start, end, -1, -1);
            return id;
        }

        var mid = start + (end - start) / 2;
        Select(x, start, end, mid, split, rng);
        var left = Build(x, start, mid, rng);
        var right = Build(x, mid, end, rng);
        _building[id] = new Node(start, end, left, right);
        return id;
    }

    /// <summary>Reorders _rowOf[start..end) so that position <paramref name="nth"/> holds the value it would have if sorted on <paramref name="dim"/>.</summary>
    private void Select(double[] x, int start, int end, int nth, int dim, Random rng)
    {
        var d = _d;
        var lo = start;
        var hi = end - 1;
        while (lo < hi)
        {
            var pivot = x[_rowOf[rng.Next(lo, hi + 1)] * d + dim];
            // Three-way partition: [lo, lt) < pivot, [lt, gt] == pivot, (gt, hi] > pivot.
            int lt = lo, i = lo, gt = hi;
            while (i <= gt)
            {
                var row = _rowOf[i];
                var v = x[row * d + dim];
                if (v < pivot)
                {
                    _rowOf[i] = _rowOf[lt];
                    _rowOf[lt] = row;
                    lt++;
                    i++;
                }
                else if (v > pivot)
                {
                    _rowOf[i] = _rowOf[gt];
                    _rowOf[gt] = row;
                    gt--;
                }
                else
                {
                    i++;
                }
            }

            if (nth < lt) hi = lt - 1;
            else if (nth > gt) lo = gt + 1;
            else return;
        }
    }

    private double BoxDistance(int node, ReadOnlySpan<double> q)
    {
        var d = _d;
        var offset = node * 2 * d;
        var sum = 0.0;
        for (var j = 0; j < d; j++)
        {
            var v = q[j];
            var low = _boxes[offset + j];
            var high = _boxes[offset + d + j];
            var e = v < low ? low - v : v > high ? v - high : 0;
            sum += e * e;
        }

        return sum;
    }

    private double PointDistance(int position, ReadOnlySpan<double> q)
    {
        var row = _points.AsSpan(position * _d, _d);
        var sum = 0.0;
        for (var j = 0; j < row.Length; j++)
        {
            var e = row[j] - q[j];
            sum += e * e;
        }

        return sum;
    }

    /// <summary>Adds to <paramref name="result"/> the original rows within squared distance <paramref name="r2"/> of <paramref name="q"/> (inclusive).</summary>
    public void Within(ReadOnlySpan<double> q, double r2, List<int> result)
    {
        if (Count == 0) return;
        Span<int> stack = stackalloc int[128];
        var top = 0;
        stack[top++] = 0;
        while (top > 0)
        {
            var id = stack[--top];
            if (BoxDistance(id, q) > r2) continue;
            var node = _nodes[id];
            if (node.Left < 0)
            {
                for (var p = node.Start; p < node.End; p++)
                {
                    if (PointDistance(p, q) <= r2) result.Add(_rowOf[p]);
                }
            }
            else
            {
                stack[top++] = node.Right;
                stack[top++] = node.Left;
            }
        }
    }

    /// <summary>The number of rows within squared distance <paramref name="r2"/> of <paramref name="q"/>, counting at most up to <paramref name="cap"/>.</summary>
    public int CountWithin(ReadOnlySpan<double> q, double r2, int cap)
    {
        if (Count == 0) return 0;
        Span<int> stack = stackalloc int[128];
        var top = 0;
        stack[top++] = 0;
        var count = 0;
        while (top > 0)
        {
            var id = stack[--top];
            if (BoxDistance(id, q) > r2) continue;
            var node = _nodes[id];
            if (node.Left < 0)
            {
                for (var p = node.Start; p < node.End; p++)
                {
                    if (PointDistance(p, q) <= r2 && ++count >= cap) return count;
                }
            }
            else
            {
                stack[top++] = node.Right;
                stack[top++] = node.Left;
            }
        }

        return count;
    }

    /// <summary>
    /// Squared distance from <paramref name="q"/> to its k-th nearest row (k ≥ 1; a row of the tree equal to
    /// <paramref name="q"/> counts as its own first neighbour at distance 0).
    /// </summary>
    public double KthNearestSquared(ReadOnlySpan<double> q, int k)
    {
        if (k < 1 || k > Count) throw new ArgumentOutOfRangeException(nameof(k), $"k must be in 1..{Count}, got {k}.");
        // Max-heap of the k smallest squared distances seen so far.
        var heap = k <= 256 ? stackalloc double[k] : new double[k];
        var size = 0;
        Span<int> stack = stackalloc int[128];
        var top = 0;
        stack[top++] = 0;
        while (top > 0)
        {
            var id = stack[--top];
            if (size == k && BoxDistance(id, q) >= heap[0]) continue;
            var node = _nodes[id];
            if (node.Left < 0)
            {
                for (var p = node.Start; p < node.End; p++)
                {
                    var dist = PointDistance(p, q);
                    if (size < k) HeapPush(heap, ref size, dist);
                    else if (dist < heap[0]) HeapReplaceTop(heap, size, dist);
                }
            }
            else
            {
                // Visit the nearer child first (pushed last).
                var left = BoxDistance(node.Left, q);
                var right = BoxDistance(node.Right, q);
                if (left <= right)
                {
                    stack[top++] = node.Right;
                    stack[top++] = node.Left;
                }
                else
                {
                    stack[top++] = node.Left;
                    stack[top++] = node.Right;
                }
            }
        }

        return heap[0];
    }

    private static void HeapPush(Span<double> heap, ref int size, double value)
    {
        var i = size++;
        heap[i] = value;
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (heap[parent] >= heap[i]) break;
            (heap[parent], heap[i]) = (heap[i], heap[parent]);
            i = parent;
        }
    }

    private static void HeapReplaceTop(Span<double> heap, int size, double value)
    {
        heap[0] = value;
        var i = 0;
        while (true)
        {
            int l = 2 * i + 1, r = l + 1, largest = i;
            if (l < size && heap[l] > heap[largest]) largest = l;
            if (r < size && heap[r] > heap[largest]) largest = r;
            if (largest == i) return;
            (heap[largest], heap[i]) = (heap[i], heap[largest]);
            i = largest;
        }
    }
}
