using System.Globalization;

namespace Rapport.Core.Automation;

/// <summary>When a schedule trigger is due: every N hours since it last fired (or since the rule was saved), or daily at HH:mm UTC.</summary>
public static class ScheduleClock
{
    /// <summary>The next time the rule should fire after <paramref name="last"/> (its last firing, or its creation).</summary>
    public static DateTime? NextAfter(TriggerSettings settings, DateTime last)
    {
        if (settings.EveryHours is { } hours and > 0) return last.AddHours(hours);
        if (settings.DailyAt is { } text && TimeOnly.TryParseExact(text.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
        {
            var candidate = DateTime.SpecifyKind(last.Date + at.ToTimeSpan(), DateTimeKind.Utc);
            return candidate > last ? candidate : candidate.AddDays(1);
        }
        return null;
    }

    public static bool IsDue(TriggerSettings settings, DateTime last, DateTime now) => NextAfter(settings, last) is { } next && next <= now;
}
