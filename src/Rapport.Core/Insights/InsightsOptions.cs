namespace Rapport.Core.Insights;

/// <summary>Settings of the insights refresh (<c>Rapport:Insights</c> in configuration).</summary>
public sealed class InsightsOptions
{
    public const string Section = "Rapport:Insights";

    /// <summary>Run the refresh every night (the server's background service); false turns the schedule off.</summary>
    public bool Nightly { get; set; } = true;

    /// <summary>Time of day (UTC, HH:mm) of the nightly run.</summary>
    public string NightlyAt { get; set; } = "02:00";

    /// <summary>Churned = no purchase in this many days (the label window; features are taken that long before the end).</summary>
    public int ChurnWindowDays { get; set; } = 90;

    /// <summary>Recent period compared with the one before it (orders and spend trend).</summary>
    public int ChurnTrendDays { get; set; } = 90;

    /// <summary>
    /// logistic, gbdt, forest, tree, or auto (the best of logistic, gbdt and forest by cross-validated AUC: the most
    /// thorough, and several times slower). Logistic regression is calibrated, explains itself and scales linearly.
    /// </summary>
    public string ChurnModel { get; set; } = "logistic";

    /// <summary>The churn model is fitted on a random sample of at most this many customers (everyone is scored); 0 = all.</summary>
    public int ChurnMaxTrainingRows { get; set; } = 20_000;

    /// <summary>Products recommended per customer.</summary>
    public int Recommendations { get; set; } = 5;

    /// <summary>Candidate recommenders (the baselines popularity and history are always compared); the best on the last 30 days is used.</summary>
    public string RecommendAlgorithms { get; set; } = "itemknn,repeat";

    /// <summary>Lifetime model horizon in weeks (expected purchases and CLV).</summary>
    public int LifetimeHorizonWeeks { get; set; } = 52;

    /// <summary>Association rules: minimum support (share of orders; at least 5 orders), confidence and lift; most rules kept (by lift).</summary>
    public double RuleMinSupport { get; set; } = 0.002;
    public double RuleMinConfidence { get; set; } = 0.1;
    public double RuleMinLift { get; set; } = 1.0;
    public int MaxRules { get; set; } = 5000;

    /// <summary>Months of revenue forecast.</summary>
    public int ForecastMonths { get; set; } = 6;

    /// <summary>Seed of k-means++ and the churn model's split.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>The nightly time as a time of day; throws on a malformed value so a typo is not silently ignored.</summary>
    public TimeOnly NightlyTime() =>
        TimeOnly.TryParseExact(NightlyAt, ["HH:mm", "H:mm", "HH:mm:ss"], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var t)
            ? t
            : throw new FormatException($"{Section}:NightlyAt must be a time of day HH:mm (UTC), not '{NightlyAt}'.");
}
