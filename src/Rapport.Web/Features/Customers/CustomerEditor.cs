using Microsoft.EntityFrameworkCore;
using Rapport.Core.Domain;
using Rapport.Data;
using Rapport.Web.Features.Common;

namespace Rapport.Web.Features.Customers;

/// <summary>
/// Creates, edits and deletes customers and opens deals for them, for the 360 page and the API (audited by the ORM hook).
/// A customer is deleted only when nothing refers to it but its own contact data; one with orders, deals or tickets is
/// refused — erasure (privacy) is the way to remove such a person.
/// </summary>
public sealed class CustomerEditor(IDbContextFactory<RapportDb> databases, TimeProvider clock, Sales.DealEditor deals)
{
    public async Task<Customer?> GetAsync(long id, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        return await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
    }

    public async Task<IReadOnlyList<(long Id, string Name)>> CompaniesAsync(CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var rows = await db.Companies.AsNoTracking().OrderBy(c => c.Name).Select(c => new { c.Id, c.Name }).Take(1000).ToListAsync(ct);
        return rows.Select(r => (r.Id, r.Name)).ToList();
    }

    /// <param name="ownerId">The creator, who owns the new customer (so a Sales user keeps seeing what they add).</param>
    public async Task<WriteResult> CreateAsync(CustomerInput input, long? ownerId = null, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (input.Validate(personal: true, DateOnly.FromDateTime(now)) is { Count: > 0 } errors) return WriteResult.Invalid(errors);
        await using var db = await databases.CreateDbContextAsync(ct);
        if (await CompanyMissingAsync(db, input.CompanyId, ct)) return WriteResult.Invalid("companyId", "no company with this id");
        var customer = new Customer { Source = "manual", CreatedAt = now, UpdatedAt = now, OwnerId = ownerId };
        input.ApplyTo(customer, personal: true);
        db.Customers.Add(customer);
        await db.SaveChangesAsync(ct);
        return WriteResult.Done(customer.Id);
    }

    public async Task<WriteResult> UpdateAsync(long id, CustomerInput input, bool personal, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (input.Validate(personal, DateOnly.FromDateTime(now)) is { Count: > 0 } errors) return WriteResult.Invalid(errors);
        await using var db = await databases.CreateDbContextAsync(ct);
        var customer = await db.Customers.SingleOrDefaultAsync(c => c.Id == id, ct);
        if (customer is null) return WriteResult.NotFound();
        if (customer.Status != RecordStatus.Active) return WriteResult.Refused($"the customer is {customer.Status} and cannot be edited");
        if (await CompanyMissingAsync(db, input.CompanyId, ct)) return WriteResult.Invalid("companyId", "no company with this id");
        input.ApplyTo(customer, personal);
        customer.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        return WriteResult.Done(id);
    }

    public async Task<WriteResult> DeleteAsync(long id, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var customer = await db.Customers.SingleOrDefaultAsync(c => c.Id == id, ct);
        if (customer is null) return WriteResult.NotFound();
        var orders = await db.Orders.CountAsync(o => o.CustomerId == id, ct);
        var deals = await db.Deals.CountAsync(d => d.CustomerId == id, ct);
        var tickets = await db.Tickets.CountAsync(t => t.CustomerId == id, ct);
        var merged = await db.Customers.CountAsync(c => c.MergedIntoId == id, ct);
        if (orders + deals + tickets + merged > 0)
            return WriteResult.Refused($"the customer has {orders} orders, {deals} deals, {tickets} tickets and {merged} merged records; use a privacy erasure to remove the person");
        db.Customers.Remove(customer);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another table (campaigns, feedback …) still refers to the record: keep it.
            return WriteResult.Refused("other records still refer to the customer; use a privacy erasure to remove the person");
        }
        return WriteResult.Done(id);
    }

    /// <summary>
    /// Opens a deal with the customer (and its company) in the first stage of the default pipeline, through the sales
    /// module's one write path (<see cref="Sales.DealEditor"/>: stage history, probability, audit).
    /// </summary>
    public async Task<WriteResult> CreateDealAsync(long customerId, NewDealInput input, long? userId, CancellationToken ct = default)
    {
        if (input.Validate() is { Count: > 0 } errors) return WriteResult.Invalid(errors);
        long? companyId;
        await using (var db = await databases.CreateDbContextAsync(ct))
        {
            var customer = await db.Customers.AsNoTracking().Where(c => c.Id == customerId).Select(c => new { c.CompanyId }).SingleOrDefaultAsync(ct);
            if (customer is null) return WriteResult.NotFound();
            companyId = customer.CompanyId;
        }
        try
        {
            var id = await deals.CreateAsync(new Sales.DealInput
            {
                Title = input.Title!.Trim(), Amount = input.Amount, ExpectedClose = input.ExpectedClose, CustomerId = customerId, CompanyId = companyId, OwnerId = userId,
            }, userId, ct);
            return WriteResult.Done(id);
        }
        catch (Sales.DealValidationException invalid)
        {
            return WriteResult.Invalid(invalid.Errors.AsReadOnly());
        }
    }

    private static async Task<bool> CompanyMissingAsync(RapportDb db, long? companyId, CancellationToken ct) =>
        companyId is { } id && !await db.Companies.AnyAsync(c => c.Id == id, ct);
}
