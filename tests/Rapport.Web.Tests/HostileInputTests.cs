using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rapport.Core.Domain;

namespace Rapport.Web.Tests;

/// <summary>
/// The hostile-input suite for the API and the import: SQL injection in parameters and stored fields, script tags,
/// oversized and malformed bodies, CSV formula injection in every CSV export. (A traversing upload name,
/// <c>../../etc/passwd.csv</c>, is covered in <see cref="ApiResourceTests"/>: it is kept as "passwd.csv", never used as a path.)
/// </summary>
[Collection(RapportAppCollection.Name)]
public sealed class HostileInputTests(RapportAppFixture app)
{
    private readonly ApiTestClients _clients = new(app);

    private const string Injection = "x' OR '1'='1'; DROP TABLE customers; --";
    private const string Script = "<script>alert('rapport')</script>";

    [Fact]
    public async Task Sql_injection_in_search_filter_and_sort_parameters_is_inert()
    {
        var manager = await _clients.AsAsync(Roles.Manager);
        var before = await app.QueryAsync(db => db.Customers.CountAsync());
        var escaped = Uri.EscapeDataString(Injection);
        foreach (var list in new[] { "customers", "companies", "products", "orders", "deals" })
        {
            var search = await manager.GetAsync($"/api/v1/{list}?search={escaped}");
            Assert.True(search.StatusCode == HttpStatusCode.OK, $"{list}: {(int)search.StatusCode}");
            var sort = await manager.GetAsync($"/api/v1/{list}?sort={escaped}");
            Assert.True(sort.StatusCode == HttpStatusCode.BadRequest, $"{list} sort: {(int)sort.StatusCode}");
            Assert.Contains("sort", await sort.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        using (var found = JsonDocument.Parse(await manager.GetStringAsync($"/api/v1/customers?search={escaped}")))
            Assert.Equal(0, found.RootElement.GetProperty("total").GetInt64());
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync($"/api/v1/customers?segment={escaped}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await manager.GetAsync($"/api/v1/customers?minChurnRisk={escaped}")).StatusCode);
        Assert.Equal(before, await app.QueryAsync(db => db.Customers.CountAsync()));
    }

    [Fact]
    public async Task Injection_and_script_text_in_stored_fields_is_kept_exactly_as_given()
    {
        var manager = await _clients.AsAsync(Roles.Manager);
        var before = await app.QueryAsync(db => db.Customers.CountAsync());
        var created = await manager.PostAsJsonAsync("/api/v1/customers", new { firstName = Script, lastName = Injection, jobTitle = "=1+1" });
        var body = await created.Content.ReadAsStringAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Created, body);
        var id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetInt64();
        var stored = await app.QueryAsync(db => db.Customers.AsNoTracking().SingleAsync(c => c.Id == id));
        Assert.Equal((Script, Injection, "=1+1"), (stored.FirstName, stored.LastName, stored.JobTitle));
        using var read = JsonDocument.Parse(await manager.GetStringAsync($"/api/v1/customers/{id}"));
        Assert.Equal(Script, read.RootElement.GetProperty("firstName").GetString());
        Assert.Equal(Injection, read.RootElement.GetProperty("lastName").GetString());
        Assert.Equal(before + 1, await app.QueryAsync(db => db.Customers.CountAsync()));

        // The CSV export neutralises a cell a spreadsheet would run as a formula.
        var csv = await manager.GetStringAsync($"/api/v1/customers/export.csv?search={Uri.EscapeDataString(Injection[..5])}");
        Assert.DoesNotContain(",=", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Formula_cells_are_neutralised_in_every_csv_export()
    {
        var manager = await _clients.AsAsync(Roles.Manager);
        var tag = Guid.NewGuid().ToString("N")[..8];
        string[] formulas = ["=HYPERLINK(\"http://evil\")", "+SUM(1)", "-2+3", "@cmd", "\tTAB", "\rCR"];
        var created = await manager.PostAsJsonAsync("/api/v1/customers", new { firstName = formulas[0], lastName = $"Zz{tag}" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var export = await manager.GetStringAsync($"/api/v1/customers/export.csv?search=Zz{tag}");
        Assert.Contains("'=HYPERLINK", export, StringComparison.Ordinal);

        // Import rejects carry the raw rows back out: each formula-like cell is prefixed.
        var rows = string.Join("\n", formulas.Select((f, i) => $"{tag}-{i},{f.Replace("\"", "", StringComparison.Ordinal)},Last,not-an-email"));
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes("external_id,first_name,last_name,email\n" + rows + "\n")), "file", "f.csv" } };
        var upload = await manager.PostAsync($"/api/v1/imports/customers?source=formula-{tag}", form);
        var uploaded = await upload.Content.ReadAsStringAsync();
        Assert.True(upload.StatusCode == HttpStatusCode.OK, uploaded);
        var batch = JsonDocument.Parse(uploaded).RootElement.GetProperty("batchId").GetInt64();
        var rejects = await manager.GetStringAsync($"/api/v1/imports/{batch}/rejects");
        foreach (var line in rejects.Split('\n').Skip(1).Where(l => l.Length > 0))
            foreach (var cell in line.Split(',').Select(c => c.TrimStart('"')))
                Assert.False(cell.Length > 0 && cell[0] is '=' or '+' or '@' or '\t' or '\r', $"unneutralised cell {cell} in {line}");
        Assert.Contains("'=HYPERLINK", rejects, StringComparison.Ordinal);
        Assert.Contains("'@cmd", rejects, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Oversized_and_malformed_bodies_get_a_clear_4xx()
    {
        var manager = await _clients.AsAsync(Roles.Manager);
        var huge = "{\"lastName\":\"" + new string('a', 2 * 1024 * 1024) + "\"}";
        var tooBig = await manager.PostAsync("/api/v1/customers", new StringContent(huge, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig.StatusCode);

        foreach (var malformed in new[] { "{", "{\"lastName\": }", "[1,2", "{\"lastName\":\"x\"} trailing", "\u0000" })
        {
            var response = await manager.PostAsync("/api/v1/customers", new StringContent(malformed, Encoding.UTF8, "application/json"));
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{malformed}: {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            // The answer says why, not only "Bad Request".
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Contains("JSON", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        // A wrong type names the field's path.
        var wrongType = await manager.PostAsync("/api/v1/customers", new StringContent("{\"lastName\": 42}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        Assert.Contains("$.lastName", (await wrongType.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        // A long but legal value is refused by field, not by size.
        var longName = await manager.PostAsJsonAsync("/api/v1/customers", new { lastName = new string('a', 5000) });
        Assert.Equal(HttpStatusCode.BadRequest, longName.StatusCode);
        Assert.Contains("lastName", await longName.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
