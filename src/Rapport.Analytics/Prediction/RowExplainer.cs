using System.Globalization;

namespace Rapport.Analytics.Prediction;

/// <summary>Per-row reasons: the model's feature contributions grouped per original column, as probability deltas.</summary>
internal static class RowExplainer
{
    /// <summary>Effects smaller than this (half a percentage point) are not worth a salesperson's attention.</summary>
    private const double MinimumDelta = 0.005;

    public static List<PredictionRow> Explain(
        RawTable all, List<int> rowIndexes, int? idColumn, List<FeatureColumn> features, IBinaryModel model,
        float[][] x, double[] scores, double[] probabilities, bool[] actual, (double A, double B) platt, int reasonsPerRow)
    {
        var contributions = model.Contributions(x);
        var predictions = new List<PredictionRow>(rowIndexes.Count);
        for (var i = 0; i < rowIndexes.Count; i++)
        {
            var raw = all.Rows[rowIndexes[i]];
            var s = scores[i];
            var p = probabilities[i];
            // Baseline score: every contribution removed (for logistic regression, the average customer).
            var s0 = s - contributions[i].Sum();
            var p0 = BinaryMetrics.Sigmoid(platt.A * s0 + platt.B);
            var reasons = new List<PredictionReason>();
            foreach (var f in features)
            {
                double c = 0;
                for (var k = 0; k < f.Width; k++) c += contributions[i][f.Offset + k];
                // Mean of "this column's effect removed from the row" and "this column's effect added to the baseline",
                // so that the deltas of one row stay close to additive (p − p0) through the sigmoid.
                var delta = 0.5 * ((p - BinaryMetrics.Sigmoid(platt.A * (s - c) + platt.B))
                                 + (BinaryMetrics.Sigmoid(platt.A * (s0 + c) + platt.B) - p0));
                if (Math.Abs(delta) < MinimumDelta) continue;
                reasons.Add(new PredictionReason(f.Name, f.Display(raw[f.Source]), Math.Round(delta, 4), ReasonText.For(f, raw[f.Source], delta)));
            }
            var top = reasons.OrderByDescending(r => Math.Abs(r.Delta)).Take(reasonsPerRow).ToList();
            var id = idColumn is { } ic ? raw[ic].Trim() : (rowIndexes[i] + 1).ToString(CultureInfo.InvariantCulture);
            predictions.Add(new PredictionRow(id, Math.Round(p, 6), actual[i], top.Select(r => r.Text).ToList(), top));
        }
        return predictions;
    }
}
