using MathNet.Numerics;

namespace Rapport.Analytics.Lifetime;

/// <summary>Small numerical helpers shared by the lifetime models (log-space arithmetic, signed log-gamma).</summary>
internal static class SpecialMath
{
    /// <summary>ln(e^a + e^b) without overflow; −∞ inputs are allowed.</summary>
    public static double LogAddExp(double a, double b)
    {
        if (double.IsNegativeInfinity(a)) return b;
        if (double.IsNegativeInfinity(b)) return a;
        return a > b ? a + Math.Log(1 + Math.Exp(b - a)) : b + Math.Log(1 + Math.Exp(a - b));
    }

    /// <summary>ln(1 − e^x) for x ≤ 0, accurate near both ends (Mächler 2012).</summary>
    public static double Log1MinusExp(double x)
    {
        if (x >= 0) return double.NegativeInfinity;
        return x > -0.6931471805599453 ? Math.Log(-double.ExpM1(x)) : double.LogP1(-Math.Exp(x));
    }

    /// <summary>True when <paramref name="x"/> is 0, −1, −2, … (a pole of Γ).</summary>
    public static bool IsNonPositiveInteger(double x) => x <= 0 && x == Math.Floor(x);

    /// <summary>ln|Γ(x)| and the sign of Γ(x), for any real x; at the poles returns +∞ with sign 0
    /// (so that 1/Γ there is taken as 0).</summary>
    public static double LogGammaAbs(double x, out int sign)
    {
        if (x > 0)
        {
            sign = 1;
            return SpecialFunctions.GammaLn(x);
        }
        if (x == Math.Floor(x))
        {
            sign = 0;
            return double.PositiveInfinity;
        }
        // Reflection: Γ(x) = π / (sin(πx) Γ(1−x)).
        double s = double.SinPi(x);
        sign = s > 0 ? 1 : -1;
        return Math.Log(Math.PI) - Math.Log(Math.Abs(s)) - SpecialFunctions.GammaLn(1 - x);
    }

    /// <summary>Γ(n1)·Γ(n2)/(Γ(d1)·Γ(d2)) as sign·exp(log); a pole in the denominator gives 0.</summary>
    public static double GammaRatio(double n1, double n2, double d1, double d2, double extraLog = 0)
    {
        double l1 = LogGammaAbs(n1, out int s1);
        double l2 = LogGammaAbs(n2, out int s2);
        double l3 = LogGammaAbs(d1, out int s3);
        double l4 = LogGammaAbs(d2, out int s4);
        if (s3 == 0 || s4 == 0) return 0;
        if (s1 == 0 || s2 == 0) return double.NaN;
        return s1 * s2 * s3 * s4 * Math.Exp(l1 + l2 - l3 - l4 + extraLog);
    }

    /// <summary>Digamma ψ(x); MathNet's implementation handles negative non-integers by reflection.</summary>
    public static double Digamma(double x) => SpecialFunctions.DiGamma(x);
}
