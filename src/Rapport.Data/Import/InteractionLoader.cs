using Microsoft.EntityFrameworkCore;
using Rapport.Core.Domain;
using Rapport.Core.Import;

namespace Rapport.Data.Import;

/// <summary>
/// Interaction files (calls, e-mails, meetings, notes …) about customers already known in the import's source.
/// An interaction with the same customer, time and subject as one in the database is skipped.
/// </summary>
internal sealed class InteractionLoader(RapportDb db) : IKindLoader
{
    public async Task LoadAsync(ImportContext context, TabularFile file, ColumnMapping mapping, ImportReadOptions options, IProgress<string>? progress, CancellationToken ct)
    {
        var customers = await CustomerDirectory.LoadAsync(db, context.Request.Source, ct);
        var existing = new HashSet<(long, DateTime, string)>();
        await foreach (var i in db.Interactions.AsNoTracking().Select(i => new { i.CustomerId, i.OccurredAt, i.Subject }).AsAsyncEnumerable().WithCancellation(ct))
            existing.Add((i.CustomerId, i.OccurredAt, i.Subject));
        var interactions = new List<Interaction>();
        foreach (var tabular in file.ReadRows())
        {
            context.Summary.RowsRead++;
            var row = new ImportRow(tabular, mapping, options);
            var customer = row.Text("customer");
            var kind = row.Choice<InteractionKind>("kind");
            var direction = row.Choice<InteractionDirection>("direction");
            var occurredAt = row.Instant("occurred_at");
            var duration = row.Integer("duration_minutes");
            var subject = row.Text("subject");
            var body = row.Text("body");
            if (duration < 0) row.Reject("duration_minutes", "negative");
            long customerId = 0;
            if (row.IsValid && !customers.TryFind(customer!, out customerId)) row.Reject("customer", $"no customer {customer} from source {context.Request.Source}");
            if (!row.IsValid)
            {
                await context.RejectAsync(row, ct);
                continue;
            }
            if (!existing.Add((customerId, occurredAt!.Value, subject!)))
            {
                context.Summary.RowsAlreadyPresent++;
                continue;
            }
            context.Note(row);
            interactions.Add(new Interaction
            {
                Id = await context.NextIdAsync<Interaction>(ct), CustomerId = customerId, Kind = kind!.Value,
                Direction = direction ?? (kind == InteractionKind.Note ? InteractionDirection.Internal : InteractionDirection.Outbound),
                OccurredAt = occurredAt.Value, DurationMinutes = duration, Subject = subject!, Body = body, ImportBatchId = context.BatchId,
            });
            context.Summary.RowsLoaded++;
            if (interactions.Count >= context.Chunk) await context.WriteAsync(interactions, "interactions", ct);
        }
        await context.WriteAsync(interactions, "interactions", ct);
        await context.FlushRejectsAsync(ct);
    }
}
