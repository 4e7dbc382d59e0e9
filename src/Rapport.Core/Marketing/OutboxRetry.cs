namespace Rapport.Core.Marketing;

/// <summary>
/// Retries with exponential backoff: after the n-th failed attempt the next one waits base × 2^(n−1); after
/// <see cref="MaxAttempts"/> attempts the message is failed for good.
/// </summary>
public sealed record OutboxRetry(int MaxAttempts, TimeSpan BaseDelay)
{
    /// <summary>When to try again after <paramref name="attempts"/> failed attempts, or null when no attempt is left.</summary>
    public DateTime? NextAttempt(int attempts, DateTime now)
        => attempts >= MaxAttempts ? null : now + TimeSpan.FromTicks(BaseDelay.Ticks * (1L << Math.Min(attempts - 1, 20)));
}
