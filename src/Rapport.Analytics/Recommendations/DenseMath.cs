using System.Numerics;
using System.Runtime.InteropServices;

namespace Rapport.Analytics.Recommendations;

/// <summary>Small SIMD helpers on float spans (dot product, a·x + y).</summary>
internal static class DenseMath
{
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var n = a.Length;
        var i = 0;
        var acc = Vector<float>.Zero;
        if (Vector.IsHardwareAccelerated && n >= Vector<float>.Count)
        {
            var va = MemoryMarshal.Cast<float, Vector<float>>(a);
            var vb = MemoryMarshal.Cast<float, Vector<float>>(b);
            for (var v = 0; v < va.Length; v++) acc += va[v] * vb[v];
            i = va.Length * Vector<float>.Count;
        }
        var sum = Vector.Sum(acc);
        for (; i < n; i++) sum += a[i] * b[i];
        return sum;
    }

    /// <summary>y += a · x.</summary>
    public static void AddScaled(Span<float> y, float a, ReadOnlySpan<float> x)
    {
        var n = y.Length;
        var i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<float>.Count)
        {
            var vy = MemoryMarshal.Cast<float, Vector<float>>(y);
            var vx = MemoryMarshal.Cast<float, Vector<float>>(x);
            for (var v = 0; v < vy.Length; v++) vy[v] += a * vx[v];
            i = vy.Length * Vector<float>.Count;
        }
        for (; i < n; i++) y[i] += a * x[i];
    }
}
