using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Core.Domain;
using Rapport.Web.Account;
using Rapport.Web.Features.Sales;

namespace Rapport.Web.Tests;

/// <summary>The sales API on the demo: deals with scores, moves, the forecast, pipelines and tasks; bad input and roles.</summary>
[Collection(RapportAppCollection.Name)]
public sealed class SalesApiTests(RapportAppFixture app)
{
    private const string Password = "Sales-Test-Password-42!";

    private async Task<HttpClient> ClientAsync(string role)
    {
        var name = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}"[..20];
        await using (var scope = app.App.Services.CreateAsyncScope())
            await UserAccounts.CreateAsync(scope.ServiceProvider, name, Password, role);
        using var anonymous = app.CreateClient();
        var response = await anonymous.PostAsync("/api/v1/auth/token",
            new StringContent(JsonSerializer.Serialize(new { userName = name, password = Password }), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", json.RootElement.GetProperty("token").GetString());
        return client;
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    private static StringContent Body(object value) => new(JsonSerializer.Serialize(value), Encoding.UTF8, "application/json");

    private static async Task AssertNamesFieldAsync(HttpResponseMessage response, string field)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"\"{field}\"", body, StringComparison.Ordinal);
    }

    private Task<PipelineStage[]> DefaultStagesAsync()
        => app.QueryAsync(db => db.PipelineStages.Where(s => db.Pipelines.Any(p => p.IsDefault && p.Id == s.PipelineId)).OrderBy(s => s.Position).ToArrayAsync());

    [Fact]
    public async Task The_deal_list_pages_filters_sorts_and_carries_scores_with_reasons()
    {
        // A manager: Sales users see only their own and their team's records (RecordScopeTests).
        var manager = await ClientAsync(Roles.Manager);
        var open = await app.QueryAsync(db => db.Deals.CountAsync(d => d.Status == DealStatus.Open));
        var list = await JsonAsync(await manager.GetAsync("/api/v1/deals?status=open&pageSize=5&sort=-amount"), HttpStatusCode.OK);
        Assert.Equal(open, list.GetProperty("total").GetInt32());
        var items = list.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(Math.Min(5, open), items.Count);
        var amounts = items.Select(i => i.GetProperty("amount").GetDecimal()).ToList();
        Assert.Equal(amounts.OrderByDescending(a => a), amounts);
        // The demo has a history of closed deals, so every open deal is scored and explained.
        Assert.All(items, i =>
        {
            Assert.Equal("open", i.GetProperty("status").GetString());
            Assert.InRange(i.GetProperty("winProbability").GetDouble(), 0.0, 1.0);
            Assert.NotEmpty(i.GetProperty("reasons").EnumerateArray());
        });

        var stage = (await DefaultStagesAsync())[1];
        var inStage = await app.QueryAsync(db => db.Deals.CountAsync(d => d.StageId == stage.Id));
        var filtered = await JsonAsync(await manager.GetAsync($"/api/v1/deals?stageId={stage.Id}&pageSize=200"), HttpStatusCode.OK);
        Assert.Equal(inStage, filtered.GetProperty("total").GetInt32());
        Assert.All(filtered.GetProperty("items").EnumerateArray(), i => Assert.Equal(stage.Id, i.GetProperty("stageId").GetInt64()));

        await AssertNamesFieldAsync(await manager.GetAsync("/api/v1/deals?page=0"), "page");
        await AssertNamesFieldAsync(await manager.GetAsync("/api/v1/deals?pageSize=1000"), "pageSize");
        await AssertNamesFieldAsync(await manager.GetAsync("/api/v1/deals?sort=bogus"), "sort");
        await AssertNamesFieldAsync(await manager.GetAsync("/api/v1/deals?status=maybe"), "status");
    }

    [Fact]
    public async Task Roles_without_sales_permissions_are_refused()
    {
        var marketing = await ClientAsync(Roles.Marketing);
        Assert.Equal(HttpStatusCode.Forbidden, (await marketing.GetAsync("/api/v1/deals")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await marketing.GetAsync("/api/v1/sales/forecast")).StatusCode);
        var readOnly = await ClientAsync(Roles.ReadOnly);
        Assert.Equal(HttpStatusCode.OK, (await readOnly.GetAsync("/api/v1/deals")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await readOnly.PostAsync("/api/v1/deals", Body(new { title = "x", amount = 1 }))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await readOnly.PostAsync("/api/v1/deals/1/move", Body(new { stageId = 2 }))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await readOnly.PostAsync("/api/v1/tasks", Body(new { title = "x" }))).StatusCode);
        using var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/deals")).StatusCode);
    }

    [Fact]
    public async Task A_deal_is_created_in_the_default_pipeline_edited_and_moved_to_won_and_the_forecast_follows()
    {
        var sales = await ClientAsync(Roles.Sales);
        var stages = await DefaultStagesAsync();
        var pipelines = await JsonAsync(await sales.GetAsync("/api/v1/pipelines"), HttpStatusCode.OK);
        var byDefault = pipelines.EnumerateArray().Single(p => p.GetProperty("isDefault").GetBoolean());
        Assert.Equal(stages.Select(s => s.Name), byDefault.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("name").GetString()));

        await AssertNamesFieldAsync(await sales.PostAsync("/api/v1/deals", Body(new { amount = 100 })), "title");
        await AssertNamesFieldAsync(await sales.PostAsync("/api/v1/deals", Body(new { title = "x", amount = -5 })), "amount");
        await AssertNamesFieldAsync(await sales.PostAsync("/api/v1/deals", Body(new { title = "x", amount = 5, currency = "EURO" })), "currency");
        await AssertNamesFieldAsync(await sales.PostAsync("/api/v1/deals", Body(new { title = "x", amount = 5, companyId = 999999 })), "companyId");
        Assert.Equal(HttpStatusCode.BadRequest, (await sales.PostAsync("/api/v1/deals", new StringContent("{not json", Encoding.UTF8, "application/json"))).StatusCode);

        var before = (await JsonAsync(await sales.GetAsync("/api/v1/sales/forecast"), HttpStatusCode.OK)).GetProperty("total").GetDecimal();
        var nextMonth = DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(1);
        var created = await JsonAsync(await sales.PostAsync("/api/v1/deals",
            Body(new { title = "API test deal", amount = 8000, companyId = 1, expectedClose = nextMonth.ToString("yyyy-MM-dd") })), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt64();
        Assert.Equal(stages[0].Id, created.GetProperty("stageId").GetInt64());
        Assert.Equal("open", created.GetProperty("status").GetString());
        Assert.NotEqual(JsonValueKind.Null, created.GetProperty("ownerId").ValueKind);

        // Hand-checked: the new deal adds 8000 × the first stage's probability.
        var withDeal = (await JsonAsync(await sales.GetAsync("/api/v1/sales/forecast"), HttpStatusCode.OK)).GetProperty("total").GetDecimal();
        Assert.Equal(before + 8000m * (decimal)stages[0].Probability, withDeal);

        var updated = await JsonAsync(await sales.PutAsync($"/api/v1/deals/{id}", Body(new { amount = 10000, nextStep = "Send the quote" })), HttpStatusCode.OK);
        Assert.Equal(10000m, updated.GetProperty("amount").GetDecimal());
        Assert.Equal("Send the quote", updated.GetProperty("nextStep").GetString());
        await AssertNamesFieldAsync(await sales.PutAsync($"/api/v1/deals/{id}", Body(new { probability = 2 })), "probability");
        Assert.Equal(HttpStatusCode.NotFound, (await sales.PutAsync("/api/v1/deals/999999", Body(new { amount = 1 }))).StatusCode);

        var proposal = stages[2];
        var moved = await JsonAsync(await sales.PostAsync($"/api/v1/deals/{id}/move", Body(new { stageId = proposal.Id })), HttpStatusCode.OK);
        Assert.Equal(proposal.Probability, moved.GetProperty("probability").GetDouble());
        var afterMove = (await JsonAsync(await sales.GetAsync("/api/v1/sales/forecast"), HttpStatusCode.OK)).GetProperty("total").GetDecimal();
        Assert.Equal(before + 10000m * (decimal)proposal.Probability, afterMove);

        var won = stages.Single(s => s.IsWon);
        var closed = await JsonAsync(await sales.PostAsync($"/api/v1/deals/{id}/move", Body(new { stageId = won.Id })), HttpStatusCode.OK);
        Assert.Equal("won", closed.GetProperty("status").GetString());
        Assert.NotEqual(JsonValueKind.Null, closed.GetProperty("closedAt").ValueKind);
        Assert.Equal(before, (await JsonAsync(await sales.GetAsync("/api/v1/sales/forecast"), HttpStatusCode.OK)).GetProperty("total").GetDecimal());
        var history = await app.QueryAsync(db => db.DealStageChanges.Where(c => c.DealId == id).OrderBy(c => c.Id).Select(c => c.ToStageId).ToListAsync());
        Assert.Equal([stages[0].Id, proposal.Id, won.Id], history);

        await AssertNamesFieldAsync(await sales.PostAsync($"/api/v1/deals/{id}/move", Body(new { })), "stageId");
        var otherPipelineStage = await app.QueryAsync(db => db.PipelineStages.MaxAsync(s => s.Id)) + 1000;
        await AssertNamesFieldAsync(await sales.PostAsync($"/api/v1/deals/{id}/move", Body(new { stageId = otherPipelineStage })), "stageId");
        Assert.Equal(HttpStatusCode.NotFound, (await sales.PostAsync($"/api/v1/deals/999999/move", Body(new { stageId = won.Id }))).StatusCode);

        var got = await JsonAsync(await sales.GetAsync($"/api/v1/deals/{id}"), HttpStatusCode.OK);
        Assert.Equal("API test deal", got.GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await sales.GetAsync("/api/v1/deals/999999")).StatusCode);
    }

    [Fact]
    public async Task Tasks_are_created_listed_ticked_off_and_deleted_and_my_day_lists_them()
    {
        var sales = await ClientAsync(Roles.Sales);
        await AssertNamesFieldAsync(await sales.PostAsync("/api/v1/tasks", Body(new { dueAt = DateTime.UtcNow })), "title");
        await AssertNamesFieldAsync(await sales.PostAsync("/api/v1/tasks", Body(new { title = "x", dealId = 999999 })), "dealId");

        var dealId = await app.QueryAsync(db => db.Deals.Where(d => d.Status == DealStatus.Open).Select(d => d.Id).FirstAsync());
        var overdue = await JsonAsync(await sales.PostAsync("/api/v1/tasks", Body(new { title = "Call back", dealId, dueAt = DateTime.UtcNow.Date.AddDays(-2) })), HttpStatusCode.Created);
        var today = await JsonAsync(await sales.PostAsync("/api/v1/tasks", Body(new { title = "Send quote", dealId, dueAt = DateTime.UtcNow.Date.AddHours(23) })), HttpStatusCode.Created);
        var later = await JsonAsync(await sales.PostAsync("/api/v1/tasks", Body(new { title = "Check in", dueAt = DateTime.UtcNow.Date.AddDays(5) })), HttpStatusCode.Created);
        var ownerId = overdue.GetProperty("ownerId").GetInt64();

        var mine = await JsonAsync(await sales.GetAsync($"/api/v1/tasks?ownerId={ownerId}"), HttpStatusCode.OK);
        Assert.Equal(["Call back", "Send quote", "Check in"], mine.EnumerateArray().Select(t => t.GetProperty("title").GetString()));

        await using (var scope = app.App.Services.CreateAsyncScope())
        {
            var day = await scope.ServiceProvider.GetRequiredService<SalesTaskService>().MyDayAsync(ownerId);
            Assert.Equal(["Call back"], day.Overdue.Select(t => t.Title));
            Assert.Equal(["Send quote"], day.DueToday.Select(t => t.Title));
        }

        var done = await JsonAsync(await sales.PutAsync($"/api/v1/tasks/{today.GetProperty("id").GetInt64()}", Body(new { done = true })), HttpStatusCode.OK);
        Assert.True(done.GetProperty("done").GetBoolean());
        Assert.NotEqual(JsonValueKind.Null, done.GetProperty("doneAt").ValueKind);
        var open = await JsonAsync(await sales.GetAsync($"/api/v1/tasks?ownerId={ownerId}&done=false"), HttpStatusCode.OK);
        Assert.Equal(2, open.GetArrayLength());

        var laterId = later.GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.NoContent, (await sales.DeleteAsync($"/api/v1/tasks/{laterId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await sales.GetAsync($"/api/v1/tasks/{laterId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await sales.DeleteAsync($"/api/v1/tasks/{laterId}")).StatusCode);
    }

    [Fact]
    public async Task Stale_deals_are_flagged_and_filtered()
    {
        var sales = await ClientAsync(Roles.Sales);
        var stale = await JsonAsync(await sales.GetAsync("/api/v1/deals?stale=true&pageSize=200"), HttpStatusCode.OK);
        var options = app.App.Services.GetRequiredService<SalesOptions>();
        var cutoff = DateTime.UtcNow.AddDays(-options.StaleDays);
        Assert.All(stale.GetProperty("items").EnumerateArray(), i =>
        {
            Assert.True(i.GetProperty("stale").GetBoolean());
            Assert.True(i.GetProperty("lastTouched").GetDateTime() <= cutoff);
        });
        var fresh = await JsonAsync(await sales.GetAsync("/api/v1/deals?status=open&pageSize=200"), HttpStatusCode.OK);
        var staleCount = fresh.GetProperty("items").EnumerateArray().Count(i => i.GetProperty("stale").GetBoolean());
        Assert.Equal(stale.GetProperty("total").GetInt32(), staleCount);
    }
}
