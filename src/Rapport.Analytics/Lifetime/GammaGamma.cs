using MathNet.Numerics;

namespace Rapport.Analytics.Lifetime;

/// <summary>Options of <see cref="GammaGamma.Fit(CustomerSummary, GammaGammaOptions?)"/>.</summary>
public sealed record GammaGammaOptions
{
    /// <summary>L2 penalty on (p, q, γ) added to the mean negative log-likelihood, as lifetimes' <c>penalizer_coef</c>.</summary>
    public double Penalizer { get; init; }

    public int MaxIterations { get; init; } = 500;

    /// <summary>Starting point; by default p = 1, q = 3, γ = 2 × mean spend.</summary>
    public GammaGammaModel? InitialGuess { get; init; }
}

/// <summary>
/// Fitted Gamma-Gamma model of spend (Fader &amp; Hardie 2013, "The Gamma-Gamma model of monetary value";
/// Colombo &amp; Jiang 1999): a transaction's value is Gamma(p, ν) with ν ~ Gamma(q, γ) across customers.
/// It assumes spend is independent of purchase frequency; <see cref="FrequencyMonetaryCorrelation"/> reports
/// the Pearson correlation between x and the mean repeat spend among the fitted repeat buyers as a check.
/// </summary>
public sealed record GammaGammaModel(double P, double Q, double Gamma)
{
    public double LogLikelihood { get; init; } = double.NaN;

    /// <summary>Repeat buyers with a positive mean spend that were fitted.</summary>
    public int Customers { get; init; }

    /// <summary>Repeat buyers left out because their mean repeat spend was not positive.</summary>
    public int ExcludedNonPositiveSpend { get; init; }

    /// <summary>Pearson correlation between frequency and mean repeat spend among the fitted customers (the
    /// independence check; Fader &amp; Hardie report 0.11 on CDNOW and treat small values as acceptable).</summary>
    public double FrequencyMonetaryCorrelation { get; init; } = double.NaN;

    public FitDiagnostics? Fit { get; init; }

    /// <summary>Mean transaction value of the population, pγ/(q−1) (NaN when q ≤ 1: the mean does not exist).</summary>
    public double PopulationMeanValue => Q > 1 ? P * Gamma / (Q - 1) : double.NaN;

    /// <summary>
    /// E[M | x, m̄ₓ] = p(γ + x m̄ₓ)/(p x + q − 1): a weighted mean of the population mean and the customer's own
    /// mean repeat spend; for x = 0 the population mean.
    /// </summary>
    public double ConditionalExpectedAverageValue(int x, double mx)
    {
        if (x <= 0) return PopulationMeanValue;
        double d = P * x + Q - 1;
        return d > 0 ? P * (Gamma + mx * x) / d : double.NaN;
    }

    /// <summary>Log-likelihood of one repeat buyer's mean spend (x &gt; 0, m̄ₓ &gt; 0).</summary>
    public double CustomerLogLikelihood(int x, double mx)
    {
        double px = P * x;
        return SpecialFunctions.GammaLn(px + Q) - SpecialFunctions.GammaLn(px) - SpecialFunctions.GammaLn(Q) + Q * Math.Log(Gamma)
            + (px - 1) * Math.Log(mx) + px * Math.Log(x) - (px + Q) * Math.Log(Gamma + mx * x);
    }
}

/// <summary>Maximum-likelihood fitting of <see cref="GammaGammaModel"/>.</summary>
public static class GammaGamma
{
    /// <summary>Fits Gamma-Gamma to the repeat buyers (x &gt; 0, positive mean spend) of a summary.</summary>
    public static GammaGammaModel Fit(CustomerSummary summary, GammaGammaOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return Fit(summary.Frequency, summary.Monetary, options);
    }

    /// <summary>Fits Gamma-Gamma to frequency x and mean repeat spend m̄ₓ; customers with x = 0 are skipped,
    /// repeat buyers with m̄ₓ ≤ 0 are skipped and counted.</summary>
    public static GammaGammaModel Fit(ReadOnlySpan<int> frequency, ReadOnlySpan<double> monetary, GammaGammaOptions? options = null)
    {
        options ??= new GammaGammaOptions();
        if (frequency.Length != monetary.Length) throw new ArgumentException("frequency and monetary must have the same length.");
        var xs = new List<int>();
        var ms = new List<double>();
        int nonPositive = 0;
        for (int i = 0; i < frequency.Length; i++)
        {
            if (frequency[i] <= 0) continue;
            if (!(monetary[i] > 0) || !double.IsFinite(monetary[i]))
            {
                nonPositive++;
                continue;
            }
            xs.Add(frequency[i]);
            ms.Add(monetary[i]);
        }
        if (xs.Count < 2)
            throw new ArgumentException($"Gamma-Gamma needs at least 2 repeat buyers with a positive spend; the data has {xs.Count}.", nameof(frequency));
        var likelihood = new GammaGammaLikelihood(xs.ToArray(), ms.ToArray());
        double meanM = ms.Average();
        double[] start = options.InitialGuess is { } g0
            ? [Math.Log(g0.P), Math.Log(g0.Q), Math.Log(g0.Gamma)]
            : [0, Math.Log(3), Math.Log(2 * meanM)];
        double n = xs.Count, pen = options.Penalizer;
        var grad = new double[3];
        double Objective(double[] th, double[]? gradient)
        {
            double p = Math.Exp(th[0]), q = Math.Exp(th[1]), gm = Math.Exp(th[2]);
            double ll = likelihood.Evaluate(p, q, gm, gradient == null ? null : grad);
            if (gradient != null)
            {
                double[] v = [p, q, gm];
                for (int i = 0; i < 3; i++) gradient[i] = -grad[i] * v[i] / n + 2 * pen * v[i] * v[i];
            }
            return -ll / n + pen * (p * p + q * q + gm * gm);
        }
        var (theta, diagnostics) = LogParameterOptimizer.Minimize(Objective, start, options.MaxIterations, analyticGradient: true);
        double pp = Math.Exp(theta[0]), qq = Math.Exp(theta[1]), gg = Math.Exp(theta[2]);
        return new GammaGammaModel(pp, qq, gg)
        {
            LogLikelihood = likelihood.Evaluate(pp, qq, gg, null),
            Customers = xs.Count,
            ExcludedNonPositiveSpend = nonPositive,
            FrequencyMonetaryCorrelation = Pearson(xs, ms),
            Fit = diagnostics,
        };
    }

    private static double Pearson(List<int> x, List<double> y)
    {
        double mx = x.Average(), my = y.Average(), sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.Count; i++)
        {
            double dx = x[i] - mx, dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        return sxx > 0 && syy > 0 ? sxy / Math.Sqrt(sxx * syy) : double.NaN;
    }
}

/// <summary>
/// Gamma-Gamma log-likelihood with the data-only sums precomputed and the x-only log-gammas computed once per
/// distinct x, so an evaluation costs one logarithm and one division per customer.
/// </summary>
internal sealed class GammaGammaLikelihood
{
    private const int Chunk = 32768;
    private readonly double[] _x;
    private readonly double[] _mx;          // m̄ₓ · x
    private readonly int[] _distinctX;
    private readonly double[] _countX;
    private readonly double _sumXLnM, _sumLnM, _sumXLnX;
    private readonly double[] _partial;

    public GammaGammaLikelihood(int[] x, double[] m)
    {
        int n = x.Length;
        _x = new double[n];
        _mx = new double[n];
        var counts = new Dictionary<int, double>();
        for (int i = 0; i < n; i++)
        {
            _x[i] = x[i];
            _mx[i] = m[i] * x[i];
            double lm = Math.Log(m[i]);
            _sumXLnM += x[i] * lm;
            _sumLnM += lm;
            _sumXLnX += x[i] * Math.Log(x[i]);
            ref double c = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(counts, x[i], out _);
            c++;
        }
        _distinctX = counts.Keys.Order().ToArray();
        _countX = _distinctX.Select(k => counts[k]).ToArray();
        _partial = new double[((n + Chunk - 1) / Chunk) * 4];
    }

    public double Evaluate(double p, double q, double gamma, double[]? gradient)
    {
        if (!(p > 0 && q > 0 && gamma > 0) || !double.IsFinite(p + q + gamma)) return double.NaN;
        int n = _x.Length;
        double ll = -n * SpecialFunctions.GammaLn(q) + n * q * Math.Log(gamma) + p * _sumXLnM - _sumLnM + p * _sumXLnX;
        double dp = _sumXLnM + _sumXLnX, dq = n * Math.Log(gamma) - (gradient != null ? n * SpecialFunctions.DiGamma(q) : 0);
        for (int k = 0; k < _distinctX.Length; k++)
        {
            double px = p * _distinctX[k], c = _countX[k];
            ll += c * (SpecialFunctions.GammaLn(px + q) - SpecialFunctions.GammaLn(px));
            if (gradient != null)
            {
                double psi = SpecialFunctions.DiGamma(px + q);
                dp += c * _distinctX[k] * (psi - SpecialFunctions.DiGamma(px));
                dq += c * psi;
            }
        }
        int chunks = (n + Chunk - 1) / Chunk;
        bool grad = gradient != null;
        if (chunks > 1) Parallel.For(0, chunks, c => Sums(c, gamma, grad));
        else Sums(0, gamma, grad);
        double sL = 0, sXL = 0, sInv = 0, sXInv = 0;
        for (int c = 0; c < chunks; c++)
        {
            sL += _partial[4 * c];
            sXL += _partial[4 * c + 1];
            sInv += _partial[4 * c + 2];
            sXInv += _partial[4 * c + 3];
        }
        ll -= p * sXL + q * sL;
        if (gradient != null)
        {
            gradient[0] = dp - sXL;
            gradient[1] = dq - sL;
            gradient[2] = n * q / gamma - (p * sXInv + q * sInv);
        }
        return ll;
    }

    private void Sums(int chunk, double gamma, bool grad)
    {
        int start = chunk * Chunk, end = Math.Min(_x.Length, start + Chunk);
        double sL = 0, sXL = 0, sInv = 0, sXInv = 0;
        for (int i = start; i < end; i++)
        {
            double v = gamma + _mx[i];
            double l = Math.Log(v);
            sL += l;
            sXL += _x[i] * l;
            if (grad)
            {
                double inv = 1 / v;
                sInv += inv;
                sXInv += _x[i] * inv;
            }
        }
        _partial[4 * chunk] = sL;
        _partial[4 * chunk + 1] = sXL;
        _partial[4 * chunk + 2] = sInv;
        _partial[4 * chunk + 3] = sXInv;
    }
}
