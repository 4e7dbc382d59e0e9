using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Core.Domain;
using Rapport.Core.Security;
using Rapport.Data;
using Rapport.Data.Security;
using Rapport.Web.Features.Insights;

namespace Rapport.Web.Tests;

/// <summary>
/// What leaves the system in files: analysts get scores under keyed pseudonyms only; import rejects are masked for a
/// caller without personal-data.read (the customer export's masking is in <see cref="ApiResourceTests"/>).
/// </summary>
[Collection(RapportAppCollection.Name)]
public sealed class ExportPrivacyTests(RapportAppFixture app)
{
    private readonly ApiTestClients _clients = new(app);

    private async Task<HttpClient> ScopedAsync(params string[] scopes)
    {
        await using var scope = app.App.Services.CreateAsyncScope();
        var (token, _) = await scope.ServiceProvider.GetRequiredService<ApiTokenService>().CreateAsync("admin", "export test", scopes, TimeSpan.FromHours(1), DateTime.UtcNow);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [Fact]
    public async Task Analysts_export_scores_under_stable_keyed_pseudonyms_with_no_ids_names_or_contacts()
    {
        // Scores for three known customers, whatever the insights job has stored so far.
        long[] ids = [1, 2, 3];
        await using (var scope = app.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RapportDb>();
            foreach (var id in ids)
                db.CustomerInsights.Add(new CustomerInsight { CustomerId = id, Kind = InsightKinds.ChurnRisk, Value = 0.25 + id / 100.0, ModelVersion = "test", ComputedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }
        var analyst = await _clients.AsAsync(Roles.Analyst);
        var response = await analyst.GetAsync("/api/v1/insights/export");
        var csv = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, csv);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = csv.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n');
        Assert.Equal(PseudonymousInsightsExport.Header, lines[0]);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.True(rows.Count >= ids.Length);
        Assert.All(rows, r => Assert.Matches("^p_[0-9a-f]{32}$", r[0]));
        Assert.Equal(rows.Count, rows.Select(r => r[0]).Distinct().Count());

        // The pseudonym is the keyed hash of the id: present for the customers above, and the same in the next export.
        var key = await app.QueryAsync(db => SecretKeys.FindAsync(db, SecretKeys.Pseudonyms));
        Assert.NotNull(key);
        foreach (var id in ids) Assert.Contains(rows, r => r[0] == PseudonymousInsightsExport.Pseudonym(key, id));
        Assert.Equal(csv, await analyst.GetStringAsync("/api/v1/insights/export"));

        // Nothing that names or reaches a person: no e-mail at all, no cell equal to an id, external id or name.
        Assert.DoesNotContain("@", csv, StringComparison.Ordinal);
        var people = await app.QueryAsync(db => db.Customers.AsNoTracking().Select(c => new { c.Id, c.ExternalId, c.FirstName, c.LastName }).ToListAsync());
        var identifying = people.SelectMany(p => new[] { p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), p.ExternalId, p.FirstName, p.LastName, $"{p.FirstName} {p.LastName}" })
            .Where(v => !string.IsNullOrEmpty(v)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.All(rows, r => { Assert.DoesNotContain(r[0], identifying); Assert.DoesNotContain(r[2], identifying); });
        var emails = await app.QueryAsync(db => db.ContactPoints.Where(c => c.Kind == ContactKind.Email).Select(c => c.Value).Take(50).ToListAsync());
        Assert.All(emails, e => Assert.DoesNotContain(e, csv, StringComparison.OrdinalIgnoreCase));

        // Only analytics.run reaches it: a Sales user (customer records, no analytics) is refused.
        var sales = await _clients.AsAsync(Roles.Sales);
        Assert.Equal(HttpStatusCode.Forbidden, (await sales.GetAsync("/api/v1/insights/export")).StatusCode);
    }

    [Fact]
    public async Task Import_rejects_are_masked_for_a_caller_without_personal_data_read()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var csv = "external_id,first_name,last_name,email\n" +
                  $"{tag}-1,Grace,Hopper{tag},grace.{tag}@example.com\n" +
                  $"{tag}-2,Ada,Lovelace{tag},not-an-email-{tag}\n";
        var full = await ScopedAsync(Permissions.CustomersWrite, Permissions.PersonalDataRead);
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", $"people-{tag}.csv" } };
        var response = await full.PostAsync($"/api/v1/imports/customers?source=mask-{tag}", form);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using var json = JsonDocument.Parse(body);
        var batch = json.RootElement.GetProperty("batchId").GetInt64();
        Assert.True(json.RootElement.GetProperty("rowsRejected").GetInt64() >= 1, body);

        Assert.Contains($"Lovelace{tag}", await full.GetStringAsync($"/api/v1/imports/{batch}/rejects"), StringComparison.Ordinal);
        var writeOnly = await ScopedAsync(Permissions.CustomersWrite);
        var masked = await writeOnly.GetStringAsync($"/api/v1/imports/{batch}/rejects");
        Assert.StartsWith("row,field,reason,raw", masked, StringComparison.Ordinal);
        Assert.DoesNotContain($"Lovelace{tag}", masked, StringComparison.Ordinal);
        Assert.Contains(PersonalDataMask.Hidden, masked, StringComparison.Ordinal);
    }
}
