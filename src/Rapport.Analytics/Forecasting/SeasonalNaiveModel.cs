namespace Rapport.Analytics.Forecasting;

/// <summary>
/// Seasonal naive: the forecast for a period is the value one season earlier, ŷ(n+h) = y(n+h−m(k+1)) with
/// k = ⌊(h−1)/m⌋. With m = 1 this is the naive (random walk) forecast. The baseline every other model must beat.
/// </summary>
public sealed class SeasonalNaiveModel : IForecastModel
{
    public string Name => "seasonal-naive";

    public int MinimumLength(int season) => Math.Max(1, season) + 1;

    public string? CannotFit(ReadOnlySpan<double> values, int season) => null;

    public FittedForecastModel Fit(double[] values, int season)
    {
        ArgumentNullException.ThrowIfNull(values);
        var m = Math.Max(1, season);
        if (values.Length < m + 1) throw new ArgumentException($"seasonal naive needs at least {m + 1} values, got {values.Length}.");
        double sum = 0;
        for (var t = m; t < values.Length; t++)
        {
            var e = values[t] - values[t - m];
            sum += e * e;
        }
        return new Fitted(values[^m..], sum / (values.Length - m));
    }

    private sealed class Fitted(double[] lastSeason, double sigma2) : FittedForecastModel
    {
        public override string Name => "seasonal-naive";
        public override IReadOnlyDictionary<string, double> Parameters => new Dictionary<string, double> { ["m"] = lastSeason.Length };
        public override double Sigma2 => sigma2;
        public override string IntervalMethod => "normal; v(h) = σ²·(⌊(h−1)/m⌋ + 1), σ² = mean squared seasonal difference";

        public override double[] PointForecast(int horizon)
        {
            var m = lastSeason.Length;
            var f = new double[horizon];
            for (var h = 1; h <= horizon; h++) f[h - 1] = lastSeason[(h - 1) % m];
            return f;
        }

        protected override double[] ForecastVariance(int horizon)
        {
            var m = lastSeason.Length;
            var v = new double[horizon];
            for (var h = 1; h <= horizon; h++) v[h - 1] = sigma2 * ((h - 1) / m + 1);
            return v;
        }
    }
}
