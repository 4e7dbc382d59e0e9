using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Rapport.Core.Domain;
using Rapport.Data.CustomFields;
using Rapport.Web.Account;
using static Microsoft.Playwright.Assertions;

namespace Rapport.Web.Tests;

/// <summary>A manager filters the company and deal lists by a custom field, and reads NPS by segment on the satisfaction page.</summary>
[Collection(RapportAppCollection.Name)]
public sealed class CrmListJourneyTests(RapportAppFixture app)
{
    private const string Password = "Crm-List-Journey-Password-42!";

    [Fact]
    public async Task Company_and_deal_lists_filter_by_a_custom_field_and_the_satisfaction_page_shows_nps()
    {
        var name = $"manager-{Guid.NewGuid():N}"[..20];
        var tag = Guid.NewGuid().ToString("N")[..6];
        var companyId = await app.QueryAsync(db => db.Companies.OrderByDescending(c => c.Id).Select(c => c.Id).FirstAsync());
        var dealId = await app.QueryAsync(db => db.Deals.Where(d => d.Status == DealStatus.Open).OrderByDescending(d => d.Id).Select(d => d.Id).FirstAsync());
        await using (var scope = app.App.Services.CreateAsyncScope())
        {
            await UserAccounts.CreateAsync(scope.ServiceProvider, name, Password, Roles.Manager);
            var store = scope.ServiceProvider.GetRequiredService<CustomFieldStore>();
            Assert.Empty(await store.SaveDefinitionAsync(new CustomFieldDefinition { EntityType = CustomFieldEntity.Company, Key = $"region_{tag}", Label = $"Region {tag}", Type = CustomFieldType.Text }));
            Assert.Empty(await store.SaveDefinitionAsync(new CustomFieldDefinition { EntityType = CustomFieldEntity.Deal, Key = $"score_{tag}", Label = $"Score {tag}", Type = CustomFieldType.Number }));
            Assert.Empty(await store.SetTextAsync(CustomFieldEntity.Company, companyId, new Dictionary<string, string?> { [$"region_{tag}"] = $"North {tag}" }, replace: false));
            Assert.Empty(await store.SetTextAsync(CustomFieldEntity.Deal, dealId, new Dictionary<string, string?> { [$"score_{tag}"] = "97" }, replace: false));
        }

        var page = await (await app.BrowserAsync()).NewPageAsync(app.BaseAddress);
        await page.GotoAsync("/account/login");
        await page.GetByTestId("login-username").FillAsync(name);
        await page.GetByTestId("login-password").FillAsync(Password);
        await page.GetByTestId("login-submit").ClickAsync();
        await Expect(page.GetByTestId("nav-dashboard")).ToBeVisibleAsync();

        await page.GotoAsync("/companies");
        await Expect(page.GetByTestId("interactive")).ToBeAttachedAsync();
        await page.GetByTestId("custom-filter-field").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = $"Region {tag}" }).ClickAsync();
        await page.GetByTestId("custom-filter-equals").FillAsync($"North {tag}");
        await page.GetByTestId("custom-filter-equals").BlurAsync();
        await Expect(page.GetByTestId("company-link")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("company-link")).ToHaveAttributeAsync("href", $"companies/{companyId}");
        await page.ScreenshotAsync(new() { Path = Artifacts.Screenshot("companies-custom-filter"), FullPage = true });

        await page.GotoAsync("/deals");
        await Expect(page.GetByTestId("interactive")).ToBeAttachedAsync();
        await page.GetByTestId("custom-filter-field").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = $"Score {tag}" }).ClickAsync();
        await page.GetByTestId("custom-filter-min").FillAsync("90");
        await page.GetByTestId("custom-filter-min").BlurAsync();
        await Expect(page.GetByTestId("deal-link")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("deal-link")).ToHaveAttributeAsync("href", $"deals/{dealId}");
        await page.ScreenshotAsync(new() { Path = Artifacts.Screenshot("deals-custom-filter"), FullPage = true });

        await page.GotoAsync("/service/satisfaction");
        await Expect(page.GetByTestId("nps-overall")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("nps-by-segment").GetByTestId("nps-row").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("csat-by-segment")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Artifacts.Screenshot("satisfaction-by-segment"), FullPage = true });
        await page.Context.CloseAsync();
    }
}
