using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Rapport.Core.Domain;

namespace Rapport.Web.Tests;

/// <summary>
/// Record-level rules through the API: a Sales user sees the customers, companies and deals they own, not a
/// colleague's (lists, single reads and writes answer 404, the export leaves them out), until a manager puts both in
/// a team; other roles see everything.
/// </summary>
[Collection(RapportAppCollection.Name)]
public sealed class RecordScopeTests(RapportAppFixture app)
{
    private readonly ApiTestClients _clients = new(app);

    private static async Task<JsonDocument> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body);
    }

    private static async Task<long> CreatedIdAsync(HttpResponseMessage response)
    {
        using var json = await JsonAsync(response, HttpStatusCode.Created);
        return json.RootElement.GetProperty("id").GetInt64();
    }

    private static async Task<List<long>> IdsAsync(HttpClient client, string url)
    {
        using var json = await JsonAsync(await client.GetAsync(url), HttpStatusCode.OK);
        return json.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToList();
    }

    /// <summary>A customer, a company and a deal created by <paramref name="owner"/> (each owned by its creator), with a unique marker in the names.</summary>
    private static async Task<(long Customer, long Company, long Deal, string Marker)> RecordsOfAsync(HttpClient owner)
    {
        var marker = $"Scope{Guid.NewGuid():N}"[..16];
        var company = await CreatedIdAsync(await owner.PostAsJsonAsync("/api/v1/companies", new { name = marker + " Ltd" }));
        var customer = await CreatedIdAsync(await owner.PostAsJsonAsync("/api/v1/customers", new { firstName = marker, lastName = "Owner", companyId = company }));
        var deal = await CreatedIdAsync(await owner.PostAsJsonAsync("/api/v1/deals", new { title = marker + " deal", amount = 1000, customerId = customer, companyId = company }));
        return (customer, company, deal, marker);
    }

    [Fact]
    public async Task A_sales_user_sees_only_their_own_records_until_a_manager_puts_them_in_a_team()
    {
        var (alice, aliceId) = await _clients.UserAsync(Roles.Sales);
        var (bob, bobId) = await _clients.UserAsync(Roles.Sales);
        var manager = await _clients.AsAsync(Roles.Manager);
        var mine = await RecordsOfAsync(alice);
        var theirs = await RecordsOfAsync(bob);

        // Own records: listed and readable.
        Assert.Contains(mine.Customer, await IdsAsync(alice, $"/api/v1/customers?search={mine.Marker}"));
        Assert.Contains(mine.Company, await IdsAsync(alice, $"/api/v1/companies?search={mine.Marker}"));
        Assert.Contains(mine.Deal, await IdsAsync(alice, "/api/v1/deals?pageSize=200"));
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync($"/api/v1/customers/{mine.Customer}")).StatusCode);

        // A colleague's: not listed, and single reads and writes answer 404 (not 403, which would confirm the record exists).
        Assert.Empty(await IdsAsync(alice, $"/api/v1/customers?search={theirs.Marker}"));
        Assert.Empty(await IdsAsync(alice, $"/api/v1/companies?search={theirs.Marker}"));
        Assert.DoesNotContain(theirs.Deal, await IdsAsync(alice, "/api/v1/deals?pageSize=200"));
        foreach (var url in new[] { $"/api/v1/customers/{theirs.Customer}", $"/api/v1/companies/{theirs.Company}", $"/api/v1/deals/{theirs.Deal}",
                     $"/api/v1/customers/{theirs.Customer}/interactions", $"/api/v1/customers/{theirs.Customer}/custom-fields",
                     $"/api/v1/companies/{theirs.Company}/custom-fields", $"/api/v1/deals/{theirs.Deal}/custom-fields" })
            Assert.Equal(HttpStatusCode.NotFound, (await alice.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await alice.PutAsJsonAsync($"/api/v1/customers/{theirs.Customer}", new { firstName = "Taken", lastName = "Over" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await alice.PutAsJsonAsync($"/api/v1/companies/{theirs.Company}", new { name = "Taken over" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await alice.DeleteAsync($"/api/v1/customers/{theirs.Customer}")).StatusCode);
        var export = await alice.GetStringAsync("/api/v1/customers/export.csv");
        Assert.Contains(mine.Marker, export, StringComparison.Ordinal);
        Assert.DoesNotContain(theirs.Marker, export, StringComparison.Ordinal);
        // The demo's customers belong to the demo's sales staff, not to this new user.
        using (var all = await JsonAsync(await alice.GetAsync("/api/v1/customers?pageSize=1"), HttpStatusCode.OK))
            Assert.True(all.RootElement.GetProperty("total").GetInt64() < RapportAppFixture.DemoCustomers);

        // Managers see everything.
        Assert.Contains(theirs.Customer, await IdsAsync(manager, $"/api/v1/customers?search={theirs.Marker}"));
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync($"/api/v1/deals/{theirs.Deal}")).StatusCode);

        // Sales users cannot form teams themselves.
        Assert.Equal(HttpStatusCode.Forbidden, (await alice.PostAsJsonAsync("/api/v1/teams", new { name = "self-service" })).StatusCode);
        var team = await CreatedIdAsync(await manager.PostAsJsonAsync("/api/v1/teams", new { name = $"Team {mine.Marker}" }));
        Assert.Equal(HttpStatusCode.NoContent, (await manager.PostAsJsonAsync($"/api/v1/teams/{team}/members", new { userId = aliceId })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await manager.PostAsJsonAsync($"/api/v1/teams/{team}/members", new { userId = bobId })).StatusCode);

        // Teammates: each sees the other's records now.
        Assert.Contains(theirs.Customer, await IdsAsync(alice, $"/api/v1/customers?search={theirs.Marker}"));
        Assert.Contains(theirs.Company, await IdsAsync(alice, $"/api/v1/companies?search={theirs.Marker}"));
        Assert.Contains(theirs.Deal, await IdsAsync(alice, "/api/v1/deals?pageSize=200"));
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync($"/api/v1/customers/{theirs.Customer}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync($"/api/v1/companies/{theirs.Company}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync($"/api/v1/deals/{theirs.Deal}")).StatusCode);
        Assert.Contains(mine.Customer, await IdsAsync(bob, $"/api/v1/customers?search={mine.Marker}"));

        // Taken out of the team again: back to their own.
        Assert.Equal(HttpStatusCode.NoContent, (await manager.DeleteAsync($"/api/v1/teams/{team}/members/{bobId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await alice.GetAsync($"/api/v1/customers/{theirs.Customer}")).StatusCode);
    }

    [Fact]
    public async Task Orders_follow_their_customer_into_and_out_of_a_sales_users_scope()
    {
        var (alice, _) = await _clients.UserAsync(Roles.Sales);
        var (bob, _) = await _clients.UserAsync(Roles.Sales);
        var manager = await _clients.AsAsync(Roles.Manager);
        var mine = await RecordsOfAsync(alice);
        var product = (await IdsAsync(manager, "/api/v1/products?pageSize=1"))[0];
        var number = $"SO-{mine.Marker}";
        var order = await CreatedIdAsync(await alice.PostAsJsonAsync("/api/v1/orders",
            new { customerId = mine.Customer, orderNumber = number, lines = new[] { new { productId = product, quantity = 2 } } }));

        Assert.Contains(order, await IdsAsync(alice, $"/api/v1/orders?search={number}"));
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync($"/api/v1/orders/{order}")).StatusCode);

        // Another sales user neither lists, reads, changes nor deletes it, and cannot order for that customer.
        Assert.Empty(await IdsAsync(bob, $"/api/v1/orders?search={number}"));
        Assert.Empty(await IdsAsync(bob, $"/api/v1/orders?customerId={mine.Customer}"));
        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetAsync($"/api/v1/orders/{order}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.PutAsJsonAsync($"/api/v1/orders/{order}", new { status = "Cancelled" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.DeleteAsync($"/api/v1/orders/{order}")).StatusCode);
        using (var refused = await JsonAsync(await bob.PostAsJsonAsync("/api/v1/orders",
                   new { customerId = mine.Customer, orderNumber = number + "-B", lines = new[] { new { productId = product, quantity = 1 } } }), HttpStatusCode.BadRequest))
            Assert.True(refused.RootElement.GetProperty("errors").TryGetProperty("customerId", out _));

        // A manager sees it.
        Assert.Contains(order, await IdsAsync(manager, $"/api/v1/orders?search={number}"));
    }

    [Fact]
    public async Task Team_input_is_validated_by_field()
    {
        var manager = await _clients.AsAsync(Roles.Manager);
        using (var missing = await JsonAsync(await manager.PostAsJsonAsync("/api/v1/teams", new { name = " " }), HttpStatusCode.BadRequest))
            Assert.True(missing.RootElement.GetProperty("errors").TryGetProperty("name", out _));
        var team = await CreatedIdAsync(await manager.PostAsJsonAsync("/api/v1/teams", new { name = $"Team {Guid.NewGuid():N}" }));
        using (var noUser = await JsonAsync(await manager.PostAsJsonAsync($"/api/v1/teams/{team}/members", new { userId = 987654321 }), HttpStatusCode.BadRequest))
            Assert.True(noUser.RootElement.GetProperty("errors").TryGetProperty("userId", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await manager.PostAsJsonAsync("/api/v1/teams/987654321/members", new { userId = 1 })).StatusCode);
    }
}
