using System.Net;
using Rapport.Web.Hosting;

namespace Rapport.Web.Tests;

/// <summary>
/// blazor.web.js and MudBlazor's files must be served in every environment, also when Rapport.Web is not the entry
/// assembly (here the test host is; in production the rapport CLI is).
/// </summary>
public sealed class StaticAssetsTests
{
    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public async Task Blazor_and_MudBlazor_assets_are_served_in_every_environment(string environment)
    {
        var database = TestDatabase.TemporarySqlite();
        await database.CreateAsync();
        await using var app = RapportAppFixture.BuildApp(database.Settings, environment);
        await app.StartAsync();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
            var blazor = await client.GetAsync("/_framework/blazor.web.js");
            Assert.Equal(HttpStatusCode.OK, blazor.StatusCode);
            Assert.Contains("Blazor", await blazor.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/_content/MudBlazor/MudBlazor.min.css")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/_content/MudBlazor/MudBlazor.min.js")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/app.css")).StatusCode);

            // Not initialized: the database file has no schema, and /health says so.
            var health = await client.GetAsync("/health");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            Assert.Contains("\"status\":\"Unhealthy\"", await health.Content.ReadAsStringAsync());
        }
        finally
        {
            await app.StopAsync();
            await database.DropAsync();
        }
    }

    [Fact]
    public void The_entry_assemblys_manifests_win_and_a_publish_output_serves_the_wwwroot_beside_it()
    {
        var dir = Directory.CreateTempSubdirectory("rapport-assets-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "Rapport.Web.staticwebassets.endpoints.json"), "{}");
            File.WriteAllText(Path.Combine(dir, "Rapport.Web.staticwebassets.runtime.json"), "{}");

            // A test host or a host without manifests of its own: Rapport.Web's, from the build output.
            var build = StaticAssetsHosting.Locate(dir, "testhost");
            Assert.Equal("Rapport.Web", build.ApplicationName);
            Assert.NotNull(build.RuntimeManifest);
            Assert.Null(build.WebRoot);

            // A web host (the CLI) that carries Rapport.Web's assets, published: its manifest, the wwwroot beside it.
            File.WriteAllText(Path.Combine(dir, "Rapport.Cli.staticwebassets.endpoints.json"), "{}");
            Directory.CreateDirectory(Path.Combine(dir, "wwwroot"));
            var published = StaticAssetsHosting.Locate(dir, "Rapport.Cli");
            Assert.Equal("Rapport.Cli", published.ApplicationName);
            Assert.Null(published.RuntimeManifest);
            Assert.Equal(Path.Combine(dir, "wwwroot"), published.WebRoot);

            Assert.Null(StaticAssetsHosting.Locate(Path.Combine(dir, "wwwroot"), "Rapport.Cli").ApplicationName);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
