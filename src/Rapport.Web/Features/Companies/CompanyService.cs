using Microsoft.EntityFrameworkCore;
using Rapport.Core.Domain;
using Rapport.Core.Security;
using Rapport.Data;
using Rapport.Data.CustomFields;
using Rapport.Web.Features.Common;
using Rapport.Web.Features.CustomFields;

namespace Rapport.Web.Features.Companies;

/// <summary>Companies (accounts) for the pages and the API: list, detail, create, update, delete. Writes go through the ORM, so they are audited.</summary>
public sealed class CompanyService(IDbContextFactory<RapportDb> databases, TimeProvider clock)
{
    public static readonly SortFields<Company> Sorts = new SortFields<Company>(c => c.Id, "name")
        .Add("name", c => c.Name)
        .Add("industry", c => c.Industry)
        .Add("country", c => c.Country)
        .Add("city", c => c.City)
        .Add("employeeCount", c => c.EmployeeCount)
        // SQLite cannot order by decimal: a double is exact enough to sort by.
        .Add("annualRevenue", c => (double?)c.AnnualRevenue)
        .Add("createdAt", c => c.CreatedAt);

    /// <summary>A page of companies with their custom field values (personal ones masked unless <paramref name="showPersonal"/>).</summary>
    public async Task<Paged<CompanyRow>> FindAsync(CompanyQuery q, bool showPersonal, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var query = q.Scope.Apply(db.Companies.AsNoTracking());
        foreach (var ids in await CustomFieldQueries.MatchingIdsAsync(db, CustomFieldEntity.Company, q.CustomFields, ct))
            query = query.Where(c => ids.Contains(c.Id));
        if (FieldErrors.Clean(q.Search) is { } term)
        {
            var lower = term.ToLowerInvariant();
            query = query.Where(c => c.Name.ToLower().StartsWith(lower) || c.Name.ToLower().Contains(" " + lower)
                                     || (c.Industry != null && c.Industry.ToLower().StartsWith(lower))
                                     || (c.Country != null && c.Country.ToLower().StartsWith(lower)));
        }
        var customers = db.Customers;
        var page = await Paging.PageAsync(query, Sorts, q.Page, c => new CompanyRow(c.Id, c.Name, c.Industry, c.Country, c.City, c.EmployeeCount, c.AnnualRevenue,
            customers.Count(x => x.CompanyId == c.Id && x.Status == RecordStatus.Active)), ct);
        var custom = await CustomFieldColumns.ReadAsync(db, CustomFieldEntity.Company, page.Items.Select(r => r.Id).ToList(), showPersonal, ct);
        return page with { Items = page.Items.Select(r => r with { CustomFields = custom(r.Id) }).ToList() };
    }

    public async Task<Company?> GetAsync(long id, RecordScope scope, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        return await scope.Apply(db.Companies.AsNoTracking()).SingleOrDefaultAsync(c => c.Id == id, ct);
    }

    public async Task<CompanyDetails?> DetailsAsync(long id, bool showPersonal, RecordScope scope, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var company = await scope.Apply(db.Companies.AsNoTracking()).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (company is null) return null;
        var contacts = await db.Customers.AsNoTracking().Where(c => c.CompanyId == id && c.Status == RecordStatus.Active)
            .OrderBy(c => c.LastName).ThenBy(c => c.FirstName).ThenBy(c => c.Id)
            .Select(c => new { c.Id, c.FirstName, c.LastName, c.JobTitle, c.Country }).ToListAsync(ct);
        var deals = await scope.Apply(db.Deals.AsNoTracking()).Where(d => d.CompanyId == id).OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id)
            .Select(d => new CompanyDeal(d.Id, d.Title, d.Amount, d.Currency, d.Status, d.Stage != null ? d.Stage.Name : null, d.ExpectedClose)).ToListAsync(ct);
        // Orders of the company's people (cancelled ones left out), summed per currency in memory: SQLite cannot sum decimals.
        var orders = await db.Orders.AsNoTracking()
            .Where(o => o.Status != OrderStatus.Cancelled && db.Customers.Any(c => c.Id == o.CustomerId && c.CompanyId == id))
            .Select(o => new { o.Currency, o.TotalAmount }).ToListAsync(ct);
        var totals = orders.GroupBy(o => o.Currency).Select(g => new CurrencyAmount(g.Key, g.Sum(o => o.TotalAmount))).OrderByDescending(t => t.Amount).ToList();
        string Name(string first, string last) => (showPersonal ? $"{first} {last}".Trim() : PersonalDataMask.Mask($"{first} {last}".Trim())) ?? "";
        return new CompanyDetails(company, contacts.Select(c => new CompanyContact(c.Id, Name(c.FirstName, c.LastName), c.JobTitle, c.Country)).ToList(),
            deals, orders.Count, totals, !showPersonal);
    }

    /// <param name="ownerId">The creator, who owns the new company (so a Sales user keeps seeing what they add).</param>
    public async Task<WriteResult> CreateAsync(CompanyInput input, long? ownerId = null, CancellationToken ct = default)
    {
        if (input.Validate() is { Count: > 0 } errors) return WriteResult.Invalid(errors);
        await using var db = await databases.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var company = new Company { Source = "manual", CreatedAt = now, UpdatedAt = now, OwnerId = ownerId };
        input.ApplyTo(company);
        db.Companies.Add(company);
        await db.SaveChangesAsync(ct);
        return WriteResult.Done(company.Id);
    }

    public async Task<WriteResult> UpdateAsync(long id, CompanyInput input, RecordScope scope, CancellationToken ct = default)
    {
        if (input.Validate() is { Count: > 0 } errors) return WriteResult.Invalid(errors);
        await using var db = await databases.CreateDbContextAsync(ct);
        var company = await scope.Apply(db.Companies).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (company is null) return WriteResult.NotFound();
        input.ApplyTo(company);
        company.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return WriteResult.Done(id);
    }

    /// <summary>Deletes a company nobody refers to; one with contacts or deals is refused (they would lose their account silently).</summary>
    public async Task<WriteResult> DeleteAsync(long id, RecordScope scope, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var company = await scope.Apply(db.Companies).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (company is null) return WriteResult.NotFound();
        var contacts = await db.Customers.CountAsync(c => c.CompanyId == id, ct);
        var deals = await db.Deals.CountAsync(d => d.CompanyId == id, ct);
        if (contacts + deals > 0) return WriteResult.Refused($"the company still has {contacts} contacts and {deals} deals; move or delete them first");
        db.Companies.Remove(company);
        await db.SaveChangesAsync(ct);
        return WriteResult.Done(id);
    }
}
