namespace Rapport.Analytics.Forecasting;

/// <summary>Scale-free forecast accuracy measures.</summary>
public static class ForecastAccuracy
{
    /// <summary>
    /// The MASE scale of Hyndman &amp; Koehler (2006): the in-sample mean absolute error of the seasonal naive
    /// forecast, (1/(n−m)) Σ_{t>m} |y(t) − y(t−m)|, on the training data. With m ≤ 1, with n ≤ m, or when every
    /// seasonal difference is zero, the one-step naive error (lag 1) is used; null when that is zero too.
    /// </summary>
    public static double? MaseScale(ReadOnlySpan<double> training, int season)
    {
        if (season > 1 && training.Length > season && MeanAbsoluteDifference(training, season) is > 0 and var seasonal) return seasonal;
        if (training.Length > 1 && MeanAbsoluteDifference(training, 1) is > 0 and var naive) return naive;
        return null;
    }

    private static double MeanAbsoluteDifference(ReadOnlySpan<double> y, int lag)
    {
        double sum = 0;
        for (var t = lag; t < y.Length; t++) sum += Math.Abs(y[t] - y[t - lag]);
        return sum / (y.Length - lag);
    }

    /// <summary>Mean absolute scaled error: mean |actual − forecast| / scale.</summary>
    public static double Mase(ReadOnlySpan<double> actual, ReadOnlySpan<double> forecast, double scale)
    {
        double sum = 0;
        for (var i = 0; i < actual.Length; i++) sum += Math.Abs(actual[i] - forecast[i]);
        return sum / actual.Length / scale;
    }

    /// <summary>Symmetric MAPE in percent: (100/h) Σ 2|y − f| / (|y| + |f|), a term counting 0 when both are 0.</summary>
    public static double Smape(ReadOnlySpan<double> actual, ReadOnlySpan<double> forecast)
    {
        double sum = 0;
        for (var i = 0; i < actual.Length; i++)
        {
            var denominator = Math.Abs(actual[i]) + Math.Abs(forecast[i]);
            if (denominator > 0) sum += 2 * Math.Abs(actual[i] - forecast[i]) / denominator;
        }
        return 100 * sum / actual.Length;
    }
}
