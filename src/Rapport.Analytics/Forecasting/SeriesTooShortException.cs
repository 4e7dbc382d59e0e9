namespace Rapport.Analytics.Forecasting;

/// <summary>A series has too few periods for the horizon, season and holdout asked for.</summary>
public sealed class SeriesTooShortException(string message) : Exception(message);
