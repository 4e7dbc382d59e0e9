using System.Net;
using System.Text.Json;

namespace Rapport.Web.Tests;

[Collection(RapportAppCollection.Name)]
public sealed class HostingTests(RapportAppFixture app)
{
    [Fact]
    public async Task Health_answers_200_with_a_healthy_database_check()
    {
        using var client = app.CreateClient();
        var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
        var database = Assert.Single(body.RootElement.GetProperty("checks").EnumerateArray());
        Assert.Equal("database", database.GetProperty("name").GetString());
        Assert.Equal("Healthy", database.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/not-a-page")]
    public async Task An_anonymous_request_is_sent_to_sign_in(string path)
    {
        using var client = app.CreateClient();
        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.Equal("/account/login", location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?')[0]);
        Assert.Contains("ReturnUrl=" + Uri.EscapeDataString(path), location.ToString());
    }

    [Fact]
    public async Task The_sign_in_page_is_public_and_has_the_form()
    {
        using var client = app.CreateClient();
        var response = await client.GetAsync("/account/login");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"login-username\"", html);
        Assert.Contains("data-testid=\"login-password\"", html);
        Assert.Contains("__RequestVerificationToken", html);
    }

    [Fact]
    public async Task The_sign_in_page_speaks_chinese_when_the_browser_asks_for_it()
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/login");
        request.Headers.AcceptLanguage.ParseAdd("zh-CN,zh;q=0.9");
        var html = await (await client.SendAsync(request)).Content.ReadAsStringAsync();

        Assert.Contains("<html lang=\"zh-CN\"", html);
        Assert.Contains("用户名", html);
    }

    [Theory]
    [InlineData("/_framework/blazor.web.js", "text/javascript")]
    [InlineData("/_content/MudBlazor/MudBlazor.min.css", "text/css")]
    [InlineData("/_content/MudBlazor/MudBlazor.min.js", "text/javascript")]
    [InlineData("/app.css", "text/css")]
    [InlineData("/js/rapport.js", "text/javascript")]
    public async Task Static_assets_are_served_to_anonymous_users(string path, string mediaType)
    {
        using var client = app.CreateClient();
        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 0);
    }

    [Fact]
    public async Task Sign_out_requires_an_antiforgery_token()
    {
        using var client = app.CreateClient();
        var response = await client.PostAsync("/account/logout", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Setting_the_language_stores_a_cookie_and_goes_back_without_leaving_the_site()
    {
        using var client = app.CreateClient();
        var response = await client.GetAsync("/culture/set?culture=zh-CN&returnUrl=account/login");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", response.Headers.Location!.OriginalString);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Culture=c%3Dzh-CN%7Cuic%3Dzh-CN", StringComparison.Ordinal));

        var away = await client.GetAsync("/culture/set?culture=en&returnUrl=" + Uri.EscapeDataString("//evil.example/x"));
        Assert.Equal("/", away.Headers.Location!.OriginalString);

        var unsupported = await client.GetAsync("/culture/set?culture=fr&returnUrl=");
        Assert.Equal(HttpStatusCode.BadRequest, unsupported.StatusCode);
    }
}
