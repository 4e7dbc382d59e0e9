using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Rapport.Core.Domain;
using Rapport.Web.Account;
using static Microsoft.Playwright.Assertions;

namespace Rapport.Web.Tests;

/// <summary>The service desk through the real UI: create a ticket, see its suggested answers, insert one into the reply, send it; the public FAQ answers a question.</summary>
[Collection(RapportAppCollection.Name)]
public sealed class ServiceDeskJourneyTests(RapportAppFixture app)
{
    private const string Password = "Desk-Journey-Password-42!";

    private async Task<IPage> SignedInAsync(string role)
    {
        await app.App.Services.GetRequiredService<Rapport.Web.Features.Insights.InsightsRunner>().WhenIdleAsync();
        var name = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}"[..20];
        await using (var scope = app.App.Services.CreateAsyncScope())
            await UserAccounts.CreateAsync(scope.ServiceProvider, name, Password, role);
        var page = await (await app.BrowserAsync()).NewPageAsync(app.BaseAddress);
        await page.GotoAsync("/account/login");
        await page.GetByTestId("login-username").FillAsync(name);
        await page.GetByTestId("login-password").FillAsync(Password);
        await page.GetByTestId("login-submit").ClickAsync();
        await Expect(page.GetByTestId("nav-dashboard")).ToBeVisibleAsync();
        return page;
    }

    [Fact]
    public async Task An_agent_creates_a_ticket_inserts_a_suggested_answer_and_sends_it()
    {
        var page = await SignedInAsync(Roles.Service);
        try
        {
            await page.FollowNavAsync("nav-tickets");
            await Expect(page.GetByTestId("ticket-table")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Expect(page.GetByTestId("sla-badge").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await page.GetByTestId("ticket-new").ClickAsync();
            await Expect(page.GetByTestId("interactive")).ToBeAttachedAsync();
            await page.GetByTestId("ticket-customer").FillAsync("7");
            await page.GetByTestId("ticket-subject").FillAsync("Refund not received");
            await page.GetByTestId("ticket-description").FillAsync("I returned my order two weeks ago. When will the refund be processed?");
            await page.GetByTestId("ticket-create").ClickAsync();

            await Expect(page.GetByTestId("ticket-subject-heading")).ToHaveTextAsync("Refund not received", new() { Timeout = 60_000 });
            await Expect(page.GetByTestId("ticket-intent")).ToContainTextAsync("refund_request");
            var suggestions = page.GetByTestId("suggestion");
            await Expect(suggestions.First).ToBeVisibleAsync();
            var articleId = long.Parse((await suggestions.First.GetAttributeAsync("data-article"))!);
            var body = await app.QueryAsync(db => db.KnowledgeArticles.Where(a => a.Id == articleId).Select(a => a.Body).SingleAsync());

            await suggestions.First.GetByTestId("suggestion-insert").ClickAsync();
            await Expect(page.GetByTestId("ticket-reply")).ToHaveValueAsync(body);
            await page.ScreenshotAsync(new() { Path = Artifacts.Screenshot("ticket-suggestions"), FullPage = true });

            await page.GetByTestId("ticket-send").ClickAsync();
            await Expect(page.GetByTestId("ticket-message")).ToHaveCountAsync(2, new() { Timeout = 30_000 });
            await Expect(page.GetByTestId("ticket-message").Nth(1)).ToContainTextAsync(body.Split('\n')[0]);
            await Expect(page.GetByTestId("ticket-reply")).ToHaveValueAsync("");

            // The agent says the answer helped: counted on the suggestion.
            var used = page.Locator($"[data-testid=suggestion][data-article='{articleId}']");
            await used.GetByTestId("suggestion-helpful").ClickAsync();
            await Expect(used).ToContainTextAsync("Helpful 1", new() { Timeout = 30_000 });
            await page.ScreenshotAsync(new() { Path = Artifacts.Screenshot("ticket-replied"), FullPage = true });

            var id = long.Parse(page.Url.Split('/').Last());
            var ticket = await app.QueryAsync(db => db.Tickets.Include(t => t.Messages).SingleAsync(t => t.Id == id));
            Assert.Equal((7L, TicketStatus.Open, TicketChannel.Web), (ticket.CustomerId!.Value, ticket.Status, ticket.Channel));
            Assert.NotNull(ticket.FirstResponseAt);
            Assert.Equal(body, ticket.Messages.OrderBy(m => m.Id).Last().Body);
            Assert.True(await app.QueryAsync(db => db.SuggestionVotes.AnyAsync(v => v.TicketId == id && v.ArticleId == articleId && v.Helpful)));

            // The satisfaction page: the demo desk's CSAT surveys by agent and by intent.
            await page.FollowNavAsync("nav-satisfaction");
            await Expect(page.GetByTestId("csat-by-intent").GetByTestId("csat-row").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Expect(page.GetByTestId("csat-by-intent")).ToContainTextAsync("refund_request");
            await page.ScreenshotAsync(new() { Path = Artifacts.Screenshot("satisfaction"), FullPage = true });
        }
        finally { await page.CloseAsync(); }
    }

    [Fact]
    public async Task A_visitor_asks_the_faq_without_signing_in()
    {
        var page = await (await app.BrowserAsync()).NewPageAsync(app.BaseAddress);
        try
        {
            await page.GotoAsync("/faq"); // server-rendered forms: no circuit for anonymous visitors
            await page.GetByTestId("faq-question").FillAsync("How long does a refund take?");
            await page.GetByTestId("faq-ask").ClickAsync();
            await Expect(page.GetByTestId("faq-answer").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Expect(page.GetByTestId("faq-answer-title").First).ToContainTextAsync("refund", new() { IgnoreCase = true });
            var title = await page.GetByTestId("faq-answer-title").First.TextContentAsync();
            var helpfulBefore = await app.QueryAsync(db => db.KnowledgeArticles.Where(a => a.Title == title).Select(a => a.HelpfulCount).FirstAsync());
            await page.GetByTestId("faq-helpful").First.ClickAsync();
            await Expect(page.GetByTestId("faq-thanks")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            Assert.Equal(helpfulBefore + 1, await app.QueryAsync(db => db.KnowledgeArticles.Where(a => a.Title == title).Select(a => a.HelpfulCount).FirstAsync()));
            await page.ScreenshotAsync(new() { Path = Artifacts.Screenshot("faq"), FullPage = true });
        }
        finally { await page.CloseAsync(); }
    }
}
