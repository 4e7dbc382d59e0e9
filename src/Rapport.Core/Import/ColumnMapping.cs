using System.Text;

namespace Rapport.Core.Import;

/// <summary>Which column of the file feeds which field: suggested from the headers, overridable by the user.</summary>
public sealed class ColumnMapping
{
    private readonly Dictionary<string, int> _columnByField;

    private readonly Dictionary<string, ImportField> _fields;

    private readonly IReadOnlyList<ImportField> _all;

    private ColumnMapping(ImportKind kind, IReadOnlyList<string> headers, Dictionary<string, int> columnByField, IReadOnlyList<ImportField> fields)
    {
        Kind = kind;
        Headers = headers;
        _columnByField = columnByField;
        _all = fields;
        _fields = fields.ToDictionary(f => f.Name);
    }

    /// <summary>Every field a column can feed: the kind's catalogue, then its custom fields (<c>custom.KEY</c>).</summary>
    public IReadOnlyList<ImportField> Fields => _all;

    public ImportKind Kind { get; }
    public IReadOnlyList<string> Headers { get; }

    /// <summary>Index of the column mapped to <paramref name="field"/>, or -1.</summary>
    public int ColumnOf(string field) => _columnByField.GetValueOrDefault(field, -1);

    /// <summary>The field's definition.</summary>
    /// <exception cref="ArgumentException">The kind has no such field (a programming error).</exception>
    public ImportField Field(string name) =>
        _fields.TryGetValue(name, out var field) ? field : throw new ArgumentException($"{Kind.Name()} have no field {name}", nameof(name));

    /// <summary>(field, header) for every mapped field, in the catalogue's order.</summary>
    public IEnumerable<(ImportField Field, string Header)> Mapped =>
        _all.Where(f => _columnByField.ContainsKey(f.Name)).Select(f => (f, Headers[_columnByField[f.Name]]));

    /// <summary>Headers no field takes; their values are not imported (listed so the user sees what is left out).</summary>
    public IEnumerable<string> Unmapped => Headers.Where((_, i) => !_columnByField.ContainsValue(i));

    /// <summary>Required fields no column feeds.</summary>
    public IEnumerable<ImportField> MissingRequired => _all.Where(f => f.Required && !_columnByField.ContainsKey(f.Name));

    /// <summary>
    /// Suggests a mapping: a header equal to the field's name wins, then the field's synonyms in their order; each
    /// header feeds one field at most. <paramref name="overrides"/> ("Header" → "field", or "Header" → "" to leave a
    /// column out) win over suggestions.
    /// </summary>
    /// <param name="customFields">The kind's custom fields as import fields (<see cref="ImportFieldCatalog.Custom"/>), after the catalogue's.</param>
    /// <exception cref="ImportMappingException">An override names a header or a field that does not exist.</exception>
    public static ColumnMapping Suggest(ImportKind kind, IReadOnlyList<string> headers, IReadOnlyDictionary<string, string>? overrides = null,
        IReadOnlyList<ImportField>? customFields = null)
    {
        IReadOnlyList<ImportField> fields = customFields is { Count: > 0 } ? [.. ImportFieldCatalog.For(kind), .. customFields] : ImportFieldCatalog.For(kind);
        var normalized = headers.Select(NormalizeHeader).ToArray();
        var map = new Dictionary<string, int>();
        var taken = new HashSet<int>();

        foreach (var (source, target) in overrides ?? new Dictionary<string, string>())
        {
            var column = FindHeader(headers, source)
                ?? throw new ImportMappingException($"--map {source}={target}: the file has no column \"{source}\" (columns: {string.Join(", ", headers)})");
            taken.Add(column);
            if (target.Length == 0) continue;
            var field = fields.FirstOrDefault(f => f.Name.Equals(target, StringComparison.OrdinalIgnoreCase))
                ?? throw new ImportMappingException($"--map {source}={target}: {kind.Name()} have no field \"{target}\" (fields: {string.Join(", ", fields.Select(f => f.Name))})");
            if (!map.TryAdd(field.Name, column))
                throw new ImportMappingException($"--map: two columns are mapped to {field.Name}");
        }

        void Take(ImportField field, string candidate)
        {
            if (map.ContainsKey(field.Name)) return;
            for (var i = 0; i < normalized.Length; i++)
                if (!taken.Contains(i) && normalized[i] == candidate)
                {
                    map[field.Name] = i;
                    taken.Add(i);
                    return;
                }
        }

        foreach (var field in fields) Take(field, NormalizeHeader(field.Name));
        foreach (var field in fields)
            foreach (var synonym in field.Synonyms)
                Take(field, NormalizeHeader(synonym));
        return new ColumnMapping(kind, headers, map, fields);
    }

    /// <summary>Parses "Header=field" pairs as given on the command line.</summary>
    public static Dictionary<string, string> ParseOverrides(IEnumerable<string> pairs)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in pairs)
        {
            var eq = pair.LastIndexOf('=');
            if (eq <= 0) throw new ImportMappingException($"--map {pair}: expected SOURCE=FIELD (or SOURCE= to leave a column out)");
            result[pair[..eq].Trim()] = pair[(eq + 1)..].Trim();
        }
        return result;
    }

    /// <summary>"Invoice No." → "invoiceno": lower case, letters and digits only.</summary>
    public static string NormalizeHeader(string header)
    {
        var sb = new StringBuilder(header.Length);
        foreach (var c in header.Trim())
            if (char.IsLetterOrDigit(c)) sb.Append(char.ToLowerInvariant(c));
        return sb.ToString();
    }

    private static int? FindHeader(IReadOnlyList<string> headers, string name)
    {
        for (var i = 0; i < headers.Count; i++)
            if (headers[i].Trim().Equals(name, StringComparison.OrdinalIgnoreCase)) return i;
        var wanted = NormalizeHeader(name);
        for (var i = 0; i < headers.Count; i++)
            if (NormalizeHeader(headers[i]) == wanted) return i;
        return null;
    }
}

/// <summary>The mapping cannot work (unknown column or field, required field without a column): nothing is imported.</summary>
public sealed class ImportMappingException(string message) : Exception(message);
