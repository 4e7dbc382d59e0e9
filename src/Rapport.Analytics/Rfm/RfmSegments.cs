namespace Rapport.Analytics.Rfm;

/// <summary>
/// Named RFM segments: a grid over the recency score (rows) and the frequency score (columns), the widely used
/// R×F map with "Lost" split off from "Hibernating". The monetary score is reported but does not name the segment.
/// <code>
///            F=1             F=2                 F=3                 F=4        F=5
/// R=5   New             Potential loyalist  Potential loyalist  Champions  Champions
/// R=4   Promising       Potential loyalist  Potential loyalist  Loyal      Loyal
/// R=3   About to sleep  About to sleep      Need attention      Loyal      Loyal
/// R=2   Hibernating     Hibernating         At risk             At risk    Cannot lose
/// R=1   Lost            Hibernating         At risk             At risk    Cannot lose
/// </code>
/// </summary>
public static class RfmSegments
{
    public const string Champions = "Champions";
    public const string Loyal = "Loyal";
    public const string PotentialLoyalist = "Potential loyalist";
    public const string New = "New";
    public const string Promising = "Promising";
    public const string NeedAttention = "Need attention";
    public const string AboutToSleep = "About to sleep";
    public const string AtRisk = "At risk";
    public const string CannotLose = "Cannot lose";
    public const string Hibernating = "Hibernating";
    public const string Lost = "Lost";

    /// <summary>All segment names, best first (the order of <see cref="RfmResult.Segments"/>).</summary>
    public static IReadOnlyList<string> All { get; } =
        [Champions, Loyal, PotentialLoyalist, New, Promising, NeedAttention, AboutToSleep, AtRisk, CannotLose, Hibernating, Lost];

    // [r - 1, f - 1]
    private static readonly string[,] Grid =
    {
        { Lost, Hibernating, AtRisk, AtRisk, CannotLose },
        { Hibernating, Hibernating, AtRisk, AtRisk, CannotLose },
        { AboutToSleep, AboutToSleep, NeedAttention, Loyal, Loyal },
        { Promising, PotentialLoyalist, PotentialLoyalist, Loyal, Loyal },
        { New, PotentialLoyalist, PotentialLoyalist, Champions, Champions },
    };

    /// <summary>The segment of an R score and an F score (each 1–5).</summary>
    public static string Name(int rScore, int fScore) => All[Index(rScore, fScore)];

    /// <summary>Position in <see cref="All"/> of the segment of an R score and an F score.</summary>
    public static int Index(int rScore, int fScore)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rScore, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rScore, 5);
        ArgumentOutOfRangeException.ThrowIfLessThan(fScore, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fScore, 5);
        return GridIndex[rScore - 1, fScore - 1];
    }

    private static readonly int[,] GridIndex = BuildIndex();

    private static int[,] BuildIndex()
    {
        var index = new int[5, 5];
        for (int r = 0; r < 5; r++)
        {
            for (int f = 0; f < 5; f++)
            {
                for (int k = 0; k < All.Count; k++)
                {
                    if (All[k] == Grid[r, f]) index[r, f] = k;
                }
            }
        }
        return index;
    }
}
