namespace Rapport.Web.Features.Service;

/// <summary>One article's BM25 match and the agents' votes on it for the ticket's intent.</summary>
public sealed record RankedArticle(long ArticleId, string Title, double Bm25Score, int Helpful, int NotHelpful, double Score);

/// <summary>
/// Re-ranks BM25 matches by what agents said about them for the same intent. Each article's score is
/// <c>bm25 × 2 × (helpful + 1) / (helpful + notHelpful + 2)</c>: the Laplace-smoothed helpful rate, doubled so an
/// article nobody voted on keeps its BM25 score (×1), one "helpful" vote gives ×4/3, two ×3/2 (tending to ×2), one
/// "not helpful" ×2/3 (tending to 0). Votes only reorder articles BM25 already matched; they never invent a match.
/// </summary>
public static class SuggestionRanking
{
    public static double Boost(int helpful, int notHelpful) => 2.0 * (helpful + 1) / (helpful + notHelpful + 2);

    public static IReadOnlyList<RankedArticle> Rank(IEnumerable<(long ArticleId, string Title, double Bm25Score)> matches,
        IReadOnlyDictionary<long, (int Helpful, int NotHelpful)> votes, int top)
        => matches
            .Select(m =>
            {
                var (h, n) = votes.TryGetValue(m.ArticleId, out var v) ? v : (0, 0);
                return new RankedArticle(m.ArticleId, m.Title, m.Bm25Score, h, n, m.Bm25Score * Boost(h, n));
            })
            .OrderByDescending(r => r.Score).ThenBy(r => r.ArticleId)
            .Take(top)
            .ToList();
}
