using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Rapport.Core.Domain;
using Rapport.Web.Account;
using Rapport.Web.Features.Sales;
using static Microsoft.Playwright.Assertions;

namespace Rapport.Web.Tests;

/// <summary>The sales journeys in headless Chromium: drag a deal across the board and see the forecast move; the deal page and my day.</summary>
[Collection(RapportAppCollection.Name)]
public sealed class SalesJourneyTests(RapportAppFixture app)
{
    private const string Password = "Sales-Journey-Password-42!";

    private async Task<(IPage Page, long UserId)> SignedInAsync(string role)
    {
        await app.App.Services.GetRequiredService<Rapport.Web.Features.Insights.InsightsRunner>().WhenIdleAsync();
        var name = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}"[..20];
        await using (var scope = app.App.Services.CreateAsyncScope())
            await UserAccounts.CreateAsync(scope.ServiceProvider, name, Password, role);
        var userId = await app.QueryAsync(db => db.Users.Where(u => u.UserName == name).Select(u => u.Id).SingleAsync());
        var page = await (await app.BrowserAsync()).NewPageAsync(app.BaseAddress);
        await page.GotoAsync("/account/login");
        await page.GetByTestId("login-username").FillAsync(name);
        await page.GetByTestId("login-password").FillAsync(Password);
        await page.GetByTestId("login-submit").ClickAsync();
        await Expect(page.GetByTestId("nav-dashboard")).ToBeVisibleAsync();
        return (page, userId);
    }

    private static decimal Figure(string text) => decimal.Parse(text.Trim(), NumberStyles.Number, CultureInfo.GetCultureInfo("en-US"));

    [Fact]
    public async Task Dragging_a_deal_to_a_later_stage_records_the_move_and_raises_the_forecast()
    {
        var (page, userId) = await SignedInAsync(Roles.Sales);
        var stages = await app.QueryAsync(db => db.PipelineStages.Where(s => db.Pipelines.Any(p => p.IsDefault && p.Id == s.PipelineId)).OrderBy(s => s.Position).ToArrayAsync());
        var (lead, proposal) = (stages[0], stages[2]);
        long dealId;
        await using (var scope = app.App.Services.CreateAsyncScope())
            dealId = await scope.ServiceProvider.GetRequiredService<DealEditor>().CreateAsync(new DealInput
            {
                Title = "Board journey deal", Amount = 20000, CompanyId = 1, OwnerId = userId,
                ExpectedClose = DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(1),
            }, userId);

        await page.GotoAsync("/deals/board");
        await Expect(page.GetByTestId("interactive")).ToBeAttachedAsync(new() { Timeout = 30_000 });
        var card = page.GetByTestId($"deal-card-{dealId}");
        await Expect(page.GetByTestId($"board-column-{lead.Id}").GetByTestId($"deal-card-{dealId}")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var before = Figure(await page.GetByTestId("forecast-total").InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Artifacts.Screenshot("deal-board-before"), FullPage = true });

        await card.DragToAsync(page.GetByTestId($"board-column-{proposal.Id}").Locator(".rp-board-zone"));

        // Hand-checked: 20 000 × (0.50 − 0.10) = 8 000 more in the weighted pipeline.
        var expected = before + 20000m * (decimal)(proposal.Probability - lead.Probability);
        await Expect(page.GetByTestId("forecast-total")).ToHaveTextAsync(expected.ToString("N0", CultureInfo.GetCultureInfo("en-US")), new() { Timeout = 30_000 });
        await Expect(page.GetByTestId($"board-column-{proposal.Id}").GetByTestId($"deal-card-{dealId}")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Artifacts.Screenshot("deal-board"), FullPage = true });

        var deal = await app.QueryAsync(db => db.Deals.SingleAsync(d => d.Id == dealId));
        Assert.Equal(proposal.Id, deal.StageId);
        Assert.Equal(proposal.Probability, deal.Probability);
        var move = await app.QueryAsync(db => db.DealStageChanges.Where(c => c.DealId == dealId).OrderBy(c => c.Id).ToListAsync());
        Assert.Equal([lead.Id, proposal.Id], move.Select(m => m.ToStageId));
        Assert.Equal(lead.Id, move[^1].FromStageId);
        Assert.Equal(userId, move[^1].UserId);

        // The deal page shows the scored probability with its reasons; a task added there shows on "my day".
        await page.GetByTestId($"deal-card-{dealId}").GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.GetByTestId("deal-title")).ToHaveTextAsync("Board journey deal");
        await Expect(page.GetByTestId("deal-stage")).ToHaveTextAsync(proposal.Name);
        await Expect(page.GetByTestId("deal-win-probability")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("deal-reasons").Locator("li").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("interactive")).ToBeAttachedAsync();
        await page.GetByTestId("task-title").FillAsync("Call about the proposal");
        await page.GetByTestId("task-add").ClickAsync();
        await Expect(page.GetByTestId("deal-tasks")).ToContainTextAsync("Call about the proposal");
        await page.ScreenshotAsync(new() { Path = Artifacts.Screenshot("deal-page"), FullPage = true });
        var task = await app.QueryAsync(db => db.SalesTasks.SingleAsync(t => t.DealId == dealId));
        Assert.Equal(userId, task.OwnerId);

        // Due today, and the deal expected to close this month (set here: the date pickers are not the point of this journey).
        await using (var scope = app.App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SalesTaskService>().UpdateAsync(task.Id, new SalesTaskInput { DueAt = DateTime.UtcNow });
            await scope.ServiceProvider.GetRequiredService<DealEditor>().UpdateAsync(dealId, new DealInput { ExpectedClose = DateOnly.FromDateTime(DateTime.UtcNow) }, userId);
        }
        await page.FollowNavAsync("nav-my-day");
        await Expect(page.GetByTestId("myday-today")).ToContainTextAsync("Call about the proposal");
        await Expect(page.GetByTestId("myday-closing")).ToContainTextAsync("Board journey deal");
        await page.ScreenshotAsync(new() { Path = Artifacts.Screenshot("my-day"), FullPage = true });
        await page.Context.CloseAsync();
    }
}
