using Rapport.Web.Features.Service;

namespace Rapport.Web.Api;

/// <summary>/api/v1/knowledge: the knowledge base's articles (list with BM25 search, read, create, change, delete).</summary>
internal static class KnowledgeEndpoints
{
    public sealed record ArticleRequest(string? Title, string? Body, string? Category, string? Language, bool? IsPublished);

    public static void MapKnowledge(this RouteGroupBuilder knowledge)
    {
        knowledge.MapGet("", ListAsync)
            .WithSummary("Page the articles, by category or ranked by a BM25 search; bad paging or an over-long search is refused with 400")
            .ProducesValidationProblem();
        knowledge.MapGet("/{id:long}", GetAsync)
            .WithSummary("One knowledge article").ProducesProblem(StatusCodes.Status404NotFound);
        knowledge.MapPost("", CreateAsync)
            .WithSummary("Create an article (201); a missing title or body, over-long fields or a language other than en or zh-CN is refused with 400")
            .ProducesValidationProblem();
        knowledge.MapPut("/{id:long}", UpdateAsync)
            .WithSummary("Change an article's fields; an empty title or body, over-long fields or a language other than en or zh-CN is refused with 400")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        knowledge.MapDelete("/{id:long}", DeleteAsync)
            .WithSummary("Delete an article").ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> ListAsync(string? search, string? category, int? page, int? pageSize, KnowledgeBase kb, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (page is < 1) errors.Add("page", "must be 1 or more");
        if (pageSize is < 1 or > 100) errors.Add("pageSize", "must be between 1 and 100");
        if (search is { Length: > 500 }) errors.Add("search", "at most 500 characters");
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var (items, total) = await kb.ListAsync(search, category, page ?? 1, pageSize ?? 25, ct);
        return TypedResults.Ok(new { items, total, page = page ?? 1, pageSize = pageSize ?? 25 });
    }

    private static async Task<IResult> GetAsync(long id, KnowledgeBase kb, CancellationToken ct)
        => await kb.GetAsync(id, ct) is { } article ? TypedResults.Ok(article) : TypedResults.NotFound();

    private static async Task<IResult> CreateAsync(ArticleRequest? body, KnowledgeBase kb, CancellationToken ct)
    {
        var result = await kb.CreateAsync(Input(body), ct);
        return result.Errors is { Count: > 0 } errors ? TypedResults.ValidationProblem(errors) : TypedResults.Created($"/api/v1/knowledge/{result.Value!.Id}", result.Value);
    }

    private static async Task<IResult> UpdateAsync(long id, ArticleRequest? body, KnowledgeBase kb, CancellationToken ct)
    {
        var result = await kb.UpdateAsync(id, Input(body), ct);
        return result.NotFound ? TypedResults.NotFound() : result.Errors is { Count: > 0 } errors ? TypedResults.ValidationProblem(errors) : TypedResults.Ok(result.Value);
    }

    private static async Task<IResult> DeleteAsync(long id, KnowledgeBase kb, CancellationToken ct)
        => await kb.DeleteAsync(id, ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static ArticleInput Input(ArticleRequest? body) => new(body?.Title, body?.Body, body?.Category, body?.Language, body?.IsPublished);
}
