namespace Rapport.Web.Features.Service;

/// <summary>One article's BM25 match and the agents' votes on it for the ticket's intent.</summary>
public sealed record RankedArticle(long ArticleId, string Title, double Bm25Score, bool IntentMatch, int Helpful, int NotHelpful, double Score);

/// <summary>One BM25 candidate for re-ranking.</summary>
public sealed record ArticleCandidate(long ArticleId, string Title, string Category, double Bm25Score);

/// <summary>
/// Re-ranks BM25 matches by the ticket's intent and by what agents said about them for that intent:
/// <code>score = bm25 × intentBoost × 2 × (helpful + 1) / (helpful + notHelpful + 2)</code>
/// intentBoost is <see cref="IntentMatchBoost"/> (2) when the article's category is the ticket's intent, else 1. The
/// vote factor is the Laplace-smoothed helpful rate, doubled so an article nobody voted on keeps its score (×1); one
/// "helpful" vote gives ×4/3, two ×3/2 (tending to ×2), one "not helpful" ×2/3 (tending to 0). Votes and intent only
/// reorder articles BM25 already matched; they never invent a match.
/// </summary>
public static class SuggestionRanking
{
    public const double IntentMatchBoost = 2.0;

    public static double Boost(int helpful, int notHelpful) => 2.0 * (helpful + 1) / (helpful + notHelpful + 2);

    public static IReadOnlyList<RankedArticle> Rank(IEnumerable<ArticleCandidate> matches, string? intent,
        IReadOnlyDictionary<long, (int Helpful, int NotHelpful)> votes, int top)
        => matches
            .Select(m =>
            {
                var (h, n) = votes.TryGetValue(m.ArticleId, out var v) ? v : (0, 0);
                var intentMatch = intent is { Length: > 0 } && string.Equals(m.Category, intent, StringComparison.OrdinalIgnoreCase);
                return new RankedArticle(m.ArticleId, m.Title, m.Bm25Score, intentMatch, h, n, m.Bm25Score * (intentMatch ? IntentMatchBoost : 1) * Boost(h, n));
            })
            .OrderByDescending(r => r.Score).ThenBy(r => r.ArticleId)
            .Take(top)
            .ToList();
}
