using MathNet.Numerics;

namespace Rapport.Analytics.Lifetime;

/// <summary>Options of <see cref="ParetoNbd.Fit(CustomerSummary, ParetoNbdOptions?)"/>.</summary>
public sealed record ParetoNbdOptions
{
    /// <summary>L2 penalty on (r, α, s, β) added to the mean negative log-likelihood, as lifetimes' <c>penalizer_coef</c>.</summary>
    public double Penalizer { get; init; }

    public int MaxIterations { get; init; } = 500;

    /// <summary>Starting point; by default r = s = 0.5, α = β = mean T / mean x.</summary>
    public ParetoNbdModel? InitialGuess { get; init; }
}

/// <summary>
/// Fitted Pareto/NBD model (Schmittlein, Morrison &amp; Colombo 1987): while active, purchases are Poisson with
/// rate λ ~ Gamma(r, α); the lifetime is exponential with rate μ ~ Gamma(s, β).
/// </summary>
/// <remarks>
/// The likelihood is the numerically stable form of Fader &amp; Hardie's "A note on implementing the Pareto/NBD
/// model in MATLAB" (2005): with k = r+s+x and the ₂F₁ arguments chosen by whether α ≥ β so that |z| &lt; 1,
/// L = Γ(r+x)α^r β^s/Γ(r) · [1/((α+T)^(r+x)(β+T)^s) + s/k · A₀], evaluated in logs.
/// </remarks>
public sealed record ParetoNbdModel(double R, double Alpha, double S, double Beta) : IPurchaseCountModel
{
    public string Name => "Pareto/NBD";

    public double LogLikelihood { get; init; } = double.NaN;

    public int Customers { get; init; }

    public int DistinctHistories { get; init; }

    public FitDiagnostics? Fit { get; init; }

    /// <summary>Log-likelihood of one customer's history.</summary>
    public double CustomerLogLikelihood(int x, double tx, double T)
    {
        var (lnFirst, lnSecond) = Branches(R, Alpha, S, Beta, x, tx, T);
        return SpecialFunctions.GammaLn(R + x) - SpecialFunctions.GammaLn(R) + R * Math.Log(Alpha) + S * Math.Log(Beta)
            + SpecialMath.LogAddExp(lnFirst, lnSecond);
    }

    /// <inheritdoc/>
    /// <remarks>P(alive) = 1 / (1 + s/(r+s+x) · (α+T)^(r+x) (β+T)^s · A₀).</remarks>
    public double ProbabilityAlive(int x, double tx, double T)
    {
        var (lnFirst, lnSecond) = Branches(R, Alpha, S, Beta, x, tx, T);
        return 1 / (1 + Math.Exp(lnSecond - lnFirst));
    }

    /// <inheritdoc/>
    /// <remarks>E[Y(t) | x, tₓ, T] = (r+x)(β+T)/((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^(s−1)] · P(alive), with the
    /// s → 1 limit (r+x)(β+T)/(α+T) · ln((β+T+t)/(β+T)) handled by expm1.</remarks>
    public double ExpectedPurchases(double t, int x, double tx, double T)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(t);
        if (t == 0) return 0;
        return (R + x) * (Beta + T) / (Alpha + T) * Decay(Math.Log((Beta + T + t) / (Beta + T))) * ProbabilityAlive(x, tx, T);
    }

    /// <inheritdoc/>
    /// <remarks>E[X(t)] = rβ/(α(s−1)) · [1 − (β/(β+t))^(s−1)].</remarks>
    public double ExpectedPurchasesNewCustomer(double t)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(t);
        if (t == 0) return 0;
        return R * Beta / Alpha * Decay(Math.Log((Beta + t) / Beta));
    }

    // [1 − e^(−(s−1)L)]/(s−1), → L as s → 1.
    private double Decay(double l) => Math.Abs(S - 1) < 1e-12 ? l : -double.ExpM1(-(S - 1) * l) / (S - 1);

    /// <summary>
    /// The two terms inside the likelihood's bracket, in logs: −(r+x)ln(α+T) − s ln(β+T), and ln(s/k) + ln A₀ with
    /// A₀ = ₂F₁(k, p₂; k+1; |α−β|/(m+tₓ))/(m+tₓ)^k − ₂F₁(k, p₂; k+1; |α−β|/(m+T))/(m+T)^k, m = max(α, β),
    /// p₂ = s+1 if α ≥ β else r+x.
    /// </summary>
    internal static (double First, double Second) Branches(double r, double alpha, double s, double beta, int x, double tx, double T)
    {
        double first = -(r + x) * Math.Log(alpha + T) - s * Math.Log(beta + T);
        double k = r + s + x;
        double max = Math.Max(alpha, beta), diff = Math.Abs(alpha - beta);
        double p2 = alpha >= beta ? s + 1 : r + x;
        double f1 = Hypergeometric.Hyp2F1(k, p2, k + 1, diff / (max + tx));
        double f2 = Hypergeometric.Hyp2F1(k, p2, k + 1, diff / (max + T));
        double l1 = Math.Log(f1) - k * Math.Log(max + tx);
        double l2 = Math.Log(f2) - k * Math.Log(max + T);
        double lnA0 = l2 < l1 ? l1 + SpecialMath.Log1MinusExp(l2 - l1) : double.NegativeInfinity;
        return (first, Math.Log(s / k) + lnA0);
    }
}

/// <summary>Maximum-likelihood fitting of <see cref="ParetoNbdModel"/> (BFGS on log-parameters, central-difference gradients).</summary>
public static class ParetoNbd
{
    public static ParetoNbdModel Fit(CustomerSummary summary, ParetoNbdOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return Fit(summary.Frequency, summary.Recency, summary.T, options);
    }

    public static ParetoNbdModel Fit(ReadOnlySpan<int> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> T, ParetoNbdOptions? options = null)
    {
        options ??= new ParetoNbdOptions();
        if (frequency.Length == 0) throw new ArgumentException("Pareto/NBD needs at least one customer.", nameof(frequency));
        var groups = SummaryGroups.Build(frequency, recency, T);
        if (groups.XValues.All(v => v == 0))
            throw new ArgumentException("Pareto/NBD cannot be fitted: no customer made a repeat purchase in the calibration period.", nameof(frequency));
        var likelihood = new ParetoNbdLikelihood(groups);
        double scale = Math.Max(groups.MeanT() / Math.Max(groups.MeanX(), 1e-2), 1e-3);
        double[] start = options.InitialGuess is { } g0
            ? [Math.Log(g0.R), Math.Log(g0.Alpha), Math.Log(g0.S), Math.Log(g0.Beta)]
            : [Math.Log(0.5), Math.Log(scale), Math.Log(0.5), Math.Log(scale * 1.1)];
        double n = groups.TotalWeight, pen = options.Penalizer;
        double Objective(double[] th, double[]? gradient)
        {
            double r = Math.Exp(th[0]), alpha = Math.Exp(th[1]), s = Math.Exp(th[2]), beta = Math.Exp(th[3]);
            return -likelihood.Evaluate(r, alpha, s, beta) / n + pen * (r * r + alpha * alpha + s * s + beta * beta);
        }
        var (theta, diagnostics) = LogParameterOptimizer.Minimize(Objective, start, options.MaxIterations, analyticGradient: false);
        double rr = Math.Exp(theta[0]), al = Math.Exp(theta[1]), ss = Math.Exp(theta[2]), be = Math.Exp(theta[3]);
        return new ParetoNbdModel(rr, al, ss, be)
        {
            LogLikelihood = likelihood.Evaluate(rr, al, ss, be),
            Customers = (int)n,
            DistinctHistories = groups.Count,
            Fit = diagnostics,
        };
    }
}

/// <summary>
/// Grouped Pareto/NBD log-likelihood. The ₂F₁ terms depend on (x, tₓ) and on (x, T) only, so they are computed
/// once per distinct pair (far fewer than distinct histories in real data), and each history then costs an
/// exp and two logs.
/// </summary>
internal sealed class ParetoNbdLikelihood
{
    private const int Chunk = 4096;
    private readonly SummaryGroups _g;
    private readonly int[] _txPairX, _txPairTx, _tPairX, _tPairT; // pair → x index, value index
    private readonly int[] _groupTxPair, _groupTPair;              // group → pair
    private readonly double[] _l1, _l2, _first;                    // per pair, per evaluation
    private readonly double[] _lnSk;                               // per distinct x: ln(s/(r+s+x))
    private readonly double[] _partial;

    public ParetoNbdLikelihood(SummaryGroups g)
    {
        _g = g;
        (_txPairX, _txPairTx, _groupTxPair) = Pairs(g, g.TxIndex);
        (_tPairX, _tPairT, _groupTPair) = Pairs(g, g.TIndex);
        _l1 = new double[_txPairX.Length];
        _l2 = new double[_tPairX.Length];
        _first = new double[_tPairX.Length];
        _lnSk = new double[g.XValues.Length];
        _partial = new double[(g.Count + Chunk - 1) / Chunk];
    }

    private static (int[] X, int[] V, int[] GroupPair) Pairs(SummaryGroups g, int[] valueIndex)
    {
        var map = new Dictionary<(int, int), int>();
        var xs = new List<int>();
        var vs = new List<int>();
        var groupPair = new int[g.Count];
        for (int i = 0; i < g.Count; i++)
        {
            var key = (g.XIndex[i], valueIndex[i]);
            if (!map.TryGetValue(key, out int p))
            {
                p = xs.Count;
                map.Add(key, p);
                xs.Add(key.Item1);
                vs.Add(key.Item2);
            }
            groupPair[i] = p;
        }
        return (xs.ToArray(), vs.ToArray(), groupPair);
    }

    public double Evaluate(double r, double alpha, double s, double beta)
    {
        if (!(r > 0 && alpha > 0 && s > 0 && beta > 0) || !double.IsFinite(r + alpha + s + beta)) return double.NaN;
        var g = _g;
        double ll = 0, lgr = SpecialFunctions.GammaLn(r), head = r * Math.Log(alpha) + s * Math.Log(beta) - lgr;
        for (int k = 0; k < g.XValues.Length; k++)
        {
            ll += g.XWeight[k] * (SpecialFunctions.GammaLn(r + g.XValues[k]) + head);
            _lnSk[k] = Math.Log(s / (r + s + g.XValues[k]));
        }
        double max = Math.Max(alpha, beta), diff = Math.Abs(alpha - beta);
        bool alphaAtLeastBeta = alpha >= beta;
        void TxPair(int p)
        {
            int x = g.XValues[_txPairX[p]];
            double k = r + s + x, m = max + g.TxValues[_txPairTx[p]];
            _l1[p] = Math.Log(Hypergeometric.Hyp2F1(k, alphaAtLeastBeta ? s + 1 : r + x, k + 1, diff / m)) - k * Math.Log(m);
        }
        void TPair(int p)
        {
            int x = g.XValues[_tPairX[p]];
            double T = g.TValues[_tPairT[p]];
            double k = r + s + x, m = max + T;
            _l2[p] = Math.Log(Hypergeometric.Hyp2F1(k, alphaAtLeastBeta ? s + 1 : r + x, k + 1, diff / m)) - k * Math.Log(m);
            _first[p] = -(r + x) * Math.Log(alpha + T) - s * Math.Log(beta + T);
        }
        For(_l1.Length, TxPair);
        For(_l2.Length, TPair);
        int chunks = _partial.Length;
        if (chunks > 1) Parallel.For(0, chunks, Groups);
        else Groups(0);
        for (int c = 0; c < chunks; c++) ll += _partial[c];
        return ll;
    }

    private static void For(int n, Action<int> body)
    {
        if (n < 2048)
        {
            for (int i = 0; i < n; i++) body(i);
            return;
        }
        Parallel.For(0, (n + 1023) / 1024, c =>
        {
            int end = Math.Min(n, (c + 1) * 1024);
            for (int i = c * 1024; i < end; i++) body(i);
        });
    }

    private void Groups(int chunk)
    {
        var g = _g;
        int start = chunk * Chunk, end = Math.Min(g.Count, start + Chunk);
        double sum = 0;
        for (int i = start; i < end; i++)
        {
            double l1 = _l1[_groupTxPair[i]];
            int tp = _groupTPair[i];
            double l2 = _l2[tp];
            double lnA0 = l2 < l1 ? l1 + SpecialMath.Log1MinusExp(l2 - l1) : double.NegativeInfinity;
            sum += g.Weight[i] * SpecialMath.LogAddExp(_first[tp], _lnSk[g.XIndex[i]] + lnA0);
        }
        _partial[chunk] = sum;
    }
}
