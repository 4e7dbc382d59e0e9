namespace Rapport.Analytics.Forecasting;

/// <summary>What to forecast and how to choose the model.</summary>
public sealed record ForecastOptions
{
    /// <summary>Periods to forecast after the last observation (and the length of each backtest window).</summary>
    public required int Horizon { get; init; }

    /// <summary>Seasonal period m (12 for months, 7 for days, 52 for weeks by default; 1 = no season).</summary>
    public required int Season { get; init; }

    /// <summary>Last periods withheld from model selection and used to score every model once (0 = none).</summary>
    public int Holdout { get; init; }

    /// <summary>Rolling backtest origins (at most; fewer when the series is short).</summary>
    public int Origins { get; init; } = 3;

    /// <summary>The candidate models, in the order used to break ties (simplest first).</summary>
    public IReadOnlyList<IForecastModel> Models { get; init; } = DefaultModels;

    public static IReadOnlyList<IForecastModel> DefaultModels { get; } =
    [
        new SeasonalNaiveModel(),
        new MovingAverageModel(),
        EtsModel.SimpleExponentialSmoothing,
        EtsModel.Holt,
        EtsModel.HoltDamped,
        EtsModel.HoltWintersAdditive,
        EtsModel.HoltWintersMultiplicative,
    ];

    public void Validate()
    {
        if (Horizon < 1) throw new ArgumentException("the horizon must be at least 1 period.");
        if (Season < 1) throw new ArgumentException("the season must be at least 1 period (1 = no season).");
        if (Holdout < 0) throw new ArgumentException("the holdout cannot be negative.");
        if (Origins < 1) throw new ArgumentException("at least one backtest origin is needed.");
        if (Models.Count == 0 || Models[0] is not SeasonalNaiveModel) throw new ArgumentException("the first model must be the seasonal naive baseline.");
    }

    /// <summary>The fewest periods a series needs (selection part plus holdout).</summary>
    public int MinimumLength => Horizon + new SeasonalNaiveModel().MinimumLength(Season) + Holdout;
}
