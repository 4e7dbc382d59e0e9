using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Rapport.Core.Domain;
using Rapport.Web.Account;
using static Microsoft.Playwright.Assertions;

namespace Rapport.Web.Tests;

/// <summary>A manager defines a custom field on the admin page, fills it on a customer's 360 (a bad number is refused) and filters the list by it.</summary>
[Collection(RapportAppCollection.Name)]
public sealed class CustomFieldJourneyTests(RapportAppFixture app)
{
    private const string Password = "Custom-Journey-Password-42!";

    [Fact]
    public async Task A_manager_defines_a_number_field_fills_it_on_the_360_and_filters_the_list()
    {
        await app.App.Services.GetRequiredService<Rapport.Web.Features.Insights.InsightsRunner>().WhenIdleAsync();
        var name = $"manager-{Guid.NewGuid():N}"[..20];
        await using (var scope = app.App.Services.CreateAsyncScope())
            await UserAccounts.CreateAsync(scope.ServiceProvider, name, Password, Roles.Manager);
        var tag = Guid.NewGuid().ToString("N")[..6];
        var key = $"budget_{tag}";
        var customerId = await app.QueryAsync(db => db.Customers.Where(c => c.Status == RecordStatus.Active && c.MergedIntoId == null).OrderByDescending(c => c.Id).Select(c => c.Id).FirstAsync());

        var page = await (await app.BrowserAsync()).NewPageAsync(app.BaseAddress);
        await page.GotoAsync("/account/login");
        await page.GetByTestId("login-username").FillAsync(name);
        await page.GetByTestId("login-password").FillAsync(Password);
        await page.GetByTestId("login-submit").ClickAsync();
        await Expect(page.GetByTestId("nav-dashboard")).ToBeVisibleAsync();

        await page.FollowNavAsync("nav-custom-fields");
        await Expect(page.GetByTestId("interactive")).ToBeAttachedAsync();
        await page.GetByTestId("field-key").FillAsync(key);
        await page.GetByTestId("field-label").FillAsync($"Budget {tag}");
        await page.GetByTestId("field-type").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Number" }).ClickAsync();
        await Expect(page.GetByTestId("field-type")).ToContainTextAsync("Number");
        await page.GetByTestId("field-save").ClickAsync();
        await Expect(page.GetByTestId("field-row-key").Filter(new() { HasText = key })).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await page.ScreenshotAsync(new() { Path = Artifacts.Screenshot("custom-fields-admin"), FullPage = true });

        await page.GotoAsync($"/customers/{customerId}");
        await Expect(page.GetByTestId("interactive")).ToBeAttachedAsync();
        await page.GetByTestId("custom-fields-edit").ClickAsync();
        await page.GetByTestId($"custom-input-{key}").FillAsync("1,5");
        await page.GetByTestId("custom-fields-save").ClickAsync();
        await Expect(page.GetByTestId("custom-fields")).ToContainTextAsync("is not a number");
        await page.GetByTestId($"custom-input-{key}").FillAsync("1500.5");
        await page.GetByTestId("custom-fields-save").ClickAsync();
        await Expect(page.GetByTestId($"custom-value-{key}")).ToHaveTextAsync("1,500.5", new() { Timeout = 30_000 });
        await page.ScreenshotAsync(new() { Path = Artifacts.Screenshot("custom-fields-360"), FullPage = true });
        Assert.Equal(1500.5, await app.QueryAsync(db => db.CustomFieldValues.Where(v => v.EntityId == customerId && v.Field!.Key == key).Select(v => v.NumberValue).SingleAsync()));

        await page.FollowNavAsync("nav-customers");
        await Expect(page.GetByTestId("interactive")).ToBeAttachedAsync();
        await page.GetByTestId("custom-filter-field").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = $"Budget {tag}" }).ClickAsync();
        await page.GetByTestId("custom-filter-min").FillAsync("1000");
        await page.GetByTestId("custom-filter-min").BlurAsync();
        await Expect(page.GetByTestId("customer-link")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await page.ScreenshotAsync(new() { Path = Artifacts.Screenshot("custom-fields-list"), FullPage = true });
        await page.Context.CloseAsync();
    }
}
