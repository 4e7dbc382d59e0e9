namespace Rapport.Web.Features.Service;

/// <summary>
/// Net Promoter Score of one group from 0–10 answers: promoters answer 9–10, passives 7–8, detractors 0–6;
/// NPS = % promoters − % detractors, from −100 to +100 (passives count in the total only).
/// </summary>
public sealed record NpsRow(string Group, int Responses, int Promoters, int Passives, int Detractors)
{
    public double Score => Responses == 0 ? 0 : 100.0 * (Promoters - Detractors) / Responses;

    /// <summary>The NPS of the scores (answers outside 0–10 are not NPS answers and are left out).</summary>
    public static NpsRow Of(string group, IEnumerable<int> scores)
    {
        int promoters = 0, passives = 0, detractors = 0;
        foreach (var score in scores)
        {
            if (score is < 0 or > 10) continue;
            if (score >= 9) promoters++;
            else if (score >= 7) passives++;
            else detractors++;
        }
        return new NpsRow(group, promoters + passives + detractors, promoters, passives, detractors);
    }

    /// <summary>One row per group, most responses first.</summary>
    public static IReadOnlyList<NpsRow> ByGroup(IEnumerable<(string Group, int Score)> scores)
        => scores.GroupBy(s => s.Group).Select(g => Of(g.Key, g.Select(s => s.Score)))
            .OrderByDescending(r => r.Responses).ThenBy(r => r.Group, StringComparer.Ordinal).ToList();
}
