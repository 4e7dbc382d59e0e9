namespace Rapport.Core.Import;

/// <summary>The first rows of a file and the suggested mapping, for the import wizard to show before anything is written.</summary>
public sealed record ImportPreview(string Format, IReadOnlyList<string> Headers, ColumnMapping Mapping, IReadOnlyList<TabularRow> Rows)
{
    /// <exception cref="ImportFileException">The file cannot be read.</exception>
    /// <exception cref="ImportMappingException">An override names an unknown column or field.</exception>
    public static ImportPreview Read(ImportKind kind, string path, IReadOnlyDictionary<string, string>? overrides = null, int rows = 10,
        IReadOnlyList<ImportField>? customFields = null)
    {
        using var file = TabularFile.Open(path);
        return new ImportPreview(file.Format, file.Headers, ColumnMapping.Suggest(kind, file.Headers, overrides, customFields), file.ReadRows().Take(rows).ToList());
    }
}
