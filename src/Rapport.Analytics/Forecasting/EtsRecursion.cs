namespace Rapport.Analytics.Forecasting;

/// <summary>
/// The additive-error exponential smoothing recursions (Hyndman et al. 2008, table 2.3, error-correction form):
/// <code>
///   ŷ(t)  = (ℓ + φb) ⊕ s(t−m)                      ⊕ is + (additive season) or × (multiplicative season)
///   e(t)  = y(t) − ŷ(t)
///   additive season:        ℓ ← ℓ + φb + αe,        b ← φb + βe,         s(t) = s(t−m) + γe
///   multiplicative season:  ℓ ← ℓ + φb + αe/s(t−m), b ← φb + βe/s(t−m),  s(t) = s(t−m) + γe/(ℓ_prev + φb_prev)
/// </code>
/// These are the component forms of Hyndman &amp; Athanasopoulos, "Forecasting: principles and practice" (§8.3,
/// Holt-Winters additive and multiplicative; the season updates against ℓ_prev + φb_prev) rewritten with the
/// one-step error; the additive one is also R's <c>HoltWinters</c> (Holt 1957, Winters 1960) with α,
/// β* = β/α, γ* = γ/(1−α).
/// </summary>
public static class EtsRecursion
{
    /// <summary>
    /// Runs the recursions over <paramref name="values"/> from <paramref name="initial"/> (the state before the first
    /// value) and returns the sum of squared one-step errors; <c>+∞</c> when the path leaves the finite numbers or a
    /// multiplicative state reaches zero. <paramref name="final"/> receives the state after the last value.
    /// </summary>
    public static double Filter(EtsSpec spec, ReadOnlySpan<double> values, int season, EtsParameters p, EtsState initial,
        Span<double> residuals, out EtsState final)
    {
        var m = spec.HasSeason ? season : 1;
        var s = spec.HasSeason ? (double[])initial.Season.Clone() : [];
        var sse = FilterInPlace(spec, values, m, p, initial.Level, initial.Trend, s, residuals, out var level, out var trend);
        final = new EtsState(level, trend, s);
        return sse;
    }

    /// <summary>The allocation-free core of <see cref="Filter"/>: updates <paramref name="s"/> in place.</summary>
    internal static double FilterInPlace(EtsSpec spec, ReadOnlySpan<double> y, int m, EtsParameters p, double level, double trend,
        Span<double> s, Span<double> residuals, out double finalLevel, out double finalTrend)
    {
        double alpha = p.Alpha, beta = p.Beta, gamma = p.Gamma;
        double phi = spec.Trend == EtsTrend.Damped ? p.Phi : 1.0;
        bool hasTrend = spec.HasTrend;
        double l = level, b = hasTrend ? trend : 0.0, sse = 0;
        bool record = residuals.Length >= y.Length;
        for (var t = 0; t < y.Length; t++)
        {
            double baseLevel = l + phi * b;
            double e;
            switch (spec.Season)
            {
                case EtsSeason.None:
                    e = y[t] - baseLevel;
                    l = baseLevel + alpha * e;
                    if (hasTrend) b = phi * b + beta * e;
                    break;
                case EtsSeason.Additive:
                {
                    var j = t % m;
                    e = y[t] - (baseLevel + s[j]);
                    l = baseLevel + alpha * e;
                    if (hasTrend) b = phi * b + beta * e;
                    s[j] += gamma * e;
                    break;
                }
                default:
                {
                    var j = t % m;
                    var sj = s[j];
                    if (sj <= 0 || baseLevel <= 0) { finalLevel = l; finalTrend = b; return double.PositiveInfinity; }
                    e = y[t] - baseLevel * sj;
                    l = baseLevel + alpha * e / sj;
                    if (hasTrend) b = phi * b + beta * e / sj;
                    s[j] = sj + gamma * e / baseLevel;
                    break;
                }
            }
            if (record) residuals[t] = e;
            sse += e * e;
        }
        finalLevel = l;
        finalTrend = b;
        return double.IsFinite(sse) ? sse : double.PositiveInfinity;
    }

    /// <summary>
    /// Point forecasts h = 1..H from the state after observation n−1 (n = <paramref name="length"/>):
    /// ŷ(n+h) = (ℓ + φ_h b) ⊕ s((n+h−1) mod m), φ_h = φ + φ² + … + φ^h (= h undamped).
    /// </summary>
    public static double[] PointForecast(EtsSpec spec, EtsState state, EtsParameters p, int length, int season, int horizon)
    {
        var phi = spec.Trend == EtsTrend.Damped ? p.Phi : 1.0;
        var f = new double[horizon];
        double phiSum = 0, phiPower = 1;
        for (var h = 1; h <= horizon; h++)
        {
            phiPower *= phi;
            phiSum += phiPower;
            var baseLevel = state.Level + (spec.HasTrend ? phiSum * state.Trend : 0);
            f[h - 1] = spec.Season switch
            {
                EtsSeason.None => baseLevel,
                EtsSeason.Additive => baseLevel + state.Season[(length + h - 1) % season],
                _ => baseLevel * state.Season[(length + h - 1) % season],
            };
        }
        return f;
    }

    /// <summary>
    /// h-step forecast error variance for the linear (class 1) models, Hyndman et al. (2008) §6.2, table 6.1:
    /// v(h) = σ²·[1 + Σ_{j=1}^{h−1} c_j²] with c_j = α + β·φ_j + γ·d_{j,m}, where φ_j = j undamped, φ + … + φ^j damped,
    /// 0 without trend, and d_{j,m} = 1 when j is a multiple of m (0 without season).
    /// </summary>
    public static double[] LinearVariance(EtsSpec spec, EtsParameters p, int season, double sigma2, int horizon)
    {
        if (spec.Season == EtsSeason.Multiplicative) throw new ArgumentException("no closed-form variance for a multiplicative season with additive errors.");
        var phi = spec.Trend == EtsTrend.Damped ? p.Phi : 1.0;
        var v = new double[horizon];
        double sum = 0, phiSum = 0, phiPower = 1;
        for (var h = 1; h <= horizon; h++)
        {
            v[h - 1] = sigma2 * (1 + sum);
            // c_j for j = h, used from step h+1 on.
            phiPower *= phi;
            phiSum += phiPower;
            var c = p.Alpha + (spec.HasTrend ? p.Beta * phiSum : 0) + (spec.HasSeason && h % season == 0 ? p.Gamma : 0);
            sum += c * c;
        }
        return v;
    }
}
