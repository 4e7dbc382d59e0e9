using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Core.Automation;
using Rapport.Core.Domain;
using Rapport.Core.Insights;
using Rapport.Data.Automation;
using Rapport.Web.Account;

namespace Rapport.Web.Tests;

/// <summary>
/// Automation end to end against the running app (SQLite, or PostgreSQL with RAPPORT_TEST_PG): rules fired by record
/// events and score crossings, runs logged with retries, webhooks to a real loopback receiver with verified signatures.
/// Every rule a test makes is narrowed by a condition on the test's tag and deleted at the end, so tests sharing the app
/// never trigger each other's rules.
/// </summary>
[Collection(RapportAppCollection.Name)]
public sealed class AutomationTests(RapportAppFixture app)
{
    private const string Password = "Automation-Password-42!";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly string _tag = Guid.NewGuid().ToString("N")[..8];

    private async Task<(HttpClient Client, long UserId)> ClientAsync(string role)
    {
        var name = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}"[..20];
        User user;
        await using (var scope = app.App.Services.CreateAsyncScope())
            user = await UserAccounts.CreateAsync(scope.ServiceProvider, name, Password, role);
        using var anonymous = app.CreateClient();
        var response = await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { userName = name, password = Password });
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", json.RootElement.GetProperty("token").GetString());
        return (client, user.Id);
    }

    private static async Task<long> CreatedIdAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetInt64();
    }

    private static async Task<JsonElement> ErrorsAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement.GetProperty("errors").Clone();
    }

    /// <summary>Waits (no fixed sleeps) until <paramref name="probe"/> yields a value, or fails naming what never happened.</summary>
    private static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            if (await probe() is { } found) return found;
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"Gave up waiting: {what}");
            await Task.Delay(100);
        }
    }

    private Task<AutomationRun?> FinishedRunAsync(long ruleId, long? entityId) => app.QueryAsync(db => db.AutomationRuns.AsNoTracking()
        .Where(r => r.RuleId == ruleId && (entityId == null || r.EntityId == entityId)
                    && (r.Status == AutomationRunStatus.Succeeded || r.Status == AutomationRunStatus.Failed))
        .OrderBy(r => r.Id).FirstOrDefaultAsync());

    [Fact]
    public async Task A_deal_created_fires_the_rule_that_creates_a_task_for_its_owner_and_the_rule_does_not_re_fire_itself()
    {
        var (manager, _) = await ClientAsync(Roles.Manager);
        var (sales, salesUserId) = await ClientAsync(Roles.Sales);
        var ruleId = await CreatedIdAsync(await manager.PostAsJsonAsync("/api/v1/automation/rules", new
        {
            name = $"New deal follow-up {_tag}",
            trigger = "deal.created",
            conditions = new[] { new { field = "title", op = "contains", value = _tag }, new { field = "amount", op = "gte", value = "1000" } },
            actions = new object[]
            {
                new { type = "create_task", title = $"Call about {_tag}", dueInDays = 2 },
                // Changes the deal: a deal.changed event caused by this rule follows, which must not loop back.
                new { type = "set_field", field = "nextStep", value = $"Qualify {_tag}" },
            },
        }));
        var loopRuleId = await CreatedIdAsync(await manager.PostAsJsonAsync("/api/v1/automation/rules", new
        {
            name = $"Changed deal touches itself {_tag}",
            trigger = "deal.changed",
            conditions = new[] { new { field = "title", op = "contains", value = _tag } },
            actions = new[] { new { type = "set_field", field = "probability", value = "0.42" } },
        }));

        var small = await CreatedIdAsync(await sales.PostAsJsonAsync("/api/v1/deals", new { title = $"Small {_tag}", amount = 10 }));
        var deal = await CreatedIdAsync(await sales.PostAsJsonAsync("/api/v1/deals", new { title = $"Big {_tag}", amount = 25000 }));
        // The record event was written with the deal, in its transaction.
        Assert.True(await app.QueryAsync(db => db.AutomationEvents.AnyAsync(e => e.Type == "deal.created" && e.EntityId == deal)));

        var run = await EventuallyAsync(() => FinishedRunAsync(ruleId, deal), "the deal.created rule's run");
        Assert.Equal(AutomationRunStatus.Succeeded, run.Status);
        Assert.All(run.Outcomes, o => Assert.Equal("succeeded", o.Status));
        var task = await app.QueryAsync(db => db.SalesTasks.AsNoTracking().SingleAsync(t => t.DealId == deal));
        Assert.Equal($"Call about {_tag}", task.Title);
        Assert.Equal(salesUserId, task.OwnerId);
        Assert.NotNull(task.DueAt);
        Assert.Equal($"Qualify {_tag}", await app.QueryAsync(db => db.Deals.Where(d => d.Id == deal).Select(d => d.NextStep).SingleAsync()));
        Assert.False(await app.QueryAsync(db => db.SalesTasks.AnyAsync(t => t.DealId == small)));

        // The first rule's change fires the second rule once; the second rule's own change carries both rules in its
        // cause chain and fires neither of them again. Wait until every event about the deal is processed, then count.
        var loopRun = await EventuallyAsync(() => FinishedRunAsync(loopRuleId, deal), "the deal.changed rule's run");
        Assert.Equal(AutomationRunStatus.Succeeded, loopRun.Status);
        Assert.Equal(ruleId.ToString(), loopRun.CausedByRules);
        await EventuallyAsync(async () => await app.QueryAsync(db => db.AutomationEvents.AnyAsync(e => e.EntityId == deal && e.EntityType == "Deal" && e.CausedByRules == $"{ruleId},{loopRuleId}"))
            && !await app.QueryAsync(db => db.AutomationEvents.AnyAsync(e => e.EntityId == deal && e.EntityType == "Deal" && e.ProcessedAt == null)) ? "" : null,
            "the rule-caused events processed");
        Assert.Equal(1, await app.QueryAsync(db => db.AutomationRuns.CountAsync(r => r.RuleId == loopRuleId && r.EntityId == deal)));
        Assert.Equal(1, await app.QueryAsync(db => db.AutomationRuns.CountAsync(r => r.RuleId == ruleId && r.EntityId == deal)));

        // The run log through the API.
        var runs = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/automation/runs?ruleId={ruleId}");
        var logged = runs.GetProperty("items").EnumerateArray().Single();
        Assert.Equal("Succeeded", logged.GetProperty("status").GetString());
        Assert.Equal("deal.created", logged.GetProperty("eventType").GetString());
        Assert.Equal(deal, logged.GetProperty("entityId").GetInt64());
        Assert.StartsWith("task ", logged.GetProperty("outcomes")[0].GetProperty("result").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await manager.DeleteAsync($"/api/v1/automation/rules/{ruleId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await manager.DeleteAsync($"/api/v1/automation/rules/{loopRuleId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.DeleteAsync($"/api/v1/automation/rules/{ruleId}")).StatusCode);
    }

    [Fact]
    public async Task Churn_risk_crossing_0_7_after_an_insights_refresh_notifies_the_user()
    {
        var (manager, managerId) = await ClientAsync(Roles.Manager);
        var customer = await app.QueryAsync(db => db.Customers.Where(c => c.Status == RecordStatus.Active).OrderByDescending(c => c.Id).Select(c => c.Id).FirstAsync());
        var other = await app.QueryAsync(db => db.Customers.Where(c => c.Status == RecordStatus.Active && c.Id != customer).OrderByDescending(c => c.Id).Select(c => c.Id).FirstAsync());
        var ruleId = await CreatedIdAsync(await manager.PostAsJsonAsync("/api/v1/automation/rules", new
        {
            name = $"Churn alarm {_tag}",
            trigger = "score.crossed",
            triggerSettings = new { kind = "churn_risk", threshold = 0.7, direction = "above" },
            actions = new[] { new { type = "notify", userId = managerId, message = $"Churn risk above 0.7 {_tag}" } },
        }));
        try
        {
            // Previous refresh: both below the threshold. Then the new scores: one crosses, one stays below.
            await SetChurnRiskAsync(customer, 0.5);
            await SetChurnRiskAsync(other, 0.6);
            await RunScoreFollowUpAsync();
            await SetChurnRiskAsync(customer, 0.85);
            await SetChurnRiskAsync(other, 0.65);
            await RunScoreFollowUpAsync();

            var run = await EventuallyAsync(() => FinishedRunAsync(ruleId, customer), "the score rule's run");
            Assert.Equal(AutomationRunStatus.Succeeded, run.Status);
            Assert.Equal("score.crossed", run.EventType);
            var note = await app.QueryAsync(db => db.Notifications.AsNoTracking().SingleAsync(n => n.UserId == managerId));
            Assert.Equal($"Churn risk above 0.7 {_tag}", note.Message);
            Assert.Equal($"customers/{customer}", note.Link);
            Assert.False(await app.QueryAsync(db => db.AutomationRuns.AnyAsync(r => r.RuleId == ruleId && r.EntityId == other)));

            // The bell's source: one unread, then none once read.
            var inbox = app.App.Services.GetRequiredService<Rapport.Web.Features.Automation.NotificationInbox>();
            Assert.Equal(1, (await inbox.ForAsync(managerId)).Unread);
            await inbox.MarkAllReadAsync(managerId);
            Assert.Equal(0, (await inbox.ForAsync(managerId)).Unread);
        }
        finally
        {
            await manager.DeleteAsync($"/api/v1/automation/rules/{ruleId}");
        }
    }

    private Task SetChurnRiskAsync(long customerId, double value) => app.QueryAsync(async db =>
    {
        await db.CustomerInsights.Where(i => i.CustomerId == customerId && i.Kind == InsightKinds.ChurnRisk).ExecuteDeleteAsync();
        db.CustomerInsights.Add(new CustomerInsight { CustomerId = customerId, Kind = InsightKinds.ChurnRisk, Value = value, ModelVersion = "test", ComputedAt = DateTime.UtcNow });
        return await db.SaveChangesAsync();
    });

    private async Task RunScoreFollowUpAsync()
    {
        await using var scope = app.App.Services.CreateAsyncScope();
        var followUp = scope.ServiceProvider.GetServices<IInsightsFollowUp>().OfType<ScoreThresholdEvents>().Single();
        await followUp.RunAsync();
    }

    [Fact]
    public async Task A_webhook_reaches_a_real_receiver_signed_with_the_secret_and_a_failing_one_is_retried_then_logged_failed()
    {
        await using var listener = await WebhookListener.StartAsync();
        var (manager, _) = await ClientAsync(Roles.Manager);
        const string secret = "it-is-a-secret-of-the-test-0123";
        var created = await manager.PostAsJsonAsync("/api/v1/webhooks", new { url = listener.BaseUrl + "/ok", events = new[] { "ticket.created" }, secret });
        var okHook = await CreatedIdAsync(created);
        Assert.Equal(secret, JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("secret").GetString());
        var failing = await manager.PostAsJsonAsync("/api/v1/webhooks", new { url = listener.BaseUrl + "/fail", events = new[] { "ticket.created" } });
        var failHook = await CreatedIdAsync(failing);
        var generated = JsonDocument.Parse(await failing.Content.ReadAsStringAsync()).RootElement.GetProperty("secret").GetString()!;
        Assert.StartsWith("whsec_", generated);
        // Listed later, secrets are masked.
        var listed = await manager.GetStringAsync("/api/v1/webhooks");
        Assert.DoesNotContain(secret, listed);
        Assert.DoesNotContain(generated, listed);
        // A rule whose webhook action fails: retried, then the run is reported failed with the error.
        var ruleId = await CreatedIdAsync(await manager.PostAsJsonAsync("/api/v1/automation/rules", new
        {
            name = $"Tell the failing hook {_tag}",
            trigger = "ticket.created",
            conditions = new[] { new { field = "subject", op = "contains", value = _tag } },
            actions = new[] { new { type = "webhook", url = listener.BaseUrl + "/fail" } },
        }));
        try
        {
            var ticket = await app.QueryAsync(async db =>
            {
                var t = new Ticket { Subject = $"Printer on fire {_tag}", Description = "It burns", Status = TicketStatus.New, Channel = TicketChannel.Web, CreatedAt = DateTime.UtcNow };
                db.Tickets.Add(t);
                await db.SaveChangesAsync();
                return t.Id;
            });
            var eventId = await app.QueryAsync(db => db.AutomationEvents.Where(e => e.Type == "ticket.created" && e.EntityId == ticket).Select(e => e.Id).SingleAsync());

            var received = await EventuallyAsync(() => Task.FromResult(listener.Requests.FirstOrDefault(r => r.Path == "/ok" && Payload(r).GetProperty("id").GetInt64() == eventId)),
                "the signed delivery at /ok");
            var payload = Payload(received);
            Assert.Equal("ticket.created", payload.GetProperty("type").GetString());
            Assert.Equal(ticket, payload.GetProperty("record").GetProperty("id").GetInt64());
            Assert.Equal("Ticket", payload.GetProperty("record").GetProperty("entityType").GetString());
            // Personal values are masked in payloads.
            Assert.NotEqual("It burns", payload.GetProperty("record").GetProperty("description").GetString());
            // The signature, recomputed here with the plain HMAC-SHA256 primitive.
            var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), received.Body));
            Assert.Equal(expected, received.Headers["X-Rapport-Signature"]);
            Assert.True(long.TryParse(received.Headers["X-Rapport-Timestamp"], out var unix) && unix > 1_700_000_000);
            Assert.Equal("ticket.created", received.Headers["X-Rapport-Event"]);

            // The failing subscription: 3 attempts (the fixture's maximum), each logged with its 500, the last failed for good.
            var deliveries = await EventuallyAsync(async () =>
            {
                var log = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/webhooks/{failHook}/deliveries");
                var mine = log.EnumerateArray().Where(d => d.GetProperty("eventId").GetInt64() == eventId).ToList();
                return mine.Count == 3 && mine.All(d => d.GetProperty("status").GetString() == "Failed") ? mine : null;
            }, "three failed deliveries to /fail");
            Assert.Equal([3, 2, 1], deliveries.Select(d => d.GetProperty("attempt").GetInt32()));
            Assert.All(deliveries, d => Assert.Equal(500, d.GetProperty("statusCode").GetInt32()));
            Assert.All(deliveries, d => Assert.Contains("500", d.GetProperty("error").GetString()));
            Assert.Equal(3, listener.Requests.Count(r => r.Path == "/fail" && r.Headers.ContainsKey("X-Rapport-Signature") && Payload(r).GetProperty("id").GetInt64() == eventId));
            Assert.True(WebhookSignature.Verify(generated, listener.Requests.First(r => r.Path == "/fail" && r.Headers.ContainsKey("X-Rapport-Signature")).Body,
                listener.Requests.First(r => r.Path == "/fail" && r.Headers.ContainsKey("X-Rapport-Signature")).Headers["X-Rapport-Signature"]));
            var ok = (await manager.GetFromJsonAsync<JsonElement>($"/api/v1/webhooks/{okHook}/deliveries")).EnumerateArray().Single(d => d.GetProperty("eventId").GetInt64() == eventId);
            Assert.Equal("Succeeded", ok.GetProperty("status").GetString());
            Assert.Equal(200, ok.GetProperty("statusCode").GetInt32());
            Assert.Equal(1, ok.GetProperty("attempt").GetInt32());

            var run = await EventuallyAsync(() => FinishedRunAsync(ruleId, ticket), "the failing rule run to give up");
            Assert.Equal(AutomationRunStatus.Failed, run.Status);
            Assert.Equal(3, run.Attempts);
            Assert.Equal(3, run.Outcomes.Single().Attempts);
            Assert.Contains("HTTP 500", run.Error);
            Assert.StartsWith("actions[0] (webhook)", run.Error);
        }
        finally
        {
            await manager.DeleteAsync($"/api/v1/automation/rules/{ruleId}");
            await manager.DeleteAsync($"/api/v1/webhooks/{okHook}");
            await manager.DeleteAsync($"/api/v1/webhooks/{failHook}");
        }
    }

    [Fact]
    public async Task A_ticket_about_to_breach_its_sla_is_assigned_raised_added_to_a_campaign_and_a_schedule_notifies()
    {
        var (manager, managerId) = await ClientAsync(Roles.Manager);
        var (_, agentId) = await ClientAsync(Roles.Service);
        var now = DateTime.UtcNow;
        var customer = await app.QueryAsync(db => db.Customers.Where(c => c.Status == RecordStatus.Active).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());
        var (campaign, dueSoon, dueLater) = await app.QueryAsync(async db =>
        {
            var c = new Campaign { Name = $"Win-back {_tag}", Channel = CampaignChannel.Email, Status = CampaignStatus.Draft, CreatedAt = now };
            db.Campaigns.Add(c);
            Ticket T(int minutesLeft) => new()
            {
                Subject = $"Where is my order {_tag}", Description = "…", CustomerId = customer, Status = TicketStatus.Open, Priority = TicketPriority.Normal,
                Channel = TicketChannel.Email, CreatedAt = now.AddHours(-7), SlaDueAt = now.AddMinutes(minutesLeft),
            };
            var soon = T(20);
            var later = T(600);
            db.Tickets.AddRange(soon, later);
            await db.SaveChangesAsync();
            return (c.Id, soon.Id, later.Id);
        });
        var slaRule = await CreatedIdAsync(await manager.PostAsJsonAsync("/api/v1/automation/rules", new
        {
            name = $"SLA guard {_tag}",
            trigger = "ticket.sla-due-soon",
            triggerSettings = new { minutes = 45 },
            conditions = new[] { new { field = "subject", op = "contains", value = _tag } },
            actions = new object[]
            {
                new { type = "assign", userId = agentId },
                new { type = "set_field", field = "priority", value = "urgent" },
                new { type = "add_to_campaign", campaignId = campaign },
            },
        }));
        var scheduleRule = await CreatedIdAsync(await manager.PostAsJsonAsync("/api/v1/automation/rules", new
        {
            name = $"Hourly digest {_tag}",
            trigger = "schedule",
            triggerSettings = new { everyHours = 1 },
            actions = new[] { new { type = "notify", userId = managerId, message = $"Digest {_tag}" } },
        }));
        try
        {
            // As if the schedule last fired two hours ago; then one scan (the worker also scans on its own).
            await app.QueryAsync(db => db.AutomationRules.Where(r => r.Id == scheduleRule).ExecuteUpdateAsync(u => u.SetProperty(r => r.LastScheduledAt, now.AddHours(-2))));
            await app.App.Services.GetRequiredService<Rapport.Web.Features.Automation.AutomationScanners>().ScanAsync(CancellationToken.None);

            var run = await EventuallyAsync(() => FinishedRunAsync(slaRule, dueSoon), "the SLA rule's run");
            Assert.Equal(AutomationRunStatus.Succeeded, run.Status);
            Assert.Equal("ticket.sla-due-soon", run.EventType);
            var ticket = await app.QueryAsync(db => db.Tickets.AsNoTracking().SingleAsync(t => t.Id == dueSoon));
            Assert.Equal(agentId, ticket.AssigneeId);
            Assert.Equal(TicketPriority.Urgent, ticket.Priority);
            var member = await app.QueryAsync(db => db.CampaignMembers.AsNoTracking().SingleAsync(m => m.CampaignId == campaign));
            Assert.Equal(customer, member.CustomerId);
            Assert.Equal(CampaignMemberStatus.Pending, member.Status);
            Assert.False(await app.QueryAsync(db => db.AutomationRuns.AnyAsync(r => r.RuleId == slaRule && r.EntityId == dueLater)));

            var digest = await EventuallyAsync(() => FinishedRunAsync(scheduleRule, null), "the schedule rule's run");
            Assert.Equal(AutomationRunStatus.Succeeded, digest.Status);
            Assert.Null(digest.EntityId);
            Assert.True(await app.QueryAsync(db => db.Notifications.AnyAsync(n => n.UserId == managerId && n.Message == $"Digest {_tag}")));
            Assert.True(await app.QueryAsync(db => db.AutomationRules.Where(r => r.Id == scheduleRule).Select(r => r.LastScheduledAt).SingleAsync()) > now.AddHours(-1));
        }
        finally
        {
            await manager.DeleteAsync($"/api/v1/automation/rules/{slaRule}");
            await manager.DeleteAsync($"/api/v1/automation/rules/{scheduleRule}");
        }
    }

    private static JsonElement Payload(WebhookListener.Received r) => JsonDocument.Parse(r.Body).RootElement;

    [Fact]
    public async Task Bad_rules_and_webhooks_are_refused_naming_the_part_and_only_automation_managers_get_in()
    {
        var (manager, _) = await ClientAsync(Roles.Manager);
        async Task<JsonElement> Refused(string url, object body) => await ErrorsAsync(await manager.PostAsJsonAsync(url, body));

        var errors = await Refused("/api/v1/automation/rules", new { name = "x", trigger = "deal.exploded", actions = new[] { new { type = "notify", message = "m" } } });
        Assert.True(errors.TryGetProperty("trigger", out _));
        errors = await Refused("/api/v1/automation/rules", new
        {
            name = "", trigger = "deal.created",
            conditions = new[] { new { field = "amount", op = "gt", value = "lots" }, new { field = "password", op = "eq", value = "x" } },
            actions = new object[] { new { type = "set_field", field = "stageId", value = "3" }, new { type = "set_field", field = "amount", value = "ten" }, new { type = "launch_rocket" }, new { type = "webhook", url = "ftp://example.com/x" } },
        });
        Assert.Equal(["actions[0].field", "actions[1].value", "actions[2].type", "actions[3].url", "conditions[0].value", "conditions[1].field", "name"],
            errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        errors = await Refused("/api/v1/automation/rules", new { name = "s", trigger = "score.crossed", triggerSettings = new { kind = "churn_risk", threshold = 7, direction = "up" }, actions = new[] { new { type = "notify", message = "m" } } });
        Assert.Equal(["triggerSettings.direction", "triggerSettings.threshold"], errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        errors = await Refused("/api/v1/automation/rules", new { name = "s", trigger = "schedule", triggerSettings = new { dailyAt = "25:00" }, actions = new[] { new { type = "notify", message = "m", userId = 999_999_999 } } });
        Assert.Equal(["actions[0].userId", "triggerSettings.dailyAt"], errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        errors = await Refused("/api/v1/automation/rules", new { name = "a", trigger = "deal.created" });
        Assert.True(errors.TryGetProperty("actions", out _));
        Assert.Equal(HttpStatusCode.BadRequest, (await manager.PostAsync("/api/v1/automation/rules", new StringContent("{not json", Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.PutAsJsonAsync("/api/v1/automation/rules/999999999",
            new { name = "n", trigger = "deal.created", actions = new[] { new { type = "notify", message = "m" } } })).StatusCode);
        Assert.True((await ErrorsAsync(await manager.GetAsync("/api/v1/automation/runs?status=Exploded&pageSize=0"))).TryGetProperty("status", out _));

        errors = await Refused("/api/v1/webhooks", new { url = "javascript:alert(1)", events = new[] { "deal.created", "deal.exploded" }, secret = "short" });
        Assert.Equal(["events[1]", "secret", "url"], errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        errors = await Refused("/api/v1/webhooks", new { url = "http://127.0.0.1:9/x", events = Array.Empty<string>() });
        Assert.Equal(["events"], errors.EnumerateObject().Select(p => p.Name));
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync("/api/v1/webhooks/999999999/deliveries")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.DeleteAsync("/api/v1/webhooks/999999999")).StatusCode);

        var (sales, _) = await ClientAsync(Roles.Sales);
        Assert.Equal(HttpStatusCode.Forbidden, (await sales.GetAsync("/api/v1/automation/rules")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await sales.GetAsync("/api/v1/webhooks")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/v1/automation/runs")).StatusCode);
    }
}
