namespace Rapport.Analytics.Text;

/// <summary>
/// Binary logistic regression with L2 regularisation on sparse features, trained by L-BFGS (Nocedal 1980; Liu and
/// Nocedal 1989) with a backtracking Armijo line search. It minimises scikit-learn's objective
/// <c>½‖w‖² + C · Σᵢ ln(1 + exp(−yᵢ (w·xᵢ + b)))</c> with yᵢ ∈ {−1, +1} and an unregularised intercept b.
/// </summary>
internal static class LogisticRegression
{
    /// <summary>The fitted model.</summary>
    /// <param name="Weights">One weight per feature.</param>
    /// <param name="Bias">The intercept.</param>
    /// <param name="Iterations">L-BFGS iterations taken.</param>
    /// <param name="Converged">Whether the gradient met the tolerance before the iteration limit.</param>
    internal sealed record Result(double[] Weights, double Bias, int Iterations, bool Converged, double Objective);

    /// <summary>Fits the model; <paramref name="positive"/>[i] is the class of x[i].</summary>
    /// <param name="tolerance">Stop when ‖gradient‖∞ ≤ tolerance · max(1, ‖gradient at 0‖∞).</param>
    public static Result Train(SparseVector[] x, bool[] positive, int features, double c, double tolerance = 1e-5, int maxIterations = 1000, int memory = 10)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(positive);
        if (x.Length != positive.Length) throw new ArgumentException($"{x.Length} vectors but {positive.Length} labels.", nameof(positive));
        if (!(c > 0)) throw new ArgumentOutOfRangeException(nameof(c), "C must be positive.");
        var n = x.Length;
        var dim = features + 1; // last entry: intercept
        foreach (var v in x)
            if (v.Count > 0 && (v.Indices[0] < 0 || v.Indices[^1] >= features))
                throw new ArgumentException($"A feature index is outside 0 … {features - 1}.", nameof(x));
        var y = positive.Select(p => p ? 1.0 : -1.0).ToArray();

        var theta = new double[dim];
        var grad = new double[dim];
        var f = Evaluate(x, y, c, theta, grad, features);
        var g0 = MaxAbs(grad);
        var stop = tolerance * Math.Max(1.0, g0);
        var s = new List<double[]>();
        var dy = new List<double[]>();
        var rho = new List<double>();
        var direction = new double[dim];
        var trial = new double[dim];
        var trialGrad = new double[dim];
        var alpha = new double[memory];
        var iterations = 0;
        var converged = MaxAbs(grad) <= stop;
        while (!converged && iterations < maxIterations)
        {
            // Two-loop recursion: direction = −H·grad.
            for (var j = 0; j < dim; j++) direction[j] = -grad[j];
            for (var k = s.Count - 1; k >= 0; k--)
            {
                alpha[k] = rho[k] * Dot(s[k], direction);
                Axpy(direction, dy[k], -alpha[k]);
            }
            var gamma = s.Count > 0 ? Dot(s[^1], dy[^1]) / Dot(dy[^1], dy[^1]) : 1.0 / Math.Max(1e-12, Math.Sqrt(Dot(grad, grad)));
            for (var j = 0; j < dim; j++) direction[j] *= gamma;
            for (var k = 0; k < s.Count; k++)
            {
                var beta = rho[k] * Dot(dy[k], direction);
                Axpy(direction, s[k], alpha[k] - beta);
            }
            var slope = Dot(grad, direction);
            if (slope >= 0) // not a descent direction: restart from steepest descent
            {
                s.Clear(); dy.Clear(); rho.Clear();
                for (var j = 0; j < dim; j++) direction[j] = -grad[j];
                slope = Dot(grad, direction);
            }

            var step = 1.0;
            double fTrial = 0;
            var accepted = false;
            for (var attempt = 0; attempt < 40; attempt++)
            {
                for (var j = 0; j < dim; j++) trial[j] = theta[j] + step * direction[j];
                fTrial = Evaluate(x, y, c, trial, trialGrad, features);
                if (fTrial <= f + 1e-4 * step * slope) { accepted = true; break; }
                step *= 0.5;
            }
            iterations++;
            if (!accepted) break; // no decrease possible at machine precision

            var sk = new double[dim];
            var yk = new double[dim];
            for (var j = 0; j < dim; j++)
            {
                sk[j] = trial[j] - theta[j];
                yk[j] = trialGrad[j] - grad[j];
            }
            var sy = Dot(sk, yk);
            if (sy > 1e-12)
            {
                if (s.Count == memory) { s.RemoveAt(0); dy.RemoveAt(0); rho.RemoveAt(0); }
                s.Add(sk); dy.Add(yk); rho.Add(1.0 / sy);
            }
            (theta, trial) = (trial, theta);
            (grad, trialGrad) = (trialGrad, grad);
            var previous = f;
            f = fTrial;
            converged = MaxAbs(grad) <= stop || previous - f <= 1e-12 * Math.Max(1.0, Math.Abs(f));
        }
        return new Result(theta[..features], theta[features], iterations, converged, f);
    }

    /// <summary>The objective at <paramref name="theta"/>; writes its gradient into <paramref name="grad"/>.</summary>
    private static double Evaluate(SparseVector[] x, double[] y, double c, double[] theta, double[] grad, int features)
    {
        var b = theta[features];
        double f = 0, gb = 0;
        for (var j = 0; j < features; j++)
        {
            grad[j] = theta[j];
            f += 0.5 * theta[j] * theta[j];
        }
        for (var i = 0; i < x.Length; i++)
        {
            var z = b + x[i].Dot(theta);
            var m = y[i] * z;
            f += c * (m > 0 ? Math.Log(1 + Math.Exp(-m)) : -m + Math.Log(1 + Math.Exp(m)));
            var coefficient = -c * y[i] / (1 + Math.Exp(m)); // d loss / d z
            var idx = x[i].Indices;
            var val = x[i].Values;
            for (var t = 0; t < idx.Length; t++) grad[idx[t]] += coefficient * val[t];
            gb += coefficient;
        }
        grad[features] = gb;
        return f;
    }

    private static double Dot(double[] a, double[] b)
    {
        var s = 0.0;
        for (var j = 0; j < a.Length; j++) s += a[j] * b[j];
        return s;
    }

    private static void Axpy(double[] target, double[] source, double factor)
    {
        for (var j = 0; j < target.Length; j++) target[j] += factor * source[j];
    }

    private static double MaxAbs(double[] a)
    {
        var m = 0.0;
        foreach (var v in a) m = Math.Max(m, Math.Abs(v));
        return m;
    }
}
