using Microsoft.EntityFrameworkCore;
using Rapport.Core.Automation;
using Rapport.Core.Domain;
using Rapport.Data;

namespace Rapport.Web.Features.Automation;

/// <summary>Loads the record an event is about and answers who owns it: shared by conditions and actions.</summary>
internal static class AutomationRecords
{
    public static async Task<object?> FindAsync(RapportDb db, string? entityType, long? id, CancellationToken ct) => (entityType, id) switch
    {
        (AutomationFields.Customer, { } i) => await db.Customers.FirstOrDefaultAsync(c => c.Id == i, ct),
        (AutomationFields.Deal, { } i) => await db.Deals.FirstOrDefaultAsync(d => d.Id == i, ct),
        (AutomationFields.Ticket, { } i) => await db.Tickets.FirstOrDefaultAsync(t => t.Id == i, ct),
        _ => null,
    };

    /// <summary>The owner of a customer or deal, the assignee of a ticket.</summary>
    public static long? OwnerOf(object? record) => record switch
    {
        Customer c => c.OwnerId,
        Deal d => d.OwnerId,
        Ticket t => t.AssigneeId,
        _ => null,
    };

    public static long? CustomerOf(object? record) => record switch
    {
        Customer c => c.Id,
        Deal d => d.CustomerId,
        Ticket t => t.CustomerId,
        _ => null,
    };

    /// <summary>The record's page, for notification links.</summary>
    public static string? LinkOf(string? entityType, long? id) => (entityType, id) switch
    {
        (AutomationFields.Customer, { } i) => $"customers/{i}",
        (AutomationFields.Deal, { } i) => $"deals/{i}",
        (AutomationFields.Ticket, { } i) => $"tickets/{i}",
        _ => null,
    };

    /// <summary>The property names an event's changes JSON lists.</summary>
    public static IReadOnlySet<string> ChangedFields(string changesJson)
    {
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(changesJson);
            return doc.RootElement.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        }
        catch (System.Text.Json.JsonException) { return new HashSet<string>(); }
    }
}
