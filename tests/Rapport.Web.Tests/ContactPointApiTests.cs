using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rapport.Core.Domain;

namespace Rapport.Web.Tests;

/// <summary>/api/v1/customers/{id}/contact-points and /consents: validation naming the field, normalisation, masking, audit, append-only consent.</summary>
[Collection(RapportAppCollection.Name)]
public sealed class ContactPointApiTests(RapportAppFixture app)
{
    private readonly ApiTestClients _clients = new(app);

    private async Task<long> NewCustomerAsync(HttpClient client, string country = "GB")
    {
        var created = await client.PostAsJsonAsync("/api/v1/customers", new { firstName = "Cora", lastName = $"Point{Guid.NewGuid():N}"[..14], country });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    private static async Task<JsonElement> ErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").Clone();
    }

    [Fact]
    public async Task Contact_points_are_validated_normalised_masked_and_audited()
    {
        var sales = await _clients.AsAsync(Roles.Sales);
        var id = await NewCustomerAsync(sales);
        var url = $"/api/v1/customers/{id}/contact-points";

        var email = await sales.PostAsJsonAsync(url, new { kind = "email", value = "  Cora.Point@Example.COM ", isPrimary = true });
        Assert.Equal(HttpStatusCode.Created, email.StatusCode);
        var emailJson = await email.Content.ReadFromJsonAsync<JsonElement>();
        var emailId = emailJson.GetProperty("id").GetInt64();
        Assert.Equal($"{url}/{emailId}", email.Headers.Location?.OriginalString);
        Assert.Equal("cora.point@example.com", emailJson.GetProperty("normalizedValue").GetString());
        // A national number is normalised with the customer's country (GB), as the import does.
        var phone = await (await sales.PostAsJsonAsync(url, new { kind = "Phone", value = "07700 900123", label = "mobile", isPrimary = true })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("447700900123", phone.GetProperty("normalizedValue").GetString());

        var bad = await ErrorsAsync(await sales.PostAsJsonAsync(url, new { kind = "fax", value = "1" }));
        Assert.Contains("Email", bad.GetProperty("kind")[0].GetString());
        Assert.Equal("not an e-mail address", (await ErrorsAsync(await sales.PostAsJsonAsync(url, new { kind = "email", value = "cora at example" }))).GetProperty("value")[0].GetString());
        Assert.Contains("not a phone number", (await ErrorsAsync(await sales.PostAsJsonAsync(url, new { kind = "phone", value = "12-ab" }))).GetProperty("value")[0].GetString());
        Assert.True((await ErrorsAsync(await sales.PostAsJsonAsync(url, new { kind = "address" }))).TryGetProperty("value", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await sales.PostAsJsonAsync("/api/v1/customers/987654321/contact-points", new { kind = "email", value = "x@example.com" })).StatusCode);

        // A second primary e-mail demotes the first; PUT replaces the point.
        var second = await (await sales.PostAsJsonAsync(url, new { kind = "email", value = "cora@work.example", isPrimary = true })).Content.ReadFromJsonAsync<JsonElement>();
        var put = await sales.PutAsJsonAsync($"{url}/{emailId}", new { kind = "email", value = "cora.private@example.com", label = "home" });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var list = await sales.GetFromJsonAsync<JsonElement>(url);
        Assert.Equal(3, list.GetArrayLength());
        var emails = list.EnumerateArray().Where(p => p.GetProperty("kind").GetString() == "Email").ToList();
        Assert.Single(emails, p => p.GetProperty("isPrimary").GetBoolean());
        Assert.Equal(second.GetProperty("id").GetInt64(), emails.Single(p => p.GetProperty("isPrimary").GetBoolean()).GetProperty("id").GetInt64());
        Assert.Contains(emails, p => p.GetProperty("value").GetString() == "cora.private@example.com" && p.GetProperty("label").GetString() == "home");

        // Without personal-data.read the values are masked; without customers.write nothing can be changed.
        var marketing = await _clients.AsAsync(Roles.Marketing);
        var masked = await marketing.GetFromJsonAsync<JsonElement>(url);
        Assert.All(masked.EnumerateArray(), p => Assert.Contains("***", p.GetProperty("value").GetString()));
        Assert.DoesNotContain("cora.private@example.com", masked.GetRawText());
        Assert.Equal(HttpStatusCode.Forbidden, (await marketing.PostAsJsonAsync(url, new { kind = "email", value = "m@example.com" })).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await sales.DeleteAsync($"{url}/{emailId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await sales.DeleteAsync($"{url}/{emailId}")).StatusCode);
        Assert.Equal(2, (await sales.GetFromJsonAsync<JsonElement>(url)).GetArrayLength());
        // Every change went through the audit hook.
        var key = emailId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var actions = await app.QueryAsync(db => db.AuditEntries.Where(a => a.EntityType == nameof(ContactPoint) && a.EntityId == key).Select(a => a.Action).ToListAsync());
        Assert.Contains(AuditAction.Create, actions);
        Assert.Contains(AuditAction.Update, actions);
        Assert.Contains(AuditAction.Delete, actions);
    }

    [Fact]
    public async Task Consent_is_an_append_only_history_with_the_latest_decision_in_force()
    {
        var sales = await _clients.AsAsync(Roles.Sales);
        var id = await NewCustomerAsync(sales);
        var url = $"/api/v1/customers/{id}/consents";
        Assert.Equal(HttpStatusCode.Created, (await sales.PostAsJsonAsync(url, new { channel = "email", purpose = "marketing", status = "granted", source = "web form" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await sales.PostAsJsonAsync(url, new { channel = "sms", purpose = "marketing", status = "granted", source = "call" })).StatusCode);
        var withdrawn = await sales.PostAsJsonAsync(url, new { channel = "Email", purpose = "Marketing", status = "Withdrawn", source = "unsubscribe link" });
        Assert.Equal(HttpStatusCode.Created, withdrawn.StatusCode);
        Assert.Equal("Withdrawn", (await withdrawn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());

        var consents = await sales.GetFromJsonAsync<JsonElement>(url);
        var history = consents.GetProperty("history");
        Assert.Equal(3, history.GetArrayLength());
        Assert.Equal("unsubscribe link", history[0].GetProperty("source").GetString()); // newest first
        var current = consents.GetProperty("current").EnumerateArray().ToDictionary(c => c.GetProperty("channel").GetString()!, c => c.GetProperty("status").GetString());
        Assert.Equal(new Dictionary<string, string?> { ["Email"] = "Withdrawn", ["Sms"] = "Granted" }, current);

        var bad = await ErrorsAsync(await sales.PostAsJsonAsync(url, new { channel = "pigeon", purpose = "1", status = "maybe" }));
        Assert.Equal(["channel", "purpose", "source", "status"], bad.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await sales.GetAsync("/api/v1/customers/987654321/consents")).StatusCode);
        var marketing = await _clients.AsAsync(Roles.Marketing);
        Assert.Equal(HttpStatusCode.OK, (await marketing.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await marketing.PostAsJsonAsync(url, new { channel = "email", purpose = "marketing", status = "granted", source = "x" })).StatusCode);
        Assert.Equal(3, await app.QueryAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == nameof(Consent) && a.Action == AuditAction.Create
            && db.Consents.Any(c => c.CustomerId == id && c.Id.ToString() == a.EntityId))));
    }
}
