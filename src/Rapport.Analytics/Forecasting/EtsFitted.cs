namespace Rapport.Analytics.Forecasting;

/// <summary>An ETS model fitted to a series: its parameters, states, residual variance and forecasts.</summary>
public sealed class EtsFitted : FittedForecastModel
{
    private readonly EtsModel _model;
    private readonly int _length;
    private readonly int _season;

    internal EtsFitted(EtsModel model, EtsParameters parameters, EtsState initial, EtsState final, int length, int season, double sigma2, double[] residuals)
    {
        _model = model;
        Smoothing = parameters;
        InitialState = initial;
        FinalState = final;
        _length = length;
        _season = season;
        Sigma2 = sigma2;
        Residuals = residuals;
    }

    public override string Name => _model.Name;
    public EtsSpec Spec => _model.Spec;
    public EtsParameters Smoothing { get; }
    public EtsState InitialState { get; }
    public EtsState FinalState { get; }
    /// <summary>One-step errors over the training data.</summary>
    public double[] Residuals { get; }

    /// <summary>σ² = SSE / (n − smoothing parameters − free initial states).</summary>
    public override double Sigma2 { get; }

    public override IReadOnlyDictionary<string, double> Parameters
    {
        get
        {
            var p = new Dictionary<string, double> { ["alpha"] = Smoothing.Alpha };
            if (Spec.HasTrend) p["beta"] = Smoothing.Beta;
            if (Spec.HasSeason) p["gamma"] = Smoothing.Gamma;
            if (Spec.Trend == EtsTrend.Damped) p["phi"] = Smoothing.Phi;
            p["level"] = FinalState.Level;
            if (Spec.HasTrend) p["trend"] = FinalState.Trend;
            return p;
        }
    }

    public override string IntervalMethod => Spec.Season == EtsSeason.Multiplicative
        ? $"simulation: {_model.Simulations} sample paths of the state space model with N(0, σ²) errors (fixed seed); empirical 2.5/10/90/97.5% quantiles"
        : "normal; v(h) = σ²·(1 + Σ_{j<h} c_j²), c_j = α + β·φ_j + γ·[j mod m = 0] (Hyndman et al. 2008, class 1)";

    public override double[] PointForecast(int horizon) => EtsRecursion.PointForecast(Spec, FinalState, Smoothing, _length, _season, horizon);

    protected override double[] ForecastVariance(int horizon) => EtsRecursion.LinearVariance(Spec, Smoothing, _season, Sigma2, horizon);

    public override ForecastPath Forecast(int horizon)
    {
        if (Spec.Season != EtsSeason.Multiplicative) return base.Forecast(horizon);
        return Simulate(horizon);
    }

    /// <summary>
    /// Sample paths: from the final state, draw e ~ N(0, σ²) each step and apply the same recursions (the drawn value
    /// y = ŷ + e feeds the states); the intervals are the empirical quantiles across paths at each step.
    /// </summary>
    private ForecastPath Simulate(int horizon)
    {
        var paths = _model.Simulations;
        var rng = new Random(20061 + _length * 31 + horizon);
        var sigma = Math.Sqrt(Sigma2);
        var draws = new double[horizon][];
        for (var h = 0; h < horizon; h++) draws[h] = new double[paths];
        var season = new double[_season];
        for (var path = 0; path < paths; path++)
        {
            FinalState.Season.AsSpan().CopyTo(season);
            double l = FinalState.Level, b = FinalState.Trend;
            for (var h = 0; h < horizon; h++)
            {
                var t = _length + h;
                var baseLevel = l + (Spec.Trend == EtsTrend.Damped ? Smoothing.Phi : 1) * b;
                var s = season[t % _season];
                var e = sigma * Gaussian(rng);
                draws[h][path] = baseLevel * s + e;
                // The recursion of EtsRecursion for a multiplicative season, applied to the simulated value; a path
                // whose level or season leaves the positive numbers keeps its last state.
                if (s > 0 && baseLevel > 0)
                {
                    l = baseLevel + Smoothing.Alpha * e / s;
                    b = (Spec.Trend == EtsTrend.Damped ? Smoothing.Phi : 1) * b + Smoothing.Beta * e / s;
                    season[t % _season] = s + Smoothing.Gamma * e / baseLevel;
                }
            }
        }
        var mean = PointForecast(horizon);
        double[] l80 = new double[horizon], u80 = new double[horizon], l95 = new double[horizon], u95 = new double[horizon];
        for (var h = 0; h < horizon; h++)
        {
            Array.Sort(draws[h]);
            l95[h] = Quantile(draws[h], 0.025);
            l80[h] = Quantile(draws[h], 0.10);
            u80[h] = Quantile(draws[h], 0.90);
            u95[h] = Quantile(draws[h], 0.975);
        }
        return new ForecastPath(mean, l80, u80, l95, u95);
    }

    private static double Quantile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(sorted.Length - 1, lower + 1);
        return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
    }

    private static double Gaussian(Random rng)
    {
        // Box–Muller.
        var u1 = 1.0 - rng.NextDouble();
        var u2 = rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
