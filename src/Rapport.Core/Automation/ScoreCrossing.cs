namespace Rapport.Core.Automation;

/// <summary>
/// Whether a score crossed a threshold between two refreshes: "above" = was at or below, is now above; "below" = was
/// at or above, is now below. A customer scored for the first time has no previous value and crosses nothing.
/// </summary>
public static class ScoreCrossing
{
    public static bool Crossed(double? before, double after, double threshold, string direction) => before is { } b && direction switch
    {
        "above" => b <= threshold && after > threshold,
        "below" => b >= threshold && after < threshold,
        _ => false,
    };
}
