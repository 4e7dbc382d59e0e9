namespace Rapport.Analytics.Forecasting;

/// <summary>
/// Model selection and forecasting for one series: every candidate is scored by a rolling-origin backtest on the
/// periods before the holdout, the lowest mean MASE wins (ties and undefined MASE: lowest sMAPE, then the simpler
/// model), every candidate is scored once more on the holdout, and the winner is refitted on the whole series to
/// forecast <see cref="ForecastOptions.Horizon"/> periods with prediction intervals.
/// </summary>
public static class Forecaster
{
    public static SeriesForecast Run(TimeSeries series, ForecastOptions options, int filledPeriods = 0)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var y = series.Values;
        foreach (var v in y)
            if (!double.IsFinite(v)) throw new ArgumentException($"series '{series.Name}' holds a value that is not a finite number.");
        if (y.Length < options.MinimumLength)
        {
            throw new SeriesTooShortException(
                $"series '{series.Name}' has {y.Length} periods; a horizon of {options.Horizon} with season {options.Season}" +
                (options.Holdout > 0 ? $" and a holdout of {options.Holdout}" : "") +
                $" needs at least {options.MinimumLength} (horizon + season + 1{(options.Holdout > 0 ? " + holdout" : "")}). " +
                "Use a shorter --horizon, a smaller --season or --holdout, or a longer series.");
        }
        var m = options.Season;
        var selection = y[..(y.Length - options.Holdout)];
        var needed = options.Models.Where(model => model.CannotFit(selection, m) is null || selection.Length < model.MinimumLength(m))
            .Select(model => model.MinimumLength(m)).Where(n => n <= selection.Length - options.Horizon).DefaultIfEmpty(0).Max();
        var plan = Backtest.Plan(selection.Length, options, needed);

        var scores = new List<ModelScore>(options.Models.Count);
        foreach (var model in options.Models) scores.Add(Backtest.Score(model, selection, m, plan));
        if (options.Holdout > 0) scores = [.. scores.Select((s, i) => s.Skipped is null ? ScoreHoldout(options.Models[i], s, y, selection.Length, m) : s)];

        var ranked = Enumerable.Range(0, scores.Count).Where(i => scores[i].Skipped is null)
            .OrderBy(i => scores[i].Mase ?? double.PositiveInfinity).ThenBy(i => scores[i].Smape ?? double.PositiveInfinity).ThenBy(i => i).ToList();
        foreach (var i in ranked)
        {
            var model = options.Models[i];
            if (model.CannotFit(y, m) is not null) continue;
            FittedForecastModel fitted;
            try
            {
                fitted = model.Fit(y, m);
            }
            catch (ArgumentException)
            {
                continue;
            }
            var path = fitted.Forecast(options.Horizon);
            var points = new ForecastPoint[options.Horizon];
            for (var h = 0; h < options.Horizon; h++)
                points[h] = new ForecastPoint(series.DateAt(y.Length + h), Round(path.Mean[h]), Round(path.Lower80[h]), Round(path.Upper80[h]), Round(path.Lower95[h]), Round(path.Upper95[h]));
            var parameters = fitted.Parameters.ToDictionary(p => p.Key, p => Round(p.Value));
            return new SeriesForecast(series.Name, PeriodCalendar.Name(series.Frequency), m, y.Length, series.Start, series.DateAt(y.Length - 1),
                filledPeriods, Round(y.Sum()), plan, options.Holdout, scores, model.Name,
                new ChosenModel(model.Name, parameters, Round(Math.Sqrt(fitted.Sigma2)), fitted.IntervalMethod), points);
        }
        throw new InvalidOperationException($"series '{series.Name}': no model could be fitted.");
    }

    /// <summary>Forecasts many series in parallel; a series that is too short is reported instead of stopping the rest.</summary>
    public static IReadOnlyList<(TimeSeries Series, SeriesForecast? Forecast, string? Error)> RunMany(
        IReadOnlyList<TimeSeries> series, ForecastOptions options, IReadOnlyList<int>? filledPeriods = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        var results = new (TimeSeries, SeriesForecast?, string?)[series.Count];
        Parallel.For(0, series.Count, i =>
        {
            try
            {
                results[i] = (series[i], Run(series[i], options, filledPeriods?[i] ?? 0), null);
            }
            catch (SeriesTooShortException e)
            {
                results[i] = (series[i], null, e.Message);
            }
        });
        return results;
    }

    private static ModelScore ScoreHoldout(IForecastModel model, ModelScore score, double[] y, int trainingLength, int season)
    {
        var training = y[..trainingLength];
        if (model.CannotFit(training, season) is not null) return score;
        try
        {
            var forecast = model.Fit(training, season).PointForecast(y.Length - trainingLength);
            var actual = y.AsSpan(trainingLength);
            double? mase = ForecastAccuracy.MaseScale(training, season) is { } scale ? Round(ForecastAccuracy.Mase(actual, forecast, scale)) : null;
            return score with { HoldoutMase = mase, HoldoutSmape = Round(ForecastAccuracy.Smape(actual, forecast)) };
        }
        catch (ArgumentException)
        {
            return score;
        }
    }

    private static double Round(double value) => Math.Round(value, 6);
}
