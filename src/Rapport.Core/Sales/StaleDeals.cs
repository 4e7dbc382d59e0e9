namespace Rapport.Core.Sales;

/// <summary>
/// A deal is stale when it is open and nothing has happened to it for <c>days</c>: no stage change and no activity
/// (the latest of its creation, its last stage change and its last logged interaction is older than that).
/// </summary>
public static class StaleDeals
{
    public const int DefaultDays = 21;

    /// <summary>The moment the deal last moved or was worked on.</summary>
    public static DateTime LastTouched(DateTime createdAt, DateTime? lastStageChange, DateTime? lastActivity)
    {
        var last = createdAt;
        if (lastStageChange > last) last = lastStageChange.Value;
        if (lastActivity > last) last = lastActivity.Value;
        return last;
    }

    public static bool IsStale(bool open, DateTime lastTouched, DateTime now, int days)
        => open && days > 0 && (now - lastTouched).TotalDays >= days;
}
