using Rapport.Core.Import;

namespace Rapport.Data.Import;

/// <summary>Reads one kind of file into the database through the import's context.</summary>
internal interface IKindLoader
{
    Task LoadAsync(ImportContext context, TabularFile file, ColumnMapping mapping, ImportReadOptions options, IProgress<string>? progress, CancellationToken ct);
}
