using Microsoft.EntityFrameworkCore;
using Rapport.Core.Domain;
using Rapport.Core.Import;

namespace Rapport.Data.Import;

/// <summary>
/// Service tickets from another desk. The customer is optional (a ticket may come from someone unknown) but, when
/// given, must be known in the import's source. A ticket with the same customer, opening time and subject as one in
/// the database is skipped.
/// </summary>
internal sealed class TicketLoader(RapportDb db) : IKindLoader
{
    public async Task LoadAsync(ImportContext context, TabularFile file, ColumnMapping mapping, ImportReadOptions options, IProgress<string>? progress, CancellationToken ct)
    {
        var customers = await CustomerDirectory.LoadAsync(db, context.Request.Source, ct);
        var existing = new HashSet<(long?, DateTime, string)>();
        await foreach (var t in db.Tickets.AsNoTracking().Select(t => new { t.CustomerId, t.CreatedAt, t.Subject }).AsAsyncEnumerable().WithCancellation(ct))
            existing.Add((t.CustomerId, t.CreatedAt, t.Subject));
        var tickets = new List<Ticket>();
        foreach (var tabular in file.ReadRows())
        {
            context.Summary.RowsRead++;
            var row = new ImportRow(tabular, mapping, options);
            var customer = row.Text("customer");
            var subject = row.Text("subject");
            var description = row.Text("description");
            var status = row.Choice<TicketStatus>("status");
            var priority = row.Choice<TicketPriority>("priority");
            var channel = row.Choice<TicketChannel>("channel");
            var language = row.Text("language");
            var category = row.Text("category");
            var createdAt = row.Instant("created_at");
            long? customerId = null;
            if (row.IsValid && customer is not null)
            {
                if (customers.TryFind(customer, out var id)) customerId = id;
                else row.Reject("customer", $"no customer {customer} from source {context.Request.Source}");
            }
            if (!row.IsValid)
            {
                await context.RejectAsync(row, ct);
                continue;
            }
            if (!existing.Add((customerId, createdAt!.Value, subject!)))
            {
                context.Summary.RowsAlreadyPresent++;
                continue;
            }
            context.Note(row);
            var finalStatus = status ?? TicketStatus.New;
            tickets.Add(new Ticket
            {
                Id = await context.NextIdAsync<Ticket>(ct), CustomerId = customerId, Subject = subject!, Description = description ?? "",
                Status = finalStatus, Priority = priority ?? TicketPriority.Normal, Channel = channel ?? TicketChannel.Web, Language = language,
                Category = category, CreatedAt = createdAt.Value, ImportBatchId = context.BatchId,
            });
            context.Summary.RowsLoaded++;
            if (tickets.Count >= context.Chunk) await context.WriteAsync(tickets, "tickets", ct);
        }
        await context.WriteAsync(tickets, "tickets", ct);
        await context.FlushRejectsAsync(ct);
    }
}
