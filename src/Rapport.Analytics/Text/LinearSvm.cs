using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Rapport.Analytics.Text;

/// <summary>
/// One-vs-rest linear support vector machine with the squared hinge loss and L2 regularisation, trained by dual
/// coordinate descent with shrinking (Hsieh, Chang, Lin, Keerthi, Sundararajan 2008, "A dual coordinate descent
/// method for large-scale linear SVM"; LIBLINEAR's solver L2R_L2LOSS_SVC_DUAL, which scikit-learn's LinearSVC runs).
/// The bias is an extra constant feature of value 1, regularised like the weights (LIBLINEAR's <c>-B 1</c>).
/// </summary>
internal static class LinearSvm
{
    /// <summary>The result of <see cref="TrainOneVsRest"/>.</summary>
    /// <param name="Weights">Feature-major weights: feature j, class k at <c>j * Classes + k</c>.</param>
    /// <param name="Bias">Bias of each class.</param>
    /// <param name="Iterations">Outer iterations (passes) each binary problem took.</param>
    /// <param name="Converged">Whether every binary problem met the tolerance before the iteration limit.</param>
    internal sealed record Result(float[] Weights, float[] Bias, int Classes, int Features, int[] Iterations, bool Converged);

    /// <summary>Trains one binary SVM per class (class k against the rest), <paramref name="parallelism"/> at a time.
    /// Each class has its own random stream (seeded from <paramref name="seed"/> and k), so the result does not depend
    /// on the parallelism.</summary>
    public static Result TrainOneVsRest(SparseVector[] x, int[] classOf, int classes, int features,
        double c, double tolerance, int maxIterations, int seed, int parallelism)
    {
        var n = x.Length;
        foreach (var v in x)
            if (v.Count > 0 && (v.Indices[0] < 0 || v.Indices[^1] >= features))
                throw new ArgumentException($"A feature index is outside 0 … {features - 1}.", nameof(x));
        var qd = new double[n];
        for (var i = 0; i < n; i++) qd[i] = x[i].SquaredNorm() + 1.0 + 0.5 / c; // + bias² + diag
        var weights = new float[(long)features * classes > int.MaxValue ? throw new ArgumentException("Too many features × classes.") : features * classes];
        var bias = new float[classes];
        var iterations = new int[classes];
        var converged = new bool[classes];
        var po = new ParallelOptions { MaxDegreeOfParallelism = parallelism <= 0 ? Environment.ProcessorCount : parallelism };
        Parallel.For(0, classes, po, () => new double[features], (k, _, w) =>
        {
            Array.Clear(w);
            var y = new sbyte[n];
            for (var i = 0; i < n; i++) y[i] = classOf[i] == k ? (sbyte)1 : (sbyte)-1;
            var b = TrainBinary(x, y, qd, w, c, tolerance, maxIterations, unchecked(seed * 1_000_003 + k * 7_919), out iterations[k], out converged[k]);
            for (var j = 0; j < features; j++) weights[j * classes + k] = (float)w[j];
            bias[k] = (float)b;
            return w;
        }, _ => { });
        return new Result(weights, bias, classes, features, iterations, converged.All(v => v));
    }

    /// <summary>Dual coordinate descent for one binary problem; <paramref name="w"/> (zeroed) receives the weights,
    /// the bias is returned.</summary>
    private static double TrainBinary(SparseVector[] x, sbyte[] y, double[] qd, double[] w, double c, double eps,
        int maxIterations, int seed, out int iterations, out bool converged)
    {
        var n = x.Length;
        var diag = 0.5 / c;
        var alpha = new double[n];
        var index = new int[n];
        for (var i = 0; i < n; i++) index[i] = i;
        var rng = new Random(seed);
        double wb = 0; // bias weight (constant feature 1)
        var activeSize = n;
        var pgMaxOld = double.PositiveInfinity;
        iterations = 0;
        converged = false;
        while (iterations < maxIterations)
        {
            var pgMaxNew = double.NegativeInfinity;
            var pgMinNew = double.PositiveInfinity;
            for (var s = 0; s < activeSize; s++)
            {
                var j = s + rng.Next(activeSize - s);
                (index[s], index[j]) = (index[j], index[s]);
            }

            for (var s = 0; s < activeSize; s++)
            {
                var i = index[s];
                var xi = x[i];
                var yi = (double)y[i];
                var idx = xi.Indices;
                var val = xi.Values;
                var dot = wb + Dot(w, idx, val);
                var g = yi * dot - 1.0 + alpha[i] * diag;
                var pg = 0.0;
                if (alpha[i] == 0)
                {
                    if (g > pgMaxOld)
                    {
                        activeSize--;
                        (index[s], index[activeSize]) = (index[activeSize], index[s]);
                        s--;
                        continue;
                    }
                    if (g < 0) pg = g;
                }
                else pg = g;

                if (pg > pgMaxNew) pgMaxNew = pg;
                if (pg < pgMinNew) pgMinNew = pg;
                if (Math.Abs(pg) > 1e-12)
                {
                    var old = alpha[i];
                    alpha[i] = Math.Max(old - g / qd[i], 0.0);
                    var d = (alpha[i] - old) * yi;
                    Axpy(w, idx, val, d);
                    wb += d;
                }
            }

            iterations++;
            if (pgMaxNew - pgMinNew <= eps)
            {
                if (activeSize == n) { converged = true; break; }
                activeSize = n;
                pgMaxOld = double.PositiveInfinity;
                continue;
            }
            pgMaxOld = pgMaxNew;
            if (pgMaxOld <= 0) pgMaxOld = double.PositiveInfinity;
        }
        return wb;
    }

    /// <summary>Σ w[idx[t]] · val[t]; the indices come from the featurizer and are below w.Length.</summary>
    private static double Dot(double[] w, int[] idx, float[] val)
    {
        ref var w0 = ref MemoryMarshal.GetArrayDataReference(w);
        ref var i0 = ref MemoryMarshal.GetArrayDataReference(idx);
        ref var v0 = ref MemoryMarshal.GetArrayDataReference(val);
        double s0 = 0, s1 = 0;
        var t = 0;
        for (; t + 1 < idx.Length; t += 2)
        {
            s0 += Unsafe.Add(ref w0, Unsafe.Add(ref i0, t)) * Unsafe.Add(ref v0, t);
            s1 += Unsafe.Add(ref w0, Unsafe.Add(ref i0, t + 1)) * Unsafe.Add(ref v0, t + 1);
        }
        if (t < idx.Length) s0 += Unsafe.Add(ref w0, Unsafe.Add(ref i0, t)) * Unsafe.Add(ref v0, t);
        return s0 + s1;
    }

    /// <summary>w[idx[t]] += d · val[t].</summary>
    private static void Axpy(double[] w, int[] idx, float[] val, double d)
    {
        ref var w0 = ref MemoryMarshal.GetArrayDataReference(w);
        ref var i0 = ref MemoryMarshal.GetArrayDataReference(idx);
        ref var v0 = ref MemoryMarshal.GetArrayDataReference(val);
        for (var t = 0; t < idx.Length; t++) Unsafe.Add(ref w0, Unsafe.Add(ref i0, t)) += d * Unsafe.Add(ref v0, t);
    }
}
