namespace Rapport.Analytics.Rules;

/// <summary>
/// FP-Growth (Han, Pei &amp; Yin 2000): for every item from the least frequent up, its conditional pattern base and
/// conditional FP-tree, mined recursively; a tree that is a single path yields all its combinations directly. The
/// pattern bases of single items are read straight from the rank-sorted baskets (the prefix before the item in every
/// basket holding it) rather than from a global FP-tree: the same paths, read sequentially instead of by chasing
/// parent links through millions of nodes — on a million sparse baskets that is the difference between seconds and
/// a minute. Items are int ranks throughout; trees are arrays reused per recursion depth.
/// </summary>
public static class FpGrowth
{
    internal static FrequentItemsets Mine(ItemDictionary items, RankedBaskets ranked, int maxLength)
    {
        var result = new FrequentItemsets(items, ranked.Transactions, ranked.MinCount, ranked.RankToItem);
        if (ranked.Items == 0) return result;
        var miner = new Miner(result, ranked.MinCount, maxLength);
        miner.MineBaskets(ranked);
        return result;
    }

    private sealed class Miner(FrequentItemsets result, int minCount, int maxLength)
    {
        private readonly List<FpTree> _trees = [];
        private readonly List<Scratch> _scratch = [];
        private int[] _prefix = new int[16];
        private int[] _emit = new int[16];

        public FpTree TreeAt(int depth)
        {
            while (_trees.Count <= depth) _trees.Add(new FpTree());
            return _trees[depth];
        }

        private Scratch ScratchAt(int depth)
        {
            while (_scratch.Count <= depth) _scratch.Add(new Scratch());
            return _scratch[depth];
        }

        private void Emit(int length, int count)
        {
            if (_emit.Length < length) _emit = new int[_prefix.Length];
            var span = _emit.AsSpan(0, length);
            _prefix.AsSpan(0, length).CopyTo(span);
            result.Add(span, count);
        }

        private void SetPrefix(int depth, int rank)
        {
            if (depth >= _prefix.Length) Array.Resize(ref _prefix, _prefix.Length * 2);
            _prefix[depth] = rank;
        }

        /// <summary>Depth 0: each item's conditional pattern base is the prefix before it in every basket that holds it.</summary>
        public void MineBaskets(RankedBaskets ranked)
        {
            int n = ranked.Items;
            // Occurrences grouped by rank: (basket start, prefix length) of every basket holding the rank.
            var first = new int[n + 1];
            for (int r = 0; r < n; r++) first[r + 1] = first[r] + ranked.RankCount[r];
            var fill = (int[])first.Clone();
            var occStart = new int[first[n]];
            var occLength = new int[first[n]];
            var ranks = ranked.Ranks;
            var offsets = ranked.Offsets;
            for (int b = 0; b < ranked.Transactions; b++)
            {
                int start = offsets[b];
                for (int q = start; q < offsets[b + 1]; q++)
                {
                    int at = fill[ranks[q]]++;
                    occStart[at] = start;
                    occLength[at] = q - start;
                }
            }

            var s = ScratchAt(0);
            for (int j = n - 1; j >= 0; j--)
            {
                SetPrefix(0, j);
                Emit(1, ranked.RankCount[j]);
                if (maxLength < 2 || j == 0) continue;
                s.Reset(j);
                var condCount = s.CondCount;
                // Copy the prefixes into one buffer while counting: the baskets are visited once, the second pass is sequential.
                for (int o = first[j]; o < first[j + 1]; o++)
                {
                    int start = occStart[o], length = occLength[o];
                    if (length == 0) continue;
                    int from = s.Length;
                    for (int q = start; q < start + length; q++)
                    {
                        int r = ranks[q];
                        s.Push(r);
                        condCount[r]++;
                    }
                    s.EndPath(from, 1);
                }
                long entries = s.Length;
                int kept = s.KeepFrequent(j, minCount);
                if (kept == 0) continue;
                var keptSpan = s.Order.AsSpan(0, kept);
                var newLocal = s.NewLocal;
                var cond = TreeAt(1);
                cond.Reset(kept, (int)Math.Min(entries + 1, int.MaxValue - 64));
                for (int k = 0; k < kept; k++)
                {
                    newLocal[keptSpan[k]] = k;
                    cond.GlobalOf[k] = keptSpan[k];
                    cond.ItemCount[k] = condCount[keptSpan[k]];
                }
                var path = s.Path;
                var buffer = s.Buffer;
                for (int pi = 0; pi < s.PathCount; pi++)
                {
                    var (start, length, _) = s.Paths[pi];
                    int m = 0;
                    for (int q = start; q < start + length; q++)
                    {
                        int li = newLocal[buffer[q]];
                        if (li >= 0) path[m++] = li;
                    }
                    // A one-item path adds only to that item's count, which ItemCount already holds.
                    if (m < 2) continue;
                    var span = path.AsSpan(0, m);
                    if (m > 1) span.Sort();
                    cond.Insert(span, 1);
                }
                Mine(cond, 1);
            }
        }

        /// <summary>Emits every frequent itemset = current prefix (of length <paramref name="depth"/>) + itemsets of <paramref name="tree"/>.</summary>
        public void Mine(FpTree tree, int depth)
        {
            if (!tree.Branching)
            {
                MineSinglePath(tree, depth);
                return;
            }
            var s = ScratchAt(depth);
            for (int j = tree.Items - 1; j >= 0; j--)
            {
                SetPrefix(depth, tree.GlobalOf[j]);
                Emit(depth + 1, tree.ItemCount[j]);
                if (depth + 1 >= maxLength || j == 0) continue;

                // Conditional pattern base of item j: the path above each of its nodes, weighted by the node's count.
                s.Reset(j);
                var condCount = s.CondCount;
                for (int node = tree.Head[j]; node != 0; node = tree.Next[node])
                {
                    int c = tree.Count[node];
                    int p = tree.Parent[node];
                    if (p == 0) continue;
                    int start = s.Length;
                    while (p != 0)
                    {
                        int li = tree.Item[p];
                        s.Push(li);
                        condCount[li] += c;
                        p = tree.Parent[p];
                    }
                    s.EndPath(start, c);
                }

                // Items frequent in the base, recoded by descending conditional count.
                int kept = s.KeepFrequent(j, minCount);
                if (kept == 0) continue;
                var keptSpan = s.Order.AsSpan(0, kept);
                var newLocal = s.NewLocal;

                var cond = TreeAt(depth + 1);
                cond.Reset(kept, s.Length + 1);
                for (int k = 0; k < kept; k++)
                {
                    int old = keptSpan[k];
                    newLocal[old] = k;
                    cond.GlobalOf[k] = tree.GlobalOf[old];
                    cond.ItemCount[k] = condCount[old];
                }
                var path = s.Path;
                for (int pi = 0; pi < s.PathCount; pi++)
                {
                    var (start, length, count) = s.Paths[pi];
                    int n = 0;
                    for (int q = start; q < start + length; q++)
                    {
                        int li = newLocal[s.Buffer[q]];
                        if (li >= 0) path[n++] = li;
                    }
                    if (n < 2) continue;
                    var span = path.AsSpan(0, n);
                    if (n > 1) span.Sort();
                    cond.Insert(span, count);
                }
                Mine(cond, depth + 1);
            }
        }

        /// <summary>
        /// A single-path tree: every combination of its nodes is frequent, with the count of its deepest node. One-item
        /// paths are not inserted, so single items come from ItemCount (an item may even be absent from the path).
        /// </summary>
        private void MineSinglePath(FpTree tree, int depth)
        {
            for (int k = 0; k < tree.Items; k++)
            {
                SetPrefix(depth, tree.GlobalOf[k]);
                Emit(depth + 1, tree.ItemCount[k]);
            }
            if (depth + 2 > maxLength) return;
            var s = ScratchAt(depth);
            s.Reset(0);
            for (int node = tree.FirstChild[0]; node != 0; node = tree.FirstChild[node]) s.Push(node);
            for (int i = 0; i < s.Length - 1; i++)
            {
                SetPrefix(depth, tree.GlobalOf[tree.Item[s.Buffer[i]]]);
                Combine(tree, s.Buffer, s.Length, i + 1, depth + 1);
            }
        }

        /// <summary>Extends the chosen nodes (prefix up to <paramref name="depth"/>) by each deeper node, recursively.</summary>
        private void Combine(FpTree tree, int[] nodes, int n, int from, int depth)
        {
            for (int i = from; i < n; i++)
            {
                int node = nodes[i];
                // Without the one-item paths a node's count can be below the item's; counts only fall down the path.
                if (tree.Count[node] < minCount) break;
                SetPrefix(depth, tree.GlobalOf[tree.Item[node]]);
                Emit(depth + 1, tree.Count[node]);
                if (depth + 1 < maxLength) Combine(tree, nodes, n, i + 1, depth + 1);
            }
        }
    }

    /// <summary>Per-depth working arrays: the pattern base's paths, the conditional counts, the recoding.</summary>
    private sealed class Scratch
    {
        public int[] Buffer = new int[256];
        public int Length;
        public (int Start, int Length, int Count)[] Paths = new (int, int, int)[64];
        public int PathCount;
        public int[] CondCount = new int[16];
        public int[] Order = new int[16];
        public int[] NewLocal = new int[16];
        public int[] Path = new int[16];

        public void Reset(int items)
        {
            Length = 0;
            PathCount = 0;
            if (CondCount.Length < items)
            {
                int size = Math.Max(items, CondCount.Length * 2);
                CondCount = new int[size];
                Order = new int[size];
                NewLocal = new int[size];
                Path = new int[size];
            }
            else
            {
                Array.Clear(CondCount, 0, items);
            }
        }

        /// <summary>
        /// The local items below <paramref name="j"/> whose conditional count reaches <paramref name="minCount"/>, into
        /// <see cref="Order"/> by descending count (ties by index), with <see cref="NewLocal"/> cleared for recoding.
        /// </summary>
        public int KeepFrequent(int j, int minCount)
        {
            int kept = 0;
            for (int i = 0; i < j; i++)
            {
                if (CondCount[i] >= minCount) Order[kept++] = i;
            }
            var counts = CondCount;
            if (kept > 1) Order.AsSpan(0, kept).Sort((a, b) => counts[a] != counts[b] ? counts[b].CompareTo(counts[a]) : a.CompareTo(b));
            for (int i = 0; i < j; i++) NewLocal[i] = -1;
            return kept;
        }

        public void Push(int value)
        {
            if (Length == Buffer.Length) Array.Resize(ref Buffer, Buffer.Length * 2);
            Buffer[Length++] = value;
        }

        public void EndPath(int start, int count)
        {
            if (PathCount == Paths.Length) Array.Resize(ref Paths, Paths.Length * 2);
            Paths[PathCount++] = (start, Length - start, count);
        }
    }
}
