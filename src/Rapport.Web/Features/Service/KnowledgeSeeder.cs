using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Rapport.Analytics.Text;
using Rapport.Core.Domain;
using KnowledgeArticle = Rapport.Core.Domain.KnowledgeArticle;
using Rapport.Data;

namespace Rapport.Web.Features.Service;

/// <summary>
/// Gives an empty knowledge base its first articles (on the first use of the index): the question/answer rows of the bank-faqs CSV when
/// it is on disk (<see cref="ServiceDeskOptions.KnowledgeSeedData"/>; one article per distinct answer, titled by its
/// first question — grouped by <see cref="AnswerFinder"/>), else a few built-in articles. A knowledge base that has
/// any article (the demo data brings its own) is left alone.
/// </summary>
public static class KnowledgeSeeder
{
    public static async Task<int> SeedIfEmptyAsync(IServiceProvider scope, CancellationToken ct = default)
    {
        var db = scope.GetRequiredService<RapportDb>();
        if (await db.KnowledgeArticles.AnyAsync(ct)) return 0;
        var options = scope.GetRequiredService<IOptions<ServiceDeskOptions>>().Value;
        var environment = scope.GetRequiredService<IHostEnvironment>();
        var now = scope.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var path = ServiceDataLocator.Locate(options.KnowledgeSeedData, environment.ContentRootPath, "bank-faqs");
        var csv = path is null ? null : Directory.Exists(path) ? Directory.GetFiles(path, "*.csv").Order(StringComparer.Ordinal).FirstOrDefault() : path;
        var articles = csv is null ? BuiltIn(now) : FromCsv(csv, now);
        db.KnowledgeArticles.AddRange(articles);
        await db.SaveChangesAsync(ct);
        return articles.Count;
    }

    private static List<KnowledgeArticle> FromCsv(string csv, DateTime now)
    {
        var finder = AnswerFinder.Build(KnowledgeBaseReader.Read(csv));
        return finder.Articles.Select(a => new KnowledgeArticle
        {
            Title = Clip(a.Questions[0], 500), Body = a.Answer, Category = Clip(a.Category ?? "general", 100),
            Language = "en", IsPublished = true, CreatedAt = now, UpdatedAt = now,
        }).ToList();
    }

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..length];

    private static List<KnowledgeArticle> BuiltIn(DateTime now) =>
    [
        Article("How do I reset my password?", "Open the sign-in page, choose \"Forgot password\" and follow the link we e-mail you. The link is valid for one hour.", "account", now),
        Article("Where is my order?", "Your order confirmation e-mail has a tracking link. Orders usually arrive within 3–5 working days; if the tracking has not changed for 3 days, reply to this ticket with your order number.", "orders", now),
        Article("How do I return an item?", "Items can be returned within 30 days of delivery. Start a return from your order page, print the label and drop the parcel at any post office. The refund reaches your card within 5–10 days of our receiving it.", "returns", now),
        Article("When will I get my refund?", "Refunds are issued to the original payment method within 5–10 working days after the return is received.", "returns", now),
        Article("How do I change my delivery address?", "You can change the address until the order ships: open the order, choose \"Change address\". After shipping, contact the carrier with the tracking number.", "orders", now),
    ];

    private static KnowledgeArticle Article(string title, string body, string category, DateTime now)
        => new() { Title = title, Body = body, Category = category, Language = "en", IsPublished = true, CreatedAt = now, UpdatedAt = now };
}
