using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Core.Domain;
using Rapport.Web.Account;

namespace Rapport.Web.Tests;

/// <summary>The REST API's fixed points: password → token, the customer list and 360 view, and file imports.</summary>
[Collection(RapportAppCollection.Name)]
public sealed class ApiResourceTests(RapportAppFixture app)
{
    private const string Password = "Api-Test-Password-42!";

    private async Task<string> UserAsync(string role)
    {
        var name = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}"[..20];
        await using var scope = app.App.Services.CreateAsyncScope();
        await UserAccounts.CreateAsync(scope.ServiceProvider, name, Password, role);
        return name;
    }

    private async Task<HttpResponseMessage> PostTokenAsync(string body)
    {
        using var client = app.CreateClient();
        return await client.PostAsync("/api/v1/auth/token", new StringContent(body, Encoding.UTF8, "application/json"));
    }

    private async Task<string> TokenAsync(string role)
    {
        var user = await UserAsync(role);
        var response = await PostTokenAsync(JsonSerializer.Serialize(new { userName = user, password = Password }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(json.RootElement.GetProperty("expiresAt").GetDateTime() > DateTime.UtcNow.AddHours(7));
        return json.RootElement.GetProperty("token").GetString()!;
    }

    private HttpClient Client(string token)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [Fact]
    public async Task A_password_buys_a_token_and_bad_requests_are_named()
    {
        var user = await UserAsync(Roles.Sales);
        var wrong = await PostTokenAsync(JsonSerializer.Serialize(new { userName = user, password = "nope" }));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("application/problem+json", wrong.Content.Headers.ContentType?.MediaType);

        var missing = await PostTokenAsync("{\"userName\":\"\"}");
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var problem = await missing.Content.ReadAsStringAsync();
        Assert.Contains("\"userName\"", problem, StringComparison.Ordinal);
        Assert.Contains("\"password\"", problem, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.BadRequest, (await PostTokenAsync("{not json")).StatusCode);
    }

    [Fact]
    public async Task The_customer_list_pages_searches_masks_and_validates()
    {
        // A manager: Sales users see only their own and their team's records (RecordScopeTests).
        var manager = Client(await TokenAsync(Roles.Manager));
        var active = await app.QueryAsync(db => db.Customers.CountAsync(c => c.Status == RecordStatus.Active && c.MergedIntoId == null));
        using var page = JsonDocument.Parse(await manager.GetStringAsync("/api/v1/customers?page=2&pageSize=10&sort=id"));
        Assert.Equal(active, page.RootElement.GetProperty("total").GetInt32());
        var items = page.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(10, items.Count);
        Assert.Equal(Enumerable.Range(11, 10).Select(i => (long)i), items.Select(i => i.GetProperty("id").GetInt64()));

        var email = await app.QueryAsync(db => db.ContactPoints.Where(p => p.Kind == ContactKind.Email && p.CustomerId == 5).Select(p => p.Value).FirstAsync());
        using var found = JsonDocument.Parse(await manager.GetStringAsync($"/api/v1/customers?search={Uri.EscapeDataString(email.ToUpperInvariant())}"));
        Assert.Equal(5, found.RootElement.GetProperty("items")[0].GetProperty("id").GetInt64());
        Assert.Equal(email, found.RootElement.GetProperty("items")[0].GetProperty("email").GetString());

        var marketing = Client(await TokenAsync(Roles.Marketing));
        using var masked = JsonDocument.Parse(await marketing.GetStringAsync($"/api/v1/customers?search={Uri.EscapeDataString(email)}"));
        Assert.True(masked.RootElement.GetProperty("masked").GetBoolean());
        Assert.Contains("***", masked.RootElement.GetProperty("items")[0].GetProperty("email").GetString(), StringComparison.Ordinal);

        var tooBig = await manager.GetAsync("/api/v1/customers?pageSize=5000");
        Assert.Equal(HttpStatusCode.BadRequest, tooBig.StatusCode);
        Assert.Contains("pageSize", await tooBig.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var analyst = Client(await TokenAsync(Roles.Analyst));
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.GetAsync("/api/v1/customers")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync("/api/v1/customers/999999999")).StatusCode);

        using var one = JsonDocument.Parse(await manager.GetStringAsync("/api/v1/customers/5"));
        Assert.Equal(JsonValueKind.Object, one.RootElement.GetProperty("insights").ValueKind);
    }

    [Fact]
    public async Task The_customer_export_is_masked_by_role_and_safe_for_spreadsheets()
    {
        var manager = Client(await TokenAsync(Roles.Manager));
        var tag = Guid.NewGuid().ToString("N")[..8];
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(Encoding.UTF8.GetBytes($"external_id,first_name,last_name,email\nX{tag},\"=HYPERLINK(\"\"http://evil\"\")\",Export{tag},x.{tag}@example.com\n")), "file", "c.csv" },
        };
        Assert.Equal(HttpStatusCode.OK, (await manager.PostAsync($"/api/v1/imports/customers?source=export-{tag}", form)).StatusCode);

        var csv = await manager.GetStringAsync($"/api/v1/customers/export.csv?search=x.{tag}@example.com");
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        // The fixed columns, then one cf.KEY column per customer custom field (other tests define some).
        Assert.Matches("^id,name,email,phone,country,source,segment,churn_risk,clv(,cf\\.[A-Za-z0-9_]+)*$", lines[0].TrimEnd('\r'));
        Assert.Equal(2, lines.Length);
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil\"\") Export" + tag + "\"", lines[1], StringComparison.Ordinal);
        Assert.Contains($"x.{tag}@example.com", lines[1], StringComparison.Ordinal);
        Assert.True(await app.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.Action == AuditAction.Export && a.Changes!.Contains(tag))));

        var marketing = Client(await TokenAsync(Roles.Marketing));
        var masked = await marketing.GetStringAsync($"/api/v1/customers/export.csv?search=x.{tag}@example.com");
        Assert.DoesNotContain($"x.{tag}@example.com", masked, StringComparison.Ordinal);
        Assert.Contains("x***@example.com", masked, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_uploaded_file_imports_as_a_batch_with_downloadable_rejects_and_can_be_undone()
    {
        var client = Client(await TokenAsync(Roles.Manager));
        var tag = Guid.NewGuid().ToString("N")[..8];
        var csv = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n" +
                  $"{tag}1,{tag}-A,Mug,2,2026-01-05 10:00,4.50,{tag}-C1,France\n" +
                  $"{tag}1,{tag}-B,Spoon,1,2026-01-05 10:00,1.20,{tag}-C1,France\n" +
                  $"{tag}2,{tag}-A,Mug,x,2026-01-06 10:00,4.50,{tag}-C2,France\n";
        using var form = new MultipartFormDataContent();
        // A hostile file name is shown as a name only, never used as a path.
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "../../etc/passwd.csv");
        var response = await client.PostAsync($"/api/v1/imports/orders?source=api-{tag}", form);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using var json = JsonDocument.Parse(body);
        Assert.Equal(2, json.RootElement.GetProperty("rowsLoaded").GetInt64());
        Assert.Equal(1, json.RootElement.GetProperty("rejectedByReason").GetProperty("quantity: not a whole number").GetInt64());
        var batch = json.RootElement.GetProperty("batchId").GetInt64();
        Assert.Equal("passwd.csv", await app.QueryAsync(db => db.ImportBatches.Where(b => b.Id == batch).Select(b => b.FileName).SingleAsync()));

        var rejects = await client.GetStringAsync($"/api/v1/imports/{batch}/rejects");
        Assert.StartsWith("row,field,reason,raw\n4,quantity,", rejects.Replace("\r\n", "\n"), StringComparison.Ordinal);

        var unknownKind = await client.PostAsync("/api/v1/imports/spaceships", new MultipartFormDataContent { { new StringContent("a"), "file", "a.csv" } });
        Assert.Equal(HttpStatusCode.BadRequest, unknownKind.StatusCode);
        var noFile = await client.PostAsync("/api/v1/imports/orders", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, noFile.StatusCode);

        var undo = await client.PostAsync($"/api/v1/imports/{batch}/undo", null);
        Assert.Equal(HttpStatusCode.OK, undo.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync($"/api/v1/imports/{batch}/undo", null)).StatusCode);
        Assert.Equal(0, await app.QueryAsync(db => db.Orders.CountAsync(o => o.OrderNumber == tag + "1")));

        var readOnly = Client(await TokenAsync(Roles.ReadOnly));
        Assert.Equal(HttpStatusCode.Forbidden, (await readOnly.GetAsync("/api/v1/imports")).StatusCode);
    }
}
