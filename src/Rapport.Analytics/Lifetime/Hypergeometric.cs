namespace Rapport.Analytics.Lifetime;

/// <summary>
/// The Gauss hypergeometric function ₂F₁(a, b; c; z) for real parameters and real z ≤ 1, as the
/// BG/NBD and Pareto/NBD formulas need it (MathNet.Numerics has no usable 2F1).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>0 &lt; z ≤ 0.75: the defining power series, summed until two successive terms fall below
/// 1e−16 of the sum while the term ratio is below one.</item>
/// <item>z &lt; 0: Pfaff's transformation ₂F₁(a,b;c;z) = (1−z)^(−a) ₂F₁(a, c−b; c; z/(z−1)), which maps z into (0, 1).</item>
/// <item>0.75 &lt; z &lt; 1: the linear transformation to 1−z (Abramowitz &amp; Stegun 15.3.6), and, when
/// c−a−b is an integer, its logarithmic limits (A&amp;S 15.3.10–15.3.12).</item>
/// <item>z = 1: Gauss's theorem when c−a−b &gt; 0, +∞ otherwise.</item>
/// <item>a or b a non-positive integer: the terminating polynomial, for any z ≤ 1.</item>
/// </list>
/// Returns NaN when c is a non-positive integer (undefined) or when a series fails to converge in
/// <see cref="MaxTerms"/> terms; callers inside optimisers treat NaN as an infeasible point.
/// </remarks>
public static class Hypergeometric
{
    /// <summary>Upper bound on the number of series terms before giving up with NaN.</summary>
    public const int MaxTerms = 1_000_000;

    private const double DirectSeriesLimit = 0.75;
    private const double PositiveSeriesLimit = 0.995;
    private const double DirectFallbackLimit = 0.9995;
    private const double GoodCondition = 1e3;
    private const double Epsilon = 1e-16;
    // Closer than this to an integer, c−a−b is treated as that integer: the two-term connection
    // formula loses about eps/δ to cancellation, the integer formula about δ·|∂F/∂c|; both ≲ 1e−7 here.
    private const double IntegerSnap = 3e-9;

    /// <summary>₂F₁(a, b; c; z) for real z ≤ 1.</summary>
    public static double Hyp2F1(double a, double b, double c, double z)
    {
        if (double.IsNaN(a) || double.IsNaN(b) || double.IsNaN(c) || double.IsNaN(z)) return double.NaN;
        if (z > 1) throw new ArgumentOutOfRangeException(nameof(z), z, "2F1 is real-valued only for z ≤ 1.");
        if (z == 0) return 1;
        bool aPoly = SpecialMath.IsNonPositiveInteger(a), bPoly = SpecialMath.IsNonPositiveInteger(b);
        if (aPoly || bPoly)
        {
            double degree = aPoly && bPoly ? Math.Max(a, b) : aPoly ? a : b; // the nearer to zero terminates first
            if (SpecialMath.IsNonPositiveInteger(c) && c > degree) return double.NaN;
            return Polynomial(a, b, c, z, (int)-degree);
        }
        if (SpecialMath.IsNonPositiveInteger(c)) return double.NaN;
        if (a == c) return Math.Pow(1 - z, -b);
        if (b == c) return Math.Pow(1 - z, -a);
        if (z == 1)
        {
            double m = c - a - b;
            return m > 0 ? SpecialMath.GammaRatio(c, m, c - a, c - b) : double.PositiveInfinity;
        }
        if (z < 0)
        {
            // Pfaff: 2F1(a,b;c;z) = (1−z)^(−a) 2F1(a, c−b; c; z/(z−1)); the transformed argument lies in (0, 1).
            // Of the two symmetric forms, prefer one whose new series terminates, then one with positive terms.
            double w = z / (z - 1);
            bool termA = SpecialMath.IsNonPositiveInteger(c - b), termB = SpecialMath.IsNonPositiveInteger(c - a);
            bool useB = termA != termB ? termB
                : (a > 0 && c - b > 0) != (b > 0 && c - a > 0) ? b > 0 && c - a > 0
                : c - a > c - b;
            return useB ? Math.Pow(1 - z, -b) * Hyp2F1(b, c - a, c, w) : Math.Pow(1 - z, -a) * Hyp2F1(a, c - b, c, w);
        }
        return UnitInterval(a, b, c, z);
    }

    // 0 < z < 1. Up to z = 0.995 the direct series is tried first: it converges like zⁿ and cannot cancel
    // when its terms share a sign. If it does cancel (its Σ|term| / |sum| is large), Euler's form
    // w^(c−a−b) 2F1(c−a, c−b; c; z) and the transformation to 1−z are tried and the candidate with the
    // smallest estimated cancellation wins. Closer to 1 the transformation to 1−z comes first (it converges
    // fast there, and it can only cancel badly at moderate w with large parameters).
    private static double UnitInterval(double a, double b, double c, double z)
    {
        double best, bestCondition;
        if (z <= PositiveSeriesLimit)
        {
            best = Series(a, b, c, z, out bestCondition);
            if (bestCondition < GoodCondition) return best;
            TryEuler(a, b, c, z, ref best, ref bestCondition);
            if (bestCondition >= GoodCondition && z > 0.5) TryNearOne(a, b, c, z, ref best, ref bestCondition);
            return best;
        }
        best = NearOne(a, b, c, z, out bestCondition);
        if (!(bestCondition >= GoodCondition) || z > DirectFallbackLimit) return best;
        double direct = Series(a, b, c, z, out double directCondition);
        Keep(direct, directCondition, ref best, ref bestCondition);
        TryEuler(a, b, c, z, ref best, ref bestCondition);
        return best;
    }

    private static void TryEuler(double a, double b, double c, double z, ref double best, ref double bestCondition)
    {
        double s = Series(c - a, c - b, c, z, out double condition);
        Keep(Math.Pow(1 - z, c - a - b) * s, condition, ref best, ref bestCondition);
    }

    private static void TryNearOne(double a, double b, double c, double z, ref double best, ref double bestCondition)
    {
        double v = NearOne(a, b, c, z, out double condition);
        Keep(v, condition, ref best, ref bestCondition);
    }

    private static void Keep(double value, double condition, ref double best, ref double bestCondition)
    {
        if (!double.IsFinite(value) || double.IsNaN(condition)) return;
        if (!double.IsFinite(best) || double.IsNaN(bestCondition) || condition < bestCondition)
        {
            best = value;
            bestCondition = condition;
        }
    }

    private static double Polynomial(double a, double b, double c, double z, int degree)
    {
        double sum = 1, term = 1;
        for (int n = 0; n < degree; n++)
        {
            term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
            sum += term;
        }
        return sum;
    }

    /// <summary>Σ (a)ₙ(b)ₙ/((c)ₙ n!) zⁿ for |z| &lt; 1.</summary>
    internal static double Series(double a, double b, double c, double z, out double condition)
    {
        double sum = 1, term = 1, absSum = 1;
        int small = 0;
        condition = double.PositiveInfinity;
        for (int n = 0; n < MaxTerms; n++)
        {
            double ratio = (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
            term *= ratio;
            sum += term;
            absSum += Math.Abs(term);
            if (term == 0 || (Math.Abs(term) <= Epsilon * Math.Abs(sum) && Math.Abs(ratio) < 1 && ++small >= 2))
            {
                condition = absSum / Math.Abs(sum);
                return sum;
            }
            if (Math.Abs(term) > Epsilon * Math.Abs(sum)) small = 0;
            if (double.IsInfinity(sum)) return sum;
        }
        return double.NaN;
    }

    private static double NearOne(double a, double b, double c, double z, out double condition)
    {
        double w = 1 - z;
        condition = 1;
        double m = c - a - b;
        double mi = Math.Round(m);
        if (Math.Abs(m - mi) > IntegerSnap)
        {
            // A&S 15.3.6.
            double lw = Math.Log(w);
            double t1 = SpecialMath.GammaRatio(c, m, c - a, c - b);
            double t2 = SpecialMath.GammaRatio(c, -m, a, b, m * lw);
            double c1 = 1, c2 = 1;
            double f1 = t1 == 0 ? 0 : Series(a, b, 1 - m, w, out c1);
            double f2 = t2 == 0 ? 0 : Series(c - a, c - b, 1 + m, w, out c2);
            double result = t1 * f1 + t2 * f2;
            condition = (Math.Abs(t1 * f1) * c1 + Math.Abs(t2 * f2) * c2) / Math.Abs(result);
            return result;
        }
        int k = (int)mi;
        if (k == 0) return IntegerZero(a, b, c, w);
        if (k > 0) return IntegerPositive(a, b, c, w, k);
        return IntegerNegative(a, b, c, w, -k);
    }

    // A&S 15.3.10, c = a + b.
    private static double IntegerZero(double a, double b, double c, double w)
    {
        double pref = SpecialMath.GammaRatio(c, 1, a, b);
        double lw = Math.Log(w);
        double psiN1 = SpecialMath.Digamma(1), psiA = SpecialMath.Digamma(a), psiB = SpecialMath.Digamma(b);
        double coef = 1, sum = 0;
        int small = 0;
        for (int n = 0; n < MaxTerms; n++)
        {
            double term = coef * (2 * psiN1 - psiA - psiB - lw);
            sum += term;
            if (Math.Abs(term) <= Epsilon * Math.Abs(sum) && n > 0) { if (++small >= 2) return pref * sum; }
            else small = 0;
            coef *= (a + n) * (b + n) / ((n + 1.0) * (n + 1.0)) * w;
            psiN1 += 1.0 / (n + 1);
            psiA += 1.0 / (a + n);
            psiB += 1.0 / (b + n);
            if (coef == 0) return pref * sum;
        }
        return double.NaN;
    }

    // A&S 15.3.11, c = a + b + m, m = 1, 2, ….
    private static double IntegerPositive(double a, double b, double c, double w, int m)
    {
        // Finite part: Γ(m)Γ(c)/(Γ(c−a)Γ(c−b)) Σ_{n<m} (a)ₙ(b)ₙ/(n!(1−m)ₙ) wⁿ.
        double finite = 0;
        double pref1 = SpecialMath.GammaRatio(m, c, c - a, c - b);
        if (pref1 != 0)
        {
            double coef = 1;
            for (int n = 0; n < m; n++)
            {
                finite += coef;
                coef *= (a + n) * (b + n) / ((n + 1.0) * (1 - m + n)) * w;
            }
            finite *= pref1;
        }
        // Logarithmic part: −(−1)^m Γ(c)/(Γ(a)Γ(b)) w^m Σ (a+m)ₙ(b+m)ₙ/(n!(n+m)!) wⁿ [ln w − ψ(n+1) − ψ(n+m+1) + ψ(a+n+m) + ψ(b+n+m)].
        double lw = Math.Log(w);
        double pref2 = SpecialMath.GammaRatio(c, 1, a, b, m * lw - SpecialMath.LogGammaAbs(m + 1, out _));
        if (m % 2 == 0) pref2 = -pref2;
        double psiN1 = SpecialMath.Digamma(1), psiNm1 = SpecialMath.Digamma(m + 1);
        double psiA = SpecialMath.Digamma(a + m), psiB = SpecialMath.Digamma(b + m);
        double c2 = 1, sum = 0;
        int small = 0;
        for (int n = 0; n < MaxTerms; n++)
        {
            double term = c2 * (lw - psiN1 - psiNm1 + psiA + psiB);
            sum += term;
            if (Math.Abs(term) <= Epsilon * Math.Abs(sum) && n > 0) { if (++small >= 2) return finite + pref2 * sum; }
            else small = 0;
            c2 *= (a + m + n) * (b + m + n) / ((n + 1.0) * (n + m + 1.0)) * w;
            psiN1 += 1.0 / (n + 1);
            psiNm1 += 1.0 / (n + m + 1);
            psiA += 1.0 / (a + m + n);
            psiB += 1.0 / (b + m + n);
            if (c2 == 0) return finite + pref2 * sum;
        }
        return double.NaN;
    }

    // A&S 15.3.12, c = a + b − m, m = 1, 2, ….
    private static double IntegerNegative(double a, double b, double c, double w, int m)
    {
        // Finite part: Γ(m)Γ(c)/(Γ(a)Γ(b)) w^(−m) Σ_{n<m} (a−m)ₙ(b−m)ₙ/(n!(1−m)ₙ) wⁿ.
        double lw = Math.Log(w);
        double finite = 0;
        double pref1 = SpecialMath.GammaRatio(m, c, a, b, -m * lw);
        if (pref1 != 0)
        {
            double coef = 1;
            for (int n = 0; n < m; n++)
            {
                finite += coef;
                coef *= (a - m + n) * (b - m + n) / ((n + 1.0) * (1 - m + n)) * w;
            }
            finite *= pref1;
        }
        // Logarithmic part: −(−1)^m Γ(c)/(Γ(a−m)Γ(b−m)) Σ (a)ₙ(b)ₙ/(n!(n+m)!) wⁿ [ln w − ψ(n+1) − ψ(n+m+1) + ψ(a+n) + ψ(b+n)].
        double pref2 = SpecialMath.GammaRatio(c, 1, a - m, b - m, -SpecialMath.LogGammaAbs(m + 1, out _));
        if (pref2 == 0) return finite;
        if (m % 2 == 0) pref2 = -pref2;
        double psiN1 = SpecialMath.Digamma(1), psiNm1 = SpecialMath.Digamma(m + 1);
        double psiA = SpecialMath.Digamma(a), psiB = SpecialMath.Digamma(b);
        double c2 = 1, sum = 0;
        int small = 0;
        for (int n = 0; n < MaxTerms; n++)
        {
            double term = c2 * (lw - psiN1 - psiNm1 + psiA + psiB);
            sum += term;
            if (Math.Abs(term) <= Epsilon * Math.Abs(sum) && n > 0) { if (++small >= 2) return finite + pref2 * sum; }
            else small = 0;
            c2 *= (a + n) * (b + n) / ((n + 1.0) * (n + m + 1.0)) * w;
            psiN1 += 1.0 / (n + 1);
            psiNm1 += 1.0 / (n + m + 1);
            psiA += 1.0 / (a + n);
            psiB += 1.0 / (b + n);
            if (c2 == 0) return finite + pref2 * sum;
        }
        return double.NaN;
    }
}
