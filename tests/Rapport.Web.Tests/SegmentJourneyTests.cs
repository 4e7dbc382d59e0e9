using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Rapport.Core.Domain;
using Rapport.Web.Account;
using static Microsoft.Playwright.Assertions;

namespace Rapport.Web.Tests;

/// <summary>Marketing builds a rule segment in the browser after an insights refresh, opens its members and saves a list view.</summary>
[Collection(RapportAppCollection.Name)]
public sealed class SegmentJourneyTests(RapportAppFixture app)
{
    private const string Password = "Segment-Journey-Password-42!";

    /// <summary>Customers whose stored churn risk and CLV both exceed the thresholds, counted here from the rows.</summary>
    private async Task<int> ExpectedAsync(double churn, double clv)
        => await app.QueryAsync(async db =>
        {
            var active = await db.Customers.Where(c => c.Status == RecordStatus.Active && c.MergedIntoId == null).Select(c => c.Id).ToListAsync();
            var risky = (await db.CustomerInsights.Where(i => i.Kind == InsightKinds.ChurnRisk).Select(i => new { i.CustomerId, i.Value }).ToListAsync())
                .Where(i => i.Value > churn).Select(i => i.CustomerId).ToHashSet();
            var valuable = (await db.CustomerInsights.Where(i => i.Kind == InsightKinds.LifetimeValue).Select(i => new { i.CustomerId, i.Value }).ToListAsync())
                .Where(i => i.Value > clv).Select(i => i.CustomerId).ToHashSet();
            return active.Count(id => risky.Contains(id) && valuable.Contains(id));
        });

    [Fact]
    public async Task Marketing_builds_a_rule_segment_sees_its_count_opens_its_members_and_saves_a_view()
    {
        var runner = app.App.Services.GetRequiredService<Rapport.Web.Features.Insights.InsightsRunner>();
        await runner.WhenIdleAsync();
        if (!await app.QueryAsync(db => db.CustomerInsights.AnyAsync(i => i.Kind == InsightKinds.ChurnRisk)))
        {
            await using var scope = app.App.Services.CreateAsyncScope();
            var run = await scope.ServiceProvider.GetRequiredService<Rapport.Core.Insights.InsightsRefresher>().RefreshAsync("test", null);
            Assert.Equal(Rapport.Core.Insights.InsightRunStatus.Succeeded, run.Status);
        }
        // "churn risk > 0.6 and CLV > 500" if the 200-customer demo has such customers, else the first looser pair that matches.
        (double Churn, double Clv)[] candidates = [(0.6, 500), (0.5, 200), (0.3, 100), (0.1, 0)];
        var (churn, clv, expected) = (0.0, 0.0, 0);
        foreach (var (c, v) in candidates)
        {
            (churn, clv, expected) = (c, v, await ExpectedAsync(c, v));
            if (expected > 0) break;
        }
        Assert.True(expected > 0, "no customer has both scores");

        var user = $"marketing-{Guid.NewGuid():N}"[..20];
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
            await Expect(page.GetByTestId("nav-segments")).ToBeVisibleAsync();
            // The dashboard shows the active / at-risk split with its thresholds and the most recommended products.
            await Expect(page.GetByTestId("chart-activity")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("activity-thresholds")).ToContainTextAsync("churn risk ≥ 0.6");
            await Expect(page.GetByTestId("activity-shares")).ToContainTextAsync("at risk");
            await Expect(page.GetByTestId("top-recommendation").First).ToBeVisibleAsync();
            await page.ScreenshotAsync(new() { Path = Artifacts.Screenshot("dashboard-activity"), FullPage = true });
            await page.FollowNavAsync("nav-segments");
            await Expect(page.GetByTestId("interactive")).ToBeAttachedAsync();
            await Expect(page.GetByTestId("rule-builder")).ToBeVisibleAsync();

            var name = $"Risky and valuable {Guid.NewGuid():N}"[..26];
            await page.GetByTestId("rule-name").FillAsync(name);
            // The first condition starts as churn_risk >.
            await page.GetByTestId("rule-value-0").FillAsync(churn.ToString(CultureInfo.InvariantCulture));
            await page.GetByTestId("rule-add").ClickAsync();
            await page.GetByTestId("rule-field-1").ClickAsync();
            await page.GetByRole(AriaRole.Option, new() { Name = "clv", Exact = true }).ClickAsync();
            await Expect(page.GetByTestId("rule-field-1")).ToContainTextAsync("clv");
            await page.GetByTestId("rule-value-1").FillAsync(clv.ToString(CultureInfo.InvariantCulture));
            await Expect(page.GetByTestId("rule-preview")).ToHaveTextAsync($"{expected:N0} customers match");
            await page.GetByTestId("rule-save").ClickAsync();
            await Expect(page.GetByTestId("rule-saved")).ToContainTextAsync(name);

            var row = page.Locator("tr").Filter(new() { HasText = name });
            await Expect(row.GetByTestId("segment-size")).ToHaveTextAsync(expected.ToString("N0", CultureInfo.GetCultureInfo("en-US")));
            await Expect(page.GetByTestId("chart-segment-sizes")).ToBeVisibleAsync();
            await page.ScreenshotAsync(new() { Path = Artifacts.Screenshot("segments"), FullPage = true });
            var id = await app.QueryAsync(db => db.Segments.Where(s => s.Name == name && s.Kind == SegmentKind.Rule).Select(s => s.Id).SingleAsync());
            Assert.Equal(expected, await app.QueryAsync(db => db.SegmentMemberships.CountAsync(m => m.SegmentId == id)));

            await row.GetByTestId("segment-members").ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex($"/customers\\?segmentId={id}$"));
            await Expect(page.GetByTestId("customers-segment-filter")).ToContainTextAsync(name);
            await Expect(page.GetByTestId("customer-link")).ToHaveCountAsync(Math.Min(expected, 25));

            await Expect(page.GetByTestId("interactive")).ToBeAttachedAsync();
            var view = $"My risky {Guid.NewGuid():N}"[..16];
            await page.GetByTestId("view-save-open").ClickAsync();
            await page.GetByTestId("view-name").FillAsync(view);
            await page.GetByTestId("view-save").ClickAsync();
            await Expect(page.GetByTestId("view-chip").Filter(new() { HasText = view })).ToBeVisibleAsync();
            await page.ScreenshotAsync(new() { Path = Artifacts.Screenshot("segment-members-view"), FullPage = true });
            var saved = await app.QueryAsync(db => db.SavedViews.SingleAsync(v => v.Name == view));
            Assert.Contains($"\"segmentId\":{id}", saved.Query, StringComparison.Ordinal);

            // The view brings the segment back on a fresh list.
            await page.GotoAsync("/customers");
            await Expect(page.GetByTestId("interactive")).ToBeAttachedAsync();
            await Expect(page.GetByTestId("customers-segment-filter")).ToHaveCountAsync(0);
            await page.GetByTestId("view-chip").Filter(new() { HasText = view }).ClickAsync();
            await Expect(page.GetByTestId("customers-segment-filter")).ToContainTextAsync(name);
            await Expect(page.GetByTestId("customer-link")).ToHaveCountAsync(Math.Min(expected, 25));
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
