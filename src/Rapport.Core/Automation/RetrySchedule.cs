namespace Rapport.Core.Automation;

/// <summary>
/// Exponential backoff: attempt n (1-based) failed → wait base·2^(n−1), capped at <see cref="MaxDelay"/>; after
/// <see cref="MaxAttempts"/> failed attempts the work is reported failed.
/// </summary>
public sealed record RetrySchedule(int MaxAttempts, TimeSpan BaseDelay, TimeSpan MaxDelay)
{
    /// <summary>The delay after failed attempt <paramref name="attempt"/>, or null when no attempt is left.</summary>
    public TimeSpan? DelayAfter(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        if (attempt >= MaxAttempts) return null;
        var factor = Math.Pow(2, attempt - 1);
        var ticks = Math.Min(BaseDelay.Ticks * factor, MaxDelay.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }
}
