using System.Net;

namespace Rapport.Web.Tests;

/// <summary>Security headers on every answer, and the sign-in rate limit.</summary>
[Collection(RapportAppCollection.Name)]
public sealed class SecurityTests(RapportAppFixture app)
{
    [Theory]
    [InlineData("/account/login")]
    [InlineData("/health")]
    [InlineData("/")]
    public async Task Every_answer_carries_the_security_headers(string path)
    {
        using var client = app.CreateClient();
        var response = await client.GetAsync(path);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("form-action 'self'", csp, StringComparison.Ordinal);
        // Plain HTTP on loopback: no HSTS (it is only ever sent over HTTPS).
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Sign_in_posts_beyond_the_limit_get_429_with_retry_after()
    {
        var database = TestDatabase.TemporarySqlite();
        await database.CreateAsync();
        var settings = new Dictionary<string, string?>(database.Settings) { ["Rapport:Security:SignInAttemptsPerMinute"] = "3" };
        await using var limited = RapportAppFixture.BuildApp(settings, environment: "Production");
        try
        {
            await Rapport.Web.RapportWebApp.InitializeAsync(limited, demo: null);
            await limited.StartAsync();
            using var client = new HttpClient { BaseAddress = new Uri(limited.Urls.Single()) };
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i < 5; i++)
            {
                using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.UserName"] = "admin", ["Input.Password"] = "wrong" });
                var response = await client.PostAsync("/account/login", form);
                statuses.Add(response.StatusCode);
                if (response.StatusCode == HttpStatusCode.TooManyRequests) Assert.Equal("60", response.Headers.GetValues("Retry-After").Single());
            }
            Assert.True(statuses.Count(s => s == HttpStatusCode.TooManyRequests) == 2, string.Join(",", statuses));
            Assert.All(statuses.Take(3), s => Assert.NotEqual(HttpStatusCode.TooManyRequests, s));
            Assert.All(statuses.Skip(3), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
            // Reading the page is not limited.
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/login")).StatusCode);
            await limited.StopAsync();
        }
        finally
        {
            await database.DropAsync();
        }
    }
}
