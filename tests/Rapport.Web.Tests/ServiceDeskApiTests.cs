using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Core.Domain;
using Rapport.Web.Account;
using Rapport.Web.Features.Service;

namespace Rapport.Web.Tests;

/// <summary>
/// The service desk's API on the demo desk: a new ticket comes back with intent, sentiment and suggested answers
/// (the fixed point), the list filters, changes, replies and notes, knowledge-base CRUD, helpful votes re-ranking the
/// suggestions, bad input named by field, and 403 for roles without service.manage.
/// </summary>
[Collection(RapportAppCollection.Name)]
public sealed class ServiceDeskApiTests(RapportAppFixture app)
{
    private const string Password = "Desk-Test-Password-42!";

    private async Task<HttpClient> ClientAsync(string role)
    {
        var name = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}"[..20];
        await using (var scope = app.App.Services.CreateAsyncScope())
            await UserAccounts.CreateAsync(scope.ServiceProvider, name, Password, role);
        using var anonymous = app.CreateClient();
        var response = await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { userName = name, password = Password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", json.RootElement.GetProperty("token").GetString());
        return client;
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.Clone();
    }

    private static string? DataPath(string dataset) => ServiceDataLocator.Locate(null, AppContext.BaseDirectory, dataset);

    [Fact]
    public async Task A_new_ticket_answers_with_intent_sentiment_and_suggested_answers()
    {
        var agent = await ClientAsync(Roles.Service);
        var response = await agent.PostAsJsonAsync("/api/v1/tickets", new
        {
            customerId = 3,
            subject = "Refund still not received",
            description = "I returned the headphones two weeks ago and I still have not received my refund. This is terrible, I am very disappointed and angry.",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var ticket = await JsonAsync(response);
        var id = ticket.GetProperty("id").GetInt64();
        Assert.Equal($"/api/v1/tickets/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal(3, ticket.GetProperty("customerId").GetInt64());
        Assert.Equal("New", ticket.GetProperty("status").GetString());
        Assert.Equal("Api", ticket.GetProperty("channel").GetString());

        // The demo desk has hundreds of resolved tickets with confirmed intents: its own model answers.
        Assert.Equal("desk", ticket.GetProperty("intentSource").GetString());
        Assert.Equal("refund_request", ticket.GetProperty("intent").GetString());
        var confidence = ticket.GetProperty("intentConfidence").GetDouble();
        Assert.InRange(confidence, 0.01, 1.0);

        if (DataPath("sentiment-labelled-sentences") is not null)
        {
            Assert.True(ticket.GetProperty("sentiment").GetDouble() < 0, "an angry, disappointed text reads negative");
            Assert.Equal("negative", ticket.GetProperty("sentimentLabel").GetString());
        }
        else Assert.Contains("No sentiment model", ticket.GetProperty("sentimentReason").GetString());

        var suggestions = ticket.GetProperty("suggestedAnswers").EnumerateArray().ToList();
        Assert.InRange(suggestions.Count, 1, 3);
        Assert.All(suggestions, s => Assert.True(s.GetProperty("articleId").GetInt64() > 0 && s.GetProperty("score").GetDouble() > 0));
        var scores = suggestions.Select(s => s.GetProperty("score").GetDouble()).ToList();
        Assert.Equal(scores.OrderByDescending(s => s), scores);
        Assert.Contains("refund", suggestions[0].GetProperty("title").GetString()!, StringComparison.OrdinalIgnoreCase);

        // Stored as answered, with the SLA of a normal ticket (24 h) and the description as the customer's first message.
        var stored = await app.QueryAsync(db => db.Tickets.Include(t => t.Messages).SingleAsync(t => t.Id == id));
        Assert.Equal("refund_request", stored.Intent);
        Assert.Equal(stored.CreatedAt.AddHours(24), stored.SlaDueAt);
        Assert.True(Assert.Single(stored.Messages).FromCustomer);
    }

    [Fact]
    public async Task Bad_input_is_named_by_field_and_other_roles_are_refused()
    {
        var agent = await ClientAsync(Roles.Service);
        async Task<string> ProblemAsync(object body, HttpStatusCode expected = HttpStatusCode.BadRequest)
        {
            var response = await agent.PostAsJsonAsync("/api/v1/tickets", body);
            Assert.Equal(expected, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            return await response.Content.ReadAsStringAsync();
        }
        Assert.Contains("\"subject\"", await ProblemAsync(new { customerId = 1, description = "no subject" }));
        Assert.Contains("\"customerId\"", await ProblemAsync(new { customerId = 99_999_999, subject = "Hello", description = "x" }));
        Assert.Contains("\"description\"", await ProblemAsync(new { subject = "Long", description = new string('x', 20_001) }));
        Assert.Contains("\"priority\"", await ProblemAsync(new { subject = "Odd", priority = "whenever" }));
        var garbage = await agent.PostAsync("/api/v1/tickets", new StringContent("{not json", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
        var badFilter = await agent.GetAsync("/api/v1/tickets?status=sleeping&pageSize=1000");
        var filterProblem = await badFilter.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, badFilter.StatusCode);
        Assert.Contains("\"status\"", filterProblem);
        Assert.Contains("\"pageSize\"", filterProblem);
        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync("/api/v1/tickets/99999999")).StatusCode);
        var emptyReply = await agent.PostAsJsonAsync("/api/v1/tickets/1/messages", new { body = "  " });
        Assert.Contains("\"body\"", await emptyReply.Content.ReadAsStringAsync());

        var sales = await ClientAsync(Roles.Sales);
        Assert.Equal(HttpStatusCode.Forbidden, (await sales.PostAsJsonAsync("/api/v1/tickets", new { subject = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await sales.GetAsync("/api/v1/tickets")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await sales.GetAsync("/api/v1/knowledge")).StatusCode);
        using var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/tickets")).StatusCode);
    }

    [Fact]
    public async Task The_list_pages_and_filters_by_status_priority_and_assignee()
    {
        var agent = await ClientAsync(Roles.Manager);
        var (high, anyAssignee) = await app.QueryAsync(async db =>
            (await db.Tickets.CountAsync(t => t.Status == TicketStatus.Resolved && t.Priority == TicketPriority.High),
             await db.Tickets.Where(t => t.AssigneeId != null).Select(t => t.AssigneeId!.Value).FirstAsync()));
        var page = await JsonAsync(await agent.GetAsync("/api/v1/tickets?status=resolved&priority=high&pageSize=5"));
        Assert.Equal(high, page.GetProperty("total").GetInt32());
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(Math.Min(5, high), items.Count);
        Assert.All(items, i =>
        {
            Assert.Equal("Resolved", i.GetProperty("status").GetString());
            Assert.Equal("High", i.GetProperty("priority").GetString());
            Assert.Contains(i.GetProperty("sla").GetString(), new[] { "Met", "Missed" });
        });

        var mine = await app.QueryAsync(db => db.Tickets.CountAsync(t => t.AssigneeId == anyAssignee));
        var byAssignee = await JsonAsync(await agent.GetAsync($"/api/v1/tickets?assigneeId={anyAssignee}&pageSize=100"));
        Assert.Equal(mine, byAssignee.GetProperty("total").GetInt32());
        Assert.All(byAssignee.GetProperty("items").EnumerateArray(), i => Assert.Equal(anyAssignee, i.GetProperty("assigneeId").GetInt64()));
    }

    [Fact]
    public async Task Replies_notes_and_changes_are_kept_and_a_resolved_ticket_takes_a_survey()
    {
        var agent = await ClientAsync(Roles.Service);
        var created = await JsonAsync(await agent.PostAsJsonAsync("/api/v1/tickets", new { customerId = 4, subject = "Cannot sign in", description = "I forgot my password and the reset e-mail never arrives.", priority = "urgent" }));
        var id = created.GetProperty("id").GetInt64();
        Assert.Equal("Urgent", created.GetProperty("priority").GetString());

        var note = await agent.PostAsJsonAsync($"/api/v1/tickets/{id}/messages", new { body = "Checked the mail log: bounced.", @internal = true });
        Assert.Equal(HttpStatusCode.Created, note.StatusCode);
        var afterNote = await JsonAsync(await agent.GetAsync($"/api/v1/tickets/{id}"));
        Assert.Equal(JsonValueKind.Null, afterNote.GetProperty("firstResponseAt").ValueKind); // a note is not an answer
        Assert.Equal("New", afterNote.GetProperty("status").GetString());

        var reply = await agent.PostAsJsonAsync($"/api/v1/tickets/{id}/messages", new { body = "We have reset your password; check your inbox." });
        Assert.Equal(HttpStatusCode.Created, reply.StatusCode);
        var afterReply = await JsonAsync(await agent.GetAsync($"/api/v1/tickets/{id}"));
        Assert.NotEqual(JsonValueKind.Null, afterReply.GetProperty("firstResponseAt").ValueKind);
        Assert.Equal("Open", afterReply.GetProperty("status").GetString());
        Assert.Equal("Met", afterReply.GetProperty("sla").GetString());
        var messages = afterReply.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal([true, false, false], messages.Select(m => m.GetProperty("fromCustomer").GetBoolean()));
        Assert.Equal([false, true, false], messages.Select(m => m.GetProperty("isInternal").GetBoolean()));

        var early = await agent.PostAsJsonAsync($"/api/v1/tickets/{id}/satisfaction", new { score = 5 });
        Assert.Contains("\"ticketId\"", await early.Content.ReadAsStringAsync()); // not resolved yet

        var assignee = await app.QueryAsync(db => db.Users.OrderBy(u => u.Id).Select(u => u.Id).FirstAsync());
        var changed = await agent.PutAsJsonAsync($"/api/v1/tickets/{id}", new { status = "resolved", priority = "low", assigneeId = assignee, intent = "account_login" });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var resolved = await JsonAsync(changed);
        Assert.Equal("Resolved", resolved.GetProperty("status").GetString());
        Assert.Equal(assignee, resolved.GetProperty("assigneeId").GetInt64());
        Assert.Equal("confirmed", resolved.GetProperty("intentSource").GetString());
        Assert.Equal(resolved.GetProperty("createdAt").GetDateTime().AddHours(72), resolved.GetProperty("slaDueAt").GetDateTime());
        Assert.Contains("\"assigneeId\"", await (await agent.PutAsJsonAsync($"/api/v1/tickets/{id}", new { assigneeId = 99_999_999 })).Content.ReadAsStringAsync());
        Assert.Contains("\"status\"", await (await agent.PutAsJsonAsync($"/api/v1/tickets/{id}", new { status = "done" })).Content.ReadAsStringAsync());

        Assert.Contains("\"score\"", await (await agent.PostAsJsonAsync($"/api/v1/tickets/{id}/satisfaction", new { score = 9 })).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await agent.PostAsJsonAsync($"/api/v1/tickets/{id}/satisfaction", new { score = 4, comment = "Quick, thanks" })).StatusCode);
        var feedback = await app.QueryAsync(db => db.Feedback.SingleAsync(f => f.TicketId == id));
        Assert.Equal((FeedbackKind.Csat, 4, 4L), (feedback.Kind, feedback.Score, feedback.CustomerId));
    }

    [Fact]
    public async Task Knowledge_articles_are_created_found_changed_and_deleted()
    {
        var agent = await ClientAsync(Roles.Manager);
        var tag = "qwv" + Guid.NewGuid().ToString("N")[..6];
        var created = await agent.PostAsJsonAsync("/api/v1/knowledge", new { title = $"Pairing the {tag} speaker", body = $"Hold the {tag} button for five seconds until the light blinks blue.", category = "product_question" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await JsonAsync(created)).GetProperty("id").GetInt64();

        var found = await JsonAsync(await agent.GetAsync($"/api/v1/knowledge?search={tag}"));
        Assert.Equal(id, found.GetProperty("items")[0].GetProperty("id").GetInt64());
        Assert.Equal(1, found.GetProperty("total").GetInt32());

        var changed = await agent.PutAsJsonAsync($"/api/v1/knowledge/{id}", new { title = $"Pairing the {tag} speaker (v2)", isPublished = false });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var article = await JsonAsync(await agent.GetAsync($"/api/v1/knowledge/{id}"));
        Assert.EndsWith("(v2)", article.GetProperty("title").GetString());
        Assert.False(article.GetProperty("isPublished").GetBoolean());

        var missing = await agent.PostAsJsonAsync("/api/v1/knowledge", new { title = "", body = "", language = "fr" });
        var problem = await missing.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("\"title\"", problem);
        Assert.Contains("\"body\"", problem);
        Assert.Contains("\"language\"", problem);

        Assert.Equal(HttpStatusCode.NoContent, (await agent.DeleteAsync($"/api/v1/knowledge/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync($"/api/v1/knowledge/{id}")).StatusCode);
    }

    [Fact]
    public async Task Marking_an_article_helpful_moves_it_up_for_a_similar_ticket()
    {
        var agent = await ClientAsync(Roles.Service);
        var tag = "zorb" + Guid.NewGuid().ToString("N")[..6];
        // Two articles on the same rare topic; the first repeats it more, so BM25 puts it first by a small margin.
        async Task<long> ArticleAsync(string title, string body)
            => (await JsonAsync(await agent.PostAsJsonAsync("/api/v1/knowledge", new { title, body, category = "devices" }))).GetProperty("id").GetInt64();
        var guide = await ArticleAsync($"{tag} calibration guide", $"Calibrate the {tag} from the settings menu; {tag} calibration takes a minute.");
        var faq = await ArticleAsync($"{tag} calibration questions", $"Answers to common questions about the {tag} and its calibration screen and its warranty.");

        async Task<List<JsonElement>> SuggestionsForNewTicketAsync()
        {
            var t = await JsonAsync(await agent.PostAsJsonAsync("/api/v1/tickets", new { subject = $"{tag} calibration", description = $"{tag} calibration" }));
            return t.GetProperty("suggestedAnswers").EnumerateArray().ToList();
        }

        var before = await SuggestionsForNewTicketAsync();
        Assert.Equal([guide, faq], before.Take(2).Select(s => s.GetProperty("articleId").GetInt64()));
        var (guideScore, faqScore) = (before[0].GetProperty("score").GetDouble(), before[1].GetProperty("score").GetDouble());
        Assert.True(faqScore * 4 / 3 > guideScore, $"one vote (×4/3) must be able to lift {faqScore} over {guideScore}");

        // An agent marks the second article helpful on a ticket of the same intent (the tickets share the same text, so the same intent).
        var ticket = await JsonAsync(await agent.PostAsJsonAsync("/api/v1/tickets", new { subject = $"{tag} calibration", description = $"{tag} calibration" }));
        var vote = await agent.PostAsJsonAsync($"/api/v1/tickets/{ticket.GetProperty("id").GetInt64()}/suggestions/{faq}/vote", new { helpful = true });
        Assert.Equal(HttpStatusCode.OK, vote.StatusCode);

        var after = await SuggestionsForNewTicketAsync();
        Assert.Equal([faq, guide], after.Take(2).Select(s => s.GetProperty("articleId").GetInt64()));
        Assert.Equal(1, after[0].GetProperty("helpful").GetInt32());
        Assert.Equal(Math.Round(after[0].GetProperty("bm25Score").GetDouble() * 4 / 3, 4), after[0].GetProperty("score").GetDouble(), 3);
        Assert.Equal(1, await app.QueryAsync(db => db.KnowledgeArticles.Where(a => a.Id == faq).Select(a => a.HelpfulCount).SingleAsync()));

        var badVote = await agent.PostAsJsonAsync($"/api/v1/tickets/{ticket.GetProperty("id").GetInt64()}/suggestions/99999999/vote", new { helpful = true });
        Assert.Contains("\"articleId\"", await badVote.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_intent_model_reports_its_source_and_retrains_on_demand()
    {
        var agent = await ClientAsync(Roles.Manager);
        var model = await JsonAsync(await agent.GetAsync("/api/v1/tickets/intent-model"));
        Assert.Equal("desk", model.GetProperty("source").GetString());
        var confirmed = await app.QueryAsync(db => db.Tickets.CountAsync(t => (t.Status == TicketStatus.Resolved || t.Status == TicketStatus.Closed) && t.Intent != null && t.IntentConfidence == null));
        Assert.InRange(model.GetProperty("examples").GetInt32(), 30, confirmed);
        Assert.InRange(model.GetProperty("intents").GetInt32(), 2, 12); // of the demo desk's twelve intents, those with enough examples
        var retrained = await JsonAsync(await agent.PostAsync("/api/v1/tickets/intent-model/retrain", null));
        Assert.True(retrained.GetProperty("trainedAt").GetDateTime() >= model.GetProperty("trainedAt").GetDateTime());
    }

    [Fact]
    public async Task The_satisfaction_report_counts_every_ticket_survey_by_agent_and_by_intent()
    {
        var (surveys, refunds, refundAverage) = await app.QueryAsync(async db =>
        {
            var rows = await db.Feedback.Where(f => f.Kind == FeedbackKind.Csat && f.TicketId != null)
                .Join(db.Tickets, f => f.TicketId, t => t.Id, (f, t) => new { f.Score, t.Intent }).ToListAsync();
            var refund = rows.Where(r => r.Intent == "refund_request").ToList();
            return (rows.Count, refund.Count, refund.Average(r => (double)r.Score));
        });
        await using var scope = app.App.Services.CreateAsyncScope();
        var (byAgent, byIntent) = await scope.ServiceProvider.GetRequiredService<SatisfactionReport>().BuildAsync();
        Assert.True(surveys > 0);
        Assert.Equal(surveys, byAgent.Sum(r => r.Responses));
        Assert.Equal(surveys, byIntent.Sum(r => r.Responses));
        var refund = byIntent.Single(r => r.Group == "refund_request");
        Assert.Equal(refunds, refund.Responses);
        Assert.Equal(refundAverage, refund.Average, 9);
    }

    [Fact]
    public async Task The_satisfaction_report_gives_csat_and_nps_by_the_customers_segment()
    {
        var (csat, nps, segmentOf) = await app.QueryAsync(async db =>
        {
            var c = await db.Feedback.Where(f => f.Kind == FeedbackKind.Csat && f.TicketId != null).Select(f => new { f.CustomerId, f.Score }).ToListAsync();
            var n = await db.Feedback.Where(f => f.Kind == FeedbackKind.Nps).Select(f => new { f.CustomerId, f.Score }).ToListAsync();
            var s = (await db.CustomerInsights.Where(i => i.Kind == InsightKinds.Segment).OrderBy(i => i.Id).Select(i => new { i.CustomerId, i.Label }).ToListAsync())
                .GroupBy(i => i.CustomerId).ToDictionary(g => g.Key, g => g.Last().Label ?? "");
            return (c.Select(x => (x.CustomerId, x.Score)).ToList(), n.Select(x => (x.CustomerId, x.Score)).ToList(), s);
        });
        await using var scope = app.App.Services.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<SatisfactionReport>().BySegmentAsync();
        Assert.NotEmpty(nps);
        Assert.Equal(csat.Count, report.CsatBySegment.Sum(r => r.Responses));
        Assert.Equal(nps.Count(n => n.Score is >= 0 and <= 10), report.Nps.Responses);
        Assert.Equal(report.Nps.Responses, report.NpsBySegment.Sum(r => r.Responses));
        // Overall NPS recomputed here from the raw answers.
        double Share(Func<int, bool> which) => 100.0 * nps.Count(n => which(n.Score)) / report.Nps.Responses;
        Assert.Equal(Share(s => s >= 9) - Share(s => s <= 6), report.Nps.Score, 9);
        // Every segment's row counts exactly its customers' answers.
        foreach (var row in report.NpsBySegment)
            Assert.Equal(nps.Count(n => segmentOf.GetValueOrDefault(n.CustomerId, "") == row.Group), row.Responses);
    }
}
