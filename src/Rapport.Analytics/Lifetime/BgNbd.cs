using MathNet.Numerics;

namespace Rapport.Analytics.Lifetime;

/// <summary>Options of <see cref="BgNbd.Fit(CustomerSummary, BgNbdOptions?)"/>.</summary>
public sealed record BgNbdOptions
{
    /// <summary>L2 penalty on the parameters added to the mean negative log-likelihood, as lifetimes'
    /// <c>penalizer_coef</c> (0 = plain maximum likelihood).</summary>
    public double Penalizer { get; init; }

    /// <summary>BFGS iteration limit.</summary>
    public int MaxIterations { get; init; } = 500;

    /// <summary>Starting point; by default r = 1, α = mean T / mean x, a = b = 1.</summary>
    public BgNbdModel? InitialGuess { get; init; }
}

/// <summary>
/// Fitted BG/NBD model (Fader, Hardie &amp; Lee 2005, "Counting your customers the easy way"): while active,
/// purchases follow a Poisson process with rate λ ~ Gamma(r, α); after each purchase the customer drops out
/// with probability p ~ Beta(a, b).
/// </summary>
public sealed record BgNbdModel(double R, double Alpha, double A, double B) : IPurchaseCountModel
{
    public string Name => "BG/NBD";

    /// <summary>Log-likelihood of the calibration data (NaN for a model built from parameters).</summary>
    public double LogLikelihood { get; init; } = double.NaN;

    /// <summary>Number of customers fitted.</summary>
    public int Customers { get; init; }

    /// <summary>Distinct (x, tₓ, T) triples the likelihood was evaluated over.</summary>
    public int DistinctHistories { get; init; }

    public FitDiagnostics? Fit { get; init; }

    /// <inheritdoc/>
    public double ProbabilityAlive(int x, double tx, double T)
    {
        if (x == 0) return 1;
        double logRatio = Math.Log(A) - Math.Log(B + x - 1) + (R + x) * (Math.Log(Alpha + T) - Math.Log(Alpha + tx));
        return 1 / (1 + Math.Exp(logRatio));
    }

    /// <summary>Log-likelihood of one customer's history.</summary>
    public double CustomerLogLikelihood(int x, double tx, double T)
    {
        double ll = SpecialFunctions.GammaLn(R + x) - SpecialFunctions.GammaLn(R) + R * Math.Log(Alpha)
            + SpecialFunctions.GammaLn(A + B) + SpecialFunctions.GammaLn(B + x) - SpecialFunctions.GammaLn(B) - SpecialFunctions.GammaLn(A + B + x);
        double a3 = -(R + x) * Math.Log(Alpha + T);
        double a4 = x > 0 ? Math.Log(A) - Math.Log(B + x - 1) - (R + x) * Math.Log(Alpha + tx) : double.NegativeInfinity;
        return ll + SpecialMath.LogAddExp(a3, a4);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// E[Y(t) | x, tₓ, T] = (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))] · P(alive),
    /// evaluated through Euler's transformation as 1 − w^(a−1) ₂F₁(a+b−1−r, a−1; a+b+x−1; z), whose series stays
    /// small for large x. At a = 1 (a removable singularity) the mean of a = 1 ± 1e−6 is used.
    /// </remarks>
    public double ExpectedPurchases(double t, int x, double tx, double T)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(t);
        if (t == 0) return 0;
        double alive = ProbabilityAlive(x, tx, T);
        return alive * AtA(a => Growth(a, t, x, Alpha + T));
    }

    /// <inheritdoc/>
    /// <remarks>E[X(t)] = (a+b−1)/(a−1) · [1 − (α/(α+t))^r ₂F₁(r, b; a+b−1; t/(α+t))].</remarks>
    public double ExpectedPurchasesNewCustomer(double t)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(t);
        if (t == 0) return 0;
        return AtA(a => Growth(a, t, 0, Alpha));
    }

    // (a+b+x−1)/(a−1) · [1 − w^(a−1) 2F1(a+b−1−r, a−1; a+b+x−1; z)], z = t/(s+t), w = s/(s+t).
    private double Growth(double a, double t, int x, double s)
    {
        double z = t / (s + t);
        double w = s / (s + t);
        double c = a + B + x - 1;
        double f = Hypergeometric.Hyp2F1(a + B - 1 - R, a - 1, c, z);
        double gap = f > 0 ? -double.ExpM1((a - 1) * Math.Log(w) + Math.Log(f)) : 1 - Math.Pow(w, a - 1) * f;
        return c / (a - 1) * gap;
    }

    private double AtA(Func<double, double> g)
    {
        const double h = 1e-6;
        return Math.Abs(A - 1) < h ? 0.5 * (g(1 + h) + g(1 - h)) : g(A);
    }
}

/// <summary>Maximum-likelihood fitting of <see cref="BgNbdModel"/>.</summary>
public static class BgNbd
{
    /// <summary>Fits BG/NBD to a calibration summary.</summary>
    public static BgNbdModel Fit(CustomerSummary summary, BgNbdOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return Fit(summary.Frequency, summary.Recency, summary.T, options);
    }

    /// <summary>Fits BG/NBD to columns x (repeat purchases), tₓ (recency) and T (age).</summary>
    public static BgNbdModel Fit(ReadOnlySpan<int> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> T, BgNbdOptions? options = null)
    {
        options ??= new BgNbdOptions();
        if (frequency.Length == 0) throw new ArgumentException("BG/NBD needs at least one customer.", nameof(frequency));
        var groups = SummaryGroups.Build(frequency, recency, T);
        if (groups.XValues.All(v => v == 0))
            throw new ArgumentException("BG/NBD cannot be fitted: no customer made a repeat purchase in the calibration period.", nameof(frequency));
        var likelihood = new BgNbdLikelihood(groups);
        double[] start = options.InitialGuess is { } g0
            ? [Math.Log(g0.R), Math.Log(g0.Alpha), Math.Log(g0.A), Math.Log(g0.B)]
            : [0, Math.Log(Math.Max(groups.MeanT() / Math.Max(groups.MeanX(), 1e-2), 1e-3)), 0, 0];
        double n = groups.TotalWeight, pen = options.Penalizer;
        var grad = new double[4];
        double Objective(double[] th, double[]? gradient)
        {
            double r = Math.Exp(th[0]), alpha = Math.Exp(th[1]), a = Math.Exp(th[2]), b = Math.Exp(th[3]);
            double ll = likelihood.Evaluate(r, alpha, a, b, gradient == null ? null : grad);
            double value = -ll / n + pen * (r * r + alpha * alpha + a * a + b * b);
            if (gradient != null)
            {
                double[] p = [r, alpha, a, b];
                for (int i = 0; i < 4; i++) gradient[i] = -grad[i] * p[i] / n + 2 * pen * p[i] * p[i];
            }
            return value;
        }
        var (theta, diagnostics) = LogParameterOptimizer.Minimize(Objective, start, options.MaxIterations, analyticGradient: true);
        double rr = Math.Exp(theta[0]), al = Math.Exp(theta[1]), aa = Math.Exp(theta[2]), bb = Math.Exp(theta[3]);
        return new BgNbdModel(rr, al, aa, bb)
        {
            LogLikelihood = likelihood.Evaluate(rr, al, aa, bb, null),
            Customers = (int)n,
            DistinctHistories = groups.Count,
            Fit = diagnostics,
        };
    }
}

/// <summary>Grouped BG/NBD log-likelihood and its analytic gradient in (r, α, a, b).</summary>
internal sealed class BgNbdLikelihood(SummaryGroups g)
{
    private const int Chunk = 16384;
    private readonly double[] _lnAT = new double[g.TValues.Length];
    private readonly double[] _invAT = new double[g.TValues.Length];
    private readonly double[] _lnATx = new double[g.TxValues.Length];
    private readonly double[] _invATx = new double[g.TxValues.Length];
    private readonly double[] _la = new double[g.XValues.Length];    // ln a − ln(b+x−1), x > 0
    private readonly double[] _invB = new double[g.XValues.Length];  // 1/(b+x−1), x > 0
    private readonly double[] _partial = new double[((g.Count + Chunk - 1) / Chunk) * 5];

    /// <summary>Total log-likelihood; when <paramref name="gradient"/> is given, fills ∂LL/∂(r, α, a, b).</summary>
    public double Evaluate(double r, double alpha, double a, double b, double[]? gradient)
    {
        if (!(r > 0 && alpha > 0 && a > 0 && b > 0) || !double.IsFinite(r + alpha + a + b)) return double.NaN;
        Tables(g.TValues, alpha, _lnAT, _invAT);
        Tables(g.TxValues, alpha, _lnATx, _invATx);
        double lna = Math.Log(a);
        // x-only terms, weighted by the number of customers with that x.
        double ll = 0, dr = 0, dalpha = 0, da = 0, db = 0;
        double lgr = SpecialFunctions.GammaLn(r), lgab = SpecialFunctions.GammaLn(a + b), lgb = SpecialFunctions.GammaLn(b);
        double psr = 0, psab = 0, psb = 0;
        if (gradient != null)
        {
            psr = SpecialFunctions.DiGamma(r);
            psab = SpecialFunctions.DiGamma(a + b);
            psb = SpecialFunctions.DiGamma(b);
        }
        double lnAlpha = Math.Log(alpha);
        for (int k = 0; k < g.XValues.Length; k++)
        {
            int x = g.XValues[k];
            double w = g.XWeight[k];
            ll += w * (SpecialFunctions.GammaLn(r + x) - lgr + r * lnAlpha + lgab + SpecialFunctions.GammaLn(b + x) - lgb - SpecialFunctions.GammaLn(a + b + x));
            if (x > 0)
            {
                _la[k] = lna - Math.Log(b + x - 1);
                _invB[k] = 1 / (b + x - 1);
            }
            if (gradient != null)
            {
                double psabx = SpecialFunctions.DiGamma(a + b + x);
                dr += w * (SpecialFunctions.DiGamma(r + x) - psr + lnAlpha);
                dalpha += w * r / alpha;
                da += w * (psab - psabx);
                db += w * (psab + SpecialFunctions.DiGamma(b + x) - psb - psabx);
            }
        }
        // Per-group terms: ln(e^A3 + e^A4) and the weights of its two branches.
        int chunks = (g.Count + Chunk - 1) / Chunk;
        bool grad = gradient != null;
        if (chunks > 1) Parallel.For(0, chunks, c => Groups(c, r, a, grad));
        else Groups(0, r, a, grad);
        double sL = 0, sLog = 0, sInv = 0, sW4 = 0, sW4B = 0;
        for (int c = 0; c < chunks; c++)
        {
            sL += _partial[5 * c];
            sLog += _partial[5 * c + 1];
            sInv += _partial[5 * c + 2];
            sW4 += _partial[5 * c + 3];
            sW4B += _partial[5 * c + 4];
        }
        ll += sL;
        if (gradient != null)
        {
            gradient[0] = dr - sLog;
            gradient[1] = dalpha - sInv;
            gradient[2] = da + sW4 / a;
            gradient[3] = db - sW4B;
        }
        return ll;
    }

    // ln(α + v) and 1/(α + v) for every distinct time value (in parallel when there are many, as with continuous times).
    private static void Tables(double[] values, double alpha, double[] ln, double[] inv)
    {
        int n = values.Length;
        if (n < 2 * Chunk)
        {
            Fill(0, n);
            return;
        }
        Parallel.For(0, (n + Chunk - 1) / Chunk, c => Fill(c * Chunk, Math.Min(n, (c + 1) * Chunk)));

        void Fill(int from, int to)
        {
            for (int j = from; j < to; j++)
            {
                double v = alpha + values[j];
                ln[j] = Math.Log(v);
                inv[j] = 1 / v;
            }
        }
    }

    private void Groups(int chunk, double r, double a, bool grad)
    {
        int start = chunk * Chunk, end = Math.Min(g.Count, start + Chunk);
        double sL = 0, sLog = 0, sInv = 0, sW4 = 0, sW4B = 0;
        int[] xi = g.XIndex, ti = g.TIndex, txi = g.TxIndex, xv = g.XValues;
        double[] wt = g.Weight;
        for (int i = start; i < end; i++)
        {
            int k = xi[i];
            int x = xv[k];
            double w = wt[i];
            double rx = r + x;
            double a3 = -rx * _lnAT[ti[i]];
            if (x == 0)
            {
                sL += w * a3;
                if (grad)
                {
                    sLog += w * _lnAT[ti[i]];
                    sInv += w * rx * _invAT[ti[i]];
                }
                continue;
            }
            int t = txi[i];
            double a4 = _la[k] - rx * _lnATx[t];
            double d = a4 - a3, w4, l;
            if (d > 0)
            {
                double e = Math.Exp(-d);
                l = a4 + Math.Log(1 + e);
                w4 = 1 / (1 + e);
            }
            else
            {
                double e = Math.Exp(d);
                l = a3 + Math.Log(1 + e);
                w4 = e / (1 + e);
            }
            sL += w * l;
            if (grad)
            {
                double w3 = 1 - w4;
                sLog += w * (w3 * _lnAT[ti[i]] + w4 * _lnATx[t]);
                sInv += w * rx * (w3 * _invAT[ti[i]] + w4 * _invATx[t]);
                sW4 += w * w4;
                sW4B += w * w4 * _invB[k];
            }
        }
        _partial[5 * chunk] = sL;
        _partial[5 * chunk + 1] = sLog;
        _partial[5 * chunk + 2] = sInv;
        _partial[5 * chunk + 3] = sW4;
        _partial[5 * chunk + 4] = sW4B;
    }
}
