using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Core.Security;
using Rapport.Data.Security;

namespace Rapport.Web.Tests;

/// <summary>API tokens: hashed at rest, scoped, expiring, revocable; the API answers 401 without one.</summary>
[Collection(RapportAppCollection.Name)]
public sealed class ApiTokenTests(RapportAppFixture app)
{
    private async Task<(string Token, long Id)> CreateAsync(string[] scopes, TimeSpan lifetime, DateTime? now = null)
    {
        await using var scope = app.App.Services.CreateAsyncScope();
        var (token, record) = await scope.ServiceProvider.GetRequiredService<ApiTokenService>()
            .CreateAsync("admin", "test", scopes, lifetime, now ?? DateTime.UtcNow);
        return (token, record.Id);
    }

    private async Task<HttpResponseMessage> MeAsync(string? token)
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task A_token_carries_only_its_scopes_and_is_stored_as_a_hash()
    {
        var (token, id) = await CreateAsync([Permissions.CustomersRead, Permissions.AnalyticsRun], TimeSpan.FromDays(30));
        Assert.StartsWith(ApiTokenService.TokenPrefix, token, StringComparison.Ordinal);

        var response = await MeAsync(token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("admin", json.RootElement.GetProperty("user").GetString());
        var permissions = json.RootElement.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()).ToList();
        // The admin holds every permission, the token only what it was given (and its owner's own account).
        Assert.Equal([Permissions.OwnAccount, Permissions.CustomersRead, Permissions.AnalyticsRun], permissions);

        var stored = await app.QueryAsync(db => db.ApiTokens.SingleAsync(t => t.Id == id));
        Assert.Equal(ApiTokenService.HashOf(token), stored.Hash);
        Assert.DoesNotContain(token[4..], stored.Hash + stored.Prefix + stored.Scopes, StringComparison.Ordinal);
        Assert.False(await app.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.Changes!.Contains(stored.Hash))));
    }

    [Fact]
    public async Task No_wrong_expired_or_revoked_token_gets_in()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await MeAsync(null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await MeAsync("rpt_" + new string('x', 43))).StatusCode);

        var (expired, _) = await CreateAsync([Permissions.CustomersRead], TimeSpan.FromMinutes(1), DateTime.UtcNow.AddHours(-1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await MeAsync(expired)).StatusCode);

        var (token, id) = await CreateAsync([Permissions.CustomersRead], TimeSpan.FromDays(1));
        Assert.Equal(HttpStatusCode.OK, (await MeAsync(token)).StatusCode);
        await using (var scope = app.App.Services.CreateAsyncScope())
            Assert.True(await scope.ServiceProvider.GetRequiredService<ApiTokenService>().RevokeAsync(id, DateTime.UtcNow));
        Assert.Equal(HttpStatusCode.Unauthorized, (await MeAsync(token)).StatusCode);
    }

    private async Task<HttpResponseMessage> GetAsync(string path, string token)
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task A_customer_is_masked_without_personal_data_read_and_an_unmasked_read_is_audited()
    {
        var customer = await app.QueryAsync(db => db.Customers.Include(c => c.ContactPoints).OrderBy(c => c.Id).FirstAsync(c => c.ContactPoints.Any(p => p.Kind == Rapport.Core.Domain.ContactKind.Email)));
        var email = customer.ContactPoints.First(p => p.Kind == Rapport.Core.Domain.ContactKind.Email).Value;
        var path = $"/api/v1/customers/{customer.Id}";
        var reads = () => app.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action == Rapport.Core.Domain.AuditAction.Read && a.EntityId == customer.Id.ToString()));
        var readsBefore = await reads();

        var (masked, _) = await CreateAsync([Permissions.CustomersRead], TimeSpan.FromHours(1));
        var response = await GetAsync(path, masked);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        using (var json = JsonDocument.Parse(text))
        {
            Assert.True(json.RootElement.GetProperty("masked").GetBoolean());
            Assert.Equal(PersonalDataMask.Mask(customer.FirstName), json.RootElement.GetProperty("firstName").GetString());
            Assert.Equal(PersonalDataMask.Mask(customer.LastName), json.RootElement.GetProperty("lastName").GetString());
            var shown = json.RootElement.GetProperty("contactPoints").EnumerateArray().Select(p => p.GetProperty("value").GetString()).ToList();
            Assert.Contains(email[..1] + "***" + email[email.IndexOf('@')..], shown);
        }
        Assert.DoesNotContain(email, text, StringComparison.Ordinal);
        if (customer.LastName.Length > 1) Assert.DoesNotContain(customer.LastName, text, StringComparison.Ordinal);
        Assert.Equal(readsBefore, await reads());

        var (clear, _) = await CreateAsync([Permissions.CustomersRead, Permissions.PersonalDataRead], TimeSpan.FromHours(1));
        var unmasked = await (await GetAsync(path, clear)).Content.ReadAsStringAsync();
        Assert.Contains(email, unmasked, StringComparison.Ordinal);
        Assert.Contains(customer.LastName, unmasked, StringComparison.Ordinal);
        Assert.Equal(readsBefore + 1, await reads());

        var (analyst, _) = await CreateAsync([Permissions.AnalyticsRun], TimeSpan.FromHours(1));
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync(path, analyst)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync("/api/v1/customers/987654321", masked)).StatusCode);
    }

    [Fact]
    public async Task Unknown_scopes_and_bad_lifetimes_are_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => CreateAsync(["customers.delete-everything"], TimeSpan.FromDays(1)));
        await Assert.ThrowsAsync<ArgumentException>(() => CreateAsync([Permissions.CustomersRead], TimeSpan.FromDays(400)));
    }
}
