using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Rapport.Core.Domain;
using Rapport.Data;
using Rapport.Web.Account;
using static Microsoft.Playwright.Assertions;

namespace Rapport.Web.Tests;

/// <summary>The admin audit page walks the chain like `rapport admin verify-audit`: an edited entry and deleted newest entries show there.</summary>
[Collection(RapportAppCollection.Name)]
public sealed class AuditPageTests(RapportAppFixture app)
{
    private const string Password = "Audit-Page-Password-42!";

    private async Task ExecuteAsync(FormattableString sql)
    {
        await using var scope = app.App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RapportDb>().Database.ExecuteSqlAsync(sql);
    }

    [Fact]
    public async Task The_audit_page_reports_an_edited_entry_and_a_truncated_log()
    {
        await app.App.Services.GetRequiredService<Rapport.Web.Features.Insights.InsightsRunner>().WhenIdleAsync();
        var name = $"auditor-{Guid.NewGuid():N}"[..20];
        await using (var scope = app.App.Services.CreateAsyncScope())
            await UserAccounts.CreateAsync(scope.ServiceProvider, name, Password, Roles.Manager);
        var page = await (await app.BrowserAsync()).NewPageAsync(app.BaseAddress);
        page.Context.SetDefaultTimeout(45_000);
        try
        {
            await page.GotoAsync("/account/login");
            await page.GetByTestId("login-username").FillAsync(name);
            await page.GetByTestId("login-password").FillAsync(Password);
            await page.GetByTestId("login-submit").ClickAsync();
            await Expect(page.GetByTestId("nav-audit")).ToBeVisibleAsync();

            await page.GotoAsync("/admin/audit");
            await Expect(page.GetByTestId("audit-intact")).ToBeVisibleAsync();

            // The newest entry removed behind the application's back, then put back exactly as it was.
            var newest = await app.QueryAsync(db => db.AuditEntries.AsNoTracking().OrderByDescending(a => a.Sequence).FirstAsync());
            await ExecuteAsync($"DELETE FROM audit_entries WHERE id = {newest.Id}");
            try
            {
                await page.GotoAsync("/admin/audit");
                await Expect(page.GetByTestId("audit-broken")).ToBeVisibleAsync();
                await Expect(page.GetByTestId("audit-problem").Filter(new() { HasText = "missing at the end of the log" })).ToHaveCountAsync(1);
                await page.ScreenshotAsync(new() { Path = Artifacts.Screenshot("audit-truncated"), FullPage = true });
            }
            finally
            {
                await using var scope = app.App.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<RapportDb>();
                db.AuditEntries.Add(newest);
                await db.SaveChangesAsync();
            }

            var victim = await app.QueryAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.UserName != null).OrderBy(a => a.Sequence).FirstAsync());
            await ExecuteAsync($"UPDATE audit_entries SET user_name = 'someone else' WHERE id = {victim.Id}");
            try
            {
                await page.GotoAsync("/admin/audit");
                await Expect(page.GetByTestId("audit-problem").Filter(new() { HasText = "hash mismatch" })).ToHaveCountAsync(1);
            }
            finally
            {
                await ExecuteAsync($"UPDATE audit_entries SET user_name = {victim.UserName} WHERE id = {victim.Id}");
            }
            await page.GotoAsync("/admin/audit");
            await Expect(page.GetByTestId("audit-intact")).ToBeVisibleAsync();
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
