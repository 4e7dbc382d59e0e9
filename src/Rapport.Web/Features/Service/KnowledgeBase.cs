using Microsoft.EntityFrameworkCore;
using Rapport.Core.Domain;
using Rapport.Data;

namespace Rapport.Web.Features.Service;

/// <summary>An article as edited (API body and form).</summary>
public sealed record ArticleInput(string? Title, string? Body, string? Category, string? Language = null, bool? IsPublished = null);

/// <summary>One row of the article list.</summary>
public sealed record ArticleRow(long Id, string Title, string Category, string Language, bool IsPublished, int ViewCount, int HelpfulCount, int NotHelpfulCount, DateTime UpdatedAt);

/// <summary>A public answer to a typed question (the FAQ page).</summary>
public sealed record FaqAnswer(long ArticleId, string Title, string Body, double Score);

/// <summary>The knowledge base: article CRUD, search (BM25 when there is a query), and the FAQ's answers.</summary>
public sealed class KnowledgeBase(RapportDb db, KnowledgeIndex index, TimeProvider clock)
{
    public const int MaxTitleLength = 500;
    public const int MaxBodyLength = 50_000;
    public const int MaxCategoryLength = 100;

    public async Task<(IReadOnlyList<ArticleRow> Items, int Total)> ListAsync(string? search, string? category, int page, int pageSize, CancellationToken ct = default)
    {
        await index.EnsureBuiltAsync(ct);
        pageSize = Math.Clamp(pageSize, 1, 100);
        page = Math.Max(page, 1);
        var articles = db.KnowledgeArticles.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(category)) articles = articles.Where(a => a.Category == category);
        if (!string.IsNullOrWhiteSpace(search))
        {
            // Ranked by BM25 over published articles (drafts are found by title).
            var matches = await index.SearchAsync(search, 200, ct);
            var order = matches.Select((m, i) => (m.ArticleId, i)).ToDictionary(x => x.ArticleId, x => x.i);
            var ids = order.Keys.ToList();
            var term = search.Trim().ToLowerInvariant();
            var found = await articles.Where(a => ids.Contains(a.Id) || a.Title.ToLower().Contains(term)).Select(Row).ToListAsync(ct);
            var ranked = found.OrderBy(a => order.TryGetValue(a.Id, out var rank) ? rank : int.MaxValue).ThenBy(a => a.Id).ToList();
            return (ranked.Skip((page - 1) * pageSize).Take(pageSize).ToList(), ranked.Count);
        }
        var total = await articles.CountAsync(ct);
        var items = await articles.OrderBy(a => a.Category).ThenBy(a => a.Id).Skip((page - 1) * pageSize).Take(pageSize).Select(Row).ToListAsync(ct);
        return (items, total);
    }

    public Task<List<string>> CategoriesAsync(CancellationToken ct = default)
        => db.KnowledgeArticles.AsNoTracking().Select(a => a.Category).Distinct().OrderBy(c => c).ToListAsync(ct);

    public Task<KnowledgeArticle?> GetAsync(long id, CancellationToken ct = default)
        => db.KnowledgeArticles.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, ct);

    public async Task<DeskResult<KnowledgeArticle>> CreateAsync(ArticleInput input, CancellationToken ct = default)
    {
        var errors = Validate(input, creating: true);
        if (errors.Count > 0) return DeskResult<KnowledgeArticle>.Invalid(errors);
        var now = clock.GetUtcNow().UtcDateTime;
        var article = new KnowledgeArticle { CreatedAt = now };
        Apply(article, input, now);
        db.KnowledgeArticles.Add(article);
        await db.SaveChangesAsync(ct);
        index.Invalidate();
        return new DeskResult<KnowledgeArticle>(article);
    }

    public async Task<DeskResult<KnowledgeArticle>> UpdateAsync(long id, ArticleInput input, CancellationToken ct = default)
    {
        var article = await db.KnowledgeArticles.SingleOrDefaultAsync(a => a.Id == id, ct);
        if (article is null) return DeskResult<KnowledgeArticle>.Missing();
        var errors = Validate(input, creating: false);
        if (errors.Count > 0) return DeskResult<KnowledgeArticle>.Invalid(errors);
        Apply(article, input, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        index.Invalidate();
        return new DeskResult<KnowledgeArticle>(article);
    }

    public async Task<bool> DeleteAsync(long id, CancellationToken ct = default)
    {
        var article = await db.KnowledgeArticles.SingleOrDefaultAsync(a => a.Id == id, ct);
        if (article is null) return false;
        db.KnowledgeArticles.Remove(article);
        await db.SaveChangesAsync(ct);
        index.Invalidate();
        return true;
    }

    /// <summary>The published articles that answer a customer's question best (BM25); each answer shown counts as a view.</summary>
    public async Task<IReadOnlyList<FaqAnswer>> AnswerAsync(string question, int top = 3, bool countViews = true, CancellationToken ct = default)
    {
        var matches = await index.SearchAsync(question, top, ct);
        if (matches.Count == 0) return [];
        var ids = matches.Select(m => m.ArticleId).ToList();
        var articles = await db.KnowledgeArticles.Where(a => ids.Contains(a.Id) && a.IsPublished).ToDictionaryAsync(a => a.Id, ct);
        if (countViews)
        {
            foreach (var article in articles.Values) article.ViewCount++;
            await db.SaveChangesAsync(ct);
        }
        return matches.Where(m => articles.ContainsKey(m.ArticleId))
            .Select(m => new FaqAnswer(m.ArticleId, articles[m.ArticleId].Title, articles[m.ArticleId].Body, Math.Round(m.Score, 4))).ToList();
    }

    /// <summary>A reader's verdict on an article (FAQ page or knowledge list).</summary>
    public async Task<bool> RateAsync(long id, bool helpful, CancellationToken ct = default)
    {
        var article = await db.KnowledgeArticles.SingleOrDefaultAsync(a => a.Id == id && a.IsPublished, ct);
        if (article is null) return false;
        if (helpful) article.HelpfulCount++;
        else article.NotHelpfulCount++;
        await db.SaveChangesAsync(ct);
        return true;
    }

    private static FieldErrors Validate(ArticleInput input, bool creating)
    {
        var errors = new FieldErrors();
        if (creating || input.Title is not null)
        {
            if (string.IsNullOrWhiteSpace(input.Title)) errors.Add("title", "The title is required.");
            else if (input.Title.Trim().Length > MaxTitleLength) errors.Add("title", $"At most {MaxTitleLength} characters.");
        }
        if (creating || input.Body is not null)
        {
            if (string.IsNullOrWhiteSpace(input.Body)) errors.Add("body", "The body is required.");
            else if (input.Body.Length > MaxBodyLength) errors.Add("body", $"At most {MaxBodyLength} characters.");
        }
        if (input.Category is { Length: > MaxCategoryLength }) errors.Add("category", $"At most {MaxCategoryLength} characters.");
        if (input.Language is not null and not ("en" or "zh-CN")) errors.Add("language", "Either en or zh-CN.");
        return errors;
    }

    private static void Apply(KnowledgeArticle article, ArticleInput input, DateTime now)
    {
        if (input.Title is not null) article.Title = input.Title.Trim();
        if (input.Body is not null) article.Body = input.Body.Trim();
        if (input.Category is not null) article.Category = input.Category.Trim();
        if (input.Language is not null) article.Language = input.Language;
        if (input.IsPublished is { } published) article.IsPublished = published;
        article.UpdatedAt = now;
    }

    private static readonly System.Linq.Expressions.Expression<Func<KnowledgeArticle, ArticleRow>> Row =
        a => new ArticleRow(a.Id, a.Title, a.Category, a.Language, a.IsPublished, a.ViewCount, a.HelpfulCount, a.NotHelpfulCount, a.UpdatedAt);
}
