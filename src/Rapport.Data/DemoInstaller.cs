using System.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Rapport.Core.Demo;
using Rapport.Core.Storage;

namespace Rapport.Data;

/// <summary>
/// Loads a generated demo retailer into the configured database (one bulk session: all or nothing) and gives the
/// demo staff their roles. The demo numbers its rows from 1, so the database must not hold customers or users yet.
/// </summary>
public sealed class DemoInstaller(RapportDb db, IBulkWriter bulk)
{
    /// <exception cref="DatabaseNotEmptyException">The database already has customers or users whose ids the demo would reuse.</exception>
    public async Task<DemoLoadResult> InstallAsync(DemoDataSet data, IProgress<string>? progress = null, CancellationToken ct = default)
    {
        var customers = await db.Customers.LongCountAsync(ct);
        if (customers > 0)
            throw new DatabaseNotEmptyException($"the database already holds {customers:N0} customers; demo data is only loaded into an empty database");
        var staffIds = data.Users.Select(u => u.Id).ToList();
        if (await db.Users.AnyAsync(u => staffIds.Contains(u.Id), ct))
            throw new DatabaseNotEmptyException("the database already has user accounts; demo data is only loaded into a new database " +
                                                "(delete the SQLite file, or point Rapport:Database:ConnectionString elsewhere)");

        var result = await new DemoLoader(bulk).LoadAsync(data, progress, ct);

        var roles = await db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id, ct);
        foreach (var (userId, role) in DemoGenerator.StaffRoles)
            if (roles.TryGetValue(role, out var roleId) && staffIds.Contains(userId))
                db.UserRoles.Add(new IdentityUserRole<long> { UserId = userId, RoleId = roleId });
        await db.SaveChangesAsync(ct);
        return result;
    }

    /// <summary>Generates and installs in one go, reporting each step.</summary>
    public async Task<DemoLoadResult> GenerateAndInstallAsync(DemoOptions options, IProgress<string>? progress = null, CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        var data = DemoGenerator.Generate(options);
        progress?.Report($"generated {data.TotalRows:N0} rows for {options.Customers:N0} customers in {watch.Elapsed.TotalSeconds:F1} s");
        return await InstallAsync(data, progress, ct);
    }
}

public sealed class DatabaseNotEmptyException(string message) : Exception(message);
