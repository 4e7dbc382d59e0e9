using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Rapport.Analytics.Marketing;
using Rapport.Core.Domain;
using Rapport.Data;
using Rapport.Data.Privacy;
using Rapport.Web.Features.Marketing;

namespace Rapport.Web.Tests;

/// <summary>
/// /api/v1/campaigns end to end on planted customers whose fate is known: consent, address and frequency cap suppress,
/// the holdout is the deterministic draw, the budget plan is checked by hand, and the send goes through the outbox to
/// the file channel — except to the customer who withdrew consent and the one erased after the audience was drawn.
/// </summary>
[Collection(RapportAppCollection.Name)]
public sealed class MarketingApiTests(RapportAppFixture app)
{
    private readonly ApiTestClients _clients = new(app);

    [Fact]
    public async Task A_campaign_is_created_drawn_optimised_applied_and_sent_through_the_outbox_to_the_file_channel()
    {
        // The audience: 20 who may be sent (order values 10, 20 … 200), and one for each reason not to.
        var sendable = new List<MarketingTestData.Planted>();
        for (var i = 1; i <= 20; i++) sendable.Add(await MarketingTestData.CustomerAsync(app, $"Ana{i}", orderTotal: 10 * i));
        var withdrew = await MarketingTestData.CustomerAsync(app, "Withdrew", consents: [ConsentStatus.Granted, ConsentStatus.Withdrawn], orderTotal: 50);
        var neverAsked = await MarketingTestData.CustomerAsync(app, "Never", consents: [], orderTotal: 50);
        var noEmail = await MarketingTestData.CustomerAsync(app, "NoMail", email: false, orderTotal: 50);
        var capped = await MarketingTestData.CustomerAsync(app, "Capped", orderTotal: 50);
        await app.QueryAsync(async db =>
        {
            // One message from another campaign yesterday: at the cap of 1 per 30 days.
            var other = await db.Campaigns.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
            db.CampaignMembers.Add(new CampaignMember { CampaignId = other, CustomerId = capped.Id, Status = CampaignMemberStatus.Sent, SentAt = DateTime.UtcNow.AddDays(-1) });
            return await db.SaveChangesAsync();
        });
        var segment = await MarketingTestData.SegmentAsync(app, sendable.Select(c => c.Id).Concat([withdrew.Id, neverAsked.Id, noEmail.Id, capped.Id]));
        var marketing = await _clients.AsAsync(Roles.Marketing);

        var created = await marketing.PostAsJsonAsync("/api/v1/campaigns", new
        {
            name = "Spring picks", channel = "email", segmentId = segment, windowDays = 10, costPerContact = 1.0, holdoutFraction = 0.25,
            frequencyCapMessages = 1, frequencyCapDays = 30, subject = "{{first_name}}, spring picks", template = "Hi {{first_name}} <3\n{{recommendations}}",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await Json(created)).GetProperty("id").GetInt64();

        using (var audience = JsonDocument.Parse(await (await marketing.PostAsync($"/api/v1/campaigns/{id}/audience", null)).Content.ReadAsStringAsync()))
        {
            var a = audience.RootElement;
            var held = sendable.Count(c => HoldoutAssignment.IsHoldout(id, c.Id, 0.25));
            Assert.Equal(24, a.GetProperty("targeted").GetInt32());
            Assert.Equal(2, a.GetProperty("suppressedByReason").GetProperty("NoConsent").GetInt32());
            Assert.Equal(1, a.GetProperty("suppressedByReason").GetProperty("NoAddress").GetInt32());
            Assert.Equal(1, a.GetProperty("suppressedByReason").GetProperty("FrequencyCap").GetInt32());
            Assert.Equal(held, a.GetProperty("holdout").GetInt32());
            Assert.Equal(20 - held, a.GetProperty("toSend").GetInt32());
        }
        var toSend = sendable.Where(c => !HoldoutAssignment.IsHoldout(id, c.Id, 0.25)).ToList();
        Assert.True(toSend.Count >= 8, "the draw left too few to send for this test");

        // Budget 5.50 at 1.00 a contact: five contacts. No P(alive) is stored for these customers, so each one's P(response)
        // is the channel's base rate and the best five are the five highest order values.
        var optimized = await marketing.PostAsJsonAsync($"/api/v1/campaigns/{id}/optimize", new { budget = 5.5 });
        Assert.Equal(HttpStatusCode.OK, optimized.StatusCode);
        var plan = await Json(optimized);
        var rate = plan.GetProperty("baseResponseRate").GetDouble();
        Assert.InRange(rate, 0.001, 1);
        var recipients = plan.GetProperty("recipients").EnumerateArray().ToList();
        var expectedIds = toSend.OrderByDescending(c => int.Parse(c.FirstName[3..])).Take(5).Select(c => c.Id).Order().ToList();
        Assert.Equal(expectedIds, recipients.Select(r => r.GetProperty("customerId").GetInt64()).Order().ToList());
        foreach (var r in recipients)
        {
            var planted = toSend.Single(c => c.Id == r.GetProperty("customerId").GetInt64());
            Assert.Equal(10.0 * int.Parse(planted.FirstName[3..]), r.GetProperty("value").GetDouble(), 6);
            Assert.Equal(rate, r.GetProperty("responseProbability").GetDouble(), 5);
            Assert.Equal(1.0, r.GetProperty("cost").GetDouble());
        }
        Assert.Equal(5.0, plan.GetProperty("spent").GetDouble(), 6);
        var revenue = recipients.Sum(r => r.GetProperty("responseProbability").GetDouble() * r.GetProperty("value").GetDouble());
        Assert.Equal(revenue, plan.GetProperty("expectedRevenue").GetDouble(), 4);
        Assert.Equal(revenue - 5, plan.GetProperty("expectedReturn").GetDouble(), 4);
        var curve = plan.GetProperty("curve").EnumerateArray().ToList();
        Assert.Equal(0.0, curve[0].GetProperty("expectedReturn").GetDouble());
        Assert.True(curve.Count > 2);
        Assert.Equal(5.5, plan.GetProperty("budget").GetDouble());

        // Apply: only the five stay to send, the rest are suppressed for budget.
        Assert.Equal(HttpStatusCode.OK, (await marketing.PostAsJsonAsync($"/api/v1/campaigns/{id}/optimize", new { budget = 5.5, apply = true })).StatusCode);
        var pending = await app.QueryAsync(db => db.CampaignMembers.Where(m => m.CampaignId == id && m.Status == CampaignMemberStatus.Pending).Select(m => m.CustomerId).OrderBy(c => c).ToListAsync());
        Assert.Equal(expectedIds, pending);
        Assert.Equal(toSend.Count - 5, await app.QueryAsync(db => db.CampaignMembers.CountAsync(m => m.CampaignId == id && m.SuppressionReason == SuppressionReason.OverBudget)));

        // After the audience was drawn, one chosen recipient withdraws consent and another is erased: neither may be sent.
        var (late, erased) = (expectedIds[0], expectedIds[1]);
        await app.QueryAsync(async db =>
        {
            db.Consents.Add(new Consent { CustomerId = late, Channel = ConsentChannel.Email, Purpose = ConsentPurpose.Marketing, Status = ConsentStatus.Withdrawn, Source = "unsubscribe", RecordedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
        await using (var scope = app.App.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DataSubjectService>().EraseAsync(erased);

        var sent = await marketing.PostAsync($"/api/v1/campaigns/{id}/send", null);
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        Assert.Equal(5, (await Json(sent)).GetProperty("queued").GetInt32());
        Assert.Equal(HttpStatusCode.Conflict, (await marketing.PostAsync($"/api/v1/campaigns/{id}/send", null)).StatusCode);

        // The background sender delivers: wait for the outbox to empty (no fixed sleep; generous limit for a loaded machine).
        JsonElement detail = default;
        for (var deadline = DateTime.UtcNow.AddSeconds(90); DateTime.UtcNow < deadline;)
        {
            detail = await Json(await marketing.GetAsync($"/api/v1/campaigns/{id}"));
            if (detail.GetProperty("outbox").GetProperty("pending").GetInt32() == 0) break;
            await Task.Delay(250);
        }
        var outbox = detail.GetProperty("outbox");
        Assert.Equal((0, 3, 0, 2), (outbox.GetProperty("pending").GetInt32(), outbox.GetProperty("sent").GetInt32(), outbox.GetProperty("failed").GetInt32(), outbox.GetProperty("cancelled").GetInt32()));
        var reasons = await app.QueryAsync(db => db.CampaignMembers.Where(m => m.CampaignId == id && (m.CustomerId == late || m.CustomerId == erased))
            .ToDictionaryAsync(m => m.CustomerId, m => m.SuppressionReason));
        Assert.Equal(SuppressionReason.ConsentWithdrawn, reasons[late]);
        Assert.Equal(SuppressionReason.Erased, reasons[erased]);

        // One .eml per sent message, addressed to the member, first name filled and escaped in the HTML part.
        var folder = app.App.Services.GetRequiredService<FileDropChannel>().CampaignFolder(id);
        var files = Directory.GetFiles(folder, "*.eml");
        Assert.Equal(3, files.Length);
        var delivered = expectedIds.Skip(2).Select(c => sendable.Single(s => s.Id == c)).ToList();
        var mails = files.Select(f => MimeMessage.Load(f)).ToList();
        Assert.Equal(delivered.Select(d => d.Email!).Order(), mails.Select(m => m.To.Mailboxes.Single().Address).Order());
        foreach (var mail in mails)
        {
            var who = delivered.Single(d => d.Email == mail.To.Mailboxes.Single().Address);
            Assert.Equal($"{who.FirstName}, spring picks", mail.Subject);
            Assert.Contains($"Hi {who.FirstName} &lt;3", mail.HtmlBody);
            Assert.StartsWith($"Hi {who.FirstName} <3", mail.TextBody);
        }

        // Results: the three sent against the holdout; no purchase since the send in either group.
        var results = detail.GetProperty("results");
        Assert.Equal(3, results.GetProperty("treated").GetProperty("members").GetInt32());
        Assert.Equal(20 - toSend.Count, results.GetProperty("holdout").GetProperty("members").GetInt32());
        Assert.Equal(0, results.GetProperty("treated").GetProperty("responders").GetInt32());
        Assert.Equal(0.0, results.GetProperty("uplift").GetProperty("uplift").GetDouble());

        using (var members = JsonDocument.Parse(await marketing.GetStringAsync($"/api/v1/campaigns/{id}/members?pageSize=50")))
        {
            Assert.Equal(24, members.RootElement.GetProperty("total").GetInt32());
            Assert.True(members.RootElement.GetProperty("masked").GetBoolean());
            var sentRows = members.RootElement.GetProperty("items").EnumerateArray().Where(m => m.GetProperty("messageStatus").GetString() == "Sent").ToList();
            Assert.Equal(3, sentRows.Count);
            Assert.All(sentRows, m => Assert.Equal(1, m.GetProperty("attempts").GetInt32()));
            Assert.DoesNotContain(members.RootElement.GetProperty("items").EnumerateArray(), m => m.GetProperty("name").GetString()!.StartsWith("Ana1", StringComparison.Ordinal));
        }
        using (var list = JsonDocument.Parse(await marketing.GetStringAsync("/api/v1/campaigns?pageSize=2&sort=-id")))
        {
            Assert.Equal(2, list.RootElement.GetProperty("items").GetArrayLength());
            Assert.True(list.RootElement.GetProperty("total").GetInt64() >= 2);
        }
    }

    [Fact]
    public async Task Bad_input_is_refused_naming_the_field_and_other_roles_are_forbidden()
    {
        var marketing = await _clients.AsAsync(Roles.Marketing);
        async Task<JsonElement> Problem(HttpResponseMessage response)
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return (await Json(response)).GetProperty("errors");
        }

        var missing = await Problem(await marketing.PostAsJsonAsync("/api/v1/campaigns", new { }));
        Assert.True(missing.TryGetProperty("name", out _));
        Assert.True(missing.TryGetProperty("channel", out _));
        Assert.True(missing.TryGetProperty("target", out _));
        var bad = await Problem(await marketing.PostAsJsonAsync("/api/v1/campaigns", new { name = "x", channel = "pigeon", targetRule = "p_alive < 0.5 and wealth > 3", holdoutFraction = 1.5, windowDays = 0, costPerContact = -1 }));
        Assert.Contains("pigeon", bad.GetProperty("channel")[0].GetString());
        Assert.Contains("wealth", bad.GetProperty("targetRule")[0].GetString());
        foreach (var field in new[] { "holdoutFraction", "windowDays", "costPerContact" }) Assert.True(bad.TryGetProperty(field, out _), field);
        Assert.True((await Problem(await marketing.PostAsJsonAsync("/api/v1/campaigns", new { name = "x", channel = "email", segmentId = 999_999_999 }))).TryGetProperty("segmentId", out _));

        var created = await marketing.PostAsJsonAsync("/api/v1/campaigns", new { name = "Lapsing but valuable", channel = "email", targetRule = "p_alive < 0.5 and clv > 300" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var campaign = await Json(created);
        Assert.Equal("p_alive < 0.5 AND clv > 300", campaign.GetProperty("targetRule").GetString());
        Assert.Equal(0.1, campaign.GetProperty("holdoutFraction").GetDouble());
        var id = campaign.GetProperty("id").GetInt64();

        Assert.True((await Problem(await marketing.PostAsJsonAsync($"/api/v1/campaigns/{id}/optimize", new { budget = -1 }))).TryGetProperty("budget", out _));
        Assert.True((await Problem(await marketing.PostAsJsonAsync($"/api/v1/campaigns/{id}/optimize", new { }))).TryGetProperty("budget", out _));
        Assert.True((await Problem(await marketing.GetAsync("/api/v1/campaigns?pageSize=0&sort=wealth"))).TryGetProperty("pageSize", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await marketing.PostAsJsonAsync("/api/v1/campaigns/999999999/optimize", new { budget = 10 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await marketing.PostAsync("/api/v1/campaigns/999999999/send", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await marketing.GetAsync("/api/v1/campaigns/999999999")).StatusCode);

        var sales = await _clients.AsAsync(Roles.Sales);
        Assert.Equal(HttpStatusCode.Forbidden, (await sales.GetAsync("/api/v1/campaigns")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await sales.PostAsJsonAsync($"/api/v1/campaigns/{id}/optimize", new { budget = 10 })).StatusCode);
        using var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/campaigns")).StatusCode);
    }

    /// <summary>
    /// The demo's planted campaigns: the API's treated and holdout counts and responders equal a count made here from the
    /// rows, every planted campaign purchase within the window is a response, and pooled over the campaigns the treated
    /// buy more often than the holdout (the demo plants an incremental effect).
    /// </summary>
    [Fact]
    public async Task The_demo_campaigns_results_match_a_count_from_the_rows_and_show_the_planted_uplift()
    {
        var marketing = await _clients.AsAsync(Roles.Marketing);
        var demo = await app.QueryAsync(db => db.Campaigns.Where(c => c.Name != null && db.CampaignResponses.Any(r => r.CampaignId == c.Id)).OrderBy(c => c.Id).ToListAsync());
        Assert.NotEmpty(demo);
        int treatedMembers = 0, treatedResponders = 0, holdoutMembers = 0, holdoutResponders = 0;
        foreach (var c in demo)
        {
            var (treated, holdout, purchases) = await app.QueryAsync(async db =>
            {
                var members = await db.CampaignMembers.Where(m => m.CampaignId == c.Id && (m.IsHoldout || m.Status == CampaignMemberStatus.Sent)).ToListAsync();
                var ids = members.Select(m => m.CustomerId).ToList();
                var orders = await db.Orders.Where(o => ids.Contains(o.CustomerId) && o.Status != OrderStatus.Cancelled && o.TotalAmount > 0).ToListAsync();
                int Responders(bool holdout) => members.Where(m => m.IsHoldout == holdout).Count(m =>
                {
                    var start = holdout ? c.SentAt!.Value : m.SentAt!.Value;
                    return orders.Any(o => o.CustomerId == m.CustomerId && o.OrderedAt >= start && o.OrderedAt < start.AddDays(c.WindowDays));
                });
                var bought = await db.CampaignResponses.Where(r => r.CampaignId == c.Id && r.Kind == CampaignResponseKind.Purchased).ToListAsync();
                var inWindow = bought.Where(r => members.Any(m => m.CustomerId == r.CustomerId && r.OccurredAt < m.SentAt!.Value.AddDays(c.WindowDays))).Select(r => r.CustomerId).ToHashSet();
                return ((members.Count(m => !m.IsHoldout), Responders(false)), (members.Count(m => m.IsHoldout), Responders(true)), inWindow);
            });
            var results = (await Json(await marketing.GetAsync($"/api/v1/campaigns/{c.Id}"))).GetProperty("results");
            Assert.Equal(treated, (results.GetProperty("treated").GetProperty("members").GetInt32(), results.GetProperty("treated").GetProperty("responders").GetInt32()));
            Assert.Equal(holdout, (results.GetProperty("holdout").GetProperty("members").GetInt32(), results.GetProperty("holdout").GetProperty("responders").GetInt32()));
            Assert.True(purchases.Count <= treated.Item2, $"{c.Name}: {purchases.Count} planted purchases but {treated.Item2} responders");
            treatedMembers += treated.Item1;
            treatedResponders += treated.Item2;
            holdoutMembers += holdout.Item1;
            holdoutResponders += holdout.Item2;
        }
        Assert.True(holdoutMembers > 0);
        Assert.True((double)treatedResponders / treatedMembers > (double)holdoutResponders / holdoutMembers,
            $"treated {treatedResponders}/{treatedMembers}, holdout {holdoutResponders}/{holdoutMembers}");
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response)
        => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
}
