namespace Rapport.Core.Import;

/// <summary>What an import did (or, on a dry run, would do): rows read, records created, rows skipped and rejected by reason.</summary>
public sealed class ImportSummary
{
    public long RowsRead { get; set; }
    public long RowsLoaded { get; set; }
    public long RowsRejected => RejectedByReason.Values.Sum();
    /// <summary>Rows whose record already exists (same key from an earlier import): not imported twice.</summary>
    public long RowsAlreadyPresent { get; set; }
    /// <summary>Records created, by table ("customers", "orders", "order lines", …).</summary>
    public SortedDictionary<string, long> Created { get; } = new(StringComparer.Ordinal);
    /// <summary>Reason ("quantity: not a whole number") → rows.</summary>
    public SortedDictionary<string, long> RejectedByReason { get; } = new(StringComparer.Ordinal);
    /// <summary>Values cleaned but kept (e.g. unknown country left empty), by reason.</summary>
    public SortedDictionary<string, long> NotesByReason { get; } = new(StringComparer.Ordinal);
    /// <summary>Things the user should know (an assumed date order, unmapped columns).</summary>
    public List<string> Remarks { get; } = [];

    public void CountCreated(string table, long n = 1) => Created[table] = Created.GetValueOrDefault(table) + n;

    /// <summary>The first rejected rows (row, field, reason), for a preview; the batch keeps all of them.</summary>
    public List<(long Row, string Field, string Reason)> SampleRejects { get; } = [];

    public const int SampleSize = 100;

    public void CountRejected(long row, string field, string reason)
    {
        if (SampleRejects.Count < SampleSize) SampleRejects.Add((row, field, reason));
        // Group by the field and the kind of problem, not the offending value, so that the summary stays short.
        var key = (field.Length > 0 ? field + ": " : "") + Generalise(reason);
        RejectedByReason[key] = RejectedByReason.GetValueOrDefault(key) + 1;
    }

    public void CountNote(string note) => NotesByReason[note] = NotesByReason.GetValueOrDefault(note) + 1;

    private static string Generalise(string reason)
    {
        // "\"abc\" is not a number" → "not a number"
        if (reason.StartsWith('"'))
        {
            var end = reason.IndexOf("\" is ", 1, StringComparison.Ordinal);
            if (end > 0) return reason[(end + 5)..];
        }
        return reason;
    }
}
