using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Rapport.Core.Domain;
using Rapport.Core.Import;
using Rapport.Core.Storage;

namespace Rapport.Data.Import;

/// <summary>
/// Imports a CSV or .xlsx file as one batch: the mapping is suggested from the headers (or given), every row is
/// validated and either loaded or kept with its reason as a rejected row, and everything the batch creates carries
/// its id so that <see cref="ImportUndo"/> can take it out again. The data goes in through one bulk session: all of
/// it or (on an error) none of it. The same file imported twice is recognised by its SHA-256 and not loaded again;
/// records already present under their key (order number, SKU, source + external id) are skipped, never doubled.
/// </summary>
public sealed class ImportService(RapportDb db, IBulkWriter bulk, TimeProvider clock, Unification.IdentityResolutionService identities)
{
    private const int DateSampleRows = 1000;

    /// <exception cref="ImportFileException">The file cannot be read.</exception>
    /// <exception cref="ImportMappingException">The mapping is unusable (unknown column or field, required field unmapped).</exception>
    public async Task<ImportResult> ImportAsync(ImportRequest request, IProgress<string>? progress = null, CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        using var file = TabularFile.Open(request.Path);
        var customFields = await CustomFieldsAsync(request.Kind, ct);
        var mapping = ColumnMapping.Suggest(request.Kind, file.Headers, request.Map, ImportFieldCatalog.Custom(customFields));
        var missing = mapping.MissingRequired.Select(f => f.Name).ToList();
        if (missing.Count > 0)
            throw new ImportMappingException($"{Path.GetFileName(request.Path)}: no column for {string.Join(", ", missing)} " +
                                             $"(columns: {string.Join(", ", file.Headers)}); map one with --map COLUMN=FIELD");
        var summary = new ImportSummary();
        var options = ReadOptions(request, file, mapping, summary);
        var unmapped = mapping.Unmapped.Where(h => h.Length > 0).ToList();
        if (unmapped.Count > 0) summary.Remarks.Add($"columns not imported: {string.Join(", ", unmapped)}");

        var hash = await HashAsync(request.Path, ct);
        var kindName = request.Kind.Name();
        var previous = await db.ImportBatches.AsNoTracking()
            .Where(b => b.ContentHash == hash && b.Kind == kindName && b.Status == ImportStatus.Completed)
            .Select(b => (long?)b.Id).FirstOrDefaultAsync(ct);
        if (previous is not null)
            return new ImportResult(null, summary, mapping, file.Format) { AlreadyImportedAs = previous, Elapsed = watch.Elapsed };

        var loader = Loader(request.Kind);
        if (request.DryRun)
        {
            await loader.LoadAsync(new ImportContext(null, 0, summary, Now, request) { CustomFields = customFields }, file, mapping, options, progress, ct);
            return new ImportResult(null, summary, mapping, file.Format) { Elapsed = watch.Elapsed };
        }

        var batch = new ImportBatch
        {
            Kind = kindName, FileName = request.FileName ?? Path.GetFileName(request.Path), Source = request.Source, ContentHash = hash,
            Status = ImportStatus.Running, UserId = request.UserId, StartedAt = Now,
        };
        db.ImportBatches.Add(batch);
        await db.SaveChangesAsync(ct);
        try
        {
            await using (var session = await bulk.BeginAsync(ct))
            {
                await loader.LoadAsync(new ImportContext(session, batch.Id, summary, batch.StartedAt, request) { CustomFields = customFields }, file, mapping, options, progress, ct);
                await session.CommitAsync(ct);
            }
            batch.Status = ImportStatus.Completed;
        }
        catch
        {
            batch.Status = ImportStatus.Failed;
            throw;
        }
        finally
        {
            batch.RowsRead = summary.RowsRead;
            batch.RowsLoaded = batch.Status == ImportStatus.Completed ? summary.RowsLoaded : 0;
            batch.RowsRejected = batch.Status == ImportStatus.Completed ? summary.RowsRejected : 0;
            batch.FinishedAt = Now;
            await db.SaveChangesAsync(CancellationToken.None);
        }
        // New people may be someone the CRM already knows from another source: match the batch's customers against
        // everyone, merge the certain pairs, queue the rest for review (the batch itself is already committed).
        Unification.UnificationResult? unification = null;
        if (request.Kind == ImportKind.Customers && summary.RowsLoaded > 0 && request.ResolveIdentities)
        {
            progress?.Report("matching the new customers against the existing ones");
            unification = await identities.ResolveAsync(batch.Id, ct: ct);
        }
        return new ImportResult(batch.Id, summary, mapping, file.Format) { Elapsed = watch.Elapsed, Unification = unification };
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The custom fields the kind's records carry (customers, companies), which files can fill as <c>custom.KEY</c>.</summary>
    private async Task<List<CustomFieldDefinition>> CustomFieldsAsync(ImportKind kind, CancellationToken ct)
        => ImportFieldCatalog.CustomEntityOf(kind) is { } entity
            ? await db.CustomFieldDefinitions.AsNoTracking().Where(d => d.EntityType == entity).OrderBy(d => d.Position).ThenBy(d => d.Id).ToListAsync(ct)
            : [];

    private IKindLoader Loader(ImportKind kind) => kind switch
    {
        ImportKind.Orders => new OrderLoader(db),
        ImportKind.Customers => new CustomerLoader(db),
        ImportKind.Companies => new CompanyLoader(db),
        ImportKind.Products => new ProductLoader(db),
        ImportKind.Interactions => new InteractionLoader(db),
        ImportKind.Tickets => new TicketLoader(db),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The date format: as given, or detected from the first rows' date columns when they are not ISO.</summary>
    private static ImportReadOptions ReadOptions(ImportRequest request, TabularFile file, ColumnMapping mapping, ImportSummary summary)
    {
        var options = new ImportReadOptions { DateFormat = request.DateFormat, Currency = request.Currency };
        if (request.DateFormat is not null) return options;
        var dateColumns = mapping.Mapped.Where(m => m.Field.Type is ImportFieldType.Instant or ImportFieldType.Date)
            .Select(m => mapping.ColumnOf(m.Field.Name)).ToArray();
        if (dateColumns.Length == 0) return options;
        var samples = file.ReadRows().Take(DateSampleRows)
            .SelectMany(r => dateColumns.Where(c => c < r.Cells.Length).Select(c => r.Cells[c])).ToList();
        var (format, note) = DateOrder.Detect(samples);
        if (note is not null) summary.Remarks.Add(note);
        return options with { DateFormat = format };
    }

    private static async Task<string> HashAsync(string path, CancellationToken ct)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
    }
}
