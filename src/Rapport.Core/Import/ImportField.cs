namespace Rapport.Core.Import;

public enum ImportFieldType { Text, Integer, Number, Instant, Date, Email, Phone, Choice }

/// <summary>
/// A field a file's column can be mapped to. <see cref="Synonyms"/> are compared after
/// <see cref="ColumnMapping.NormalizeHeader"/> (lower case, letters and digits only), so "Invoice No" finds "invoiceno".
/// </summary>
public sealed record ImportField(string Name, ImportFieldType Type, string Description, params string[] Synonyms)
{
    public bool Required { get; init; }
    /// <summary>Longest text the database column holds; longer values are rejected, never cut.</summary>
    public int MaxLength { get; init; } = 500;
    /// <summary>Accepted values of a <see cref="ImportFieldType.Choice"/> field (compared case-insensitively).</summary>
    public IReadOnlyList<string> Choices { get; init; } = [];
}
