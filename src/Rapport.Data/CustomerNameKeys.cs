using Microsoft.EntityFrameworkCore;
using Rapport.Core.Domain;

namespace Rapport.Data;

/// <summary>
/// Fills <see cref="Customer.SearchName"/> and <see cref="Customer.SortName"/> for rows written before those columns
/// existed (the migration adds them empty; folding accents is .NET's job, not SQL's). A no-op once every row has them.
/// </summary>
internal static class CustomerNameKeys
{
    private const int Batch = 2000;

    public static async Task BackfillAsync(RapportDb db, CancellationToken ct)
    {
        long after = 0;
        while (true)
        {
            var from = after;
            var rows = await db.Customers.AsNoTracking()
                .Where(c => c.Id > from && c.SearchName == "" && c.SortName == "" && (c.FirstName != "" || c.LastName != ""))
                .OrderBy(c => c.Id).Take(Batch).Select(c => new Customer { Id = c.Id, FirstName = c.FirstName, LastName = c.LastName })
                .ToListAsync(ct);
            if (rows.Count == 0) return;
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            // Straight updates, not SaveChanges: a derived column is not a change anyone made, so it is not audited.
            foreach (var c in rows)
                await db.Customers.Where(x => x.Id == c.Id)
                    .ExecuteUpdateAsync(u => u.SetProperty(x => x.SearchName, c.SearchName).SetProperty(x => x.SortName, c.SortName), ct);
            await transaction.CommitAsync(ct);
            after = rows[^1].Id;
        }
    }
}
