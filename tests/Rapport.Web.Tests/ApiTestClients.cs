using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Web.Account;

namespace Rapport.Web.Tests;

/// <summary>API clients signed in as a fresh user of a role (password → bearer token, as an integrator does).</summary>
public sealed class ApiTestClients(RapportAppFixture app)
{
    private const string Password = "Entity-Api-Password-42!";

    public async Task<HttpClient> AsAsync(string role) => (await UserAsync(role)).Client;

    /// <summary>A client for a fresh user of <paramref name="role"/>, and that user's id.</summary>
    public async Task<(HttpClient Client, long UserId)> UserAsync(string role)
    {
        var name = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}"[..20];
        long userId;
        await using (var scope = app.App.Services.CreateAsyncScope())
            userId = (await UserAccounts.CreateAsync(scope.ServiceProvider, name, Password, role)).Id;
        using var anonymous = app.CreateClient();
        var response = await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { userName = name, password = Password });
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", json.RootElement.GetProperty("token").GetString());
        return (client, userId);
    }
}
