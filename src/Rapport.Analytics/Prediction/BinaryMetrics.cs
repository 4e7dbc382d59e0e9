namespace Rapport.Analytics.Prediction;

/// <summary>AUC, accuracy, F1, log loss, Brier score, and Platt scaling.</summary>
public static class BinaryMetrics
{
    /// <summary>Area under the ROC curve (ties count one half); 0.5 when one class is absent.</summary>
    public static double Auc(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        var n = scores.Count;
        var order = Enumerable.Range(0, n).OrderBy(i => scores[i]).ToArray();
        double rankSumPos = 0;
        long pos = 0;
        var i0 = 0;
        while (i0 < n)
        {
            var i1 = i0;
            while (i1 + 1 < n && scores[order[i1 + 1]] == scores[order[i0]]) i1++;
            var avgRank = (i0 + i1) / 2.0 + 1;
            for (var k = i0; k <= i1; k++) if (labels[order[k]]) { rankSumPos += avgRank; pos++; }
            i0 = i1 + 1;
        }
        var neg = n - pos;
        if (pos == 0 || neg == 0) return 0.5;
        return (rankSumPos - pos * (pos + 1) / 2.0) / ((double)pos * neg);
    }

    /// <summary>All metrics of calibrated probabilities.</summary>
    public static PredictionMetrics Evaluate(IReadOnlyList<double> p, IReadOnlyList<bool> y)
    {
        int tp = 0, fp = 0, fn = 0, correct = 0;
        double logLoss = 0, brier = 0;
        for (var i = 0; i < p.Count; i++)
        {
            var predicted = p[i] >= 0.5;
            if (predicted == y[i]) correct++;
            if (predicted && y[i]) tp++;
            else if (predicted && !y[i]) fp++;
            else if (!predicted && y[i]) fn++;
            var q = Math.Clamp(p[i], 1e-15, 1 - 1e-15);
            logLoss -= y[i] ? Math.Log(q) : Math.Log(1 - q);
            var d = p[i] - (y[i] ? 1 : 0);
            brier += d * d;
        }
        var n = Math.Max(1, p.Count);
        var f1 = tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
        return new PredictionMetrics(Auc(p, y), (double)correct / n, f1, logLoss / n, brier / n);
    }

    /// <summary>Logistic sigmoid.</summary>
    public static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));

    /// <summary>
    /// Platt scaling: (a, b) such that sigmoid(a·score + b) is calibrated, by Newton's method on the log loss with
    /// Platt's smoothed targets.
    /// </summary>
    public static (double A, double B) FitPlatt(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        var nPos = labels.Count(l => l);
        var nNeg = labels.Count - nPos;
        var hi = (nPos + 1.0) / (nPos + 2.0);
        var lo = 1.0 / (nNeg + 2.0);
        double a = 0, b = Math.Log((nPos + 1.0) / (nNeg + 1.0));
        double Loss(double aa, double bb)
        {
            double l = 0;
            for (var i = 0; i < scores.Count; i++)
            {
                var z = aa * scores[i] + bb;
                var t = labels[i] ? hi : lo;
                // −[t log σ(z) + (1 − t) log(1 − σ(z))] = log(1 + e^z) − t z, computed stably.
                l += (z > 0 ? z + Math.Log(1 + Math.Exp(-z)) : Math.Log(1 + Math.Exp(z))) - t * z;
            }
            return l;
        }
        var loss = Loss(a, b);
        for (var iter = 0; iter < 100; iter++)
        {
            double g1 = 0, g2 = 0, h11 = 0, h12 = 0, h22 = 0;
            for (var i = 0; i < scores.Count; i++)
            {
                var s = scores[i];
                var p = Sigmoid(a * s + b);
                var t = labels[i] ? hi : lo;
                var d = p - t;
                var w = Math.Max(p * (1 - p), 1e-12);
                g1 += d * s; g2 += d;
                h11 += w * s * s; h12 += w * s; h22 += w;
            }
            h11 += 1e-9; h22 += 1e-9;
            var det = h11 * h22 - h12 * h12;
            if (Math.Abs(det) < 1e-18) break;
            var da = (h22 * g1 - h12 * g2) / det;
            var db = (h11 * g2 - h12 * g1) / det;
            // Backtracking: halve the Newton step until the loss does not increase.
            var step = 1.0;
            var improved = false;
            while (step > 1e-6)
            {
                var na = a - step * da;
                var nb = b - step * db;
                var nl = Loss(na, nb);
                if (nl <= loss + 1e-12) { a = na; b = nb; improved = loss - nl > 1e-10; loss = nl; break; }
                step /= 2;
            }
            if (!improved) break;
        }
        return (a, b);
    }
}
