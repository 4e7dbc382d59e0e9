using Microsoft.EntityFrameworkCore;
using Rapport.Core.Domain;
using Rapport.Data.Audit;

namespace Rapport.Data.Import;

/// <summary>
/// Takes an import batch out again, in one transaction: its orders (with their lines), interactions, tickets,
/// customers (with their contact points, consents and scores), products and companies. Refused, with the reason,
/// while records from outside the batch depend on what it created (e.g. a later file's orders for its customers):
/// undo that other batch first. The rejected rows stay, so the batch's history is kept; the undo is audited.
/// </summary>
public sealed class ImportUndo(RapportDb db, AuditRecorder audit)
{
    public sealed record Result(long BatchId, IReadOnlyDictionary<string, int> Deleted);

    /// <exception cref="KeyNotFoundException">No such batch.</exception>
    /// <exception cref="InvalidOperationException">The batch cannot be undone (not completed, already undone, depended on).</exception>
    public async Task<Result> UndoAsync(long batchId, CancellationToken ct = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var batch = await db.ImportBatches.SingleOrDefaultAsync(b => b.Id == batchId, ct)
            ?? throw new KeyNotFoundException($"there is no import batch {batchId}");
        if (batch.Status != ImportStatus.Completed)
            throw new InvalidOperationException($"import batch {batchId} is {batch.Status.ToString().ToLowerInvariant()}: only a completed import can be undone");

        var customers = db.Customers.Where(c => c.ImportBatchId == batchId).Select(c => c.Id);
        var products = db.Products.Where(p => p.ImportBatchId == batchId).Select(p => p.Id);
        var companies = db.Companies.Where(c => c.ImportBatchId == batchId).Select(c => c.Id);
        var orders = db.Orders.Where(o => o.ImportBatchId == batchId).Select(o => o.Id);
        await RefuseIfUsedAsync(batchId, "orders", db.Orders.Where(o => o.ImportBatchId != batchId || o.ImportBatchId == null).Where(o => customers.Contains(o.CustomerId)).Select(o => o.ImportBatchId), ct);
        await RefuseIfUsedAsync(batchId, "order lines", db.OrderLines.Where(l => products.Contains(l.ProductId) && !orders.Contains(l.OrderId))
            .Join(db.Orders, l => l.OrderId, o => o.Id, (l, o) => o.ImportBatchId), ct);
        await RefuseIfUsedAsync(batchId, "interactions", db.Interactions.Where(i => (i.ImportBatchId != batchId || i.ImportBatchId == null) && customers.Contains(i.CustomerId)).Select(i => i.ImportBatchId), ct);
        await RefuseIfUsedAsync(batchId, "tickets", db.Tickets.Where(t => (t.ImportBatchId != batchId || t.ImportBatchId == null) && t.CustomerId != null && customers.Contains(t.CustomerId.Value)).Select(t => t.ImportBatchId), ct);
        await RefuseIfUsedAsync(batchId, "customers", db.Customers.Where(c => (c.ImportBatchId != batchId || c.ImportBatchId == null) && c.CompanyId != null && companies.Contains(c.CompanyId.Value)).Select(c => c.ImportBatchId), ct);
        if (await db.Customers.AnyAsync(c => c.ImportBatchId == batchId && c.MergedIntoId != null, ct))
            throw new InvalidOperationException($"import batch {batchId} cannot be undone: some of its customers were merged into others since (undo those merges first: rapport customers merge-undo)");
        await RefuseIfUsedAsync(batchId, "merged customers", db.Customers.Where(c => c.MergedIntoId != null && customers.Contains(c.MergedIntoId.Value)).Select(c => c.ImportBatchId), ct);
        foreach (var (name, used) in new (string, IQueryable<long>)[]
                 {
                     ("deals", db.Deals.Where(d => d.CustomerId != null && customers.Contains(d.CustomerId.Value)).Select(d => d.Id)),
                     ("feedback", db.Feedback.Where(f => customers.Contains(f.CustomerId)).Select(f => f.Id)),
                     ("campaign members", db.CampaignMembers.Where(m => customers.Contains(m.CustomerId)).Select(m => m.Id)),
                 })
            if (await used.AnyAsync(ct))
                throw new InvalidOperationException($"import batch {batchId} cannot be undone: {name} were recorded for its customers since");

        var deleted = new Dictionary<string, int>
        {
            ["order lines"] = await db.OrderLines.Where(l => orders.Contains(l.OrderId)).ExecuteDeleteAsync(ct),
            ["orders"] = await db.Orders.Where(o => o.ImportBatchId == batchId).ExecuteDeleteAsync(ct),
            ["interactions"] = await db.Interactions.Where(i => i.ImportBatchId == batchId).ExecuteDeleteAsync(ct),
            ["ticket messages"] = await db.TicketMessages.Where(m => db.Tickets.Where(t => t.ImportBatchId == batchId).Select(t => t.Id).Contains(m.TicketId)).ExecuteDeleteAsync(ct),
            ["tickets"] = await db.Tickets.Where(t => t.ImportBatchId == batchId).ExecuteDeleteAsync(ct),
            ["contact points"] = await db.ContactPoints.Where(p => p.CustomerId != null && customers.Contains(p.CustomerId.Value)).ExecuteDeleteAsync(ct),
            ["consents"] = await db.Consents.Where(c => customers.Contains(c.CustomerId)).ExecuteDeleteAsync(ct),
            // Custom values point at their record by kind and id (no foreign key): delete the batch's records' values.
            ["custom field values"] = await db.CustomFieldValues.Where(v => (v.EntityType == CustomFieldEntity.Customer && customers.Contains(v.EntityId))
                                                                            || (v.EntityType == CustomFieldEntity.Company && companies.Contains(v.EntityId))).ExecuteDeleteAsync(ct),
            ["scores"] = await db.CustomerInsights.Where(i => customers.Contains(i.CustomerId)).ExecuteDeleteAsync(ct),
            ["segment memberships"] = await db.SegmentMemberships.Where(m => customers.Contains(m.CustomerId)).ExecuteDeleteAsync(ct),
        };
        deleted["customers"] = await db.Customers.Where(c => c.ImportBatchId == batchId).ExecuteDeleteAsync(ct);
        deleted["products"] = await db.Products.Where(p => p.ImportBatchId == batchId).ExecuteDeleteAsync(ct);
        deleted["company contact points"] = await db.ContactPoints.Where(p => p.CompanyId != null && companies.Contains(p.CompanyId.Value)).ExecuteDeleteAsync(ct);
        deleted["companies"] = await db.Companies.Where(c => c.ImportBatchId == batchId).ExecuteDeleteAsync(ct);

        batch.Status = ImportStatus.Undone;
        await db.SaveChangesAsync(ct);
        var counts = deleted.Where(d => d.Value > 0).ToDictionary();
        await audit.RecordAsync(AuditAction.Delete, nameof(ImportBatch), batchId.ToString(System.Globalization.CultureInfo.InvariantCulture), new { undone = counts }, ct);
        await transaction.CommitAsync(ct);
        return new Result(batchId, counts);
    }

    private static async Task RefuseIfUsedAsync(long batchId, string what, IQueryable<long?> dependentBatches, CancellationToken ct)
    {
        var dependents = await dependentBatches.Distinct().Take(5).ToListAsync(ct);
        if (dependents.Count == 0) return;
        var from = dependents.Any(b => b is null) ? "records entered since" : $"import batch {string.Join(", ", dependents.Select(b => b!.Value))} (undo that first)";
        throw new InvalidOperationException($"import batch {batchId} cannot be undone: {what} from {from} refer to what it created");
    }
}
