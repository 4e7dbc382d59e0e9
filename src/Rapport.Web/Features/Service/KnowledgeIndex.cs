using Microsoft.EntityFrameworkCore;
using Rapport.Analytics.Text;
using Rapport.Data;

namespace Rapport.Web.Features.Service;

/// <summary>One BM25 match of a published article.</summary>
public sealed record KnowledgeMatch(long ArticleId, string Title, string Category, double Score);

/// <summary>
/// BM25 (<see cref="Bm25Index"/>, English function words left out: <see cref="StopWords"/>) over the published articles' titles and bodies, kept
/// in memory and rebuilt on next use after any article changed (<see cref="Invalidate"/>). The first build seeds an
/// empty knowledge base (<see cref="KnowledgeSeeder"/>).
/// </summary>
public sealed class KnowledgeIndex(IServiceScopeFactory scopes)
{
    /// <summary>
    /// Lucene's English stop words plus the pronouns, question words and courtesy words every ticket is full of: in a
    /// small knowledge base they are rare enough to get a real idf and would otherwise decide the ranking.
    /// </summary>
    public static readonly IReadOnlySet<string> StopWords = new HashSet<string>(Bm25Index.EnglishStopWords.Concat(
    [
        "i", "me", "my", "mine", "you", "your", "yours", "we", "us", "our", "he", "she", "him", "her", "his", "its", "them",
        "am", "been", "being", "do", "does", "did", "done", "have", "has", "had", "can", "could", "would", "should", "shall", "may", "might", "must",
        "how", "what", "when", "where", "why", "which", "who", "whom", "so", "than", "too", "very", "just", "still", "yet", "also", "about",
        "from", "up", "out", "over", "again", "please", "hi", "hello", "dear", "thanks", "thank", "regards", "ago", "get", "got",
    ]), StringComparer.Ordinal);

    private static readonly Bm25Options Bm25 = new(StopWords: StopWords);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (Bm25Index? Index, long[] Ids, string[] Titles, string[] Categories)? _built;

    public void Invalidate() => _built = null;

    /// <summary>Builds the index (seeding an empty knowledge base) if that has not happened yet.</summary>
    public Task EnsureBuiltAsync(CancellationToken ct = default) => BuiltAsync(ct);

    public async Task<IReadOnlyList<KnowledgeMatch>> SearchAsync(string text, int top, CancellationToken ct = default)
    {
        var (index, ids, titles, categories) = await BuiltAsync(ct);
        if (index is null || string.IsNullOrWhiteSpace(text)) return [];
        return index.Search(text, top).Select(h => new KnowledgeMatch(ids[h.Document], titles[h.Document], categories[h.Document], h.Score)).ToList();
    }

    private async Task<(Bm25Index?, long[], string[], string[])> BuiltAsync(CancellationToken ct)
    {
        if (_built is { } ready) return ready;
        await _gate.WaitAsync(ct);
        try
        {
            if (_built is { } again) return again;
            await using var scope = scopes.CreateAsyncScope();
            await KnowledgeSeeder.SeedIfEmptyAsync(scope.ServiceProvider, ct);
            var db = scope.ServiceProvider.GetRequiredService<RapportDb>();
            var articles = await db.KnowledgeArticles.AsNoTracking().Where(a => a.IsPublished).OrderBy(a => a.Id)
                .Select(a => new { a.Id, a.Title, a.Body, a.Category }).ToListAsync(ct);
            var index = articles.Count == 0 ? null : Bm25Index.Build(articles.Select(a => $"{a.Title}\n{a.Body}").ToList(), Bm25);
            var built = (index, articles.Select(a => a.Id).ToArray(), articles.Select(a => a.Title).ToArray(), articles.Select(a => a.Category).ToArray());
            _built = built;
            return built;
        }
        finally { _gate.Release(); }
    }
}
