namespace Rapport.Analytics.Forecasting;

/// <summary>
/// Heuristic initial states (the state before the first value), in the manner of R's <c>HoltWinters</c> and
/// Hyndman et al. (2008) §2.6.1:
/// <list type="bullet">
/// <item>seasonal models: a centred moving average (2×m for even m) over the first two seasons gives a trend curve;
/// a least-squares line a + b·t through it gives ℓ₀ = a − b and b₀ = b (so the first prediction is the line at t = 0);
/// the seasonal states are the averages of y − line (additive) or y / line (multiplicative) per position over the two
/// seasons, normalised to sum 0 (mean 1);</item>
/// <item>trend without season: the least-squares line through the first min(n, 10) values;</item>
/// <item>level only: the first value.</item>
/// </list>
/// </summary>
public static class EtsInitialization
{
    /// <summary>The initial state, or null when it cannot be formed (too short, or a non-positive line under a multiplicative season).</summary>
    public static EtsState? Initial(EtsSpec spec, ReadOnlySpan<double> y, int season)
    {
        if (y.Length == 0) return null;
        if (!spec.HasSeason)
        {
            if (!spec.HasTrend) return new EtsState(y[0], 0, []);
            var k = Math.Min(y.Length, 10);
            if (k < 2) return null;
            var (a, b) = Line(y[..k], 0);
            return new EtsState(a - b, b, []);
        }
        var m = season;
        if (m < 2 || y.Length < 2 * m) return null;
        // Centred moving average over the first 2m values.
        var first = y[..(2 * m)];
        var trendStart = m / 2;
        var trendEnd = 2 * m - 1 - m / 2; // inclusive; for odd m the window is symmetric of width m
        var trendValues = new double[trendEnd - trendStart + 1];
        for (var t = trendStart; t <= trendEnd; t++)
        {
            double sum;
            if (m % 2 == 0)
            {
                sum = 0.5 * first[t - m / 2] + 0.5 * first[t + m / 2];
                for (var i = t - m / 2 + 1; i <= t + m / 2 - 1; i++) sum += first[i];
            }
            else
            {
                sum = 0;
                for (var i = t - m / 2; i <= t + m / 2; i++) sum += first[i];
            }
            trendValues[t - trendStart] = sum / m;
        }
        var (intercept, slope) = Line(trendValues, trendStart);
        if (!spec.HasTrend) slope = 0;
        var seasonal = new double[m];
        var multiplicative = spec.Season == EtsSeason.Multiplicative;
        for (var t = 0; t < 2 * m; t++)
        {
            var line = spec.HasTrend ? intercept + slope * t : trendValues.Average();
            if (multiplicative && line <= 0) return null;
            seasonal[t % m] += multiplicative ? first[t] / line : first[t] - line;
        }
        for (var j = 0; j < m; j++) seasonal[j] /= 2;
        var mean = seasonal.Average();
        for (var j = 0; j < m; j++)
        {
            if (multiplicative) seasonal[j] /= mean;
            else seasonal[j] -= mean;
        }
        if (multiplicative && seasonal.Any(s => s <= 0)) return null;
        var level = spec.HasTrend ? intercept - slope : trendValues.Average();
        return new EtsState(level, slope, seasonal);
    }

    /// <summary>Least-squares line through values at times offset, offset+1, …; returns the value at t = 0 and the slope.</summary>
    private static (double Intercept, double Slope) Line(ReadOnlySpan<double> values, int offset)
    {
        var n = values.Length;
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (var i = 0; i < n; i++)
        {
            double x = offset + i, v = values[i];
            sx += x; sy += v; sxx += x * x; sxy += x * v;
        }
        var denominator = n * sxx - sx * sx;
        var slope = denominator == 0 ? 0 : (n * sxy - sx * sy) / denominator;
        return ((sy - slope * sx) / n, slope);
    }
}
