using Rapport.Core.Domain;
using Rapport.Core.Import;
using Rapport.Core.Storage;

namespace Rapport.Data.Import;

/// <summary>
/// What a running import shares with its kind's loader: the bulk session (absent on a dry run), id counters per
/// table, the summary, and rejected rows, which are written alongside the data so the batch keeps them.
/// </summary>
internal sealed class ImportContext(IBulkSession? session, long batchId, ImportSummary summary, DateTime now, ImportRequest request)
{
    private const int ChunkSize = 10_000;
    private readonly Dictionary<Type, long> _nextIds = [];
    private readonly List<ImportRejectedRow> _rejects = [];

    public ImportSummary Summary => summary;
    public ImportRequest Request => request;
    public long BatchId => batchId;
    public DateTime Now => now;
    public bool DryRun => session is null;
    public int Chunk => ChunkSize;
    /// <summary>The custom fields of the kind's records, mapped as <c>custom.KEY</c> (empty for kinds without them).</summary>
    public IReadOnlyList<CustomFieldDefinition> CustomFields { get; init; } = [];

    /// <summary>
    /// Reads the row's mapped custom fields into value rows for record <paramref name="entityId"/> (ids given later);
    /// a bad value rejects the row naming <c>custom.KEY</c>.
    /// </summary>
    public List<CustomFieldValue> ReadCustomValues(ImportRow row, ColumnMapping mapping, CustomFieldEntity entity)
    {
        var values = new List<CustomFieldValue>();
        foreach (var field in CustomFields)
        {
            var name = ImportFieldCatalog.CustomPrefix + field.Key;
            var column = mapping.ColumnOf(name);
            if (column < 0) continue;
            var text = column < row.Source.Cells.Length ? row.Source.Cells[column] : "";
            if (!Core.CustomFields.CustomFieldRules.TryParse(field, text, out var value, out var problem))
            {
                row.Reject(name, problem!);
                continue;
            }
            if (!value.IsEmpty)
                values.Add(new CustomFieldValue { EntityType = entity, FieldId = field.Id, TextValue = value.Text, NumberValue = value.Number, DateValue = value.Date, UpdatedAt = Now });
        }
        return values;
    }

    /// <summary>The next free id of <typeparamref name="T"/>'s table (counted from 1 on a dry run).</summary>
    public ValueTask<long> NextIdAsync<T>(CancellationToken ct) where T : class
    {
        // Only the first id of a table asks the database; the rest count on in memory (one call per row).
        if (_nextIds.TryGetValue(typeof(T), out var next))
        {
            _nextIds[typeof(T)] = next + 1;
            return ValueTask.FromResult(next);
        }
        return FirstIdAsync<T>(ct);
    }

    private async ValueTask<long> FirstIdAsync<T>(CancellationToken ct) where T : class
    {
        var first = session is null ? 1 : await session.NextIdAsync<T>(ct);
        _nextIds[typeof(T)] = first + 1;
        return first;
    }

    public async Task WriteAsync<T>(List<T> rows, string table, CancellationToken ct) where T : class
    {
        if (rows.Count == 0) return;
        if (session is not null) await session.WriteAsync(rows, ct);
        summary.CountCreated(table, rows.Count);
        rows.Clear();
    }

    /// <summary>Writes a stream of rows (ids already set) in one go; on a dry run it is only walked, so its counting still happens.</summary>
    public async Task WriteStreamAsync<T>(IEnumerable<T> rows, string table, CancellationToken ct) where T : class
    {
        long written;
        if (session is not null) written = await session.WriteAsync(rows, ct);
        else written = rows.LongCount();
        if (written > 0) summary.CountCreated(table, written);
    }

    /// <summary>Counts the row's problem and keeps it (with the raw row) for the rejects file.</summary>
    public async Task RejectAsync(ImportRow row, CancellationToken ct)
    {
        var (field, reason) = row.Problem!.Value;
        summary.CountRejected(row.RowNumber, field, reason);
        _rejects.Add(new ImportRejectedRow
        {
            Id = await NextIdAsync<ImportRejectedRow>(ct), ImportBatchId = batchId, RowNumber = row.RowNumber,
            Field = field.Length == 0 ? null : field, Reason = reason, RawText = row.Source.Raw,
        });
        if (_rejects.Count >= ChunkSize) await FlushRejectsAsync(ct);
    }

    public void Note(ImportRow row)
    {
        foreach (var note in row.Notes) summary.CountNote(note);
    }

    public async Task FlushRejectsAsync(CancellationToken ct)
    {
        if (_rejects.Count == 0) return;
        if (session is not null) await session.WriteAsync(_rejects, ct);
        _rejects.Clear();
    }
}
