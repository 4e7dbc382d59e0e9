using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Rapport.Core.Domain;
using Rapport.Web.Account;
using static Microsoft.Playwright.Assertions;

namespace Rapport.Web.Tests;

/// <summary>A manager builds "deal created → create a task for the owner" on /admin/automation (a bad condition is refused naming it), a deal is created, and the run shows up on the page.</summary>
[Collection(RapportAppCollection.Name)]
public sealed class AutomationJourneyTests(RapportAppFixture app)
{
    private const string Password = "Automation-Journey-Password-42!";

    [Fact]
    public async Task A_manager_builds_a_rule_in_the_ui_and_sees_its_run()
    {
        var name = $"manager-{Guid.NewGuid():N}"[..20];
        await using (var scope = app.App.Services.CreateAsyncScope())
            await UserAccounts.CreateAsync(scope.ServiceProvider, name, Password, Roles.Manager);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var ruleName = $"Follow up big deals {tag}";

        var page = await (await app.BrowserAsync()).NewPageAsync(app.BaseAddress);
        await page.GotoAsync("/account/login");
        await page.GetByTestId("login-username").FillAsync(name);
        await page.GetByTestId("login-password").FillAsync(Password);
        await page.GetByTestId("login-submit").ClickAsync();
        await Expect(page.GetByTestId("nav-dashboard")).ToBeVisibleAsync();

        await page.FollowNavAsync("nav-automation");
        await Expect(page.GetByTestId("interactive")).ToBeAttachedAsync();
        await page.GetByTestId("rule-name").FillAsync(ruleName);
        await page.GetByTestId("rule-trigger").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Deal created" }).ClickAsync();
        await Expect(page.GetByTestId("rule-trigger")).ToContainTextAsync("Deal created");

        await page.GetByTestId("condition-add").ClickAsync();
        await page.GetByTestId("condition-field").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "title", Exact = true }).ClickAsync();
        await page.GetByTestId("condition-op").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "contains", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("condition-op")).ToContainTextAsync("contains");

        await page.GetByTestId("action-add").ClickAsync();
        await page.GetByTestId("action-title").FillAsync($"Call the buyer {tag}");

        // No value for "contains" yet: refused, naming the part.
        await page.GetByTestId("rule-save").ClickAsync();
        await Expect(page.GetByTestId("rule-errors")).ToContainTextAsync("conditions[0].value", new() { Timeout = 30_000 });

        await page.GetByTestId("condition-value").FillAsync(tag);
        await page.GetByTestId("rule-save").ClickAsync();
        await Expect(page.GetByTestId("rule-row-name").Filter(new() { HasText = ruleName })).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await page.ScreenshotAsync(new() { Path = Artifacts.Screenshot("automation-rule"), FullPage = true });

        // A salesperson creates a matching deal through the API; the worker fires the rule.
        var sales = await new ApiTestClients(app).AsAsync(Roles.Sales);
        (await sales.PostAsJsonAsync("/api/v1/deals", new { title = $"Big one {tag}", amount = 5000 })).EnsureSuccessStatusCode();

        await page.GetByRole(AriaRole.Tab, new() { Name = "Runs" }).ClickAsync();
        var row = page.GetByTestId("run-table").Locator("tr").Filter(new() { HasText = ruleName });
        await Expect(row.GetByTestId("run-status")).ToHaveTextAsync("Succeeded", new() { Timeout = 60_000 });
        await Expect(row.GetByTestId("run-outcomes")).ToContainTextAsync("Create a task");
        await page.ScreenshotAsync(new() { Path = Artifacts.Screenshot("automation-runs"), FullPage = true });
        Assert.True(await app.QueryAsync(db => db.SalesTasks.AnyAsync(t => t.Title == $"Call the buyer {tag}")));
        await page.Context.CloseAsync();

        var ruleId = await app.QueryAsync(db => db.AutomationRules.Where(r => r.Name == ruleName).Select(r => r.Id).SingleAsync());
        await app.App.Services.GetRequiredService<Rapport.Web.Features.Automation.AutomationRuleStore>().DeleteAsync(ruleId);
    }
}
