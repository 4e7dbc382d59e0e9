using Microsoft.EntityFrameworkCore;
using Rapport.Analytics.Text;
using Rapport.Data;

namespace Rapport.Web.Features.Service;

/// <summary>One BM25 match of a published article.</summary>
public sealed record KnowledgeMatch(long ArticleId, string Title, double Score);

/// <summary>
/// BM25 (<see cref="Bm25Index"/>, English stop words left out) over the published articles' titles and bodies, kept
/// in memory and rebuilt on next use after any article changed (<see cref="Invalidate"/>). The first build seeds an
/// empty knowledge base (<see cref="KnowledgeSeeder"/>).
/// </summary>
public sealed class KnowledgeIndex(IServiceScopeFactory scopes)
{
    private static readonly Bm25Options Bm25 = new(StopWords: Bm25Index.EnglishStopWords);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (Bm25Index? Index, long[] Ids, string[] Titles)? _built;

    public void Invalidate() => _built = null;

    /// <summary>Builds the index (seeding an empty knowledge base) if that has not happened yet.</summary>
    public Task EnsureBuiltAsync(CancellationToken ct = default) => BuiltAsync(ct);

    public async Task<IReadOnlyList<KnowledgeMatch>> SearchAsync(string text, int top, CancellationToken ct = default)
    {
        var (index, ids, titles) = await BuiltAsync(ct);
        if (index is null || string.IsNullOrWhiteSpace(text)) return [];
        return index.Search(text, top).Select(h => new KnowledgeMatch(ids[h.Document], titles[h.Document], h.Score)).ToList();
    }

    private async Task<(Bm25Index?, long[], string[])> BuiltAsync(CancellationToken ct)
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
                .Select(a => new { a.Id, a.Title, a.Body }).ToListAsync(ct);
            var index = articles.Count == 0 ? null : Bm25Index.Build(articles.Select(a => $"{a.Title}\n{a.Body}").ToList(), Bm25);
            var built = (index, articles.Select(a => a.Id).ToArray(), articles.Select(a => a.Title).ToArray());
            _built = built;
            return built;
        }
        finally { _gate.Release(); }
    }
}
