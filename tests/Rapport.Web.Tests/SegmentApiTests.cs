using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rapport.Core.Domain;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Web.Account;

namespace Rapport.Web.Tests;

/// <summary>/api/v1/segments: rule segments created, counted, paged, changed and deleted; bad rules named; roles enforced.</summary>
[Collection(RapportAppCollection.Name)]
public sealed class SegmentApiTests(RapportAppFixture app)
{
    private const string Password = "Segment-Test-Password-42!";

    private async Task<HttpClient> ClientAsync(string role)
    {
        var name = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}"[..20];
        await using (var scope = app.App.Services.CreateAsyncScope())
            await UserAccounts.CreateAsync(scope.ServiceProvider, name, Password, role);
        using var anonymous = app.CreateClient();
        var response = await anonymous.PostAsync("/api/v1/auth/token", new StringContent(JsonSerializer.Serialize(new { userName = name, password = Password }), Encoding.UTF8, "application/json"));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", json.RootElement.GetProperty("token").GetString());
        return client;
    }

    private static object Body(string name, params (string Field, string Op, object Value)[] conditions)
        => new { name, conditions = conditions.Select(c => new { field = c.Field, op = c.Op, value = c.Value }) };

    /// <summary>The hand count: active customers of the country with at least <paramref name="orders"/> orders that were not cancelled, by id.</summary>
    private Task<List<long>> ExpectedAsync(string country, int orders)
        => app.QueryAsync(async db => (await db.Customers.Where(c => c.Status == RecordStatus.Active && c.MergedIntoId == null)
                .Select(c => new { c.Id, c.Country, Orders = db.Orders.Where(o => o.CustomerId == c.Id).Select(o => o.Status).ToList() }).ToListAsync())
            .Where(c => c.Country == country && c.Orders.Count(s => s != OrderStatus.Cancelled) >= orders).Select(c => c.Id).Order().ToList());

    [Fact]
    public async Task A_rule_segment_is_created_counted_paged_changed_and_deleted()
    {
        var country = await app.QueryAsync(db => db.Customers.Where(c => c.Country != null).GroupBy(c => c.Country).OrderByDescending(g => g.Count()).Select(g => g.Key!).FirstAsync());
        var expected = await ExpectedAsync(country, 2);
        Assert.NotEmpty(expected);
        var marketing = await ClientAsync(Roles.Marketing);
        var name = $"Repeat buyers {Guid.NewGuid():N}"[..30];

        var created = await marketing.PostAsJsonAsync("/api/v1/segments", Body(name, ("country", "=", country), ("frequency", ">=", 2)));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var segment = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var id = segment.RootElement.GetProperty("id").GetInt64();
        Assert.Equal(expected.Count, segment.RootElement.GetProperty("size").GetInt64());
        Assert.Equal("rule", segment.RootElement.GetProperty("kind").GetString());
        Assert.Equal($"country = \"{country}\" AND frequency >= 2", segment.RootElement.GetProperty("rule").GetString());
        Assert.Equal(expected.Count, await app.QueryAsync(db => db.SegmentMemberships.CountAsync(m => m.SegmentId == id)));

        using (var list = JsonDocument.Parse(await marketing.GetStringAsync("/api/v1/segments")))
            Assert.Contains(list.RootElement.GetProperty("items").EnumerateArray(), s => s.GetProperty("id").GetInt64() == id && s.GetProperty("size").GetInt64() == expected.Count);

        using (var page = JsonDocument.Parse(await marketing.GetStringAsync($"/api/v1/segments/{id}/members?page=1&pageSize=3")))
        {
            Assert.Equal(expected.Count, page.RootElement.GetProperty("total").GetInt64());
            Assert.Equal(expected.Take(3), page.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()));
            Assert.True(page.RootElement.GetProperty("masked").GetBoolean());
        }

        var narrower = await ExpectedAsync(country, 3);
        var changed = await marketing.PutAsJsonAsync($"/api/v1/segments/{id}", Body(name, ("country", "=", country), ("frequency", ">=", 3)));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        using (var json = JsonDocument.Parse(await changed.Content.ReadAsStringAsync()))
            Assert.Equal(narrower.Count, json.RootElement.GetProperty("size").GetInt64());

        Assert.Equal(HttpStatusCode.NoContent, (await marketing.DeleteAsync($"/api/v1/segments/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await marketing.GetAsync($"/api/v1/segments/{id}")).StatusCode);
        Assert.Equal(0, await app.QueryAsync(db => db.SegmentMemberships.CountAsync(m => m.SegmentId == id)));
    }

    [Fact]
    public async Task Bad_rules_are_refused_naming_the_field_at_fault()
    {
        var marketing = await ClientAsync(Roles.Marketing);
        async Task<string> RefusedAsync(object body)
        {
            var response = await marketing.PostAsJsonAsync("/api/v1/segments", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            return await response.Content.ReadAsStringAsync();
        }
        var unknownField = await RefusedAsync(Body("x", ("churn_risk", ">", 0.6), ("shoe_size", ">", 40)));
        Assert.Contains("\"conditions[1].field\"", unknownField, StringComparison.Ordinal);
        Assert.Contains("unknown field 'shoe_size'", unknownField, StringComparison.Ordinal);
        var unknownOperator = await RefusedAsync(Body("x", ("clv", "~", 500)));
        Assert.Contains("\"conditions[0].op\"", unknownOperator, StringComparison.Ordinal);
        Assert.Contains("unknown operator '~'", unknownOperator, StringComparison.Ordinal);
        var noName = await RefusedAsync(Body(" ", ("clv", ">", "a lot")));
        Assert.Contains("\"name\"", noName, StringComparison.Ordinal);
        Assert.Contains("\"conditions[0].value\"", noName, StringComparison.Ordinal);
        Assert.Contains("\"conditions\"", await RefusedAsync(new { name = "empty", conditions = Array.Empty<object>() }), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await marketing.PutAsJsonAsync("/api/v1/segments/987654321", Body("x", ("clv", ">", 1)))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await marketing.GetAsync("/api/v1/segments/1/members?pageSize=0")).StatusCode);
    }

    [Fact]
    public async Task Reading_needs_customers_read_and_changing_needs_marketing()
    {
        var sales = await ClientAsync(Roles.Sales);
        Assert.Equal(HttpStatusCode.OK, (await sales.GetAsync("/api/v1/segments")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await sales.PostAsJsonAsync("/api/v1/segments", Body("x", ("clv", ">", 1)))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await sales.DeleteAsync("/api/v1/segments/1")).StatusCode);
        var analyst = await ClientAsync(Roles.Analyst);
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.GetAsync("/api/v1/segments")).StatusCode);
        using var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/segments")).StatusCode);
    }
}
