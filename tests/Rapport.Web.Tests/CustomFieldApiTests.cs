using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Core.Domain;
using Rapport.Data.CustomFields;
using Rapport.Web.Account;

namespace Rapport.Web.Tests;

/// <summary>Custom fields through the API and the import: typed values, named errors, filters in SQL (SQLite or PostgreSQL, by RAPPORT_TEST_PG).</summary>
[Collection(RapportAppCollection.Name)]
public sealed class CustomFieldApiTests(RapportAppFixture app)
{
    private const string Password = "Custom-Field-Password-42!";
    private readonly string _tag = Guid.NewGuid().ToString("N")[..6];

    private async Task<HttpClient> ClientAsync(string role)
    {
        var name = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}"[..20];
        await using (var scope = app.App.Services.CreateAsyncScope())
            await UserAccounts.CreateAsync(scope.ServiceProvider, name, Password, role);
        using var anonymous = app.CreateClient();
        var response = await anonymous.PostAsync("/api/v1/auth/token",
            new StringContent(JsonSerializer.Serialize(new { userName = name, password = Password }), Encoding.UTF8, "application/json"));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", json.RootElement.GetProperty("token").GetString());
        return client;
    }

    /// <summary>Fields with this test's tag in their keys, so tests sharing the app never see each other's.</summary>
    private async Task<(string Tier, string Score, string Since, string Note)> DefineCustomerFieldsAsync()
    {
        await using var scope = app.App.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<CustomFieldStore>();
        var keys = ($"tier_{_tag}", $"score_{_tag}", $"since_{_tag}", $"note_{_tag}");
        Assert.Empty(await store.SaveDefinitionAsync(new CustomFieldDefinition { EntityType = CustomFieldEntity.Customer, Key = keys.Item1, Label = $"Tier {_tag}", Type = CustomFieldType.Choice, Options = ["Gold", "Silver"] }));
        Assert.Empty(await store.SaveDefinitionAsync(new CustomFieldDefinition { EntityType = CustomFieldEntity.Customer, Key = keys.Item2, Label = $"Score {_tag}", Type = CustomFieldType.Number }));
        Assert.Empty(await store.SaveDefinitionAsync(new CustomFieldDefinition { EntityType = CustomFieldEntity.Customer, Key = keys.Item3, Label = $"Since {_tag}", Type = CustomFieldType.Date }));
        Assert.Empty(await store.SaveDefinitionAsync(new CustomFieldDefinition { EntityType = CustomFieldEntity.Customer, Key = keys.Item4, Label = $"Note {_tag}", Type = CustomFieldType.Text }));
        return keys;
    }

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    private static async Task<JsonElement> ErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").Clone();
    }

    [Fact]
    public async Task Values_are_set_read_and_validated_by_type_with_the_field_named()
    {
        var (tier, score, since, note) = await DefineCustomerFieldsAsync();
        var customerId = await app.QueryAsync(db => db.Customers.Where(c => c.Status == RecordStatus.Active).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());
        // A manager: Sales users see only their own and their team's records (RecordScopeTests).
        var manager = await ClientAsync(Roles.Manager);

        var definitions = await manager.GetFromJsonAsync<JsonElement>("/api/v1/custom-fields?entityType=customer");
        var mine = definitions.EnumerateArray().Single(d => d.GetProperty("key").GetString() == tier);
        Assert.Equal("choice", mine.GetProperty("type").GetString());
        Assert.Equal(["Gold", "Silver"], mine.GetProperty("options").EnumerateArray().Select(o => o.GetString()));
        Assert.Equal("entityType", (await ErrorsAsync(await manager.GetAsync("/api/v1/custom-fields?entityType=spaceship"))).EnumerateObject().Single().Name);

        var url = $"/api/v1/customers/{customerId}/custom-fields";
        var put = await manager.PutAsync(url, Json(new Dictionary<string, object> { [tier] = "gold", [score] = 42.5, [since] = "2024-03-01", [note] = "VIP" }));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var customer = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{customerId}");
        var values = customer.GetProperty("customFields");
        Assert.Equal("Gold", values.GetProperty(tier).GetString());
        Assert.Equal(42.5, values.GetProperty(score).GetDouble());
        Assert.Equal("2024-03-01", values.GetProperty(since).GetString());

        // Wrong types: each bad value is named, and nothing is written.
        var errors = await ErrorsAsync(await manager.PatchAsync(url, Json(new Dictionary<string, object> { [score] = "12,5", [since] = "01/03/2024", [tier] = "Bronze", [note] = "ok" })));
        Assert.Contains("not a number", errors.GetProperty($"customFields.{score}")[0].GetString());
        Assert.Contains("yyyy-MM-dd", errors.GetProperty($"customFields.{since}")[0].GetString());
        Assert.Contains("not one of Gold, Silver", errors.GetProperty($"customFields.{tier}")[0].GetString());
        errors = await ErrorsAsync(await manager.PatchAsync(url, new StringContent($"{{\"{score}\": true, \"nope_{_tag}\": 1}}", Encoding.UTF8, "application/json")));
        Assert.Equal("expected a number", errors.GetProperty($"customFields.{score}")[0].GetString());
        Assert.Contains("not a custom field of customers", errors.GetProperty($"customFields.nope_{_tag}")[0].GetString());
        Assert.Equal("VIP", (await manager.GetFromJsonAsync<JsonElement>(url)).GetProperty(note).GetString());

        // PATCH changes only what it names; null clears. PUT clears what it leaves out.
        var patched = await (await manager.PatchAsync(url, new StringContent($"{{\"{score}\": 7, \"{note}\": null}}", Encoding.UTF8, "application/json"))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(7, patched.GetProperty(score).GetDouble());
        Assert.Equal("Gold", patched.GetProperty(tier).GetString());
        Assert.False(patched.TryGetProperty(note, out _));
        var replaced = await (await manager.PutAsync(url, Json(new Dictionary<string, object> { [score] = 8 }))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(replaced.TryGetProperty(tier, out _));
        Assert.Equal(8, replaced.GetProperty(score).GetDouble());

        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync("/api/v1/customers/999999999/custom-fields")).StatusCode);
        var readOnly = await ClientAsync(Roles.ReadOnly);
        Assert.Equal(HttpStatusCode.OK, (await readOnly.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await readOnly.PatchAsync(url, Json(new Dictionary<string, object> { [score] = 1 }))).StatusCode);
    }

    [Fact]
    public async Task Companies_and_deals_take_values_and_required_fields_must_be_given()
    {
        await using (var scope = app.App.Services.CreateAsyncScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<CustomFieldStore>();
            Assert.Empty(await store.SaveDefinitionAsync(new CustomFieldDefinition { EntityType = CustomFieldEntity.Company, Key = $"employees_{_tag}", Label = "Employees", Type = CustomFieldType.Number, Required = true }));
            Assert.Empty(await store.SaveDefinitionAsync(new CustomFieldDefinition { EntityType = CustomFieldEntity.Deal, Key = $"closes_{_tag}", Label = "Closes", Type = CustomFieldType.Date }));
            // Keys are unique per record kind.
            Assert.Contains("already have", (await store.SaveDefinitionAsync(new CustomFieldDefinition { EntityType = CustomFieldEntity.Deal, Key = $"closes_{_tag}", Label = "Again", Type = CustomFieldType.Text }))["key"]);
        }
        var companyId = await app.QueryAsync(db => db.Companies.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());
        var dealId = await app.QueryAsync(db => db.Deals.OrderBy(d => d.Id).Select(d => d.Id).FirstAsync());
        var manager = await ClientAsync(Roles.Manager);

        var missing = await ErrorsAsync(await manager.PutAsync($"/api/v1/companies/{companyId}/custom-fields", Json(new Dictionary<string, object>())));
        Assert.Equal("required value is missing", missing.GetProperty($"customFields.employees_{_tag}")[0].GetString());
        var company = await manager.PutAsync($"/api/v1/companies/{companyId}/custom-fields", Json(new Dictionary<string, object> { [$"employees_{_tag}"] = "250" }));
        Assert.Equal(250, (await company.Content.ReadFromJsonAsync<JsonElement>()).GetProperty($"employees_{_tag}").GetDouble());

        var deal = await manager.PatchAsync($"/api/v1/deals/{dealId}/custom-fields", Json(new Dictionary<string, object> { [$"closes_{_tag}"] = "2026-12-31" }));
        Assert.Equal(HttpStatusCode.OK, deal.StatusCode);
        Assert.Equal("2026-12-31", (await manager.GetFromJsonAsync<JsonElement>($"/api/v1/deals/{dealId}/custom-fields")).GetProperty($"closes_{_tag}").GetString());
        var readOnly = await ClientAsync(Roles.ReadOnly);
        Assert.Equal(HttpStatusCode.Forbidden, (await readOnly.GetAsync($"/api/v1/deals/{dealId}/custom-fields")).StatusCode);
    }

    [Fact]
    public async Task The_customer_list_filters_by_equals_and_ranges_in_the_database()
    {
        var (tier, score, since, _) = await DefineCustomerFieldsAsync();
        var ids = await app.QueryAsync(db => db.Customers.Where(c => c.Status == RecordStatus.Active && c.MergedIntoId == null).OrderBy(c => c.Id).Select(c => c.Id).Take(4).ToListAsync());
        var manager = await ClientAsync(Roles.Manager);
        (string Tier, double Score, string Since)[] data = [("Gold", 10, "2023-01-01"), ("Gold", 55.5, "2024-06-30"), ("Silver", 70, "2025-01-01"), ("Silver", -3, "2022-12-31")];
        for (var i = 0; i < ids.Count; i++)
            Assert.Equal(HttpStatusCode.OK, (await manager.PutAsync($"/api/v1/customers/{ids[i]}/custom-fields",
                Json(new Dictionary<string, object> { [tier] = data[i].Tier, [score] = data[i].Score, [since] = data[i].Since }))).StatusCode);

        async Task<long[]> FindAsync(string query)
        {
            var page = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/customers?pageSize=200&sort=id&{query}");
            return page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToArray();
        }
        Assert.Equal([ids[0], ids[1]], await FindAsync($"cf.{tier}=gold"));
        Assert.Equal([ids[1], ids[2]], await FindAsync($"cf.{score}.min=50"));
        Assert.Equal([ids[1]], await FindAsync($"cf.{score}.min=50&cf.{score}.max=60"));
        Assert.Equal([ids[3]], await FindAsync($"cf.{score}.max=0"));
        Assert.Equal([ids[0], ids[1]], await FindAsync($"cf.{since}.min=2023-01-01&cf.{since}.max=2024-12-31"));
        Assert.Equal([ids[2]], await FindAsync($"cf.{tier}=Silver&cf.{since}.min=2024-01-01"));
        var item = (await manager.GetFromJsonAsync<JsonElement>($"/api/v1/customers?cf.{tier}=gold&sort=id")).GetProperty("items")[1];
        Assert.Equal(55.5, item.GetProperty("customFields").GetProperty(score).GetDouble());

        var bad = await ErrorsAsync(await manager.GetAsync($"/api/v1/customers?cf.{score}.min=lots&cf.unknown_{_tag}=1&cf.{tier}.min=1"));
        Assert.Contains("not a number", bad.GetProperty($"cf.{score}")[0].GetString());
        Assert.Contains("not a custom field", bad.GetProperty($"cf.unknown_{_tag}")[0].GetString());
        Assert.Equal("a range needs a number or date field", bad.GetProperty($"cf.{tier}")[0].GetString());
    }

    [Fact]
    public async Task An_import_maps_a_custom_column_and_rejects_a_bad_value_naming_the_field()
    {
        var (tier, score, _, _) = await DefineCustomerFieldsAsync();
        var manager = await ClientAsync(Roles.Manager);
        // "Score TAG" is the field's label: suggested by itself; the tier column is mapped explicitly.
        var csv = $"Customer ID,First name,Last name,Email,Score {_tag},Level\n" +
                  $"CF{_tag}-1,Ida,Field{_tag},ida.{_tag}@example.com,12.5,gold\n" +
                  $"CF{_tag}-2,Bob,Field{_tag},bob.{_tag}@example.com,\"12,5\",silver\n" +
                  $"CF{_tag}-3,Cy,Field{_tag},cy.{_tag}@example.com,,Bronze\n";
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "custom.csv" } };
        var response = await manager.PostAsync($"/api/v1/imports/customers?source=cf-{_tag}&map=Level%3Dcustom.{tier}", form);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using var json = JsonDocument.Parse(body);
        Assert.Equal(1, json.RootElement.GetProperty("rowsLoaded").GetInt64());
        var batch = json.RootElement.GetProperty("batchId").GetInt64();
        var rejects = (await manager.GetStringAsync($"/api/v1/imports/{batch}/rejects")).Replace("\r\n", "\n");
        Assert.Contains($"3,custom.{score},\"\"\"12,5\"\" is not a number", rejects);
        Assert.Contains($"4,custom.{tier},\"\"\"Bronze\"\" is not one of Gold, Silver", rejects);

        var ida = await app.QueryAsync(db => db.Customers.Where(c => c.ExternalId == $"CF{_tag}-1").Select(c => c.Id).SingleAsync());
        var values = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{ida}/custom-fields");
        Assert.Equal(12.5, values.GetProperty(score).GetDouble());
        Assert.Equal("Gold", values.GetProperty(tier).GetString());

        // Undoing the batch takes its customers' values with them.
        Assert.Equal(HttpStatusCode.OK, (await manager.PostAsync($"/api/v1/imports/{batch}/undo", null)).StatusCode);
        Assert.Equal(0, await app.QueryAsync(db => db.CustomFieldValues.CountAsync(v => v.EntityType == CustomFieldEntity.Customer && v.EntityId == ida)));
    }
}
