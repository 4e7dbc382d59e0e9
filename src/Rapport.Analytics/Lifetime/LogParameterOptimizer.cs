using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace Rapport.Analytics.Lifetime;

/// <summary>How a maximum-likelihood fit ended.</summary>
/// <param name="Iterations">Optimiser iterations (BFGS, plus Nelder–Mead when it had to fall back).</param>
/// <param name="Evaluations">Objective evaluations (each one pass over the distinct customer groups).</param>
/// <param name="Converged">True when the final gradient (per customer, in log-parameters) is below tolerance.</param>
/// <param name="GradientNorm">Largest absolute gradient component of the mean negative log-likelihood at the optimum.</param>
/// <param name="Method">"BFGS", or "Nelder-Mead+BFGS" when the first BFGS run failed.</param>
public sealed record FitDiagnostics(int Iterations, int Evaluations, bool Converged, double GradientNorm, string Method);

/// <summary>
/// Minimises a mean negative log-likelihood over log-parameters with MathNet's BFGS, using an analytic
/// gradient when the model supplies one and central differences otherwise, falling back to Nelder–Mead
/// (then BFGS again) when the line search fails.
/// </summary>
internal static class LogParameterOptimizer
{
    /// <summary>Objective: returns the value at θ and, when <c>gradient</c> is not null, writes ∂/∂θ into it.</summary>
    public delegate double Objective(double[] theta, double[]? gradient);

    public const double GradientTolerance = 1e-9;

    private static bool IsOptimizerFailure(Exception e) =>
        e is OptimizationException or MathNet.Numerics.NonConvergenceException or ArithmeticException;

    public static (double[] Theta, FitDiagnostics Diagnostics) Minimize(Objective f, double[] start, int maxIterations, bool analyticGradient)
    {
        int evaluations = 0;
        int k = start.Length;
        // The best point seen by any evaluation: the answer of last resort if every optimiser run throws.
        var bestSeen = (double[])start.Clone();
        double bestSeenValue = double.PositiveInfinity;

        void Track(double[] th, double v)
        {
            if (double.IsFinite(v) && v < bestSeenValue)
            {
                bestSeenValue = v;
                Array.Copy(th, bestSeen, k);
            }
        }

        double Value(double[] th)
        {
            evaluations++;
            double v = f(th, null);
            Track(th, v);
            return double.IsFinite(v) ? v : double.MaxValue / 4;
        }

        void Gradient(double[] th, double[] g)
        {
            if (analyticGradient)
            {
                evaluations++;
                double v = f(th, g);
                Track(th, v);
                if (!double.IsFinite(v)) Array.Fill(g, 0);
                return;
            }
            var p = (double[])th.Clone();
            for (int i = 0; i < k; i++)
            {
                double h = 1e-5 * Math.Max(1, Math.Abs(th[i]));
                p[i] = th[i] + h;
                double up = Value(p);
                p[i] = th[i] - h;
                double down = Value(p);
                p[i] = th[i];
                g[i] = (up - down) / (2 * h);
            }
        }

        (double, Vector<double>) ValueAndGradient(Vector<double> v)
        {
            var th = v.ToArray();
            var g = new double[k];
            double value;
            if (analyticGradient)
            {
                evaluations++;
                value = f(th, g);
                Track(th, value);
            }
            else
            {
                value = Value(th);
                if (double.IsFinite(value) && value < double.MaxValue / 8) Gradient(th, g);
            }
            if (!double.IsFinite(value) || value >= double.MaxValue / 8)
            {
                // Infeasible region (overflow, a failed special function): a large value with a gradient that
                // points back towards the start, so the line search shortens its step.
                value = 1e12;
                for (int i = 0; i < k; i++) g[i] = th[i] - start[i];
            }
            return (value, Vector<double>.Build.Dense(g));
        }

        double GradNorm(double[] th)
        {
            var g = new double[k];
            Gradient(th, g);
            return g.Max(Math.Abs);
        }

        var objective = ObjectiveFunction.Gradient(ValueAndGradient);
        var bfgs = new BfgsMinimizer(GradientTolerance, 1e-12, 1e-15, maxIterations);
        var x0 = Vector<double>.Build.Dense(start);
        int iterations = 0;
        try
        {
            var result = bfgs.FindMinimum(objective, x0);
            var th = result.MinimizingPoint.ToArray();
            double gn = GradNorm(th);
            if (gn < 1e-5)
                return (th, new FitDiagnostics(result.Iterations, evaluations, gn < 1e-6, gn, "BFGS"));
            iterations += result.Iterations;
        }
        catch (Exception e) when (IsOptimizerFailure(e))
        {
        }

        // Fallback: derivative-free simplex from the best point so far, then a BFGS polish from there.
        var best = (double[])bestSeen.Clone();
        try
        {
            var nm = new NelderMeadSimplex(1e-12, 2000);
            var simplex = nm.FindMinimum(ObjectiveFunction.Value(v => Value(v.ToArray())), Vector<double>.Build.Dense(best));
            iterations += simplex.Iterations;
            if (Value(simplex.MinimizingPoint.ToArray()) <= Value(best)) best = simplex.MinimizingPoint.ToArray();
            var polish = bfgs.FindMinimum(objective, Vector<double>.Build.Dense(best));
            iterations += polish.Iterations;
            if (Value(polish.MinimizingPoint.ToArray()) <= Value(best)) best = polish.MinimizingPoint.ToArray();
        }
        catch (Exception e) when (IsOptimizerFailure(e))
        {
        }
        if (bestSeenValue < Value(best)) best = (double[])bestSeen.Clone();
        double norm = GradNorm(best);
        return (best, new FitDiagnostics(iterations, evaluations, norm < 1e-6, norm, "Nelder-Mead+BFGS"));
    }
}
