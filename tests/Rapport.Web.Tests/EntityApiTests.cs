using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rapport.Core.Domain;
using Rapport.Web.Account;

namespace Rapport.Web.Tests;

/// <summary>The CRUD API for customers, companies, products and orders: paging, sorting, filters, validation by field, 404, 403, 409, audit.</summary>
[Collection(RapportAppCollection.Name)]
public sealed class EntityApiTests(RapportAppFixture app)
{
    private readonly ApiTestClients _clients = new(app);

    private static async Task<JsonDocument> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body);
    }

    /// <summary>A 400 problem naming <paramref name="field"/> among its errors.</summary>
    private static async Task AssertInvalidAsync(HttpResponseMessage response, string field)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(body);
        Assert.True(json.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}: {body}");
    }

    private static StringContent Raw(string json) => new(json, Encoding.UTF8, "application/json");

    private static List<long> Ids(JsonDocument page) => page.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToList();

    private Task<bool> AuditedAsync(string entity, long id, AuditAction action)
    {
        var key = id.ToString(CultureInfo.InvariantCulture);
        return app.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == entity && a.EntityId == key && a.Action == action));
    }

    [Fact]
    public async Task Every_list_rejects_bad_paging_and_unknown_sort_fields_by_name()
    {
        // A manager: Sales users see only their own and their team's records (RecordScopeTests).
        var manager = await _clients.AsAsync(Roles.Manager);
        foreach (var list in new[] { "customers", "companies", "products", "orders" })
        {
            await AssertInvalidAsync(await manager.GetAsync($"/api/v1/{list}?sort=shoeSize"), "sort");
            await AssertInvalidAsync(await manager.GetAsync($"/api/v1/{list}?pageSize=0"), "pageSize");
            await AssertInvalidAsync(await manager.GetAsync($"/api/v1/{list}?pageSize=100000"), "pageSize");
            await AssertInvalidAsync(await manager.GetAsync($"/api/v1/{list}?page=0"), "page");
            using var page = await JsonAsync(await manager.GetAsync($"/api/v1/{list}?pageSize=3&sort=-id"), HttpStatusCode.OK);
            var ids = Ids(page);
            Assert.Equal(3, ids.Count);
            Assert.Equal(ids.OrderDescending(), ids);
            Assert.True(page.RootElement.GetProperty("total").GetInt64() >= 3);
            var missing = await manager.GetAsync($"/api/v1/{list}/987654321");
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        }
        var analyst = await _clients.AsAsync(Roles.Analyst);
        foreach (var list in new[] { "companies", "products", "orders" })
            Assert.Equal(HttpStatusCode.Forbidden, (await analyst.GetAsync($"/api/v1/{list}")).StatusCode);
        // The fixed point stays: ?sort=id ascending.
        using var customers = await JsonAsync(await manager.GetAsync("/api/v1/customers?pageSize=3&sort=id"), HttpStatusCode.OK);
        Assert.Equal([1L, 2L, 3L], Ids(customers));
    }

    [Fact]
    public async Task Companies_list_search_sort_create_update_delete()
    {
        var manager = await _clients.AsAsync(Roles.Manager);
        var total = await app.QueryAsync(db => db.Companies.CountAsync());
        var expected = await app.QueryAsync(db => db.Companies.OrderByDescending(c => c.Name).ThenByDescending(c => c.Id).Select(c => c.Id).Take(5).ToListAsync());
        using (var page = await JsonAsync(await manager.GetAsync("/api/v1/companies?pageSize=5&sort=-name"), HttpStatusCode.OK))
        {
            Assert.Equal(total, page.RootElement.GetProperty("total").GetInt64());
            Assert.Equal(expected, Ids(page));
        }
        var industry = await app.QueryAsync(db => db.Companies.Where(c => c.Industry != null).Select(c => c.Industry!).FirstAsync());
        var inIndustry = await app.QueryAsync(db => db.Companies.CountAsync(c => c.Industry == industry));
        using (var found = await JsonAsync(await manager.GetAsync($"/api/v1/companies?pageSize=200&search={Uri.EscapeDataString(industry)}"), HttpStatusCode.OK))
            Assert.True(found.RootElement.GetProperty("total").GetInt64() >= inIndustry);

        await AssertInvalidAsync(await manager.PostAsync("/api/v1/companies", Raw("{\"industry\":\"Retail\"}")), "name");
        await AssertInvalidAsync(await manager.PostAsync("/api/v1/companies", Raw("{\"name\":\"X\",\"employeeCount\":-3}")), "employeeCount");
        Assert.Equal(HttpStatusCode.BadRequest, (await manager.PostAsync("/api/v1/companies", Raw("{\"name\":5}"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await manager.PostAsync("/api/v1/companies", Raw("{not json"))).StatusCode);

        var tag = Guid.NewGuid().ToString("N")[..8];
        var created = await manager.PostAsJsonAsync("/api/v1/companies", new { name = $"Api Co {tag}", industry = "Retail", country = "FR", employeeCount = 12, annualRevenue = 1500000.5m });
        long id;
        using (var json = await JsonAsync(created, HttpStatusCode.Created))
        {
            id = json.RootElement.GetProperty("id").GetInt64();
            Assert.Equal($"/api/v1/companies/{id}", created.Headers.Location?.ToString());
            Assert.Equal(1500000.5m, json.RootElement.GetProperty("annualRevenue").GetDecimal());
        }
        Assert.True(await AuditedAsync(nameof(Company), id, AuditAction.Create));

        using (var updated = await JsonAsync(await manager.PutAsJsonAsync($"/api/v1/companies/{id}", new { name = $"Api Co {tag}", industry = "Wholesale" }), HttpStatusCode.OK))
            Assert.Equal("Wholesale", updated.RootElement.GetProperty("industry").GetString());
        Assert.True(await AuditedAsync(nameof(Company), id, AuditAction.Update));
        await AssertInvalidAsync(await manager.PutAsJsonAsync($"/api/v1/companies/{id}", new { name = "", annualRevenue = -1 }), "annualRevenue");
        Assert.Equal(HttpStatusCode.NotFound, (await manager.PutAsJsonAsync("/api/v1/companies/987654321", new { name = "x" })).StatusCode);

        using (var one = await JsonAsync(await manager.GetAsync($"/api/v1/companies/{id}"), HttpStatusCode.OK))
        {
            Assert.Equal("Wholesale", one.RootElement.GetProperty("industry").GetString());
            Assert.Equal(0, one.RootElement.GetProperty("contacts").GetArrayLength());
        }

        Assert.Equal(HttpStatusCode.NoContent, (await manager.DeleteAsync($"/api/v1/companies/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/api/v1/companies/{id}")).StatusCode);
        Assert.True(await AuditedAsync(nameof(Company), id, AuditAction.Delete));

        // A company with contacts keeps them: deleting it is refused.
        var withContacts = await app.QueryAsync(db => db.Customers.Where(c => c.CompanyId != null).Select(c => c.CompanyId!.Value).FirstAsync());
        using (var contacts = await JsonAsync(await manager.GetAsync($"/api/v1/companies/{withContacts}"), HttpStatusCode.OK))
            Assert.True(contacts.RootElement.GetProperty("contacts").GetArrayLength() > 0);
        Assert.Equal(HttpStatusCode.Conflict, (await manager.DeleteAsync($"/api/v1/companies/{withContacts}")).StatusCode);

        var readOnly = await _clients.AsAsync(Roles.ReadOnly);
        Assert.Equal(HttpStatusCode.OK, (await readOnly.GetAsync($"/api/v1/companies/{withContacts}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await readOnly.PostAsJsonAsync("/api/v1/companies", new { name = "Nope" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await readOnly.DeleteAsync($"/api/v1/companies/{withContacts}")).StatusCode);
    }

    [Fact]
    public async Task Products_list_search_sort_create_update_delete_and_bought_together()
    {
        var manager = await _clients.AsAsync(Roles.Manager);
        var cheapest = await app.QueryAsync(async db => (await db.Products.Select(p => new { p.Id, p.Price }).ToListAsync())
            .OrderBy(p => p.Price).ThenBy(p => p.Id).Take(4).Select(p => p.Id).ToList());
        using (var page = await JsonAsync(await manager.GetAsync("/api/v1/products?pageSize=4&sort=price"), HttpStatusCode.OK))
            Assert.Equal(cheapest, Ids(page));
        var sample = await app.QueryAsync(db => db.Products.OrderBy(p => p.Id).FirstAsync());
        using (var bySku = await JsonAsync(await manager.GetAsync($"/api/v1/products?search={Uri.EscapeDataString(sample.Sku)}"), HttpStatusCode.OK))
            Assert.Contains(sample.Id, Ids(bySku));

        var tag = Guid.NewGuid().ToString("N")[..8];
        await AssertInvalidAsync(await manager.PostAsJsonAsync("/api/v1/products", new { sku = $"T-{tag}", name = "Mug", category = "Kitchen", price = -1 }), "price");
        await AssertInvalidAsync(await manager.PostAsJsonAsync("/api/v1/products", new { sku = $"T-{tag}", category = "Kitchen", price = 1 }), "name");
        await AssertInvalidAsync(await manager.PostAsJsonAsync("/api/v1/products", new { sku = sample.Sku, name = "Dup", category = "Kitchen", price = 1 }), "sku");
        Assert.Equal(HttpStatusCode.BadRequest, (await manager.PostAsync("/api/v1/products", Raw($"{{\"sku\":\"T-{tag}\",\"name\":\"Mug\",\"category\":\"K\",\"price\":\"cheap\"}}"))).StatusCode);

        var created = await manager.PostAsJsonAsync("/api/v1/products", new { sku = $"T-{tag}", name = $"Mug {tag}", category = "Kitchen", price = 4.5m });
        long id;
        using (var json = await JsonAsync(created, HttpStatusCode.Created))
        {
            id = json.RootElement.GetProperty("id").GetInt64();
            Assert.Equal($"/api/v1/products/{id}", created.Headers.Location?.ToString());
            Assert.True(json.RootElement.GetProperty("isActive").GetBoolean());
        }
        using (var updated = await JsonAsync(await manager.PutAsJsonAsync($"/api/v1/products/{id}",
                   new { sku = $"T-{tag}", name = $"Mug {tag}", category = "Kitchen", price = 5.25m, isActive = false }), HttpStatusCode.OK))
        {
            Assert.Equal(5.25m, updated.RootElement.GetProperty("price").GetDecimal());
            Assert.False(updated.RootElement.GetProperty("isActive").GetBoolean());
        }
        Assert.True(await AuditedAsync(nameof(Product), id, AuditAction.Update));
        using (var inactive = await JsonAsync(await manager.GetAsync($"/api/v1/products?active=false&search=T-{tag}"), HttpStatusCode.OK))
            Assert.Equal([id], Ids(inactive));

        // "Bought together" is what the stored rules say about this product alone.
        await app.QueryAsync(async db =>
        {
            db.ProductAssociations.Add(new ProductAssociation
            {
                AntecedentKey = id.ToString(CultureInfo.InvariantCulture), AntecedentProductIds = [id], ConsequentProductId = sample.Id,
                Support = 0.01, Confidence = 0.4, Lift = 3.2, Orders = 7, ModelVersion = "test", ComputedAt = DateTime.UtcNow,
            });
            return await db.SaveChangesAsync();
        });
        using (var one = await JsonAsync(await manager.GetAsync($"/api/v1/products/{id}"), HttpStatusCode.OK))
        {
            var rule = Assert.Single(one.RootElement.GetProperty("boughtTogether").EnumerateArray());
            Assert.Equal(sample.Id, rule.GetProperty("productId").GetInt64());
            Assert.Equal(3.2, rule.GetProperty("lift").GetDouble(), 6);
            Assert.Equal(0, one.RootElement.GetProperty("orders").GetInt32());
        }

        Assert.Equal(HttpStatusCode.NoContent, (await manager.DeleteAsync($"/api/v1/products/{id}")).StatusCode);
        Assert.True(await AuditedAsync(nameof(Product), id, AuditAction.Delete));
        var ordered = await app.QueryAsync(db => db.OrderLines.Select(l => l.ProductId).FirstAsync());
        Assert.Equal(HttpStatusCode.Conflict, (await manager.DeleteAsync($"/api/v1/products/{ordered}")).StatusCode);

        var marketing = await _clients.AsAsync(Roles.Marketing);
        Assert.Equal(HttpStatusCode.Forbidden, (await marketing.PutAsJsonAsync($"/api/v1/products/{ordered}", new { sku = "x", name = "x", category = "x", price = 1 })).StatusCode);
    }

    [Fact]
    public async Task Orders_filter_sort_create_change_status_and_delete_only_when_cancelled()
    {
        // Counts the demo's orders as a whole: a manager sees them all (a Sales user only their customers' orders, see RecordScopeTests).
        var sales = await _clients.AsAsync(Roles.Manager);
        using (var cancelled = await JsonAsync(await sales.GetAsync("/api/v1/orders?status=cancelled&pageSize=200"), HttpStatusCode.OK))
        {
            Assert.Equal(await app.QueryAsync(db => db.Orders.CountAsync(o => o.Status == OrderStatus.Cancelled)), cancelled.RootElement.GetProperty("total").GetInt64());
            Assert.All(cancelled.RootElement.GetProperty("items").EnumerateArray(), o => Assert.Equal("Cancelled", o.GetProperty("status").GetString()));
        }
        var first = await app.QueryAsync(db => db.Orders.OrderBy(o => o.OrderedAt).Select(o => o.OrderedAt).FirstAsync());
        var day = DateOnly.FromDateTime(first);
        var sameDay = await app.QueryAsync(db => db.Orders.CountAsync(o => o.OrderedAt >= first.Date && o.OrderedAt < first.Date.AddDays(1)));
        using (var range = await JsonAsync(await sales.GetAsync($"/api/v1/orders?from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}"), HttpStatusCode.OK))
            Assert.Equal(sameDay, range.RootElement.GetProperty("total").GetInt64());
        var customer = await app.QueryAsync(db => db.Orders.GroupBy(o => o.CustomerId).Where(g => g.Count() >= 2).Select(g => g.Key).FirstAsync());
        var theirs = await app.QueryAsync(async db => (await db.Orders.Where(o => o.CustomerId == customer).Select(o => new { o.Id, o.TotalAmount }).ToListAsync())
            .OrderByDescending(o => o.TotalAmount).ThenByDescending(o => o.Id).Select(o => o.Id).ToList());
        using (var mine = await JsonAsync(await sales.GetAsync($"/api/v1/orders?customerId={customer}&sort=-totalAmount&pageSize=200"), HttpStatusCode.OK))
        {
            Assert.Equal(theirs, Ids(mine));
            Assert.DoesNotContain("***", mine.RootElement.GetProperty("items")[0].GetProperty("customerName").GetString(), StringComparison.Ordinal);
        }
        await AssertInvalidAsync(await sales.GetAsync("/api/v1/orders?status=lost"), "status");
        await AssertInvalidAsync(await sales.GetAsync("/api/v1/orders?from=2026-02-01&to=2026-01-01"), "to");

        var marketing = await _clients.AsAsync(Roles.Marketing);
        using (var masked = await JsonAsync(await marketing.GetAsync($"/api/v1/orders?customerId={customer}"), HttpStatusCode.OK))
            Assert.Contains("***", masked.RootElement.GetProperty("items")[0].GetProperty("customerName").GetString(), StringComparison.Ordinal);

        var products = await app.QueryAsync(db => db.Products.OrderBy(p => p.Id).Take(2).ToListAsync());
        var tag = Guid.NewGuid().ToString("N")[..8];
        await AssertInvalidAsync(await sales.PostAsJsonAsync("/api/v1/orders", new { customerId = customer, orderNumber = $"A{tag}", lines = Array.Empty<object>() }), "lines");
        await AssertInvalidAsync(await sales.PostAsJsonAsync("/api/v1/orders", new { customerId = customer, lines = new[] { new { productId = products[0].Id, quantity = 1 } } }), "orderNumber");
        await AssertInvalidAsync(await sales.PostAsJsonAsync("/api/v1/orders",
            new { customerId = customer, orderNumber = $"A{tag}", lines = new[] { new { productId = 987654321L, quantity = 1 } } }), "lines[0].productId");
        await AssertInvalidAsync(await sales.PostAsJsonAsync("/api/v1/orders",
            new { customerId = 987654321L, orderNumber = $"A{tag}", lines = new[] { new { productId = products[0].Id, quantity = 1 } } }), "customerId");
        await AssertInvalidAsync(await sales.PostAsJsonAsync("/api/v1/orders",
            new { customerId = customer, orderNumber = $"A{tag}", status = "Lost", lines = new[] { new { productId = products[0].Id, quantity = 1 } } }), "status");

        var created = await sales.PostAsJsonAsync("/api/v1/orders", new
        {
            customerId = customer, orderNumber = $"A{tag}", status = "Placed", channel = "Store",
            lines = new object[] { new { productId = products[0].Id, quantity = 2, unitPrice = 3.5m }, new { productId = products[1].Id, quantity = 1, unitPrice = 10m, discount = 1m } },
        });
        long id;
        using (var json = await JsonAsync(created, HttpStatusCode.Created))
        {
            id = json.RootElement.GetProperty("id").GetInt64();
            Assert.Equal($"/api/v1/orders/{id}", created.Headers.Location?.ToString());
            Assert.Equal(16m, json.RootElement.GetProperty("totalAmount").GetDecimal());
            Assert.Equal("Store", json.RootElement.GetProperty("channel").GetString());
            Assert.Equal(2, json.RootElement.GetProperty("lines").GetArrayLength());
        }
        Assert.True(await AuditedAsync(nameof(Order), id, AuditAction.Create));

        await AssertInvalidAsync(await sales.PutAsJsonAsync($"/api/v1/orders/{id}", new { status = "Teleported" }), "status");
        await AssertInvalidAsync(await sales.PutAsJsonAsync($"/api/v1/orders/{id}", new { }), "status");
        using (var paid = await JsonAsync(await sales.PutAsJsonAsync($"/api/v1/orders/{id}", new { status = "Paid" }), HttpStatusCode.OK))
            Assert.Equal("Paid", paid.RootElement.GetProperty("status").GetString());
        Assert.True(await AuditedAsync(nameof(Order), id, AuditAction.Update));
        Assert.Equal(HttpStatusCode.Conflict, (await sales.DeleteAsync($"/api/v1/orders/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await sales.PutAsJsonAsync($"/api/v1/orders/{id}", new { status = "Cancelled" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await sales.DeleteAsync($"/api/v1/orders/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await sales.GetAsync($"/api/v1/orders/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await marketing.PutAsJsonAsync($"/api/v1/orders/{theirs[0]}", new { status = "Paid" })).StatusCode);
    }

    [Fact]
    public async Task Interactions_are_logged_validated_listed_newest_first_and_masked_by_role()
    {
        // A manager: Sales users see only their own and their team's records (RecordScopeTests).
        var manager = await _clients.AsAsync(Roles.Manager);
        var customer = await app.QueryAsync(db => db.Customers.OrderBy(c => c.Id).Select(c => c.Id).Skip(3).FirstAsync());
        var url = $"/api/v1/customers/{customer}/interactions";
        await AssertInvalidAsync(await manager.PostAsJsonAsync(url, new { kind = "telepathy", subject = "x" }), "kind");
        await AssertInvalidAsync(await manager.PostAsJsonAsync(url, new { kind = "Call" }), "subject");
        await AssertInvalidAsync(await manager.PostAsJsonAsync(url, new { kind = "Call", subject = "x", occurredAt = DateTime.UtcNow.AddDays(3) }), "occurredAt");
        await AssertInvalidAsync(await manager.PostAsJsonAsync(url, new { kind = "Call", subject = "x", direction = "sideways" }), "direction");
        await AssertInvalidAsync(await manager.PostAsJsonAsync(url, new { kind = "Call", subject = "x", dealId = 987654321L }), "dealId");
        Assert.Equal(HttpStatusCode.BadRequest, (await manager.PostAsync(url, Raw("{\"kind\":{}}"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.PostAsJsonAsync("/api/v1/customers/987654321/interactions", new { kind = "Call", subject = "x" })).StatusCode);
        await AssertInvalidAsync(await manager.GetAsync($"{url}?sort=mood"), "sort");

        var tag = Guid.NewGuid().ToString("N")[..8];
        long id;
        using (var created = await JsonAsync(await manager.PostAsJsonAsync(url, new { kind = "call", subject = $"Renewal {tag}", body = "Asked about the premium plan", durationMinutes = 12 }), HttpStatusCode.Created))
            id = created.RootElement.GetProperty("id").GetInt64();
        Assert.True(await AuditedAsync(nameof(Interaction), id, AuditAction.Create));
        var stored = await app.QueryAsync(db => db.Interactions.SingleAsync(i => i.Id == id));
        Assert.Equal((InteractionKind.Call, InteractionDirection.Outbound, customer, 12), (stored.Kind, stored.Direction, stored.CustomerId, stored.DurationMinutes!.Value));

        using (var page = await JsonAsync(await manager.GetAsync($"{url}?pageSize=1"), HttpStatusCode.OK))
        {
            var first = page.RootElement.GetProperty("items")[0];
            Assert.Equal(id, first.GetProperty("id").GetInt64());
            Assert.Equal("Asked about the premium plan", first.GetProperty("body").GetString());
        }
        var marketing = await _clients.AsAsync(Roles.Marketing);
        using (var masked = await JsonAsync(await marketing.GetAsync($"{url}?pageSize=1"), HttpStatusCode.OK))
            Assert.DoesNotContain("premium", masked.RootElement.GetProperty("items")[0].GetProperty("body").GetString() ?? "", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await marketing.PostAsJsonAsync(url, new { kind = "Call", subject = "x" })).StatusCode);
    }

    [Fact]
    public async Task Customers_can_be_created_edited_and_deleted_only_when_nothing_refers_to_them()
    {
        // A manager: Sales users see only their own and their team's records (RecordScopeTests).
        var manager = await _clients.AsAsync(Roles.Manager);
        var tag = Guid.NewGuid().ToString("N")[..8];
        await AssertInvalidAsync(await manager.PostAsJsonAsync("/api/v1/customers", new { jobTitle = "Buyer" }), "lastName");
        await AssertInvalidAsync(await manager.PostAsJsonAsync("/api/v1/customers", new { lastName = "X", birthDate = "2999-01-01" }), "birthDate");
        await AssertInvalidAsync(await manager.PostAsJsonAsync("/api/v1/customers", new { lastName = "X", preferredLanguage = "klingon-xx-yy" }), "preferredLanguage");
        await AssertInvalidAsync(await manager.PostAsJsonAsync("/api/v1/customers", new { lastName = "X", companyId = 987654321L }), "companyId");
        Assert.Equal(HttpStatusCode.BadRequest, (await manager.PostAsync("/api/v1/customers", Raw("{\"lastName\":[1,2]}"))).StatusCode);

        var company = await app.QueryAsync(db => db.Companies.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());
        var created = await manager.PostAsJsonAsync("/api/v1/customers", new { firstName = "Ada", lastName = $"Api{tag}", birthDate = "1990-04-01", country = "GB", preferredLanguage = "zh-CN" });
        long id;
        using (var json = await JsonAsync(created, HttpStatusCode.Created))
        {
            id = json.RootElement.GetProperty("id").GetInt64();
            Assert.Equal($"/api/v1/customers/{id}", created.Headers.Location?.ToString());
        }
        Assert.True(await AuditedAsync(nameof(Customer), id, AuditAction.Create));
        using (var updated = await JsonAsync(await manager.PutAsJsonAsync($"/api/v1/customers/{id}",
                   new { firstName = "Ada", lastName = $"Api{tag}", companyId = company, jobTitle = "Head buyer", country = "GB", preferredLanguage = "en" }), HttpStatusCode.OK))
        {
            Assert.Equal("Head buyer", updated.RootElement.GetProperty("jobTitle").GetString());
            Assert.Equal(company, updated.RootElement.GetProperty("companyId").GetInt64());
        }
        using (var view = await JsonAsync(await manager.GetAsync($"/api/v1/customers/{id}"), HttpStatusCode.OK))
        {
            Assert.Equal($"Api{tag}", view.RootElement.GetProperty("lastName").GetString());
            Assert.Equal(JsonValueKind.Object, view.RootElement.GetProperty("insights").ValueKind);
        }
        Assert.True(await AuditedAsync(nameof(Customer), id, AuditAction.Update));

        var withOrders = await app.QueryAsync(db => db.Orders.Select(o => o.CustomerId).FirstAsync());
        var refused = await manager.DeleteAsync($"/api/v1/customers/{withOrders}");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("orders", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, (await manager.DeleteAsync($"/api/v1/customers/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/api/v1/customers/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.DeleteAsync($"/api/v1/customers/{id}")).StatusCode);

        var readOnly = await _clients.AsAsync(Roles.ReadOnly);
        Assert.Equal(HttpStatusCode.Forbidden, (await readOnly.PostAsJsonAsync("/api/v1/customers", new { lastName = "X" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await readOnly.DeleteAsync($"/api/v1/customers/{withOrders}")).StatusCode);
    }
}
