namespace Rapport.Analytics.Forecasting;

/// <summary>A forecasting method: checks whether it can fit a training series and fits it.</summary>
public interface IForecastModel
{
    /// <summary>Name used in reports (e.g. <c>holt-winters-multiplicative</c>).</summary>
    string Name { get; }

    /// <summary>The fewest training periods the model needs for season length <paramref name="season"/>.</summary>
    int MinimumLength(int season);

    /// <summary>Why the model cannot fit these values (e.g. a multiplicative season needs positive values), or null.</summary>
    string? CannotFit(ReadOnlySpan<double> values, int season);

    /// <summary>Fits the model to <paramref name="values"/> (oldest first); <paramref name="season"/> is the seasonal period m.</summary>
    FittedForecastModel Fit(double[] values, int season);
}

/// <summary>Point forecasts and prediction intervals for the periods after the training data.</summary>
/// <param name="Mean">Point forecast per step ahead (index 0 = one step ahead).</param>
public sealed record ForecastPath(double[] Mean, double[] Lower80, double[] Upper80, double[] Lower95, double[] Upper95);

/// <summary>A model fitted to one training series.</summary>
public abstract class FittedForecastModel
{
    /// <summary>z quantiles of the standard normal for central 80% and 95% intervals.</summary>
    public const double Z80 = 1.2815515655446004, Z95 = 1.959963984540054;

    public abstract string Name { get; }

    /// <summary>Fitted parameters by name (smoothing weights, window, initial states).</summary>
    public abstract IReadOnlyDictionary<string, double> Parameters { get; }

    /// <summary>Residual variance σ² of the one-step errors (see each model for the divisor).</summary>
    public abstract double Sigma2 { get; }

    /// <summary>How the intervals are computed, in words, for the report.</summary>
    public abstract string IntervalMethod { get; }

    /// <summary>Point forecasts for 1..<paramref name="horizon"/> steps ahead.</summary>
    public abstract double[] PointForecast(int horizon);

    /// <summary>Point forecasts with 80% and 95% prediction intervals.</summary>
    public virtual ForecastPath Forecast(int horizon)
    {
        var mean = PointForecast(horizon);
        var variance = ForecastVariance(horizon);
        return NormalPath(mean, variance);
    }

    /// <summary>Variance of the h-step forecast error, h = 1..<paramref name="horizon"/>.</summary>
    protected abstract double[] ForecastVariance(int horizon);

    /// <summary>Gaussian intervals mean ± z·√v.</summary>
    public static ForecastPath NormalPath(double[] mean, double[] variance)
    {
        var n = mean.Length;
        double[] l80 = new double[n], u80 = new double[n], l95 = new double[n], u95 = new double[n];
        for (var i = 0; i < n; i++)
        {
            var sd = Math.Sqrt(Math.Max(0, variance[i]));
            l80[i] = mean[i] - Z80 * sd;
            u80[i] = mean[i] + Z80 * sd;
            l95[i] = mean[i] - Z95 * sd;
            u95[i] = mean[i] + Z95 * sd;
        }
        return new ForecastPath(mean, l80, u80, l95, u95);
    }
}
