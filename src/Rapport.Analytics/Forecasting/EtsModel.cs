using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace Rapport.Analytics.Forecasting;

/// <summary>
/// Simple exponential smoothing, Holt (additive trend, optionally damped) and Holt-Winters (additive or
/// multiplicative season) as additive-error ETS models. The smoothing parameters minimise the sum of squared one-step
/// errors (least squares, which is also maximum likelihood for Gaussian additive errors with the initial states held
/// at their heuristic values, see <see cref="EtsInitialization"/>), found by MathNet's Nelder–Mead simplex over
/// logistic transforms that keep them in the usual region 0 &lt; α &lt; 1, 0 &lt; β &lt; α, 0 &lt; γ &lt; 1 − α,
/// 0.8 ≤ φ ≤ 0.98.
/// </summary>
public sealed class EtsModel(EtsSpec spec, string name) : IForecastModel
{
    public static EtsModel SimpleExponentialSmoothing { get; } = new(new EtsSpec(EtsTrend.None, EtsSeason.None), "ses");
    public static EtsModel Holt { get; } = new(new EtsSpec(EtsTrend.Additive, EtsSeason.None), "holt");
    public static EtsModel HoltDamped { get; } = new(new EtsSpec(EtsTrend.Damped, EtsSeason.None), "holt-damped");
    public static EtsModel HoltWintersAdditive { get; } = new(new EtsSpec(EtsTrend.Additive, EtsSeason.Additive), "holt-winters-additive");
    public static EtsModel HoltWintersMultiplicative { get; } = new(new EtsSpec(EtsTrend.Additive, EtsSeason.Multiplicative), "holt-winters-multiplicative");

    private const double Low = 1e-4, High = 1 - 1e-4, PhiLow = 0.8, PhiHigh = 0.98;

    public string Name { get; } = name;
    public EtsSpec Spec { get; } = spec;

    /// <summary>Paths simulated for the intervals of a multiplicative season.</summary>
    public int Simulations { get; init; } = 1000;

    public int MinimumLength(int season) => Spec.HasSeason
        ? Math.Max(2 * season, Spec.SmoothingParameterCount + Spec.InitialStateCount(season) + 2)
        : Spec.HasTrend ? 4 : 3;

    public string? CannotFit(ReadOnlySpan<double> values, int season)
    {
        if (Spec.HasSeason && season < 2) return "needs a season of at least 2 periods";
        if (values.Length < MinimumLength(season)) return $"needs at least {MinimumLength(season)} periods of training data";
        if (Spec.Season == EtsSeason.Multiplicative)
            foreach (var v in values)
                if (v <= 0) return "a multiplicative season needs values above zero";
        return null;
    }

    public FittedForecastModel Fit(double[] values, int season)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (CannotFit(values, season) is { } reason) throw new ArgumentException($"{Name}: {reason}.");
        var initial = EtsInitialization.Initial(Spec, values, season)
                      ?? throw new ArgumentException($"{Name}: no usable initial state (the first two seasons' trend is not above zero).");
        var m = Spec.HasSeason ? season : 1;
        var work = new double[Spec.HasSeason ? m : 0];
        double Sse(EtsParameters p)
        {
            initial.Season.AsSpan().CopyTo(work);
            return EtsRecursion.FilterInPlace(Spec, values, m, p, initial.Level, initial.Trend, work, [], out _, out _);
        }
        var parameters = Optimise(Sse);
        var residuals = new double[values.Length];
        var sse = EtsRecursion.Filter(Spec, values, m, parameters, initial, residuals, out var final);
        var freedom = values.Length - Spec.SmoothingParameterCount - Spec.InitialStateCount(m);
        var sigma2 = sse / Math.Max(1, freedom);
        return new EtsFitted(this, parameters, initial, final, values.Length, m, sigma2, residuals);
    }

    /// <summary>Maps unconstrained u to the parameter region.</summary>
    private EtsParameters FromFree(Vector<double> u)
    {
        var alpha = Low + (High - Low) * Logistic(u[0]);
        var i = 1;
        var beta = Spec.HasTrend ? alpha * (Low + (High - Low) * Logistic(u[i++])) : 0;
        var gamma = Spec.HasSeason ? (1 - alpha) * (Low + (High - Low) * Logistic(u[i++])) : 0;
        var phi = Spec.Trend == EtsTrend.Damped ? PhiLow + (PhiHigh - PhiLow) * Logistic(u[i]) : 1;
        return new EtsParameters(alpha, beta, gamma, phi);
    }

    private EtsParameters Optimise(Func<EtsParameters, double> sse)
    {
        var k = Spec.SmoothingParameterCount;
        double best = double.PositiveInfinity;
        var bestPoint = Vector<double>.Build.Dense(k);
        double Objective(Vector<double> u)
        {
            var value = sse(FromFree(u));
            if (value < best)
            {
                best = value;
                u.CopyTo(bestPoint);
            }
            return double.IsFinite(value) ? value : double.MaxValue / 4;
        }

        // Start: β* = 0.1, γ* = 0.1, φ = 0.95 (damped), α from a coarse grid (the SSE surface in α often has two basins).
        var start = Vector<double>.Build.Dense(k);
        var idx = 1;
        if (Spec.HasTrend) start[idx++] = Free(0.1);
        if (Spec.HasSeason) start[idx++] = Free(0.1);
        if (Spec.Trend == EtsTrend.Damped) start[idx] = Free((0.95 - PhiLow) / (PhiHigh - PhiLow));
        double startValue = double.PositiveInfinity;
        var startAlpha = start[0];
        foreach (var a in (double[])[0.1, 0.3, 0.5, 0.8])
        {
            start[0] = Free(a);
            var v = Objective(start);
            if (v < startValue) { startValue = v; startAlpha = start[0]; }
        }
        start[0] = startAlpha;
        try
        {
            var simplex = new NelderMeadSimplex(1e-7, 600 * k);
            simplex.FindMinimum(ObjectiveFunction.Value(Objective), start);
        }
        catch (Exception e) when (e is MaximumIterationsException or OptimizationException or ArithmeticException)
        {
            // Keep the best point evaluated so far (tracked by Objective).
        }
        return FromFree(double.IsFinite(best) ? bestPoint : start);
    }

    private static double Logistic(double u) => 1 / (1 + Math.Exp(-u));

    /// <summary>The free value u whose scaled logistic gives the fraction q of (Low, High).</summary>
    private static double Free(double q)
    {
        var x = Math.Clamp((q - Low) / (High - Low), 1e-6, 1 - 1e-6);
        return Math.Log(x / (1 - x));
    }
}
