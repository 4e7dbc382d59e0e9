using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Rapport.Core.Domain;
using Rapport.Data.Model;

namespace Rapport.Data.Privacy;

/// <summary>What an erasure did.</summary>
public sealed record ErasureResult(long CustomerId, int PersonalFieldsCleared, int ContactPointsDeleted, int ConsentsDeleted,
    int InsightsDeleted, int SegmentMembershipsDeleted, int OrdersKept, int CustomFieldValuesDeleted = 0);

/// <summary>
/// GDPR / PIPL data-subject rights for one customer: export everything held about them as JSON, and erase them
/// (personal fields destroyed, contact points, consents and custom field values deleted, derived scores and segment memberships removed,
/// orders kept against an anonymous record so revenue totals stay right). What is personal comes from the model's
/// personal-data annotations only; every change goes through the audit hook, so each request is in the hash-chained log.
/// </summary>
public sealed class DataSubjectService(RapportDb db, Audit.AuditRecorder audit)
{

    /// <summary>Every record about the customer, by kind, with personal values in clear (it is their data).</summary>
    public async Task<JsonObject> ExportAsync(long customerId, DateTime exportedAt, CancellationToken ct = default)
    {
        var customer = await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.Id == customerId, ct)
                       ?? throw new KeyNotFoundException($"No customer with id {customerId}.");
        var orders = await db.Orders.AsNoTracking().Where(o => o.CustomerId == customerId).OrderBy(o => o.Id).ToListAsync(ct);
        var tickets = await db.Tickets.AsNoTracking().Where(t => t.CustomerId == customerId).OrderBy(t => t.Id).ToListAsync(ct);
        var ticketIds = tickets.Select(t => t.Id).ToList();
        var idText = customerId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var export = new JsonObject
        {
            ["exportedAt"] = exportedAt.ToString("O"),
            ["customer"] = Row(customer),
            ["contactPoints"] = Rows(await db.ContactPoints.AsNoTracking().Where(x => x.CustomerId == customerId).OrderBy(x => x.Id).ToListAsync(ct)),
            ["consents"] = Rows(await db.Consents.AsNoTracking().Where(x => x.CustomerId == customerId).OrderBy(x => x.Id).ToListAsync(ct)),
            ["orders"] = Rows(orders),
            ["orderLines"] = Rows(await db.OrderLines.AsNoTracking().Where(x => x.CustomerId == customerId).OrderBy(x => x.Id).ToListAsync(ct)),
            ["interactions"] = Rows(await db.Interactions.AsNoTracking().Where(x => x.CustomerId == customerId).OrderBy(x => x.Id).ToListAsync(ct)),
            ["tickets"] = Rows(tickets),
            ["ticketMessages"] = Rows(await db.TicketMessages.AsNoTracking().Where(x => ticketIds.Contains(x.TicketId)).OrderBy(x => x.Id).ToListAsync(ct)),
            ["deals"] = Rows(await db.Deals.AsNoTracking().Where(x => x.CustomerId == customerId).OrderBy(x => x.Id).ToListAsync(ct)),
            ["feedback"] = Rows(await db.Feedback.AsNoTracking().Where(x => x.CustomerId == customerId).OrderBy(x => x.Id).ToListAsync(ct)),
            ["campaignMemberships"] = Rows(await db.CampaignMembers.AsNoTracking().Where(x => x.CustomerId == customerId).ToListAsync(ct)),
            ["campaignResponses"] = Rows(await db.CampaignResponses.AsNoTracking().Where(x => x.CustomerId == customerId).ToListAsync(ct)),
            ["segmentMemberships"] = Rows(await db.SegmentMemberships.AsNoTracking().Where(x => x.CustomerId == customerId).ToListAsync(ct)),
            ["customFields"] = await CustomFieldsAsync(customerId, ct),
            ["insights"] = Rows(await db.CustomerInsights.AsNoTracking().Where(x => x.CustomerId == customerId).OrderBy(x => x.Id).ToListAsync(ct)),
            ["merges"] = Rows(await db.CustomerMerges.AsNoTracking().Where(x => x.SurvivorId == customerId || x.MergedId == customerId).OrderBy(x => x.Id).ToListAsync(ct)),
            ["auditTrail"] = Rows(await db.AuditEntries.AsNoTracking().Where(a => a.EntityType == nameof(Customer) && a.EntityId == idText).OrderBy(a => a.Sequence).ToListAsync(ct)),
        };
        // The request itself is logged (after the trail was read, so the export does not list itself).
        await audit.RecordAsync(AuditAction.Export, nameof(Customer), idText, new { request = "data-subject export" }, ct);
        return export;
    }

    /// <summary>Erases the customer in one transaction; an already erased customer is refused.</summary>
    public async Task<ErasureResult> EraseAsync(long customerId, CancellationToken ct = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var customer = await db.Customers.SingleOrDefaultAsync(c => c.Id == customerId, ct)
                       ?? throw new KeyNotFoundException($"No customer with id {customerId}.");
        if (customer.Status == RecordStatus.Erased) throw new InvalidOperationException($"Customer {customerId} was already erased.");

        var cleared = Clear(customer);
        customer.Status = RecordStatus.Erased;
        foreach (var interaction in await db.Interactions.Where(x => x.CustomerId == customerId).ToListAsync(ct)) cleared += Clear(interaction);
        foreach (var feedback in await db.Feedback.Where(x => x.CustomerId == customerId).ToListAsync(ct)) cleared += Clear(feedback);
        var tickets = await db.Tickets.Where(x => x.CustomerId == customerId).ToListAsync(ct);
        foreach (var ticket in tickets) cleared += Clear(ticket);
        var ticketIds = tickets.Select(t => t.Id).ToList();
        foreach (var message in await db.TicketMessages.Where(x => ticketIds.Contains(x.TicketId)).ToListAsync(ct)) cleared += Clear(message);

        var contactPoints = await db.ContactPoints.Where(x => x.CustomerId == customerId).ToListAsync(ct);
        var consents = await db.Consents.Where(x => x.CustomerId == customerId).ToListAsync(ct);
        var insights = await db.CustomerInsights.Where(x => x.CustomerId == customerId).ToListAsync(ct);
        var memberships = await db.SegmentMemberships.Where(x => x.CustomerId == customerId).ToListAsync(ct);
        // Every custom value goes, not only those of fields flagged personal: an admin may flag a field later, and the
        // record no longer belongs to anyone whose account the values would describe.
        var customValues = await db.CustomFieldValues.Where(v => v.EntityType == CustomFieldEntity.Customer && v.EntityId == customerId).ToListAsync(ct);
        db.CustomFieldValues.RemoveRange(customValues);
        db.ContactPoints.RemoveRange(contactPoints);
        db.Consents.RemoveRange(consents);
        db.CustomerInsights.RemoveRange(insights);
        db.SegmentMemberships.RemoveRange(memberships);
        // Merge records keep the before/after of personal fields for undo: erased with the person (such a merge can no longer be undone).
        foreach (var merge in await db.CustomerMerges.Where(x => x.SurvivorId == customerId || x.MergedId == customerId).ToListAsync(ct)) cleared += Clear(merge);
        var orders = await db.Orders.CountAsync(o => o.CustomerId == customerId, ct);
        await db.SaveChangesAsync(ct);
        var result = new ErasureResult(customerId, cleared, contactPoints.Count, consents.Count, insights.Count, memberships.Count, orders, customValues.Count);
        await audit.RecordAsync(AuditAction.Erase, nameof(Customer), customerId.ToString(System.Globalization.CultureInfo.InvariantCulture), result, ct);
        await transaction.CommitAsync(ct);
        return result;
    }

    /// <summary>Sets every personal property of a tracked entity to empty (null where allowed); returns how many held a value.</summary>
    private int Clear(object entity)
    {
        var entry = db.Entry(entity);
        var count = 0;
        foreach (var property in entry.Properties.Where(p => p.Metadata.IsPersonal()))
        {
            if (property.CurrentValue is null || property.CurrentValue is "") continue;
            property.CurrentValue = property.Metadata.IsNullable ? null : property.Metadata.ClrType == typeof(string) ? "" : Activator.CreateInstance(property.Metadata.ClrType);
            count++;
        }
        return count;
    }

    /// <summary>The customer's custom field values: key, label, type and value (numbers as numbers, dates as yyyy-MM-dd).</summary>
    private async Task<JsonArray> CustomFieldsAsync(long customerId, CancellationToken ct)
    {
        var rows = await db.CustomFieldValues.AsNoTracking().Where(v => v.EntityType == CustomFieldEntity.Customer && v.EntityId == customerId)
            .OrderBy(v => v.Field!.Position).ThenBy(v => v.FieldId)
            .Select(v => new { v.Field!.Key, v.Field.Label, v.Field.Type, v.TextValue, v.NumberValue, v.DateValue, v.UpdatedAt }).ToListAsync(ct);
        return new JsonArray(rows.Select(r => (JsonNode)new JsonObject
        {
            ["key"] = r.Key,
            ["label"] = r.Label,
            ["type"] = r.Type.ToString(),
            ["value"] = r.NumberValue is { } number ? JsonValue.Create(number) : JsonValue.Create(new Core.CustomFields.CustomTypedValue(r.TextValue, null, r.DateValue).Display()),
            ["updatedAt"] = r.UpdatedAt.ToString("O"),
        }).ToArray());
    }

    private JsonArray Rows<T>(IEnumerable<T> entities) where T : class => EntityJson.Rows(db, entities);

    private JsonObject Row<T>(T entity) where T : class => EntityJson.Row(db, entity);
}
