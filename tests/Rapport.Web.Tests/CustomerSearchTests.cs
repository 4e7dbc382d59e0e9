using Microsoft.Extensions.DependencyInjection;
using Rapport.Core.Domain;
using Rapport.Web.Features.Customers;

namespace Rapport.Web.Tests;

/// <summary>What the customer list's search box finds, on the app's real database (SQLite, or PostgreSQL with RAPPORT_TEST_PG).</summary>
[Collection(RapportAppCollection.Name)]
public sealed class CustomerSearchTests(RapportAppFixture app)
{
    private static readonly DateTime Now = new(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);

    private async Task<long[]> AddAsync(params Customer[] customers)
    {
        return await app.QueryAsync(async db =>
        {
            db.Customers.AddRange(customers);
            await db.SaveChangesAsync();
            return customers.Select(c => c.Id).ToArray();
        });
    }

    private static Customer Person(string first, string last, string? phone = null, string country = "DE") => new()
    {
        FirstName = first, LastName = last, Country = country, CreatedAt = Now, UpdatedAt = Now,
        ContactPoints = phone is null ? [] : [new ContactPoint { Kind = ContactKind.Phone, Value = phone, NormalizedValue = Core.Unification.ContactNormalizer.Phone(phone, country), Country = country, CreatedAt = Now }],
    };

    private async Task<long[]> FindAsync(string search, CustomerSort sort = CustomerSort.Id)
    {
        await using var scope = app.App.Services.CreateAsyncScope();
        var page = await scope.ServiceProvider.GetRequiredService<CustomerSearch>().FindAsync(new CustomerQuery { Search = search, Sort = sort, PageSize = 50 }, showPersonal: true);
        return page.Items.Select(r => r.Id).ToArray();
    }

    [Fact]
    public async Task Names_are_found_by_the_start_of_the_first_last_or_whole_name_whatever_the_accents_and_case()
    {
        var tag = "Q" + Guid.NewGuid().ToString("N")[..6];
        var ids = await AddAsync(Person("Émile", $"{tag}Dubois"), Person("Emilia", $"{tag}Zhang"), Person("Li", $"{tag}Émond"));

        Assert.Equal(ids, await FindAsync(tag.ToLowerInvariant()));
        Assert.Equal([ids[0]], await FindAsync($"{tag}DUBOIS"));
        Assert.Equal([ids[0]], await FindAsync($"emile {tag}d"));
        Assert.Equal([ids[2]], await FindAsync($"{tag}emond li"));
        Assert.Empty(await FindAsync($"{tag}x"));
        // Sorted by name: last name, then first name, folded.
        Assert.Equal([ids[0], ids[2], ids[1]], await FindAsync(tag, CustomerSort.Name));
    }

    [Fact]
    public async Task A_phone_number_is_found_as_typed_internationally_or_nationally()
    {
        var number = Random.Shared.NextInt64(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var ids = await AddAsync(Person("Phone", "Owner", $"+49 30 {number}"));

        Assert.Equal(ids, await FindAsync($"030 {number}"));
        Assert.Equal(ids, await FindAsync($"+49 (0)30-{number}"));
        Assert.Equal(ids, await FindAsync($"0049 30 {number}"));
        Assert.Empty(await FindAsync($"031 {number}"));
    }
}
