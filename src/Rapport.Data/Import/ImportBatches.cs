using Microsoft.EntityFrameworkCore;
using Rapport.Analytics.Transactions;
using Rapport.Core.Domain;

namespace Rapport.Data.Import;

/// <summary>Reading import batches: the list, and a batch's rejected rows as a CSV file (cells safe for spreadsheets).</summary>
public sealed class ImportBatches(RapportDb db)
{
    public Task<List<ImportBatch>> ListAsync(int take = 50, CancellationToken ct = default) =>
        db.ImportBatches.AsNoTracking().OrderByDescending(b => b.Id).Take(take).ToListAsync(ct);

    public Task<ImportBatch?> FindAsync(long id, CancellationToken ct = default) =>
        db.ImportBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, ct);

    /// <summary>Writes "row,field,reason,raw" lines for every rejected row of the batch, in row order; returns how many.</summary>
    /// <exception cref="KeyNotFoundException">No such batch.</exception>
    /// <param name="maskRaw">For readers without personal-data.read: the raw row (names, e-mails, phones as the file had them) is masked.</param>
    public async Task<long> WriteRejectsAsync(long batchId, TextWriter writer, CancellationToken ct = default, bool maskRaw = false)
    {
        if (!await db.ImportBatches.AnyAsync(b => b.Id == batchId, ct)) throw new KeyNotFoundException($"there is no import batch {batchId}");
        await writer.WriteLineAsync("row,field,reason,raw");
        long count = 0;
        await foreach (var r in db.ImportRejectedRows.AsNoTracking().Where(r => r.ImportBatchId == batchId).OrderBy(r => r.RowNumber)
                           .AsAsyncEnumerable().WithCancellation(ct))
        {
            // Formula injection: a rejected cell is untrusted text, so each cell is neutralised before a spreadsheet sees it.
            await writer.WriteLineAsync(string.Join(",", r.RowNumber.ToString(System.Globalization.CultureInfo.InvariantCulture),
                CsvText.Cell(r.Field ?? ""), CsvText.Cell(r.Reason), CsvText.Cell((maskRaw ? Rapport.Core.Security.PersonalDataMask.Mask(r.RawText) : r.RawText) ?? "")));
            count++;
        }
        return count;
    }
}
