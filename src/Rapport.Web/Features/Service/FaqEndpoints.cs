using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;

namespace Rapport.Web.Features.Service;

/// <summary>
/// POST /faq/rate: a visitor's "did this answer your question?" from the public FAQ page (a server-rendered form with
/// an antiforgery token), then back to the same answers with a thank-you.
/// </summary>
internal static class FaqEndpoints
{
    public static void MapFaqEndpoints(this IEndpointRouteBuilder endpoints)
        => endpoints.MapPost("/faq/rate", async Task<IResult> (HttpContext context, [FromServices] IAntiforgery antiforgery, [FromServices] KnowledgeBase kb) =>
            {
                if (!await antiforgery.IsRequestValidAsync(context)) return TypedResults.BadRequest();
                var form = await context.Request.ReadFormAsync();
                if (!long.TryParse(form["articleId"], out var articleId) || !bool.TryParse(form["helpful"], out var helpful)) return TypedResults.BadRequest();
                await kb.RateAsync(articleId, helpful);
                var question = form["q"].ToString();
                if (question.Length > 500) question = question[..500];
                return TypedResults.LocalRedirect($"~/faq?q={Uri.EscapeDataString(question)}&rated={articleId}");
            })
            .AllowAnonymous()
            .DisableAntiforgery(); // checked above: the middleware only records the result for form-bound endpoints
}
