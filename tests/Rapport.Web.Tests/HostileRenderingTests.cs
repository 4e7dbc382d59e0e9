using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Core.Domain;
using Rapport.Web.Account;
using static Microsoft.Playwright.Assertions;

namespace Rapport.Web.Tests;

/// <summary>
/// The rendering half of the hostile-input suite: markup stored in a customer's name is shown as text in the real
/// browser — no element is created from it and no script runs (the API half is <see cref="HostileInputTests"/>).
/// </summary>
[Collection(RapportAppCollection.Name)]
public sealed class HostileRenderingTests(RapportAppFixture app)
{
    private const string Password = "Hostile-Render-Password-42!";

    [Fact]
    public async Task Markup_in_a_name_is_shown_as_text_on_the_360()
    {
        var manager = await new ApiTestClients(app).AsAsync(Roles.Manager);
        var tag = Guid.NewGuid().ToString("N")[..8];
        const string firstName = "<img src=x data-xss=1 onerror=\"window.__xss=1\">";
        var lastName = $"<script>window.__xss=2</script>Probe{tag}";
        var created = await manager.PostAsJsonAsync("/api/v1/customers", new { firstName, lastName });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

        var name = $"render-{tag}";
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
            await Expect(page.GetByTestId("nav-customers")).ToBeVisibleAsync();

            await page.GotoAsync($"/customers/{id}");
            // Stored exactly as given (the API keeps what it was sent), shown as those characters.
            await Expect(page.GetByTestId("customer-name")).ToHaveTextAsync($"{firstName} {lastName}");
            Assert.Equal(0, await page.Locator("img[data-xss]").CountAsync());
            Assert.Equal("undefined", await page.EvaluateAsync<string>("() => typeof window.__xss"));

            await page.ScreenshotAsync(new() { Path = Artifacts.Screenshot("hostile-name-rendered"), FullPage = true });
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
