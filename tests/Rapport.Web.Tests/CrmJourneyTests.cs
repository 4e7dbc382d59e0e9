using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Rapport.Core.Domain;
using Rapport.Web.Account;
using static Microsoft.Playwright.Assertions;

namespace Rapport.Web.Tests;

/// <summary>The everyday journeys through the real UI in headless Chromium: import a file with bad rows, find a customer, open the 360.</summary>
[Collection(RapportAppCollection.Name)]
public sealed class CrmJourneyTests(RapportAppFixture app)
{
    private const string Password = "Journey-Test-Password-42!";

    /// <param name="ownsCustomers">Customers handed to the new user (a Sales user sees only what they own).</param>
    /// <param name="ownsCompanies">Companies handed to the new user.</param>
    private async Task<IPage> SignedInAsync(string role, long[]? ownsCustomers = null, long[]? ownsCompanies = null)
    {
        // Another test may have started a background insights refresh on the shared app: on a 2-core CI machine it
        // starves the circuit of CPU, so the journeys start once it is done.
        await app.App.Services.GetRequiredService<Rapport.Web.Features.Insights.InsightsRunner>().WhenIdleAsync();
        var name = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}"[..20];
        await using (var scope = app.App.Services.CreateAsyncScope())
        {
            var user = await UserAccounts.CreateAsync(scope.ServiceProvider, name, Password, role);
            var db = scope.ServiceProvider.GetRequiredService<Rapport.Data.RapportDb>();
            long[] customers = ownsCustomers ?? [], companies = ownsCompanies ?? [];
            await db.Customers.Where(c => customers.Contains(c.Id)).ExecuteUpdateAsync(s => s.SetProperty(c => c.OwnerId, user.Id));
            await db.Companies.Where(c => companies.Contains(c.Id)).ExecuteUpdateAsync(s => s.SetProperty(c => c.OwnerId, user.Id));
        }
        var page = await (await app.BrowserAsync()).NewPageAsync(app.BaseAddress);
        await page.GotoAsync("/account/login");
        await page.GetByTestId("login-username").FillAsync(name);
        await page.GetByTestId("login-password").FillAsync(Password);
        await page.GetByTestId("login-submit").ClickAsync();
        await Expect(page.GetByTestId("nav-dashboard")).ToBeVisibleAsync();
        return page;
    }

    [Fact]
    public async Task A_manager_imports_a_file_with_bad_rows_sees_why_and_finds_the_new_customer()
    {
        var page = await SignedInAsync(Roles.Manager);
        var tag = Guid.NewGuid().ToString("N")[..6];
        var file = Path.Combine(Path.GetTempPath(), $"journey-{tag}.csv");
        await File.WriteAllTextAsync(file,
            "Customer ID,First name,Last name,Email,Phone,Country\n" +
            $"J{tag}-1,Grace,Journey{tag},grace.{tag}@example.com,+44 20 7946 0001,United Kingdom\n" +
            $"J{tag}-2,Alan,Journey{tag},not-an-email,,GB\n" +
            $"J{tag}-3,Ada,Journey{tag},ada.{tag}@example.com,12ab,GB\n");
        try
        {
            await page.FollowNavAsync("nav-imports");
            await Expect(page.GetByTestId("interactive")).ToBeAttachedAsync();
            await page.ScreenshotAsync(new() { Path = Artifacts.Screenshot("import-empty"), FullPage = true });
            await page.GetByTestId("import-kind").ClickAsync();
            await page.GetByRole(AriaRole.Option, new() { Name = "Customers" }).ClickAsync();
            await Expect(page.GetByTestId("import-kind")).ToContainTextAsync("Customers");
            await page.Locator("input[type=file]").SetInputFilesAsync(file);
            // The file travels over the circuit before the preview shows: give a loaded CI machine time.
            await Expect(page.GetByTestId("import-file-name")).ToHaveTextAsync(Path.GetFileName(file), new() { Timeout = 30_000 });
            await Expect(page.GetByTestId("import-preview")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Expect(page.GetByTestId("preview-row")).ToHaveCountAsync(3);

            await page.GetByTestId("import-check").ClickAsync();
            await Expect(page.GetByTestId("import-counts")).ToContainTextAsync("1 of 3 rows imported, 2 rejected", new() { Timeout = 30_000 });
            await Expect(page.GetByTestId("preview-row-problem")).ToHaveCountAsync(2);
            await Expect(page.GetByTestId("import-preview")).ToContainTextAsync("email: \"not-an-email\" is not an e-mail address");
            Assert.Equal(0, await app.QueryAsync(db => db.Customers.CountAsync(c => c.ExternalId == $"J{tag}-1")));

            await page.GetByTestId("import-run").ClickAsync();
            await Expect(page.GetByTestId("import-result")).ToContainTextAsync("Import batch", new() { Timeout = 30_000 });
            await Expect(page.GetByTestId("import-reasons")).ToContainTextAsync("phone: not a phone number");
            await page.ScreenshotAsync(new() { Path = Artifacts.Screenshot("import"), FullPage = true });
            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("import-rejects").ClickAsync());
            var rejects = await File.ReadAllTextAsync((await download.PathAsync())!);
            Assert.StartsWith("row,field,reason,raw", rejects, StringComparison.Ordinal);
            Assert.Contains("3,email,", rejects, StringComparison.Ordinal);

            // Find the one good row among the customers and open its 360.
            await page.FollowNavAsync("nav-customers");
            // Type once the list has loaded: on a loaded machine a search typed while the page still initialises can be lost.
            await Expect(page.GetByTestId("customer-link").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await page.GetByTestId("customer-search").FillAsync($"grace.{tag}@example.com");
            await Expect(page.GetByTestId("customer-link")).ToHaveCountAsync(1);
            await Expect(page.GetByTestId("customer-link")).ToHaveTextAsync($"Grace Journey{tag}");
            await page.GetByTestId("customer-link").ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/customers/\\d+$"));
            await Expect(page.GetByTestId("customer-name")).ToHaveTextAsync($"Grace Journey{tag}");
        }
        finally
        {
            File.Delete(file);
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task A_demo_customer_360_shows_history_and_scores_and_masks_for_marketing()
    {
        var customer = await app.QueryAsync(db => db.Customers.Where(c => db.Orders.Count(o => o.CustomerId == c.Id) >= 3).OrderBy(c => c.Id).FirstAsync());
        var orders = await app.QueryAsync(db => db.Orders.CountAsync(o => o.CustomerId == customer.Id && o.Status != OrderStatus.Cancelled));

        var page = await SignedInAsync(Roles.Sales, ownsCustomers: [customer.Id]);
        await page.GotoAsync($"/customers/{customer.Id}");
        await Expect(page.GetByTestId("customer-name")).ToHaveTextAsync(customer.DisplayName);
        await Expect(page.GetByTestId("customer-orders")).ToHaveTextAsync(orders.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(page.GetByTestId("timeline-title").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("customer-scores")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Artifacts.Screenshot("customer-360"), FullPage = true });
        // An unmasked view is a read of personal data: audited.
        var id = customer.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(await app.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.Action == AuditAction.Read && a.EntityId == id)));

        // Log a note from the 360: it appears on the timeline.
        await Expect(page.GetByTestId("interactive")).ToBeAttachedAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "Log activity" }).ClickAsync();
        await page.GetByTestId("log-subject").FillAsync("Asked about the spring catalogue");
        await page.GetByTestId("log-submit").ClickAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "Timeline" }).ClickAsync();
        await Expect(page.GetByTestId("timeline-title").First).ToHaveTextAsync("Asked about the spring catalogue");
        await page.Context.CloseAsync();

        var marketing = await SignedInAsync(Roles.Marketing);
        await marketing.GotoAsync($"/customers/{customer.Id}");
        await Expect(marketing.GetByTestId("customer-masked")).ToBeVisibleAsync();
        await Expect(marketing.GetByTestId("customer-name")).ToContainTextAsync("***");
        await marketing.GotoAsync("/customers");
        await Expect(marketing.GetByTestId("customers-masked")).ToBeVisibleAsync();
        var export = await marketing.RunAndWaitForDownloadAsync(() => marketing.GetByTestId("customers-export").ClickAsync());
        var rows = (await File.ReadAllLinesAsync((await export.PathAsync())!)).Skip(1).ToList();
        Assert.Equal(await app.ActiveCustomersAsync(), rows.Count);
        Assert.All(rows, r => Assert.DoesNotContain(customer.LastName + ",", r, StringComparison.Ordinal));
        await marketing.Context.CloseAsync();
    }

    [Fact]
    public async Task After_an_insights_refresh_the_dashboard_charts_and_the_360_scores_show_what_was_computed()
    {
        await using (var scope = app.App.Services.CreateAsyncScope())
        {
            var run = await scope.ServiceProvider.GetRequiredService<Rapport.Core.Insights.InsightsRefresher>().RefreshAsync("test", null);
            Assert.Equal(Rapport.Core.Insights.InsightRunStatus.Succeeded, run.Status);
        }
        var customer = await app.QueryAsync(db => db.CustomerInsights.Where(i => i.Kind == InsightKinds.ChurnRisk)
            .Join(db.CustomerInsights.Where(i => i.Kind == InsightKinds.NextProduct), a => a.CustomerId, b => b.CustomerId, (a, _) => a.CustomerId).FirstAsync());

        var page = await SignedInAsync(Roles.Manager);
        await Expect(page.GetByTestId("chart-revenue")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("chart-segments")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("chart-clv")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Artifacts.Screenshot("dashboard-charts"), FullPage = true });

        await page.GotoAsync($"/customers/{customer}");
        await Expect(page.GetByTestId("score-churn_risk")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("score-p_alive")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("score-reason").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("recommendation").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Artifacts.Screenshot("customer-360-scores"), FullPage = true });
        await page.Context.CloseAsync();
    }
}
