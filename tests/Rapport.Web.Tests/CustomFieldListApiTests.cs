using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Core.Domain;
using Rapport.Data.CustomFields;

namespace Rapport.Web.Tests;

/// <summary>
/// Custom fields on the company and deal lists (cf.* filters and values, as the customer list has them), company imports
/// with custom.KEY columns, and fields flagged as personal data masked for roles without personal-data.read.
/// </summary>
[Collection(RapportAppCollection.Name)]
public sealed class CustomFieldListApiTests(RapportAppFixture app)
{
    private readonly ApiTestClients _clients = new(app);
    private readonly string _tag = Guid.NewGuid().ToString("N")[..6];

    private async Task DefineAsync(CustomFieldEntity entity, string key, CustomFieldType type, bool personal = false, params string[] options)
    {
        await using var scope = app.App.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<CustomFieldStore>();
        Assert.Empty(await store.SaveDefinitionAsync(new CustomFieldDefinition
        {
            EntityType = entity, Key = key, Label = $"{key} label", Type = type, Options = [.. options], HoldsPersonalData = personal,
        }));
    }

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    private static async Task<JsonElement> ErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").Clone();
    }

    private static long[] Ids(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToArray();

    [Fact]
    public async Task The_company_list_filters_by_custom_fields_and_shows_their_values()
    {
        string size = $"size_{_tag}", tier = $"tier_{_tag}";
        await DefineAsync(CustomFieldEntity.Company, size, CustomFieldType.Number);
        await DefineAsync(CustomFieldEntity.Company, tier, CustomFieldType.Choice, false, "Key", "Other");
        var ids = await app.QueryAsync(db => db.Companies.OrderBy(c => c.Id).Select(c => c.Id).Take(3).ToListAsync());
        var manager = await _clients.AsAsync(Roles.Manager);
        (double Size, string Tier)[] data = [(10, "Key"), (500, "Key"), (900, "Other")];
        for (var i = 0; i < ids.Count; i++)
            Assert.Equal(HttpStatusCode.OK, (await manager.PutAsync($"/api/v1/companies/{ids[i]}/custom-fields",
                Json(new Dictionary<string, object> { [size] = data[i].Size, [tier] = data[i].Tier }))).StatusCode);

        async Task<JsonElement> ListAsync(string query) => await manager.GetFromJsonAsync<JsonElement>($"/api/v1/companies?pageSize=200&sort=id&{query}");
        Assert.Equal([ids[0], ids[1]], Ids(await ListAsync($"cf.{tier}=key")));
        Assert.Equal([ids[1], ids[2]], Ids(await ListAsync($"cf.{size}.min=100")));
        var page = await ListAsync($"cf.{tier}=Key&cf.{size}.max=100");
        Assert.Equal([ids[0]], Ids(page));
        var values = page.GetProperty("items")[0].GetProperty("customFields");
        Assert.Equal(10, values.GetProperty(size).GetDouble());
        Assert.Equal("Key", values.GetProperty(tier).GetString());

        var bad = await ErrorsAsync(await manager.GetAsync($"/api/v1/companies?cf.{size}.min=big&cf.{tier}.max=2&cf.nope_{_tag}=1"));
        Assert.Contains("not a number", bad.GetProperty($"cf.{size}")[0].GetString());
        Assert.Equal("a range needs a number or date field", bad.GetProperty($"cf.{tier}")[0].GetString());
        Assert.Contains("not a custom field of companies", bad.GetProperty($"cf.nope_{_tag}")[0].GetString());
    }

    [Fact]
    public async Task The_deal_list_filters_by_custom_fields_and_shows_their_values()
    {
        var closes = $"closes_{_tag}";
        await DefineAsync(CustomFieldEntity.Deal, closes, CustomFieldType.Date);
        var ids = await app.QueryAsync(db => db.Deals.OrderBy(d => d.Id).Select(d => d.Id).Take(2).ToListAsync());
        // The demo's deals belong to the demo's sales staff: a manager sees them all (record scope).
        var sales = await _clients.AsAsync(Roles.Manager);
        Assert.Equal(HttpStatusCode.OK, (await sales.PatchAsync($"/api/v1/deals/{ids[0]}/custom-fields", Json(new Dictionary<string, object> { [closes] = "2027-01-15" }))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await sales.PatchAsync($"/api/v1/deals/{ids[1]}/custom-fields", Json(new Dictionary<string, object> { [closes] = "2027-06-30" }))).StatusCode);

        var page = await sales.GetFromJsonAsync<JsonElement>($"/api/v1/deals?pageSize=200&sort=-newest&cf.{closes}.min=2027-01-01&cf.{closes}.max=2027-03-31");
        Assert.Equal([ids[0]], Ids(page));
        Assert.Equal("2027-01-15", page.GetProperty("items")[0].GetProperty("customFields").GetProperty(closes).GetString());
        Assert.Equal([ids[1]], Ids(await sales.GetFromJsonAsync<JsonElement>($"/api/v1/deals?pageSize=200&cf.{closes}=2027-06-30")));

        var bad = await ErrorsAsync(await sales.GetAsync($"/api/v1/deals?cf.{closes}.min=30.06.2027"));
        Assert.Contains("yyyy-MM-dd", bad.GetProperty($"cf.{closes}")[0].GetString());
    }

    [Fact]
    public async Task A_company_import_maps_custom_columns_and_names_the_field_of_a_bad_value()
    {
        string seats = $"seats_{_tag}", plan = $"plan_{_tag}";
        await DefineAsync(CustomFieldEntity.Company, seats, CustomFieldType.Number);
        await DefineAsync(CustomFieldEntity.Company, plan, CustomFieldType.Choice, false, "Basic", "Pro");
        var manager = await _clients.AsAsync(Roles.Manager);
        // "seats_TAG label" is the field's label: suggested by itself; the plan column is mapped explicitly.
        var csv = $"name,industry,{seats} label,Plan\n" +
                  $"Good {_tag},Tools,25,pro\n" +
                  $"Bad seats {_tag},Tools,many,Basic\n" +
                  $"Bad plan {_tag},Tools,3,Gold\n";
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "companies.csv" } };
        var response = await manager.PostAsync($"/api/v1/imports?kind=companies&source=cfc-{_tag}&map=Plan%3Dcustom.{plan}", form);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using var json = JsonDocument.Parse(body);
        Assert.Equal(1, json.RootElement.GetProperty("rowsLoaded").GetInt64());
        var batch = json.RootElement.GetProperty("batchId").GetInt64();
        var rejects = (await manager.GetStringAsync($"/api/v1/imports/{batch}/rejects")).Replace("\r\n", "\n");
        Assert.Contains($"3,custom.{seats},\"\"\"many\"\" is not a number", rejects);
        Assert.Contains($"4,custom.{plan},\"\"\"Gold\"\" is not one of Basic, Pro", rejects);

        var company = await app.QueryAsync(db => db.Companies.Where(c => c.Name == $"Good {_tag}").Select(c => c.Id).SingleAsync());
        var values = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/companies/{company}/custom-fields");
        Assert.Equal(25, values.GetProperty(seats).GetDouble());
        Assert.Equal("Pro", values.GetProperty(plan).GetString());
        // Undoing the batch takes its companies' values with them.
        Assert.Equal(HttpStatusCode.OK, (await manager.PostAsync($"/api/v1/imports/{batch}/undo", null)).StatusCode);
        Assert.Equal(0, await app.QueryAsync(db => db.CustomFieldValues.CountAsync(v => v.EntityType == CustomFieldEntity.Company && v.EntityId == company)));
    }

    [Fact]
    public async Task Values_of_personal_fields_are_masked_for_roles_without_personal_data_read()
    {
        string card = $"card_{_tag}", visits = $"visits_{_tag}";
        await DefineAsync(CustomFieldEntity.Customer, card, CustomFieldType.Text, personal: true);
        await DefineAsync(CustomFieldEntity.Customer, visits, CustomFieldType.Number);
        var id = await app.QueryAsync(db => db.Customers.Where(c => c.Status == RecordStatus.Active && c.MergedIntoId == null).OrderByDescending(c => c.Id).Select(c => c.Id).FirstAsync());
        var manager = await _clients.AsAsync(Roles.Manager);
        Assert.Equal(HttpStatusCode.OK, (await manager.PatchAsync($"/api/v1/customers/{id}/custom-fields",
            Json(new Dictionary<string, object> { [card] = "Loyal Member 4711", [visits] = 12 }))).StatusCode);

        var definitions = await manager.GetFromJsonAsync<JsonElement>("/api/v1/custom-fields?entityType=customer");
        Assert.True(definitions.EnumerateArray().Single(d => d.GetProperty("key").GetString() == card).GetProperty("holdsPersonalData").GetBoolean());

        // Marketing reads customers but not personal data: the flagged value is masked everywhere, the other one is not.
        var marketing = await _clients.AsAsync(Roles.Marketing);
        var own = await marketing.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{id}/custom-fields");
        Assert.Equal("L***", own.GetProperty(card).GetString());
        Assert.Equal(12, own.GetProperty(visits).GetDouble());
        var detail = await marketing.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{id}");
        Assert.Equal("L***", detail.GetProperty("customFields").GetProperty(card).GetString());
        var list = await marketing.GetFromJsonAsync<JsonElement>($"/api/v1/customers?cf.{visits}=12&sort=id");
        Assert.Equal("L***", list.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetInt64() == id).GetProperty("customFields").GetProperty(card).GetString());
        var csv = await marketing.GetStringAsync($"/api/v1/customers/export.csv?cf.{visits}=12");
        Assert.Contains($"cf.{card}", csv);
        Assert.Contains("L***", csv);
        Assert.DoesNotContain("Loyal Member 4711", csv);

        // A role with personal-data.read sees the value.
        Assert.Equal("Loyal Member 4711", (await manager.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{id}/custom-fields")).GetProperty(card).GetString());
        Assert.Contains("Loyal Member 4711", await manager.GetStringAsync($"/api/v1/customers/export.csv?cf.{visits}=12"));
    }
}
