using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Data;
using Rapport.Web.Features.Service;

namespace Rapport.Web.Tests;

/// <summary>
/// A desk without history (empty database): the intent model starts from the Banking77-format starter data on disk,
/// the knowledge base is seeded from the FAQ CSV on disk; without either, there is no intent model (null with a
/// reason, never a made-up intent) and a few built-in articles. Small files in the real formats keep training quick.
/// </summary>
public sealed class ServiceDeskStarterTests
{
    private static async Task WithEmptyDeskAsync(Dictionary<string, string?> service, Func<IServiceProvider, Task> test)
    {
        var database = TestDatabase.TemporarySqlite();
        await database.CreateAsync();
        var settings = new Dictionary<string, string?>(database.Settings);
        foreach (var (key, value) in service) settings[$"Rapport:Service:{key}"] = value;
        await using var app = RapportAppFixture.BuildApp(settings, "Production");
        try
        {
            await RapportWebApp.InitializeAsync(app, demo: null);
            await using var scope = app.Services.CreateAsyncScope();
            await test(scope.ServiceProvider);
        }
        finally { await database.DropAsync(); }
    }

    [Fact]
    public async Task Starter_data_on_disk_gives_a_starter_model_and_seeds_the_knowledge_base()
    {
        var folder = Directory.CreateTempSubdirectory("rapport-starter-").FullName;
        try
        {
            // Banking77's layout (text,category with quoting and CRLF) and bank-faqs' (Question,Answer,Class, a repeated answer).
            await File.WriteAllTextAsync(Path.Combine(folder, "train.csv"),
                "text,category\r\n" +
                "I still have not received my new card,card_arrival\r\nWhen will my card arrive?,card_arrival\r\nMy card has not arrived yet,card_arrival\r\n" +
                "\"My card was stolen, please block it\",lost_or_stolen_card\r\nI lost my card,lost_or_stolen_card\r\nSomeone stole my wallet with my card,lost_or_stolen_card\r\n" +
                "How do I top up my account?,top_up\r\nCan I top up by bank transfer?,top_up\r\nTop up failed,top_up\r\n");
            var faqs = Path.Combine(folder, "faqs.csv");
            await File.WriteAllTextAsync(faqs,
                "Question,Answer,Class\n" +
                "How do I block a lost card?,\"Call us or block it in the app under Cards, Block.\",cards\n" +
                "What if my card is stolen?,\"Call us or block it in the app under Cards, Block.\",cards\n" +
                "How long does a transfer take?,Transfers between our accounts are instant.,fundstransfer\n");

            await WithEmptyDeskAsync(new() { ["StarterIntentData"] = folder, ["KnowledgeSeedData"] = faqs }, async services =>
            {
                var intents = services.GetRequiredService<IntentModelCache>();
                var state = await intents.GetAsync();
                Assert.Equal(IntentModelState.Starter, state.Source);
                Assert.Equal(9, state.Examples);
                Assert.Contains("only 0 resolved tickets", state.Reason);
                Assert.Equal("lost_or_stolen_card", (await intents.PredictAsync("my card was stolen yesterday")).Intent);

                var kb = services.GetRequiredService<KnowledgeBase>();
                var (articles, total) = await kb.ListAsync(null, null, 1, 10);
                Assert.Equal(2, total); // two distinct answers
                Assert.Equal(["How do I block a lost card?", "How long does a transfer take?"], articles.Select(a => a.Title).Order());
                var desk = services.GetRequiredService<TicketDesk>();
                var created = await desk.CreateAsync(new NewTicket(null, "Stolen card", "My card was stolen, how do I block it?"));
                Assert.Equal("starter", created.Value!.IntentSource);
                Assert.Equal("How do I block a lost card?", created.Value.SuggestedAnswers[0].Title);
            });
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    [Fact]
    public async Task Without_data_there_is_no_intent_but_a_reason_and_built_in_articles()
    {
        var missing = Path.Combine(Path.GetTempPath(), "rapport-no-such-folder-" + Guid.NewGuid().ToString("N"));
        await WithEmptyDeskAsync(new() { ["StarterIntentData"] = missing, ["KnowledgeSeedData"] = missing, ["SentimentData"] = missing }, async services =>
        {
            var desk = services.GetRequiredService<TicketDesk>();
            var created = await desk.CreateAsync(new NewTicket(null, "Where is my order?", "It has not arrived."));
            var ticket = created.Value!;
            Assert.Null(ticket.Intent);
            Assert.Null(ticket.IntentConfidence);
            Assert.Equal("none", ticket.IntentSource);
            Assert.Contains("StarterIntentData", ticket.IntentReason);
            Assert.Null(ticket.Sentiment);
            Assert.Contains("No sentiment model", ticket.SentimentReason);
            Assert.Equal("Where is my order?", ticket.SuggestedAnswers[0].Title); // built-in article
            var db = services.GetRequiredService<RapportDb>();
            Assert.Equal(5, await db.KnowledgeArticles.CountAsync());
            Assert.Null((await db.Tickets.SingleAsync()).Intent);
        });
    }
}
