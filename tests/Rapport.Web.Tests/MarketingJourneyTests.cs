using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Rapport.Analytics.Marketing;
using Rapport.Core.Domain;
using Rapport.Web.Account;
using Rapport.Web.Features.Marketing;
using static Microsoft.Playwright.Assertions;

namespace Rapport.Web.Tests;

/// <summary>
/// Marketing builds a campaign from a segment in the browser, previews a recipient's personalised message, optimises
/// under a budget and applies it, sends to the file channel and sees the results against the holdout.
/// </summary>
[Collection(RapportAppCollection.Name)]
public sealed class MarketingJourneyTests(RapportAppFixture app)
{
    private const string Password = "Marketing-Journey-Password-42!";

    [Fact]
    public async Task Marketing_builds_a_campaign_from_a_segment_previews_optimises_sends_and_sees_results_with_the_holdout()
    {
        // Twelve consenting customers with order values 10 … 120 and a stored recommendation each, and one without consent.
        var sendable = new List<MarketingTestData.Planted>();
        for (var i = 1; i <= 12; i++) sendable.Add(await MarketingTestData.CustomerAsync(app, $"Mia{i}", orderTotal: 10 * i));
        var refused = await MarketingTestData.CustomerAsync(app, "Refused", consents: [ConsentStatus.Withdrawn], orderTotal: 40);
        var product = await app.QueryAsync(async db =>
        {
            var p = await db.Products.OrderBy(x => x.Id).FirstAsync();
            foreach (var c in sendable)
                db.CustomerInsights.Add(new CustomerInsight
                {
                    CustomerId = c.Id, Kind = InsightKinds.NextProduct, Value = 0.9, Label = p.Sku, ModelVersion = "test", ComputedAt = DateTime.UtcNow,
                    Reasons = [new InsightReason("you bought similar items", 0.9)],
                });
            await db.SaveChangesAsync();
            return p;
        });
        var segmentId = await MarketingTestData.SegmentAsync(app, sendable.Select(c => c.Id).Append(refused.Id));
        var segmentName = await app.QueryAsync(db => db.Segments.Where(s => s.Id == segmentId).Select(s => s.Name).SingleAsync());

        var user = $"mkt-{Guid.NewGuid():N}"[..20];
        await using (var scope = app.App.Services.CreateAsyncScope())
            await UserAccounts.CreateAsync(scope.ServiceProvider, user, Password, Roles.Marketing);
        var page = await (await app.BrowserAsync()).NewPageAsync(app.BaseAddress);
        page.Context.SetDefaultTimeout(30_000);
        try
        {
            await page.GotoAsync("/account/login");
            await page.GetByTestId("login-username").FillAsync(user);
            await page.GetByTestId("login-password").FillAsync(Password);
            await page.GetByTestId("login-submit").ClickAsync();
            await Expect(page.GetByTestId("nav-campaigns")).ToBeVisibleAsync();
            await page.FollowNavAsync("nav-campaigns");
            await Expect(page.GetByTestId("campaigns-table")).ToBeVisibleAsync();
            // The demo's planted campaigns are listed.
            await Expect(page.GetByTestId("campaign-link").First).ToBeVisibleAsync();
            await page.FollowNavAsync("campaign-new");

            // Build: name, the segment, a holdout of half so both groups have members, cost 0.02 a contact (the default).
            await Expect(page.GetByTestId("interactive")).ToBeAttachedAsync();
            var name = $"Journey picks {Guid.NewGuid():N}"[..24];
            await page.GetByTestId("campaign-name").FillAsync(name);
            await page.GetByTestId("campaign-segment").ClickAsync();
            await page.GetByRole(AriaRole.Option, new() { Name = segmentName }).ClickAsync();
            await Expect(page.GetByTestId("campaign-segment")).ToContainTextAsync(segmentName);
            await page.GetByTestId("campaign-holdout").FillAsync("0.5");
            await page.GetByTestId("campaign-holdout").PressAsync("Tab");
            await page.GetByTestId("campaign-save").ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex(@"/campaigns/\d+$"), new() { Timeout = 30_000 });
            var id = long.Parse(new Regex(@"/campaigns/(\d+)$").Match(page.Url).Groups[1].Value, CultureInfo.InvariantCulture);
            await Expect(page.GetByTestId("campaign-title")).ToHaveTextAsync(name);
            Assert.Equal(0.5, await app.QueryAsync(db => db.Campaigns.Where(c => c.Id == id).Select(c => c.HoldoutFraction).SingleAsync()));

            // The audience: 13 targeted, one without consent, the holdout drawn deterministically.
            var held = sendable.Count(c => HoldoutAssignment.IsHoldout(id, c.Id, 0.5));
            var toSend = 12 - held;
            Assert.True(held > 0 && toSend >= 3, $"draw: {held} held out of 12");
            await Expect(page.GetByTestId("interactive")).ToBeAttachedAsync();
            await page.GetByTestId("audience-build").ClickAsync();
            await Expect(page.GetByTestId("audience-targeted")).ToHaveTextAsync("13");
            await Expect(page.GetByTestId("audience-suppressed-NoConsent")).ToHaveTextAsync("1");
            await Expect(page.GetByTestId("audience-holdout")).ToHaveTextAsync(held.ToString(CultureInfo.InvariantCulture));
            await Expect(page.GetByTestId("audience-to-send")).ToHaveTextAsync(toSend.ToString(CultureInfo.InvariantCulture));

            // Preview the first recipient: the recommended product with its reason; the name masked for this role.
            await Expect(page.GetByTestId("member-preview")).ToHaveCountAsync(10);
            await page.GetByTestId("member-preview").First.ClickAsync();
            await Expect(page.GetByTestId("preview-body")).ToContainTextAsync($"{product.Name} because you bought similar items");
            await Expect(page.GetByTestId("preview-body")).Not.ToContainTextAsync("Mia");
            await Expect(page.GetByTestId("preview-subject")).ToContainTextAsync("picked for you");

            // Optimise: 0.06 buys three contacts at 0.02; apply limits the audience to them.
            await page.GetByTestId("budget-input").FillAsync("0.06");
            await page.GetByTestId("budget-optimize").ClickAsync();
            await Expect(page.GetByTestId("budget-result")).ToContainTextAsync($"3 of {toSend} recipients chosen");
            await Expect(page.GetByTestId("budget-chart").Locator("svg").First).ToBeVisibleAsync();
            await page.GetByTestId("budget-apply").ClickAsync();
            await Expect(page.GetByTestId("budget-applied")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("audience-to-send")).ToHaveTextAsync("3");
            await Expect(page.GetByTestId("audience-suppressed-OverBudget")).ToHaveTextAsync((toSend - 3).ToString(CultureInfo.InvariantCulture));
            await page.ScreenshotAsync(new() { Path = Artifacts.Screenshot("campaign-budget"), FullPage = true });

            // Send: the background sender writes three .eml files; the page follows the outbox and shows the results.
            await page.GetByTestId("campaign-send-button").ClickAsync();
            await Expect(page.GetByTestId("outbox-sent")).ToHaveTextAsync("3", new() { Timeout = 90_000 });
            await Expect(page.GetByTestId("outbox-pending")).ToHaveTextAsync("0");
            var folder = app.App.Services.GetRequiredService<FileDropChannel>().CampaignFolder(id);
            Assert.Equal(3, Directory.GetFiles(folder, "*.eml").Length);
            await Expect(page.GetByTestId("results-treated-members")).ToHaveTextAsync("3");
            await Expect(page.GetByTestId("results-holdout-members")).ToHaveTextAsync(held.ToString(CultureInfo.InvariantCulture));
            await Expect(page.GetByTestId("results-uplift")).ToContainTextAsync("Uplift");
            await Expect(page.GetByTestId("member-message").Filter(new() { HasText = "Sent" })).ToHaveCountAsync(3);
            await page.ScreenshotAsync(new() { Path = Artifacts.Screenshot("campaign-sent-results"), FullPage = true });
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
