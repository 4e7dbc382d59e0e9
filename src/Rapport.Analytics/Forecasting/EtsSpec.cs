namespace Rapport.Analytics.Forecasting;

public enum EtsTrend { None, Additive, Damped }

public enum EtsSeason { None, Additive, Multiplicative }

/// <summary>An exponential smoothing method with additive errors: ETS(A, trend, season) in Hyndman et al. (2008) notation.</summary>
public readonly record struct EtsSpec(EtsTrend Trend, EtsSeason Season)
{
    public bool HasTrend => Trend != EtsTrend.None;
    public bool HasSeason => Season != EtsSeason.None;

    /// <summary>Smoothing parameters estimated: α, then β with a trend, γ with a season, φ when damped.</summary>
    public int SmoothingParameterCount => 1 + (HasTrend ? 1 : 0) + (HasSeason ? 1 : 0) + (Trend == EtsTrend.Damped ? 1 : 0);

    /// <summary>Free initial states: level, trend, and m − 1 seasonal states (they are normalised).</summary>
    public int InitialStateCount(int season) => 1 + (HasTrend ? 1 : 0) + (HasSeason ? season - 1 : 0);
}

/// <summary>
/// Smoothing parameters in the error-correction (state space) form: α for the level, β for the trend (β = α·β* of
/// the classic form), γ for the season (γ = (1 − α)·γ* of the classic form), φ the damping factor (1 when undamped).
/// </summary>
public readonly record struct EtsParameters(double Alpha, double Beta, double Gamma, double Phi);

/// <summary>The state after the last observation: level ℓ, trend b, and the seasonal states by position (t mod m).</summary>
public sealed record EtsState(double Level, double Trend, double[] Season);
