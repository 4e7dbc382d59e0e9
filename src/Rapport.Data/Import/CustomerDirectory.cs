using Microsoft.EntityFrameworkCore;
using Rapport.Core.Domain;

namespace Rapport.Data.Import;

/// <summary>
/// The customers a file can refer to, by their key in the import's source (external id). A customer merged into
/// another resolves to the survivor, so later files keep landing on the unified record.
/// </summary>
internal sealed class CustomerDirectory
{
    private readonly Dictionary<string, long> _ids = new(StringComparer.Ordinal);

    public static async Task<CustomerDirectory> LoadAsync(RapportDb db, string source, CancellationToken ct)
    {
        var directory = new CustomerDirectory();
        await foreach (var c in db.Customers.AsNoTracking()
                           .Where(c => c.Source == source && c.ExternalId != null && c.Status != RecordStatus.Erased)
                           .Select(c => new { c.ExternalId, Id = c.MergedIntoId ?? c.Id }).AsAsyncEnumerable().WithCancellation(ct))
            directory._ids[Key(c.ExternalId!)] = c.Id;
        return directory;
    }

    public bool TryFind(string externalId, out long id) => _ids.TryGetValue(Key(externalId), out id);

    public void Add(string externalId, long id) => _ids[Key(externalId)] = id;

    /// <summary>Spreadsheets turn ids into numbers: "17850.0" and "17850" are the same customer.</summary>
    public static string Key(string externalId)
    {
        var s = externalId.Trim();
        return s.EndsWith(".0", StringComparison.Ordinal) && s.Length > 2 && s[..^2].All(char.IsAsciiDigit) ? s[..^2] : s;
    }
}
