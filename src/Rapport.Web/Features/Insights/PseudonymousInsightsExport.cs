using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Rapport.Analytics.Transactions;
using Rapport.Core.Domain;
using Rapport.Data;
using Rapport.Data.Security;

namespace Rapport.Web.Features.Insights;

/// <summary>
/// The stored per-customer insights for analysts, without the customer: each row carries a pseudonym — a keyed
/// HMAC-SHA256 of the customer id under a random key kept in the database (<see cref="SecretKeys.Pseudonyms"/>) — so
/// analyses of separate exports join on it, while neither the id nor any name or contact value can be recovered from
/// the file without the key. Only scores: no names, contacts, countries or external ids.
/// </summary>
public sealed class PseudonymousInsightsExport(IDbContextFactory<RapportDb> databases)
{
    public const string Header = "pseudonym,rfm,segment,p_alive,churn_risk,clv";

    /// <summary>Writes one CSV line per active customer with stored insights (keyset-paged by id); returns how many.</summary>
    public async Task<long> WriteAsync(TextWriter writer, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var key = await SecretKeys.GetOrCreateAsync(db, SecretKeys.Pseudonyms, ct);
        await writer.WriteLineAsync(Header);
        string[] kinds = [InsightKinds.RfmScore, InsightKinds.Segment, InsightKinds.ProbabilityAlive, InsightKinds.ChurnRisk, InsightKinds.LifetimeValue];
        long last = 0, count = 0;
        while (true)
        {
            var after = last;
            var ids = await db.Customers.AsNoTracking()
                .Where(c => c.Id > after && c.Status == RecordStatus.Active && c.MergedIntoId == null && db.CustomerInsights.Any(i => i.CustomerId == c.Id))
                .OrderBy(c => c.Id).Select(c => c.Id).Take(1000).ToListAsync(ct);
            if (ids.Count == 0) return count;
            var scores = (await db.CustomerInsights.AsNoTracking().Where(i => ids.Contains(i.CustomerId) && kinds.Contains(i.Kind))
                .OrderBy(i => i.Id).Select(i => new { i.CustomerId, i.Kind, i.Value, i.Label }).ToListAsync(ct)).ToLookup(s => s.CustomerId);
            foreach (var id in ids)
            {
                var mine = scores[id].ToList();
                string Number(string kind) => mine.LastOrDefault(s => s.Kind == kind)?.Value.ToString("0.####", CultureInfo.InvariantCulture) ?? "";
                await writer.WriteLineAsync(string.Join(',', Pseudonym(key, id), Number(InsightKinds.RfmScore),
                    CsvText.Cell(mine.LastOrDefault(s => s.Kind == InsightKinds.Segment)?.Label ?? ""),
                    Number(InsightKinds.ProbabilityAlive), Number(InsightKinds.ChurnRisk), Number(InsightKinds.LifetimeValue)));
            }
            count += ids.Count;
            last = ids[^1];
        }
    }

    /// <summary>"p_" + the first 16 bytes of HMAC-SHA256(key, id) in hex: stable for a key, not reversible without it.</summary>
    public static string Pseudonym(byte[] key, long customerId)
        => "p_" + SecretKeys.Hmac(key, customerId.ToString(CultureInfo.InvariantCulture))[..32];
}
