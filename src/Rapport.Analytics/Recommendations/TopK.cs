namespace Rapport.Analytics.Recommendations;

/// <summary>Selects the K best-scored candidates with a small min-heap (ties: lower item index first).</summary>
internal static class TopK
{
    /// <summary>Best <paramref name="k"/> of the items in <paramref name="candidates"/> by <paramref name="scores"/>; scores ≤ <paramref name="floor"/> are skipped.</summary>
    public static (int Item, float Score)[] Select(ReadOnlySpan<int> candidates, float[] scores, int k, float floor = 0f)
    {
        if (k <= 0) return [];
        var heap = new (int Item, float Score)[k];
        var size = 0;
        foreach (var item in candidates)
        {
            var s = scores[item];
            if (!(s > floor)) continue;
            if (size < k) { heap[size++] = (item, s); SiftUp(heap, size - 1); }
            else if (Better(item, s, heap[0])) { heap[0] = (item, s); SiftDown(heap, size); }
        }
        var result = heap[..size];
        Array.Sort(result, (a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Item.CompareTo(b.Item));
        return result;
    }

    /// <summary>Best <paramref name="k"/> over all items 0..scores.Length−1.</summary>
    public static (int Item, float Score)[] SelectAll(float[] scores, int k, float floor = float.NegativeInfinity)
    {
        if (k <= 0) return [];
        var heap = new (int Item, float Score)[k];
        var size = 0;
        for (var item = 0; item < scores.Length; item++)
        {
            var s = scores[item];
            if (!(s > floor)) continue;
            if (size < k) { heap[size++] = (item, s); SiftUp(heap, size - 1); }
            else if (Better(item, s, heap[0])) { heap[0] = (item, s); SiftDown(heap, size); }
        }
        var result = heap[..size];
        Array.Sort(result, (a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Item.CompareTo(b.Item));
        return result;
    }

    // Min-heap on "worse": the root is the weakest kept candidate.
    private static bool Better(int item, float score, (int Item, float Score) other) => score > other.Score || (score == other.Score && item < other.Item);

    private static void SiftUp((int Item, float Score)[] heap, int i)
    {
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (!Better(heap[parent].Item, heap[parent].Score, heap[i])) break;
            (heap[parent], heap[i]) = (heap[i], heap[parent]);
            i = parent;
        }
    }

    private static void SiftDown((int Item, float Score)[] heap, int size)
    {
        var i = 0;
        while (true)
        {
            var (l, r, worst) = (2 * i + 1, 2 * i + 2, i);
            if (l < size && Better(heap[worst].Item, heap[worst].Score, heap[l])) worst = l;
            if (r < size && Better(heap[worst].Item, heap[worst].Score, heap[r])) worst = r;
            if (worst == i) return;
            (heap[worst], heap[i]) = (heap[i], heap[worst]);
            i = worst;
        }
    }
}
