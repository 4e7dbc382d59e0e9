using Microsoft.EntityFrameworkCore;

namespace Rapport.Data.Import;

/// <summary>Companies a file can refer to: by external id in the import's source, or by name (case-insensitive).</summary>
internal sealed class CompanyDirectory
{
    private readonly Dictionary<string, long> _ids = new(StringComparer.OrdinalIgnoreCase);

    public static async Task<CompanyDirectory> LoadAsync(RapportDb db, string source, CancellationToken ct)
    {
        var directory = new CompanyDirectory();
        await foreach (var c in db.Companies.AsNoTracking().Select(c => new { c.Id, c.Name, c.Source, c.ExternalId }).AsAsyncEnumerable().WithCancellation(ct))
        {
            directory._ids.TryAdd("name:" + c.Name.Trim(), c.Id);
            if (c.Source == source && c.ExternalId is not null) directory._ids["id:" + c.ExternalId.Trim()] = c.Id;
        }
        return directory;
    }

    /// <summary>The company whose external id, else name, is <paramref name="reference"/>.</summary>
    public long? Find(string reference) =>
        _ids.TryGetValue("id:" + reference.Trim(), out var id) || _ids.TryGetValue("name:" + reference.Trim(), out id) ? id : null;

    public bool HasExternalId(string externalId) => _ids.ContainsKey("id:" + externalId.Trim());

    public void Add(string name, long id, string? externalId = null)
    {
        _ids.TryAdd("name:" + name.Trim(), id);
        if (externalId is not null) _ids["id:" + externalId.Trim()] = id;
    }
}
