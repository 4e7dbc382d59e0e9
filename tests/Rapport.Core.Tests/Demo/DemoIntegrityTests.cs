using System.Collections;
using System.Reflection;
using Rapport.Core.Demo;
using Rapport.Core.Domain;

namespace Rapport.Core.Tests.Demo;

public class DemoIntegrityTests
{
    private static DemoDataSet Data => DemoFixture.Data;

    [Fact]
    public void Every_table_has_rows_and_ids_one_to_n_in_order()
    {
        foreach (var (name, type, rows) in Data.Tables)
        {
            var id = type.GetProperty("Id")!;
            long expected = 0;
            foreach (var row in rows)
                Assert.Equal(++expected, Convert.ToInt64(id.GetValue(row), System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(expected > 0, $"{name} is empty");
        }
        Assert.Equal(Data.Tables.Sum(t => ((ICollection)t.Rows).Count), Data.TotalRows);
        Assert.Equal(DemoFixture.Options.Customers, Data.Customers.Count);
    }

    [Theory]
    [InlineData(1, 1, "2026-10-31")]
    [InlineData(60, 1, "2024-02-29")]
    [InlineData(150, 5, "2030-01-15")]
    public void Small_and_unusual_options_still_give_a_consistent_data_set(int customers, int years, string end)
    {
        var options = new DemoOptions { Customers = customers, Years = years, End = DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture), Seed = 1 };
        var data = DemoGenerator.Generate(options);
        Assert.Equal(customers, data.Customers.Count);
        Assert.Equal(customers, data.Truth.Customers.Count);
        var windowEnd = options.End.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        Assert.Equal(windowEnd, data.Truth.WindowEnd);
        Assert.Equal(windowEnd.AddYears(-years), data.Truth.WindowStart);
        Assert.All(data.Orders, o => Assert.InRange(o.OrderedAt, data.Truth.WindowStart, windowEnd.AddTicks(-1)));
        var customerIds = data.Customers.Select(c => c.Id).ToHashSet();
        Assert.All(data.Orders, o => Assert.Contains(o.CustomerId, customerIds));
        Assert.Equal(data.Orders.Count, data.Orders.Select(o => o.Id).Distinct().Count());
        Assert.InRange(data.Campaigns.Count, years == 1 ? 3 : 4, 8);
    }

    [Fact]
    public void Invalid_options_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DemoGenerator.Generate(new DemoOptions { Customers = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => DemoGenerator.Generate(new DemoOptions { Years = 0 }));
    }

    [Fact]
    public void Tables_come_parents_first()
    {
        var names = Data.Tables.Select(t => t.Name).ToList();
        Assert.Equal(21, names.Count);
        Assert.Equal(names.Count, names.Distinct().Count());
        void Before(string parent, string child) => Assert.True(names.IndexOf(parent) < names.IndexOf(child), $"{parent} must come before {child}");
        Before("users", "companies");
        Before("companies", "customers");
        Before("customers", "contact_points");
        Before("customers", "consents");
        Before("products", "order_lines");
        Before("pipeline_stages", "deals");
        Before("deals", "deal_stage_changes");
        Before("deals", "interactions");
        Before("segments", "campaigns");
        Before("campaigns", "orders");
        Before("orders", "order_lines");
        Before("tickets", "ticket_messages");
        Before("campaigns", "campaign_members");
        Before("campaign_members", "campaign_responses");
        Before("tickets", "feedback");
    }

    [Fact]
    public void Staff_users_are_ten_filled_identities_without_passwords()
    {
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), Data.Users.Select(u => u.Id));
        foreach (var user in Data.Users)
        {
            Assert.False(string.IsNullOrEmpty(user.UserName));
            Assert.Equal(user.UserName!.ToUpperInvariant(), user.NormalizedUserName);
            Assert.Contains("@", user.Email);
            Assert.Equal(user.Email!.ToUpperInvariant(), user.NormalizedEmail);
            Assert.False(string.IsNullOrEmpty(user.SecurityStamp));
            Assert.False(string.IsNullOrEmpty(user.ConcurrencyStamp));
            Assert.Null(user.PasswordHash);
            Assert.False(string.IsNullOrEmpty(user.DisplayName));
        }
        Assert.Equal(10, Data.Users.Select(u => u.SecurityStamp).Distinct().Count());
        Assert.Equal(["Marketing", "Sales", "Service"], DemoGenerator.StaffRoles.Values.Distinct().Order());
    }

    [Fact]
    public void Foreign_keys_point_at_existing_rows()
    {
        var users = Data.Users.Select(u => u.Id).ToHashSet();
        var companies = Data.Companies.ToDictionary(c => c.Id);
        var customers = Data.Customers.ToDictionary(c => c.Id);
        var products = Data.Products.Select(p => p.Id).ToHashSet();
        var stages = Data.PipelineStages.ToDictionary(s => s.Id);
        var deals = Data.Deals.ToDictionary(d => d.Id);
        var tickets = Data.Tickets.ToDictionary(t => t.Id);
        var campaigns = Data.Campaigns.ToDictionary(c => c.Id);
        var segments = Data.Segments.Select(s => s.Id).ToHashSet();

        foreach (var c in Data.Customers)
        {
            if (c.CompanyId is { } company) Assert.True(companies.ContainsKey(company));
            if (c.OwnerId is { } owner) Assert.Contains(owner, users);
        }
        foreach (var c in Data.Companies) Assert.Contains(c.OwnerId!.Value, users);
        foreach (var p in Data.ContactPoints)
        {
            Assert.True(p.CustomerId is null != p.CompanyId is null, $"contact point {p.Id} must belong to one customer or one company");
            if (p.CustomerId is { } customer) Assert.True(customers.ContainsKey(customer));
            if (p.CompanyId is { } company) Assert.True(companies.ContainsKey(company));
        }
        Assert.All(Data.Consents, c => Assert.True(customers.ContainsKey(c.CustomerId)));
        foreach (var o in Data.Orders)
        {
            Assert.True(customers.ContainsKey(o.CustomerId));
            if (o.CampaignId is { } campaign) Assert.True(campaigns.ContainsKey(campaign));
        }
        foreach (var l in Data.OrderLines)
        {
            var order = DemoFixture.Index.Orders[l.OrderId];
            Assert.Equal(order.CustomerId, l.CustomerId);
            Assert.Contains(l.ProductId, products);
        }
        foreach (var d in Data.Deals)
        {
            Assert.Equal(1, d.PipelineId);
            Assert.True(stages.ContainsKey(d.StageId));
            Assert.True(companies.ContainsKey(d.CompanyId!.Value));
            if (d.CustomerId is { } contact) Assert.Equal(d.CompanyId, customers[contact].CompanyId);
            Assert.Contains(d.OwnerId!.Value, users);
        }
        foreach (var s in Data.DealStageChanges)
        {
            Assert.True(deals.ContainsKey(s.DealId));
            Assert.True(stages.ContainsKey(s.ToStageId));
            if (s.FromStageId is { } from) Assert.True(stages.ContainsKey(from));
        }
        foreach (var i in Data.Interactions)
        {
            Assert.True(customers.ContainsKey(i.CustomerId));
            if (i.CompanyId is { } company) Assert.Equal(company, customers[i.CustomerId].CompanyId);
            if (i.DealId is { } deal) Assert.Equal(deals[deal].CompanyId, i.CompanyId);
            if (i.UserId is { } user) Assert.Contains(user, users);
        }
        foreach (var t in Data.Tickets)
        {
            Assert.True(customers.ContainsKey(t.CustomerId!.Value));
            if (t.AssigneeId is { } user) Assert.Contains(user, new long[] { 5, 6, 7, 8 });
        }
        foreach (var m in Data.TicketMessages)
        {
            Assert.True(tickets.ContainsKey(m.TicketId));
            if (m.AuthorUserId is { } user) Assert.Contains(user, users);
            Assert.True(m.FromCustomer == (m.AuthorUserId is null));
        }
        foreach (var c in Data.Campaigns) Assert.Contains(c.SegmentId!.Value, segments);
        var members = Data.CampaignMembers.ToDictionary(m => (m.CampaignId, m.CustomerId));
        Assert.Equal(Data.CampaignMembers.Count, members.Count);
        foreach (var m in Data.CampaignMembers)
        {
            Assert.True(campaigns.ContainsKey(m.CampaignId));
            Assert.True(customers.ContainsKey(m.CustomerId));
        }
        foreach (var r in Data.CampaignResponses)
            Assert.Equal(CampaignMemberStatus.Sent, members[(r.CampaignId, r.CustomerId)].Status);
        foreach (var f in Data.Feedback)
        {
            Assert.True(customers.ContainsKey(f.CustomerId));
            if (f.TicketId is { } ticket) Assert.Equal(tickets[ticket].CustomerId, f.CustomerId);
        }
    }

    [Fact]
    public void Every_instant_is_utc_and_inside_the_window()
    {
        var earliest = Data.Truth.WindowStart.AddDays(-400);
        var end = Data.Truth.WindowEnd;
        var checkedValues = 0L;
        foreach (var (name, type, rows) in Data.Tables)
        {
            var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.PropertyType == typeof(DateTime) || p.PropertyType == typeof(DateTime?)).ToArray();
            foreach (var row in rows)
            foreach (var property in properties)
            {
                if (property.GetValue(row) is not DateTime value) continue;
                // Due dates may lie after the end of the window; everything that happened lies inside it.
                if (property.Name is nameof(Ticket.SlaDueAt))
                {
                    Assert.Equal(DateTimeKind.Utc, value.Kind);
                    continue;
                }
                Assert.True(value.Kind == DateTimeKind.Utc, $"{name}.{property.Name} is {value.Kind}");
                Assert.True(value >= earliest && value < end, $"{name}.{property.Name} = {value:o} is outside the window");
                checkedValues++;
            }
        }
        Assert.True(checkedValues > 50_000, $"only {checkedValues} instants checked");
        Assert.Equal(DateTimeKind.Utc, Data.Truth.WindowStart.Kind);
        Assert.Equal(new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc), end);
    }

    [Fact]
    public void Order_totals_equal_their_lines_and_returns_match_the_status()
    {
        foreach (var order in Data.Orders)
        {
            var lines = DemoFixture.Index.LinesByOrder[order.Id].OrderBy(l => l.LineNumber).ToList();
            Assert.InRange(lines.Count, 1, DemoBuilder.MaxLines);
            Assert.Equal(Enumerable.Range(1, lines.Count), lines.Select(l => l.LineNumber));
            Assert.Equal(lines.Count, lines.Select(l => l.ProductId).Distinct().Count());
            Assert.Equal(lines.Sum(l => l.Quantity * l.UnitPrice - l.Discount), order.TotalAmount);
            Assert.All(lines, l => Assert.InRange(l.Discount, 0m, l.Quantity * l.UnitPrice));
            Assert.Empty(order.Lines);
            switch (order.Status)
            {
                case OrderStatus.Returned:
                    Assert.All(lines, l => Assert.Equal(l.Quantity, l.ReturnedQuantity));
                    break;
                case OrderStatus.PartiallyReturned:
                    Assert.Contains(lines, l => l.ReturnedQuantity > 0);
                    Assert.True(lines.Sum(l => l.ReturnedQuantity) < lines.Sum(l => l.Quantity));
                    break;
                default:
                    Assert.All(lines, l => Assert.Equal(0, l.ReturnedQuantity));
                    break;
            }
            Assert.StartsWith("SO-", order.OrderNumber);
        }
        Assert.Equal(Data.Orders.Count, Data.Orders.Select(o => o.OrderNumber).Distinct().Count());

        double Share(OrderStatus s) => Data.Orders.Count(o => o.Status == s) / (double)Data.Orders.Count;
        Assert.InRange(Share(OrderStatus.Cancelled), 0.01, 0.035);
        Assert.InRange(Share(OrderStatus.Returned), 0.015, 0.05);
        Assert.InRange(Share(OrderStatus.PartiallyReturned), 0.02, 0.07);
        Assert.InRange(Share(OrderStatus.Completed), 0.85, 0.97);
        // Orders near the end are not delivered yet; old ones are.
        var end = Data.Truth.WindowEnd;
        Assert.All(Data.Orders.Where(o => o.OrderedAt < end.AddDays(-14)), o => Assert.DoesNotContain(o.Status, new[] { OrderStatus.Placed, OrderStatus.Paid, OrderStatus.Shipped }));
        Assert.Contains(Data.Orders, o => o.Status is OrderStatus.Placed or OrderStatus.Paid or OrderStatus.Shipped);
    }

    [Fact]
    public void Orders_are_numbered_in_time_order()
    {
        for (var i = 1; i < Data.Orders.Count; i++) Assert.True(Data.Orders[i - 1].OrderedAt <= Data.Orders[i].OrderedAt);
        for (var i = 1; i < Data.Tickets.Count; i++) Assert.True(Data.Tickets[i - 1].CreatedAt <= Data.Tickets[i].CreatedAt);
        for (var i = 1; i < Data.Interactions.Count; i++) Assert.True(Data.Interactions[i - 1].OccurredAt <= Data.Interactions[i].OccurredAt);
        // Customer ids follow sign-up time, and nobody orders before signing up.
        foreach (var c in Data.Customers)
            Assert.All(DemoFixture.Index.OrdersByCustomer[c.Id], o => Assert.True(o.OrderedAt >= c.CreatedAt));
    }

    [Fact]
    public void Customers_look_real_and_contact_points_are_normalised()
    {
        var zh = Data.Customers.Count(c => c.PreferredLanguage == "zh-CN");
        Assert.InRange(zh / (double)Data.Customers.Count, 0.15, 0.30);
        Assert.All(Data.Customers.Where(c => c.PreferredLanguage == "zh-CN"), c =>
        {
            Assert.Equal("CN", c.Country);
            Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", c.LastName);
        });
        Assert.True(Data.Customers.Select(c => c.Country).Distinct().Count() >= 6);
        Assert.All(Data.Customers, c => Assert.False(string.IsNullOrWhiteSpace(c.FirstName + c.LastName)));

        var emails = Data.ContactPoints.Where(p => p.Kind == ContactKind.Email && p.CustomerId is not null).ToList();
        Assert.Equal(Data.Customers.Count, emails.Where(e => e.IsPrimary).Select(e => e.CustomerId).Distinct().Count());
        Assert.All(emails, e => Assert.Equal(e.Value.Trim().ToLowerInvariant(), e.NormalizedValue));
        Assert.All(emails, e => Assert.Matches(@"^[a-z0-9._-]+@[a-z0-9.-]+\.[a-z]{2,}$", e.NormalizedValue));
        var personal = emails.Where(e => e.Label == "personal").Select(e => e.NormalizedValue).ToList();
        Assert.Equal(personal.Count, personal.Distinct().Count());
        var phones = Data.ContactPoints.Where(p => p.Kind == ContactKind.Phone).ToList();
        Assert.NotEmpty(phones);
        Assert.All(phones, p => Assert.Matches("^[0-9]{9,15}$", p.NormalizedValue));
        Assert.All(phones, p => Assert.EndsWith(new string(p.Value.Where(char.IsDigit).ToArray()).TrimStart('0'), p.NormalizedValue));
        var addresses = Data.ContactPoints.Where(p => p.Kind == ContactKind.Address).ToList();
        Assert.All(addresses, a => Assert.False(string.IsNullOrEmpty(a.City) || string.IsNullOrEmpty(a.PostalCode) || string.IsNullOrEmpty(a.Country)));

        var b2b = Data.Customers.Count(c => c.CompanyId is not null);
        Assert.InRange(b2b / (double)Data.Customers.Count, 0.04, 0.15);
        Assert.All(Data.Companies, c => Assert.Contains(Data.Customers, x => x.CompanyId == c.Id));
        Assert.Equal(Data.Companies.Count, Data.Companies.Select(c => c.Name).Distinct().Count());
    }

    [Fact]
    public void Catalogue_has_categories_price_bands_and_attributes()
    {
        Assert.InRange(Data.Products.Count, 200, 400);
        var categories = Data.Products.GroupBy(p => p.Category).ToList();
        Assert.InRange(categories.Count, 8, 12);
        Assert.Equal(Data.Products.Count, Data.Products.Select(p => p.Sku).Distinct().Count());
        Assert.Equal(Data.Products.Count, Data.Products.Select(p => p.Name).Distinct().Count());
        Assert.All(Data.Products, p =>
        {
            Assert.True(p.Price > 0);
            Assert.NotEmpty(p.Attributes);
            Assert.False(string.IsNullOrEmpty(p.Subcategory));
        });
        // Price bands differ: laptops cost more than snacks.
        Assert.True(Data.Products.Where(p => p.Subcategory == "Laptops").Min(p => p.Price) > Data.Products.Where(p => p.Subcategory == "Snacks").Max(p => p.Price));
        Assert.Contains(Data.Products, p => p.Attributes.ContainsKey("size"));
        Assert.Contains(Data.Products, p => p.Attributes.ContainsKey("colour"));
        Assert.Contains(Data.Products, p => p.Attributes.ContainsKey("material"));
    }
}
