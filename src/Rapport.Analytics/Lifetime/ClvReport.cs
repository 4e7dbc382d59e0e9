using System.Text.Json.Serialization;

namespace Rapport.Analytics.Lifetime;

/// <summary>Which purchase-count model scores the customers (P(alive), expected purchases, CLV).</summary>
public enum ClvPurchaseModel
{
    BgNbd,
    ParetoNbd,
}

/// <summary>Options of <see cref="ClvAnalysis.Run(Transactions.ITransactionSource, ClvOptions)"/> (the flags of
/// <c>rapport analyze clv</c>).</summary>
/// <param name="CalibrationEnd">Last day (inclusive) of the calibration period (<c>--calibration-end</c>).</param>
public sealed record ClvOptions(DateOnly CalibrationEnd)
{
    /// <summary>Last day (inclusive) of the holdout period (<c>--observation-end</c>); enables the holdout comparison.</summary>
    public DateOnly? ObservationEnd { get; init; }

    /// <summary>Unit of recency, T, horizon and discounting (<c>--time-unit days|weeks</c>).</summary>
    public TimeUnit TimeUnit { get; init; } = TimeUnit.Weeks;

    /// <summary>Horizon of expected purchases and CLV, in <see cref="TimeUnit"/> (<c>--horizon</c>); default one year (52 weeks or 365 days).</summary>
    public int? Horizon { get; init; }

    /// <summary>Discount rate per <see cref="TimeUnit"/> (<c>--discount-rate</c>); 0 = undiscounted. See <see cref="Clv.RatePerUnit"/>.</summary>
    public double DiscountRate { get; init; }

    /// <summary>Model behind the per-customer scores; both are fitted and reported either way.</summary>
    public ClvPurchaseModel ScoringModel { get; init; } = ClvPurchaseModel.BgNbd;

    /// <summary>Also fit Pareto/NBD (slower than BG/NBD: two ₂F₁ per distinct history per evaluation).</summary>
    public bool FitParetoNbd { get; init; } = true;

    /// <summary>L2 penalty for all three fits (lifetimes' <c>penalizer_coef</c>); 0 = maximum likelihood.</summary>
    public double Penalizer { get; init; }

    /// <summary>Buffer and sort the lines before summarising, for sources not in date order per customer.</summary>
    public bool SortInput { get; init; }

    public int EffectiveHorizon(TimeUnit unit) => Horizon ?? (unit == TimeUnit.Weeks ? 52 : 365);
}

/// <summary>Result of <see cref="ClvAnalysis"/>; property names are the JSON names.</summary>
public sealed record ClvReport
{
    [JsonPropertyName("settings")] public required ClvSettings Settings { get; init; }
    [JsonPropertyName("data")] public required ClvDataSummary Data { get; init; }
    [JsonPropertyName("bgnbd")] public required BgNbdReport BgNbd { get; init; }
    [JsonPropertyName("paretoNbd")] public ParetoNbdReport? ParetoNbd { get; init; }
    [JsonPropertyName("gammaGamma")] public GammaGammaReport? GammaGamma { get; init; }
    [JsonPropertyName("holdout")] public HoldoutReport? Holdout { get; init; }
    [JsonPropertyName("warnings")] public required IReadOnlyList<string> Warnings { get; init; }
    [JsonPropertyName("customers")] public required IReadOnlyList<ClvCustomer> Customers { get; init; }

    /// <summary>The fitted models, for callers that score further customers (not serialised).</summary>
    [JsonIgnore] public BgNbdModel BgNbdModel { get; internal init; } = null!;
    [JsonIgnore] public ParetoNbdModel? ParetoNbdModel { get; internal init; }
    [JsonIgnore] public GammaGammaModel? GammaGammaModel { get; internal init; }
    /// <summary>The calibration summary the report was computed from (not serialised).</summary>
    [JsonIgnore] public CustomerSummary Summary { get; internal init; } = null!;
}

public sealed record ClvSettings(
    [property: JsonPropertyName("calibrationEnd")] DateOnly? CalibrationEnd,
    [property: JsonPropertyName("observationEnd")] DateOnly? ObservationEnd,
    [property: JsonPropertyName("timeUnit")] string TimeUnit,
    [property: JsonPropertyName("horizon")] int Horizon,
    [property: JsonPropertyName("discountRate")] double DiscountRate,
    [property: JsonPropertyName("scoringModel")] string ScoringModel);

public sealed record ClvDataSummary(
    [property: JsonPropertyName("customers")] int Customers,
    [property: JsonPropertyName("repeatBuyers")] int RepeatBuyers,
    [property: JsonPropertyName("repeatPurchases")] long RepeatPurchases,
    [property: JsonPropertyName("excludedAfterCalibration")] int ExcludedAfterCalibration,
    [property: JsonPropertyName("returnLinesIgnored")] long ReturnLinesIgnored,
    [property: JsonPropertyName("linesAfterPeriod")] long LinesAfterPeriod);

public sealed record BgNbdReport(
    [property: JsonPropertyName("r")] double R,
    [property: JsonPropertyName("alpha")] double Alpha,
    [property: JsonPropertyName("a")] double A,
    [property: JsonPropertyName("b")] double B,
    [property: JsonPropertyName("logLikelihood")] double LogLikelihood,
    [property: JsonPropertyName("converged")] bool Converged,
    [property: JsonPropertyName("iterations")] int Iterations);

public sealed record ParetoNbdReport(
    [property: JsonPropertyName("r")] double R,
    [property: JsonPropertyName("alpha")] double Alpha,
    [property: JsonPropertyName("s")] double S,
    [property: JsonPropertyName("beta")] double Beta,
    [property: JsonPropertyName("logLikelihood")] double LogLikelihood,
    [property: JsonPropertyName("converged")] bool Converged,
    [property: JsonPropertyName("iterations")] int Iterations);

/// <param name="FrequencyMonetaryCorrelation">The independence check: Pearson correlation of x and mean repeat
/// spend among the fitted repeat buyers.</param>
public sealed record GammaGammaReport(
    [property: JsonPropertyName("p")] double P,
    [property: JsonPropertyName("q")] double Q,
    [property: JsonPropertyName("gamma")] double Gamma,
    [property: JsonPropertyName("logLikelihood")] double LogLikelihood,
    [property: JsonPropertyName("customers")] int Customers,
    [property: JsonPropertyName("frequencyMonetaryCorrelation")] double? FrequencyMonetaryCorrelation,
    [property: JsonPropertyName("populationMeanValue")] double? PopulationMeanValue,
    [property: JsonPropertyName("converged")] bool Converged);

/// <summary>Holdout comparison: purchases after the calibration end up to the observation end by the
/// calibration customers, actual vs predicted by the models and by a naive baseline (each customer keeps
/// buying at x/T per unit).</summary>
public sealed record HoldoutReport(
    [property: JsonPropertyName("length")] double Length,
    [property: JsonPropertyName("actual")] long Actual,
    [property: JsonPropertyName("predicted")] double Predicted,
    [property: JsonPropertyName("predictedBgNbd")] double PredictedBgNbd,
    [property: JsonPropertyName("predictedParetoNbd")] double? PredictedParetoNbd,
    [property: JsonPropertyName("baseline")] double Baseline,
    [property: JsonPropertyName("meanAbsoluteError")] double MeanAbsoluteError,
    [property: JsonPropertyName("baselineMeanAbsoluteError")] double BaselineMeanAbsoluteError,
    [property: JsonPropertyName("curve")] IReadOnlyList<HoldoutCurvePoint> Curve,
    [property: JsonPropertyName("byFrequency")] IReadOnlyList<HoldoutFrequencyBucket> ByFrequency);

/// <summary>Cumulative purchases from the calibration end to <see cref="Elapsed"/> units after it
/// (<see cref="Actual"/> is null when the summary carries no per-day holdout counts).</summary>
public sealed record HoldoutCurvePoint(
    [property: JsonPropertyName("elapsed")] int Elapsed,
    [property: JsonPropertyName("actual")] long? Actual,
    [property: JsonPropertyName("predicted")] double Predicted,
    [property: JsonPropertyName("predictedParetoNbd")] double? PredictedParetoNbd);

/// <summary>Mean holdout purchases per customer for the customers with a given calibration frequency.</summary>
public sealed record HoldoutFrequencyBucket(
    [property: JsonPropertyName("frequency")] string Frequency,
    [property: JsonPropertyName("customers")] int Customers,
    [property: JsonPropertyName("actual")] double Actual,
    [property: JsonPropertyName("predicted")] double Predicted);

public sealed record ClvCustomer(
    [property: JsonPropertyName("customer")] string Customer,
    [property: JsonPropertyName("frequency")] int Frequency,
    [property: JsonPropertyName("recency")] double Recency,
    [property: JsonPropertyName("T")] double T,
    [property: JsonPropertyName("monetary")] double Monetary,
    [property: JsonPropertyName("pAlive")] double PAlive,
    [property: JsonPropertyName("expectedPurchases")] double? ExpectedPurchases,
    [property: JsonPropertyName("expectedAverageValue")] double? ExpectedAverageValue,
    [property: JsonPropertyName("clv")] double? Clv,
    [property: JsonPropertyName("holdoutPurchases"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? HoldoutPurchases);
