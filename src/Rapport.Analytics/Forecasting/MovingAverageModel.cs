namespace Rapport.Analytics.Forecasting;

/// <summary>
/// Moving average: the forecast for every step ahead is the mean of the last k values. The window k (2 ≤ k ≤ max(3, m),
/// at most half the data) is the one with the least squared one-step error over the same span for every candidate.
/// </summary>
public sealed class MovingAverageModel : IForecastModel
{
    public string Name => "moving-average";

    public int MinimumLength(int season) => 4;

    public string? CannotFit(ReadOnlySpan<double> values, int season) => null;

    public FittedForecastModel Fit(double[] values, int season)
    {
        ArgumentNullException.ThrowIfNull(values);
        var n = values.Length;
        if (n < 4) throw new ArgumentException($"a moving average needs at least 4 values, got {n}.");
        var maxK = Math.Max(2, Math.Min(Math.Max(3, season), n / 2));
        // Prefix sums: the mean of values[t−k..t) in O(1).
        var prefix = new double[n + 1];
        for (var t = 0; t < n; t++) prefix[t + 1] = prefix[t] + values[t];
        int bestK = 2;
        double bestMse = double.PositiveInfinity;
        for (var k = 2; k <= maxK; k++)
        {
            double sse = 0;
            for (var t = maxK; t < n; t++)
            {
                var e = values[t] - (prefix[t] - prefix[t - k]) / k;
                sse += e * e;
            }
            var mse = sse / (n - maxK);
            if (mse < bestMse - 1e-12 * Math.Abs(bestMse)) { bestMse = mse; bestK = k; }
        }
        var level = (prefix[n] - prefix[n - bestK]) / bestK;
        return new Fitted(bestK, level, bestMse);
    }

    private sealed class Fitted(int window, double level, double sigma2) : FittedForecastModel
    {
        public override string Name => "moving-average";
        public override IReadOnlyDictionary<string, double> Parameters => new Dictionary<string, double> { ["window"] = window, ["level"] = level };
        public override double Sigma2 => sigma2;
        public override string IntervalMethod => "normal; v(h) = σ² (constant: the model assumes a locally constant mean), σ² = mean squared one-step error of the chosen window";

        public override double[] PointForecast(int horizon)
        {
            var f = new double[horizon];
            Array.Fill(f, level);
            return f;
        }

        protected override double[] ForecastVariance(int horizon)
        {
            var v = new double[horizon];
            Array.Fill(v, sigma2);
            return v;
        }
    }
}
