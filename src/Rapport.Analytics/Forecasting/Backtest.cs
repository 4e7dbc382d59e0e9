namespace Rapport.Analytics.Forecasting;

/// <summary>
/// Rolling-origin evaluation (Tashman 2000; Hyndman &amp; Athanasopoulos, "time series cross-validation"): at each
/// origin o a model is fitted on y[0, o) and forecasts y[o, o + H); MASE (scaled by that training part's in-sample
/// seasonal naive error) and sMAPE are averaged over the origins. The last origin is n − H; earlier ones are
/// ⌈H / origins⌉ periods apart, and the first keeps enough training data for every model that can fit the data.
/// </summary>
public static class Backtest
{
    public static BacktestPlan Plan(int length, ForecastOptions options, int neededTraining)
    {
        var h = options.Horizon;
        var step = Math.Max(1, (h + options.Origins - 1) / options.Origins);
        var baseline = new SeasonalNaiveModel().MinimumLength(options.Season);
        var last = length - h;
        if (last < baseline)
            throw new SeriesTooShortException($"{length} periods are too few to backtest a horizon of {h} with season {options.Season}: at least {h + baseline} are needed.");
        var floor = last >= neededTraining ? neededTraining : baseline;
        var origins = Math.Clamp(1 + (last - floor) / step, 1, options.Origins);
        return new BacktestPlan(origins, last - (origins - 1) * step, step, h);
    }

    /// <summary>Scores one model over the plan's origins; <see cref="ModelScore.Skipped"/> says why it could not run.</summary>
    public static ModelScore Score(IForecastModel model, double[] values, int season, BacktestPlan plan)
    {
        double maseSum = 0, smapeSum = 0;
        var maseDefined = true;
        for (var i = 0; i < plan.Origins; i++)
        {
            var origin = plan.FirstOrigin + i * plan.Step;
            var training = values[..origin];
            if (model.CannotFit(training, season) is { } reason)
                return new ModelScore(model.Name, null, null, 0, null, null, $"{reason} (first backtest origin has {plan.FirstOrigin})");
            double[] forecast;
            try
            {
                forecast = model.Fit(training, season).PointForecast(plan.Horizon);
            }
            catch (ArgumentException e)
            {
                return new ModelScore(model.Name, null, null, 0, null, null, e.Message);
            }
            var actual = values.AsSpan(origin, plan.Horizon);
            if (ForecastAccuracy.MaseScale(training, season) is { } scale) maseSum += ForecastAccuracy.Mase(actual, forecast, scale);
            else maseDefined = false;
            smapeSum += ForecastAccuracy.Smape(actual, forecast);
        }
        return new ModelScore(model.Name, maseDefined ? Math.Round(maseSum / plan.Origins, 6) : null, Math.Round(smapeSum / plan.Origins, 6), plan.Origins, null, null, null);
    }
}
