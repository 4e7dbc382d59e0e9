using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Rapport.Core.Domain;
using Rapport.Core.Security;
using Rapport.Data;
using Rapport.Web.Account;

namespace Rapport.Web.Features.Common;

/// <summary>
/// Which customers, companies and deals a viewer may see: all of them, or those owned by a set of users (the viewer
/// and their teammates, <see cref="RecordVisibility"/>). The one filter the lists, single-record reads, the board, the
/// 360 and the exports apply; a record outside the scope is answered as not found, so its existence does not leak.
/// </summary>
public sealed class RecordScope
{
    private readonly long[]? _owners;

    private RecordScope(long[]? owners) => _owners = owners;

    public static RecordScope Everything { get; } = new(null);

    public static RecordScope OwnedBy(IEnumerable<long> owners) => new([.. owners.Distinct()]);

    public bool SeesAll => _owners is null;

    public IReadOnlyCollection<long> Owners => _owners ?? [];

    public IQueryable<Customer> Apply(IQueryable<Customer> customers)
    {
        if (_owners is null) return customers;
        var owners = _owners;
        return customers.Where(c => c.OwnerId != null && owners.Contains(c.OwnerId.Value));
    }

    public IQueryable<Company> Apply(IQueryable<Company> companies)
    {
        if (_owners is null) return companies;
        var owners = _owners;
        return companies.Where(c => c.OwnerId != null && owners.Contains(c.OwnerId.Value));
    }

    /// <summary>Orders follow their customer: a Sales user sees the orders of the customers they may see.</summary>
    public IQueryable<Order> Apply(IQueryable<Order> orders)
    {
        if (_owners is null) return orders;
        var owners = _owners;
        return orders.Where(o => o.Customer != null && o.Customer.OwnerId != null && owners.Contains(o.Customer.OwnerId.Value));
    }

    public IQueryable<Deal> Apply(IQueryable<Deal> deals)
    {
        if (_owners is null) return deals;
        var owners = _owners;
        return deals.Where(d => d.OwnerId != null && owners.Contains(d.OwnerId.Value));
    }
}

/// <summary>Works out a viewer's <see cref="RecordScope"/> from their roles (API tokens carry none, so they are read from the database) and teams.</summary>
public sealed class RecordScopes(IDbContextFactory<RapportDb> databases)
{
    public async Task<RecordScope> ForAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (user.UserId() is not { } userId) return RecordScope.OwnedBy([]);
        await using var db = await databases.CreateDbContextAsync(ct);
        var roles = await db.UserRoles.Where(ur => ur.UserId == userId)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToListAsync(ct);
        if (RecordVisibility.SeesAllRecords(roles)) return RecordScope.Everything;
        var teamIds = db.TeamMembers.Where(m => m.UserId == userId).Select(m => m.TeamId);
        var teammates = await db.TeamMembers.Where(m => teamIds.Contains(m.TeamId)).Select(m => m.UserId).ToListAsync(ct);
        return RecordScope.OwnedBy(teammates.Append(userId));
    }

    /// <summary>Whether customer <paramref name="id"/> exists within the viewer's scope (the check before a write or a sub-resource).</summary>
    public Task<bool> SeesCustomerAsync(ClaimsPrincipal user, long id, CancellationToken ct = default)
        => SeesAsync(user, CustomFieldEntity.Customer, id, ct);

    /// <summary>Whether the customer, company or deal <paramref name="id"/> exists within the viewer's scope.</summary>
    public async Task<bool> SeesAsync(ClaimsPrincipal user, CustomFieldEntity kind, long id, CancellationToken ct = default)
    {
        var scope = await ForAsync(user, ct);
        await using var db = await databases.CreateDbContextAsync(ct);
        return kind switch
        {
            CustomFieldEntity.Customer => await scope.Apply(db.Customers.AsNoTracking()).AnyAsync(c => c.Id == id, ct),
            CustomFieldEntity.Company => await scope.Apply(db.Companies.AsNoTracking()).AnyAsync(c => c.Id == id, ct),
            _ => await scope.Apply(db.Deals.AsNoTracking()).AnyAsync(d => d.Id == id, ct),
        };
    }
}
