namespace Rapport.Analytics.Forecasting;

/// <summary>One candidate model's backtest (and holdout) accuracy.</summary>
/// <param name="Mase">Mean over the backtest origins of the MASE of each origin's forecast; null when not evaluated.</param>
/// <param name="Smape">Mean sMAPE (percent) over the origins.</param>
/// <param name="Origins">Backtest origins the model was evaluated on.</param>
/// <param name="HoldoutMase">MASE on the holdout (model fitted on everything before it), when a holdout was asked for.</param>
/// <param name="Skipped">Why the model was not evaluated, or null.</param>
public sealed record ModelScore(string Model, double? Mase, double? Smape, int Origins, double? HoldoutMase, double? HoldoutSmape, string? Skipped);

/// <summary>One forecast period with its 80% and 95% prediction intervals.</summary>
public sealed record ForecastPoint(DateOnly Date, double Value, double Lower80, double Upper80, double Lower95, double Upper95);

/// <summary>How the backtest was run.</summary>
/// <param name="Origins">Forecast origins: each fits on the periods before it and forecasts the next <c>Horizon</c>.</param>
/// <param name="FirstOrigin">Training length at the first origin.</param>
/// <param name="Step">Periods between consecutive origins.</param>
public sealed record BacktestPlan(int Origins, int FirstOrigin, int Step, int Horizon);

/// <summary>The chosen model refitted on the whole series.</summary>
public sealed record ChosenModel(string Name, IReadOnlyDictionary<string, double> Parameters, double Sigma, string IntervalMethod);

/// <summary>The forecast of one series.</summary>
/// <param name="FilledPeriods">Periods without data inside the range that were filled (0 for transactions, interpolated for a series file).</param>
public sealed record SeriesForecast(
    string Series,
    string Frequency,
    int Season,
    int Periods,
    DateOnly FirstPeriod,
    DateOnly LastPeriod,
    int FilledPeriods,
    double Total,
    BacktestPlan Backtest,
    int Holdout,
    IReadOnlyList<ModelScore> Models,
    string Chosen,
    ChosenModel ChosenModel,
    IReadOnlyList<ForecastPoint> Forecast);
