namespace Rapport.Analytics.Prediction;

/// <summary>A node of a <see cref="DecisionTreeModel"/>: a split "feature ≤ threshold" or a leaf.</summary>
internal sealed class TreeNode
{
    public int Feature { get; set; } = -1;
    public float Threshold { get; set; }
    public TreeNode? Left { get; set; }
    public TreeNode? Right { get; set; }
    public required int Rows { get; init; }
    public required int Positives { get; init; }
    public bool IsLeaf => Left is null;

    /// <summary>Laplace-smoothed share of positives, so a pure leaf never says exactly 0 or 1.</summary>
    public double Probability => (Positives + 1.0) / (Rows + 2.0);

    public double Logit => Math.Log(Probability / (1 - Probability));

    /// <summary>Gini impurity × rows: the node's share of the tree's risk.</summary>
    public double Risk => Rows == 0 ? 0 : 2.0 * Positives * (Rows - Positives) / Rows;

    public TreeNode Clone() => new()
    {
        Feature = Feature, Threshold = Threshold, Rows = Rows, Positives = Positives, Left = Left?.Clone(), Right = Right?.Clone(),
    };

    public void MakeLeaf() { Left = null; Right = null; Feature = -1; }

    public IEnumerable<TreeNode> Nodes()
    {
        yield return this;
        if (Left is not null) foreach (var n in Left.Nodes()) yield return n;
        if (Right is not null) foreach (var n in Right.Nodes()) yield return n;
    }

    public TreeNode LeafOf(float[] row)
    {
        var node = this;
        while (!node.IsLeaf) node = row[node.Feature] <= node.Threshold ? node.Left! : node.Right!;
        return node;
    }
}

/// <summary>A fitted CART tree. Scores are leaf log-odds; contributions follow the path (Saabas), in log-odds.</summary>
internal sealed class DecisionTreeModel(TreeNode root) : IBinaryModel
{
    public TreeNode Root { get; } = root;

    public double[] Score(float[][] x) => x.Select(row => Root.LeafOf(row).Logit).ToArray();

    public double[][] Contributions(float[][] x)
    {
        var width = x.Length == 0 ? 0 : x[0].Length;
        var result = new double[x.Length][];
        for (var i = 0; i < x.Length; i++)
        {
            var c = new double[width];
            var node = Root;
            while (!node.IsLeaf)
            {
                var next = x[i][node.Feature] <= node.Threshold ? node.Left! : node.Right!;
                c[node.Feature] += next.Logit - node.Logit;
                node = next;
            }
            result[i] = c;
        }
        return result;
    }
}

/// <summary>
/// CART (Breiman et al. 1984) written here, since ML.NET has no single interpretable tree: binary splits by Gini
/// decrease on histogram bins, grown to depth 8 with at least 20 rows (or 0.5 %) per leaf, then minimal
/// cost-complexity pruning with α chosen by 5-fold cross-validated log loss and the one-standard-error rule, so the
/// tree stays small enough to read as rules.
/// </summary>
internal sealed class DecisionTreeLearner(int seed, int maxDepth = 8, int folds = 5) : IBinaryLearner
{
    IBinaryModel IBinaryLearner.Fit(float[][] x, bool[] y, int[] rows) => Fit(x, y, rows);

    public DecisionTreeModel Fit(float[][] x, bool[] y, int[] rows)
    {
        var width = x.Length == 0 ? 0 : x[0].Length;
        // Bins once for the whole part (cut points use no labels), shared by the pruning folds' trees.
        var bins = FeatureBins.Build(x, rows, width);
        var binned = bins.Assign(x, rows);
        var full = Grow(bins, binned, y, rows, width);
        var alphas = CostComplexity.Sequence(full);
        if (alphas.Count <= 1) return new DecisionTreeModel(full);
        // Candidate α: geometric means of consecutive breakpoints (each stands for its whole interval).
        var candidates = new List<double> { 0 };
        for (var k = 1; k < alphas.Count; k++)
            candidates.Add(k + 1 < alphas.Count ? Math.Sqrt(alphas[k] * alphas[k + 1]) : alphas[k] * 1.01);
        var losses = new double[folds, candidates.Count];
        // The same stratified folds as the predictor's, over this part's rows (own seed offset).
        var splits = PredictionSplits.StratifiedFolds(rows.Select(r => y[r]).ToArray(), folds, seed + 16);
        for (var f = 0; f < folds; f++)
        {
            var fit = splits[f].Fit.Select(k => rows[k]).ToArray();
            var hold = splits[f].Hold.Select(k => rows[k]).ToArray();
            if (fit.Length == 0 || hold.Length == 0) continue;
            // Candidates ascend, so one copy is pruned further and further.
            var pruned = Grow(bins, binned, y, fit, width);
            for (var c = 0; c < candidates.Count; c++)
            {
                CostComplexity.Prune(pruned, candidates[c]);
                double loss = 0;
                foreach (var i in hold)
                {
                    var p = pruned.LeafOf(x[i]).Probability;
                    loss -= y[i] ? Math.Log(p) : Math.Log(1 - p);
                }
                losses[f, c] = loss / hold.Length;
            }
        }
        var mean = Enumerable.Range(0, candidates.Count).Select(c => Enumerable.Range(0, folds).Average(f => losses[f, c])).ToArray();
        var best = Array.IndexOf(mean, mean.Min());
        var se = Math.Sqrt(Enumerable.Range(0, folds).Sum(f => Math.Pow(losses[f, best] - mean[best], 2)) / Math.Max(1, folds - 1) / folds);
        // One-standard-error rule: the simplest tree (largest α) whose loss is within one SE of the best.
        var chosen = best;
        for (var c = candidates.Count - 1; c > best; c--) if (mean[c] <= mean[best] + se) { chosen = c; break; }
        return new DecisionTreeModel(CostComplexity.Prune(full, candidates[chosen]));
    }

    private TreeNode Grow(FeatureBins bins, byte[][] binned, bool[] y, int[] rows, int width)
    {
        var minLeaf = Math.Max(20, rows.Length / 200);
        return new TreeGrower(binned, bins.Cuts, y, width, maxDepth, minLeaf).Grow(rows, 0);
    }

    private sealed class TreeGrower(byte[][] binned, float[][] cuts, bool[] y, int width, int maxDepth, int minLeaf)
    {
        private readonly int[] _count = new int[FeatureBins.MaxBins];
        private readonly int[] _positive = new int[FeatureBins.MaxBins];

        public TreeNode Grow(int[] rows, int depth)
        {
            var positives = 0;
            foreach (var i in rows) if (y[i]) positives++;
            var node = new TreeNode { Rows = rows.Length, Positives = positives };
            if (depth >= maxDepth || rows.Length < 2 * minLeaf || positives == 0 || positives == rows.Length) return node;
            var (feature, bin, gain) = BestSplit(rows, node.Risk);
            if (feature < 0 || gain <= 1e-9) return node;
            var left = rows.Where(i => binned[i][feature] <= bin).ToArray();
            var right = rows.Where(i => binned[i][feature] > bin).ToArray();
            node.Feature = feature;
            node.Threshold = cuts[feature][bin];
            node.Left = Grow(left, depth + 1);
            node.Right = Grow(right, depth + 1);
            return node;
        }

        private (int Feature, int Bin, double Gain) BestSplit(int[] rows, double parentRisk)
        {
            int bestFeature = -1, bestBin = -1;
            double bestGain = 0;
            var n = rows.Length;
            var totalPositive = 0;
            foreach (var i in rows) if (y[i]) totalPositive++;
            for (var j = 0; j < width; j++)
            {
                var bins = cuts[j].Length + 1;
                if (bins < 2) continue;
                Array.Clear(_count, 0, bins);
                Array.Clear(_positive, 0, bins);
                foreach (var i in rows)
                {
                    var b = binned[i][j];
                    _count[b]++;
                    if (y[i]) _positive[b]++;
                }
                int nl = 0, pl = 0;
                for (var b = 0; b < bins - 1; b++)
                {
                    nl += _count[b];
                    pl += _positive[b];
                    var nr = n - nl;
                    if (nl < minLeaf) continue;
                    if (nr < minLeaf) break;
                    var pr = totalPositive - pl;
                    var gain = parentRisk - 2.0 * pl * (nl - pl) / nl - 2.0 * pr * (nr - pr) / nr;
                    if (gain > bestGain) { bestGain = gain; bestFeature = j; bestBin = b; }
                }
            }
            return (bestFeature, bestBin, bestGain);
        }
    }
}

/// <summary>Minimal cost-complexity pruning: the weakest-link sequence of α and pruning a tree at a given α.</summary>
internal static class CostComplexity
{
    /// <summary>The α at which each successive weakest link is cut, starting with 0.</summary>
    public static List<double> Sequence(TreeNode root)
    {
        var tree = root.Clone();
        var alphas = new List<double> { 0 };
        while (!tree.IsLeaf)
        {
            var (weakest, g) = Weakest(tree);
            weakest.MakeLeaf();
            if (g > alphas[^1]) alphas.Add(g);
        }
        return alphas;
    }

    /// <summary>Prunes, in place, every subtree whose weakest-link value is at most α; returns the root.</summary>
    public static TreeNode Prune(TreeNode root, double alpha)
    {
        while (!root.IsLeaf)
        {
            var (weakest, g) = Weakest(root);
            if (g > alpha) break;
            weakest.MakeLeaf();
        }
        return root;
    }

    /// <summary>The internal node with the smallest g(t) = (R(t) − R(T_t)) / (|leaves(T_t)| − 1), in one post-order pass.</summary>
    private static (TreeNode Node, double G) Weakest(TreeNode root)
    {
        TreeNode? best = null;
        var bestG = double.PositiveInfinity;
        Visit(root);
        return (best!, bestG);

        (int Leaves, double Risk) Visit(TreeNode node)
        {
            if (node.IsLeaf) return (1, node.Risk);
            var (leftLeaves, leftRisk) = Visit(node.Left!);
            var (rightLeaves, rightRisk) = Visit(node.Right!);
            var leaves = leftLeaves + rightLeaves;
            var risk = leftRisk + rightRisk;
            var g = (node.Risk - risk) / (leaves - 1);
            if (g < bestG) { bestG = g; best = node; }
            return (leaves, risk);
        }
    }
}
