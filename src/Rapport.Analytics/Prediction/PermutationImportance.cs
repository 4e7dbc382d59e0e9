namespace Rapport.Analytics.Prediction;

/// <summary>Permutation importance per original column: shuffle the column's encoded block, re-score, AUC drop.</summary>
internal static class PermutationImportance
{
    public static List<PredictionFeatureImportance> Compute(
        IBinaryModel model, List<FeatureColumn> features, float[][] x, bool[] y, double baseAuc, PredictOptions options)
    {
        var rng = new Random(options.Seed + 2);
        var rows = Enumerable.Range(0, y.Length).ToArray();
        var result = new List<PredictionFeatureImportance>();
        foreach (var f in features)
        {
            var drops = new List<double>();
            for (var rep = 0; rep < options.PermutationRepeats; rep++)
            {
                var perm = (int[])rows.Clone();
                rng.Shuffle(perm);
                var xp = new float[x.Length][];
                for (var i = 0; i < x.Length; i++)
                {
                    xp[i] = (float[])x[i].Clone();
                    Array.Copy(x[perm[i]], f.Offset, xp[i], f.Offset, f.Width);
                }
                drops.Add(baseAuc - BinaryMetrics.Auc(model.Score(xp), y));
            }
            var m = drops.Average();
            var sd = Math.Sqrt(drops.Sum(d => (d - m) * (d - m)) / drops.Count);
            result.Add(new PredictionFeatureImportance(f.Name, Math.Round(m, 5), Math.Round(sd, 5)));
        }
        return result.OrderByDescending(r => r.Importance).ToList();
    }
}
