using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Rapport.Core.Domain;
using static Microsoft.Playwright.Assertions;

namespace Rapport.Web.Tests;

/// <summary>Through the real UI in headless Chromium, as a person would.</summary>
[Collection(RapportAppCollection.Name)]
public sealed class BrowserTests(RapportAppFixture app)
{
    private const string NewPassword = "Rapport-Browser-Test-42";

    [Fact]
    public async Task Admin_signs_in_changes_the_one_time_password_sees_real_figures_switches_to_chinese_and_signs_out()
    {
        var page = await (await app.BrowserAsync()).NewPageAsync(app.BaseAddress);
        // The content security policy must not block anything the app itself needs.
        var blocked = new List<string>();
        page.Console += (_, message) => { if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) blocked.Add(message.Text); };

        // Anonymous: the dashboard sends us to sign-in.
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new Regex("/account/login\\?ReturnUrl=%2F$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();

        // The one-time password works once, and only to choose a new password.
        await SignInAsync(page, "admin", app.Startup.AdminOneTimePassword!);
        await Expect(page).ToHaveURLAsync(new Regex("/account/change-password"));
        await Expect(page.GetByTestId("password-change-required")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Artifacts.Screenshot("change-password"), FullPage = true });

        // Nothing else is reachable before that.
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new Regex("/account/change-password"));

        // A password that breaks the rules is refused with the reason.
        await ChangePasswordAsync(page, app.Startup.AdminOneTimePassword!, "short");
        await Expect(page.GetByTestId("password-error")).ToContainTextAsync("at least 10 characters");

        await ChangePasswordAsync(page, app.Startup.AdminOneTimePassword!, NewPassword);

        // The change is audited under the admin's name.
        Assert.True(await app.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(User) && a.Action == AuditAction.Update && a.UserName == "admin")));

        // The dashboard, with the figures counted in the database.
        await Expect(page).ToHaveURLAsync(new Regex("/$"));
        await Expect(page.GetByTestId("interactive")).ToBeAttachedAsync();
        var customers = await app.ActiveCustomersAsync();
        Assert.True(customers > 0);
        await Expect(page.GetByTestId("kpi-customers-value")).ToHaveTextAsync(customers.ToString("N0", CultureInfo.GetCultureInfo("en")));
        await Expect(page.GetByTestId("nav-dashboard")).ToContainTextAsync("Dashboard");
        await page.ScreenshotAsync(new() { Path = Artifacts.Screenshot("dashboard"), FullPage = true });

        // Insights on demand: the button starts a refresh and the panel follows it to the end.
        await Expect(page.GetByTestId("insights-refresh")).ToBeEnabledAsync(new() { Timeout = 120_000 }); // no other run in progress
        await page.GetByTestId("insights-refresh").ClickAsync();
        await Expect(page.GetByTestId("insights-status")).ToContainTextAsync("Refreshing: step");
        await Expect(page.GetByTestId("insights-status")).ToContainTextAsync("Last refreshed", new() { Timeout = 120_000 });
        Assert.True(await app.QueryAsync(db => db.InsightRuns.AnyAsync(r => r.Trigger == "ui" && r.Status == Rapport.Core.Insights.InsightRunStatus.Succeeded)));
        await page.ScreenshotAsync(new() { Path = Artifacts.Screenshot("dashboard-insights"), FullPage = true });

        // Light/dark: the toggle works over the circuit and is remembered in a cookie.
        await page.GetByTestId("theme-toggle").ClickAsync();
        await EventuallyAsync(async () => (await BackgroundAsync(page)).Contains("20,22,31"), "dark palette applied");
        await EventuallyAsync(async () => (await ThemeCookieAsync(page)) == "dark", "theme cookie = dark");
        await page.ScreenshotAsync(new() { Path = Artifacts.Screenshot("dashboard-dark"), FullPage = true });
        await page.GetByTestId("theme-toggle").ClickAsync();
        await EventuallyAsync(async () => (await ThemeCookieAsync(page)) == "light", "theme cookie = light");

        // 中文: the shell is translated after the switch.
        await page.GetByTestId("language-menu").ClickAsync();
        await page.GetByTestId("language-zh-CN").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Expect(page.GetByTestId("nav-dashboard")).ToContainTextAsync("仪表板");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "仪表板" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("kpi-customers")).ToContainTextAsync("客户");
        await Expect(page.GetByTestId("interactive")).ToBeAttachedAsync();
        await page.ScreenshotAsync(new() { Path = Artifacts.Screenshot("dashboard-zh"), FullPage = true });

        // Sign out from the user menu.
        await page.GetByTestId("user-menu").ClickAsync();
        await page.GetByTestId("sign-out").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/login$"));
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new Regex("/account/login\\?ReturnUrl=%2F$"));

        // The new password is the one that works now, straight to the dashboard (in the language chosen).
        await SignInAsync(page, "admin", NewPassword);
        await Expect(page).ToHaveURLAsync(new Regex("/$"));
        await Expect(page.GetByTestId("nav-dashboard")).ToContainTextAsync("仪表板");
        Assert.True(blocked.Count == 0, string.Join("\n", blocked));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_wrong_password_shows_an_error_and_does_not_sign_in()
    {
        var page = await (await app.BrowserAsync()).NewPageAsync(app.BaseAddress);
        await page.GotoAsync("/account/login");

        await SignInAsync(page, "admin", "not-the-password");

        await Expect(page.GetByTestId("login-error")).ToHaveTextAsync("The user name or password is wrong.");
        await Expect(page).ToHaveURLAsync(new Regex("/account/login"));
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == "rapport.auth");
        // The failed attempt counts towards lockout, and that write is audited as anonymous, with the address.
        Assert.True(await app.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(User) && a.UserName == "anonymous" && a.RemoteAddress == "127.0.0.1")));
        await page.ScreenshotAsync(new() { Path = Artifacts.Screenshot("login-error"), FullPage = true });
        await page.Context.CloseAsync();
    }

    private static async Task<string> BackgroundAsync(IPage page)
        => (await page.EvaluateAsync<string>("getComputedStyle(document.documentElement).getPropertyValue('--mud-palette-background')")).Replace(" ", "");

    private static async Task<string?> ThemeCookieAsync(IPage page)
        => (await page.Context.CookiesAsync()).FirstOrDefault(c => c.Name == "rapport.theme")?.Value;

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(10); DateTime.UtcNow < deadline; await Task.Delay(100))
            if (await condition()) return;
        Assert.Fail($"Timed out waiting for: {what}");
    }

    private static async Task SignInAsync(IPage page, string userName, string password)
    {
        await page.GetByTestId("login-username").FillAsync(userName);
        await page.GetByTestId("login-password").FillAsync(password);
        await page.GetByTestId("login-submit").ClickAsync();
    }

    private static async Task ChangePasswordAsync(IPage page, string current, string next)
    {
        await page.GetByTestId("current-password").FillAsync(current);
        await page.GetByTestId("new-password").FillAsync(next);
        await page.GetByTestId("confirm-password").FillAsync(next);
        await page.GetByTestId("change-password-submit").ClickAsync();
    }
}
