using Rapport.Core.Import;

namespace Rapport.Data.Import;

/// <summary>One file to import and how.</summary>
public sealed record ImportRequest(ImportKind Kind, string Path)
{
    /// <summary>Name shown in the batch list (the uploaded file's name); defaults to the path's file name.</summary>
    public string? FileName { get; init; }
    /// <summary>Source system the rows come from; customers and companies are keyed by (source, external id).</summary>
    public string Source { get; init; } = "import";
    /// <summary>"Column header" → field overrides of the suggested mapping ("" leaves a column out).</summary>
    public IReadOnlyDictionary<string, string> Map { get; init; } = new Dictionary<string, string>();
    /// <summary>Validate and count everything, write nothing.</summary>
    public bool DryRun { get; init; }
    /// <summary>.NET exact date format for non-ISO dates; detected from the first rows when absent.</summary>
    public string? DateFormat { get; init; }
    /// <summary>Currency of amounts when the file has no currency column.</summary>
    public string Currency { get; init; } = "EUR";
    public long? UserId { get; init; }
    /// <summary>After a customers import, match the new customers against everyone (merge the certain, queue the likely).</summary>
    public bool ResolveIdentities { get; init; } = true;
}

/// <summary>The outcome: the batch (null on a dry run or when the same file was already imported) and what happened.</summary>
public sealed record ImportResult(long? BatchId, ImportSummary Summary, ColumnMapping Mapping, string Format)
{
    /// <summary>Set when this exact file was imported before (same kind, same bytes): nothing was imported again.</summary>
    public long? AlreadyImportedAs { get; init; }
    public TimeSpan Elapsed { get; init; }
    /// <summary>Identity resolution run on the batch's new customers, when there was one.</summary>
    public Unification.UnificationResult? Unification { get; init; }
}
