namespace Rapport.Analytics.Rules;

/// <summary>
/// Item names ↔ dense int ids (0, 1, 2, … in order of first appearance). Lookups by span, so reading a basket file
/// allocates one string per distinct item, not per occurrence. Names are kept exactly as read (a trailing space
/// included, as arules keeps Groceries' <c>"cream cheese "</c>).
/// </summary>
public sealed class ItemDictionary
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly List<string> _names = [];

    public ItemDictionary() => _lookup = _ids.GetAlternateLookup<ReadOnlySpan<char>>();

    public int Count => _names.Count;

    public IReadOnlyList<string> Names => _names;

    public string this[int id] => _names[id];

    /// <summary>The id of <paramref name="name"/>, added when new.</summary>
    public int GetOrAdd(ReadOnlySpan<char> name)
    {
        if (_lookup.TryGetValue(name, out int id)) return id;
        id = _names.Count;
        var text = name.ToString();
        _ids.Add(text, id);
        _names.Add(text);
        return id;
    }

    public bool TryGetId(ReadOnlySpan<char> name, out int id) => _lookup.TryGetValue(name, out id);
}
