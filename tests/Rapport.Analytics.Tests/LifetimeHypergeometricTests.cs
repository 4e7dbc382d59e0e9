using MathNet.Numerics;
using Rapport.Analytics.Lifetime;

namespace Rapport.Analytics.Tests;

public class LifetimeHypergeometricTests
{
    private static void Close(double expected, double actual, double rel = 1e-10)
    {
        double err = Math.Abs(actual - expected) / Math.Max(Math.Abs(expected), 1e-300);
        Assert.True(err <= rel, $"expected {expected:R}, got {actual:R} (relative error {err:E2})");
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.8)]     // transformation to 1−z, c−a−b = 0 (logarithmic case)
    [InlineData(0.9)]
    [InlineData(0.99)]
    [InlineData(0.999999)]
    [InlineData(-0.5)]    // Pfaff transformation
    [InlineData(-3)]
    [InlineData(-100)]
    public void Log_closed_form(double z) =>
        Close(-Math.Log(1 - z) / z, Hypergeometric.Hyp2F1(1, 1, 2, z));

    [Theory]
    [InlineData(0.3)]
    [InlineData(0.85)]
    [InlineData(0.995)]
    [InlineData(-4)]
    public void Integer_gap_one_closed_form(double z)
    {
        // 2F1(1,1;3;z) = 2[−ln(1−z)/z + (ln(1−z) + z)/z²]; c−a−b = 1 (A&S 15.3.11).
        double l = Math.Log(1 - z);
        Close(2 * (-l / z + (l + z) / (z * z)), Hypergeometric.Hyp2F1(1, 1, 3, z), 1e-9);
    }

    [Theory]
    [InlineData(1.5, 2.25, 0.9)]   // c−a−b = −1.5
    [InlineData(2, 0.7, 0.9)]      // c−a−b = −2 (A&S 15.3.12)
    [InlineData(3, 1.3, 0.999)]
    [InlineData(0.4, 5.5, -2)]
    public void Power_closed_form(double a, double b, double z) =>
        Close(Math.Pow(1 - z, -a), Hypergeometric.Hyp2F1(a, b, b, z));

    [Theory]
    [InlineData(0.3)]
    [InlineData(0.9)]
    [InlineData(0.99)]
    public void Arcsine_closed_form(double z) =>
        Close(Math.Asin(z) / z, Hypergeometric.Hyp2F1(0.5, 0.5, 1.5, z * z), 1e-12);

    [Theory]
    [InlineData(0.5)]
    [InlineData(2)]
    [InlineData(10)]
    public void Arctangent_closed_form_negative_argument(double z) =>
        Close(Math.Atan(z) / z, Hypergeometric.Hyp2F1(0.5, 1, 1.5, -z * z), 1e-12);

    [Fact]
    public void Gauss_theorem_at_one()
    {
        double a = 0.7, b = 1.2, c = 3.1;
        double expected = SpecialFunctions.Gamma(c) * SpecialFunctions.Gamma(c - a - b) / (SpecialFunctions.Gamma(c - a) * SpecialFunctions.Gamma(c - b));
        Close(expected, Hypergeometric.Hyp2F1(a, b, c, 1), 1e-12);
        Assert.Equal(double.PositiveInfinity, Hypergeometric.Hyp2F1(2, 3, 4, 1));
    }

    [Fact]
    public void Terminating_polynomial()
    {
        // 2F1(−3, b; c; z) = 1 − 3bz/c + 3b(b+1)z²/(c(c+1)) − b(b+1)(b+2)z³/(c(c+1)(c+2)).
        double b = 2.5, c = 1.5, z = -7;
        double expected = 1 - 3 * b * z / c + 3 * b * (b + 1) * z * z / (c * (c + 1)) - b * (b + 1) * (b + 2) * z * z * z / (c * (c + 1) * (c + 2));
        Close(expected, Hypergeometric.Hyp2F1(-3, b, c, z), 1e-13);
        Assert.True(double.IsNaN(Hypergeometric.Hyp2F1(1, 2, -3, 0.5)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Hypergeometric.Hyp2F1(1, 1, 2, 1.5));
    }

    // Values from mpmath 1.2.1 hyp2f1 at 40 significant digits.
    [Theory]
    [InlineData(2.243, 4.426, 4.219, 0.5, 5.161693901383613)]                   // BG/NBD-like
    [InlineData(4.16, 1.61, 5.16, 0.98, 53.195334397116666)]                     // Pareto/NBD-like, near 1
    [InlineData(2.5, 3.5, 1.5, 0.9999, 2.3332000000011564e+18)]                  // c−a−b = −4.5, divergent at 1
    [InlineData(0.3, 0.7, 1.0, 0.95, 1.700856268995448)]                         // c−a−b = 0
    [InlineData(1.5, 2.5, 4.0, 0.999, 25.648290580560703)]                      // c−a−b = 0
    [InlineData(5.2, 3.1, 1.7, -7.5, 2.3764920421045955e-5)]
    [InlineData(0.7, 1.3, 2.0, 0.97, 3.2970765768017815)]
    [InlineData(12.3, 8.8, 30.2, 0.85, 83.761869192997012)]                      // large parameters, moderate 1−z
    [InlineData(-0.207, 1.976, 502.219, 0.9934254340600496, 0.99918901154336041)] // BG/NBD Euler form, large x
    [InlineData(3.0, 4.0, 7.0, 0.995, 130.43326862668695)]
    public void Matches_mpmath(double a, double b, double c, double z, double expected) =>
        Close(expected, Hypergeometric.Hyp2F1(a, b, c, z), 1e-9);
}
