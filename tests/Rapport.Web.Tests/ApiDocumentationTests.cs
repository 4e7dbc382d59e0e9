using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Microsoft.Playwright;
using Rapport.Core.Domain;
using Rapport.Web.Account;
using static Microsoft.Playwright.Assertions;

namespace Rapport.Web.Tests;

/// <summary>The OpenAPI document describes every /api/v1 endpoint the app maps, and the API page can call the API under the CSP.</summary>
[Collection(RapportAppCollection.Name)]
public sealed class ApiDocumentationTests(RapportAppFixture app)
{
    private const string Password = "Api-Docs-Password-42!";

    private async Task<string> UserAsync(string role)
    {
        var name = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}"[..20];
        await using var scope = app.App.Services.CreateAsyncScope();
        await UserAccounts.CreateAsync(scope.ServiceProvider, name, Password, role);
        return name;
    }

    private async Task<string> TokenAsync(string user)
    {
        using var client = app.CreateClient();
        var response = await client.PostAsync("/api/v1/auth/token",
            new StringContent(JsonSerializer.Serialize(new { userName = user, password = Password }), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("token").GetString()!;
    }

    private async Task<string> DocumentTextAsync()
    {
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(await UserAsync(Roles.ReadOnly)));
        var response = await client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Every mapped /api/v1 route as the document writes it: "GET /api/v1/customers/{id}".</summary>
    private List<(string Operation, RouteEndpoint Endpoint)> MappedApiOperations()
    {
        var endpoints = app.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => ("/" + e.RoutePattern.RawText!.TrimStart('/')).StartsWith("/api/v1/", StringComparison.Ordinal))
            // Older aliases kept for existing clients but left out of the document on purpose (POST /imports/{kind}).
            .Where(e => e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true });
        var operations = new List<(string, RouteEndpoint)>();
        foreach (var endpoint in endpoints)
        {
            // The document drops route constraints: {id:long} → {id}.
            var path = "/" + string.Join("/", endpoint.RoutePattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
            {
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternSeparatorPart separator => separator.Content,
                _ => throw new InvalidOperationException(part.ToString()),
            }))));
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])
                operations.Add(($"{method} {path}", endpoint));
        }
        return operations;
    }

    [Fact]
    public async Task The_document_parses_as_OpenAPI_3_and_lists_every_mapped_api_endpoint_with_a_summary()
    {
        var text = await DocumentTextAsync();
        var read = OpenApiDocument.Parse(text, "json");
        // Whatever the reader reports fails, ambiguous templates included (OpenAPI 3 wants templated paths unique).
        var errors = (read.Diagnostic?.Errors ?? []).Select(e => e.Message).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        Assert.StartsWith("3.", read.Diagnostic!.SpecificationVersion switch
        {
            OpenApiSpecVersion.OpenApi3_0 => "3.0", OpenApiSpecVersion.OpenApi3_1 => "3.1", var other => other.ToString(),
        });
        var document = read.Document!;
        Assert.Equal("Rapport API", document.Info.Title);
        var bearer = Assert.IsType<OpenApiSecurityScheme>(document.Components!.SecuritySchemes!["Bearer"]);
        Assert.Equal(SecuritySchemeType.Http, bearer.Type);
        Assert.Equal("bearer", bearer.Scheme);

        var documented = document.Paths.SelectMany(p => p.Value.Operations!.Select(o => (Key: $"{o.Key.Method.ToUpperInvariant()} {p.Key}", Operation: o.Value)))
            .ToDictionary(o => o.Key, o => o.Operation);
        var mapped = MappedApiOperations();
        Assert.True(mapped.Count >= 10, $"only {mapped.Count} /api/v1 operations found");
        var missing = new List<string>();
        foreach (var (key, endpoint) in mapped)
        {
            if (!documented.TryGetValue(key, out var operation)) { missing.Add($"{key}: not in the document"); continue; }
            // A new endpoint must say what it does (.WithSummary), or the document is just a list of URLs.
            if (endpoint.Metadata.GetMetadata<IEndpointSummaryMetadata>() is null || string.IsNullOrWhiteSpace(operation.Summary))
                missing.Add($"{key}: no summary (.WithSummary)");
            var anonymous = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is not null;
            if (!anonymous && (operation.Security is not { Count: > 0 } || !operation.Security.SelectMany(r => r.Keys).Any(s => s.Reference?.Id == "Bearer")))
                missing.Add($"{key}: no bearer security requirement");
            if (!anonymous && operation.Responses?.TryGetValue("401", out var unauthorized) != true)
                missing.Add($"{key}: no 401 problem response");
        }
        Assert.True(missing.Count == 0, "Endpoints the document does not describe properly:\n" + string.Join("\n", missing));
        // Nothing but the API: no pages or account forms in the contract.
        Assert.All(document.Paths.Keys, path => Assert.StartsWith("/api/v1/", path));

        var customers = documented["GET /api/v1/customers/{id}"];
        Assert.Contains("customers.read", customers.Description);
        Assert.Contains(customers.Responses!["404"].Content!.Keys, k => k == "application/problem+json");
        Assert.Contains(documented["GET /api/v1/customers"].Responses!["400"].Content!.Keys, k => k == "application/problem+json");
    }

    [Fact]
    public async Task Path_templates_are_unambiguous_and_the_documented_upload_takes_the_kind_in_the_query()
    {
        var document = OpenApiDocument.Parse(await DocumentTextAsync(), "json").Document!;
        // Paths that differ only in their parameter names are the same template to a router: each must appear once.
        var clashes = document.Paths.Keys.GroupBy(p => System.Text.RegularExpressions.Regex.Replace(p, @"\{[^}]*\}", "{}")).Where(g => g.Count() > 1)
            .Select(g => string.Join(" vs ", g)).ToList();
        Assert.True(clashes.Count == 0, string.Join("\n", clashes));
        Assert.DoesNotContain("/api/v1/imports/{kind}", document.Paths.Keys);
        var upload = document.Paths["/api/v1/imports"].Operations!.Single(o => o.Key.Method == "POST").Value;
        Assert.Contains(upload.Parameters!, p => p.Name == "kind");

        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(await UserAsync(Roles.Manager)));
        var tag = Guid.NewGuid().ToString("N")[..8];
        HttpContent File(string name = "Query") => new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes($"name,industry\n{name} Kind {tag},Tools\n")), "file", "companies.csv" } };
        var documented = await client.PostAsync($"/api/v1/imports?kind=companies&source=doc-{tag}", File());
        Assert.True(documented.StatusCode == HttpStatusCode.OK, await documented.Content.ReadAsStringAsync());
        Assert.Equal(1, JsonDocument.Parse(await documented.Content.ReadAsStringAsync()).RootElement.GetProperty("rowsLoaded").GetInt64());
        // The older path form still works for existing clients.
        var older = await client.PostAsync($"/api/v1/imports/companies?source=doc-{tag}", File("Path"));
        Assert.Equal(HttpStatusCode.OK, older.StatusCode);
        Assert.Equal(1, JsonDocument.Parse(await older.Content.ReadAsStringAsync()).RootElement.GetProperty("rowsLoaded").GetInt64());
        var noKind = await client.PostAsync("/api/v1/imports", File());
        Assert.Equal(HttpStatusCode.BadRequest, noKind.StatusCode);
        Assert.True(JsonDocument.Parse(await noKind.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").TryGetProperty("kind", out _));
    }

    [Fact]
    public async Task The_document_and_the_page_need_a_signed_in_user_or_a_token()
    {
        using var client = app.CreateClient();
        var anonymous = await client.GetAsync("/openapi/v1.json");
        Assert.Contains(anonymous.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Redirect });
        Assert.DoesNotContain("\"paths\"", await anonymous.Content.ReadAsStringAsync());
        var page = await client.GetAsync("/api-docs/index.html");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/account/login", page.Headers.Location!.ToString());
    }

    [Fact]
    public async Task A_signed_in_user_opens_the_API_page_and_calls_me_with_a_token_without_CSP_violations()
    {
        await app.App.Services.GetRequiredService<Rapport.Web.Features.Insights.InsightsRunner>().WhenIdleAsync();
        var user = await UserAsync(Roles.Sales);
        var token = await TokenAsync(user);
        var page = await (await app.BrowserAsync()).NewPageAsync(app.BaseAddress);
        var problems = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") problems.Add(message.Text); };
        page.PageError += (_, error) => problems.Add(error);

        await page.GotoAsync("/account/login?returnUrl=%2Fapi-docs%2Findex.html");
        await page.GetByTestId("login-username").FillAsync(user);
        await page.GetByTestId("login-password").FillAsync(Password);
        await page.GetByTestId("login-submit").ClickAsync();
        await page.WaitForURLAsync("**/api-docs/index.html", new() { Timeout = 30_000 });
        await Expect(page.Locator(".swagger-ui .info .title")).ToContainTextAsync("Rapport API", new() { Timeout = 30_000 });
        await Expect(page.Locator(".opblock")).Not.ToHaveCountAsync(0);

        await page.Locator("button.authorize").First.ClickAsync();
        await page.Locator(".auth-container input").First.FillAsync(token);
        await page.Locator(".auth-btn-wrapper button.authorize").ClickAsync();
        await page.Locator(".auth-btn-wrapper button.btn-done").ClickAsync();

        var me = page.Locator(".opblock-get").Filter(new() { Has = page.Locator("[data-path='/api/v1/me']") });
        await me.Locator(".opblock-summary").First.ClickAsync();
        await me.Locator("button.execute").ClickAsync();
        var response = me.Locator(".live-responses-table .response .response-col_status").First;
        await Expect(response).ToHaveTextAsync("200", new() { Timeout = 30_000 });
        await Expect(me.Locator(".live-responses-table .response .microlight").First).ToContainTextAsync(user);
        await page.ScreenshotAsync(new() { Path = Artifacts.Screenshot("api-docs"), FullPage = true });
        Assert.True(problems.Count == 0, "Console errors on the API page:\n" + string.Join("\n", problems));
    }
}
