using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Core.Security;
using Rapport.Data.Security;
using Rapport.Web.Features.Insights;

namespace Rapport.Web.Tests;

/// <summary>POST /api/v1/insights/refresh starts a background run (one at a time); GET /api/v1/insights/runs/{id} follows it.</summary>
[Collection(RapportAppCollection.Name)]
public sealed class InsightsApiTests(RapportAppFixture app)
{
    private async Task<string> TokenAsync(params string[] scopes)
    {
        await using var scope = app.App.Services.CreateAsyncScope();
        var (token, _) = await scope.ServiceProvider.GetRequiredService<ApiTokenService>().CreateAsync("admin", "insights test", scopes, TimeSpan.FromHours(1), DateTime.UtcNow);
        return token;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token)
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(method, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
        => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task A_refresh_answers_202_runs_in_the_background_once_at_a_time_and_its_progress_can_be_followed()
    {
        var token = await TokenAsync(Permissions.InsightsRefresh);
        var started = await SendAsync(HttpMethod.Post, "/api/v1/insights/refresh", token);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var body = await JsonAsync(started);
        var id = body.GetProperty("runId").GetInt64();
        Assert.Equal($"/api/v1/insights/runs/{id}", started.Headers.Location?.OriginalString);
        Assert.Equal("running", body.GetProperty("status").GetString());
        Assert.Equal("api", body.GetProperty("trigger").GetString());

        var second = await SendAsync(HttpMethod.Post, "/api/v1/insights/refresh", token);
        if (second.StatusCode == HttpStatusCode.Conflict)
            Assert.Equal(id, (await JsonAsync(second)).GetProperty("runId").GetInt64());
        else
        {
            // Only possible when the first run was already over: never two at once.
            Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
            var first = await JsonAsync(await SendAsync(HttpMethod.Get, $"/api/v1/insights/runs/{id}", token));
            Assert.NotEqual("running", first.GetProperty("status").GetString());
        }

        await app.App.Services.GetRequiredService<InsightsRunner>().WhenIdleAsync();
        var done = await JsonAsync(await SendAsync(HttpMethod.Get, $"/api/v1/insights/runs/{id}", token));
        Assert.True(done.GetProperty("status").GetString() == "succeeded", done.ToString());
        Assert.Equal(9, done.GetProperty("stepNumber").GetInt32());
        Assert.Equal(9, done.GetProperty("stepCount").GetInt32());
        Assert.True(done.GetProperty("counts").GetProperty("insightsWritten").GetInt64() > RapportAppFixture.DemoCustomers);
        Assert.True(done.GetProperty("modelVersions").EnumerateObject().Count() >= 5);
        Assert.True(done.TryGetProperty("finishedAt", out var finished) && finished.ValueKind == JsonValueKind.String);
    }

    [Fact]
    public async Task Callers_without_the_permission_are_refused_and_bad_input_is_named()
    {
        var anonymous = await SendAsync(HttpMethod.Post, "/api/v1/insights/refresh", null);
        Assert.True(anonymous.StatusCode == HttpStatusCode.Unauthorized, $"{anonymous.StatusCode}: {await anonymous.Content.ReadAsStringAsync()} {anonymous.Headers}");
        var reader = await TokenAsync(Permissions.CustomersRead);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(HttpMethod.Post, "/api/v1/insights/refresh", reader)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(HttpMethod.Get, "/api/v1/insights/runs/1", reader)).StatusCode);

        var token = await TokenAsync(Permissions.InsightsRefresh);
        var bad = await SendAsync(HttpMethod.Post, "/api/v1/insights/refresh?asOf=31.12.2025", token);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("asOf", (await JsonAsync(bad)).GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Get, "/api/v1/insights/runs/987654321", token)).StatusCode);
    }

    [Theory]
    [InlineData("2026-01-01T01:00:00Z", "02:00", "2026-01-01T02:00:00Z")]
    [InlineData("2026-01-01T02:00:00Z", "02:00", "2026-01-02T02:00:00Z")]
    [InlineData("2026-01-01T23:30:00Z", "00:15", "2026-01-02T00:15:00Z")]
    public void The_nightly_run_is_the_next_occurrence_of_its_time(string now, string at, string expected)
        => Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            NightlyInsightsService.NextRun(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), TimeOnly.Parse(at, System.Globalization.CultureInfo.InvariantCulture)));
}
