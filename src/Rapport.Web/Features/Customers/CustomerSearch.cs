using Microsoft.EntityFrameworkCore;
using Rapport.Core.Domain;
using Rapport.Core.Security;
using Rapport.Core.Unification;
using Rapport.Core.CustomFields;
using Rapport.Data;
using Rapport.Data.CustomFields;
using Rapport.Web.Features.CustomFields;

namespace Rapport.Web.Features.Customers;

/// <summary>What the customer list asks for: a search term, filters on the stored scores, a sort and a page.</summary>
public sealed record CustomerQuery
{
    public string? Search { get; init; }
    /// <summary>Segment name as the insights job stored it (exact).</summary>
    public string? Segment { get; init; }
    /// <summary>Members of this segment (clustered: stored; rule-based: the rule evaluated now).</summary>
    public long? SegmentId { get; init; }
    public double? MinChurnRisk { get; init; }
    public double? MinClv { get; init; }
    public double? MaxClv { get; init; }
    /// <summary>Filters on custom fields: equals, or a range for numbers and dates (<see cref="CustomFieldQueries"/>).</summary>
    public IReadOnlyList<CustomFieldFilter> CustomFields { get; init; } = [];
    public CustomerSort Sort { get; init; } = CustomerSort.Newest;
    /// <summary>The records the viewer may see (<see cref="Common.RecordScope"/>).</summary>
    public Common.RecordScope Scope { get; init; } = Common.RecordScope.Everything;
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 25;
}

public enum CustomerSort { Newest, Name, Id }

/// <summary>One row of the list, personal values already masked when the viewer may not see them.</summary>
public sealed record CustomerRow(long Id, string Name, string? Email, string? Phone, string? Country, string? Source,
    string? Segment, double? ChurnRisk, double? Clv)
{
    /// <summary>Custom field values by key, as the API writes them (numbers, "yyyy-MM-dd" dates, text).</summary>
    public IReadOnlyDictionary<string, object?> CustomFields { get; init; } = new Dictionary<string, object?>();
}

public sealed record CustomerPage(IReadOnlyList<CustomerRow> Items, long Total, bool Masked);

/// <summary>
/// The customer list for the page and the API: active customers (merged and erased records left out). The search finds
/// an exact e-mail, a phone number (international, or national in any country the normaliser knows), an external id, or
/// the start of a first name, last name or whole name, accents and case ignored; filters read the latest stored scores. Counting and paging happen in the database.
/// </summary>
public sealed class CustomerSearch(IDbContextFactory<RapportDb> databases, Segments.SegmentCatalog segmentCatalog)
{
    public const int MaxPageSize = 200;

    public async Task<CustomerPage> FindAsync(CustomerQuery q, bool showPersonal, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var query = await FilterAsync(db, q, ct);
        var total = await query.LongCountAsync(ct);
        query = q.Sort switch
        {
            CustomerSort.Name => query.OrderBy(c => c.SortName).ThenBy(c => c.Id),
            CustomerSort.Id => query.OrderBy(c => c.Id),
            _ => query.OrderByDescending(c => c.Id),
        };
        var size = Math.Clamp(q.PageSize, 1, MaxPageSize);
        var rows = await RowsAsync(db, query.Skip((Math.Max(q.Page, 1) - 1) * size).Take(size), showPersonal, ct);
        return new CustomerPage(rows, total, !showPersonal);
    }

    /// <summary>
    /// Writes every customer the query finds (its sort and paging ignored: all of them, by id) as CSV, personal values
    /// masked as on screen and every cell neutralised against formula injection; returns how many.
    /// </summary>
    public async Task<long> ExportAsync(CustomerQuery q, bool showPersonal, TextWriter writer, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        // Custom fields follow as cf.KEY columns (the list filter's names), personal ones masked like the rest.
        var customKeys = await db.CustomFieldDefinitions.AsNoTracking().Where(d => d.EntityType == CustomFieldEntity.Customer)
            .OrderBy(d => d.Position).ThenBy(d => d.Id).Select(d => d.Key).ToListAsync(ct);
        await writer.WriteLineAsync(string.Join(",", (string[])["id", "name", "email", "phone", "country", "source", "segment", "churn_risk", "clv",
            .. customKeys.Select(k => Analytics.Transactions.CsvText.Cell(CustomFieldQueries.ParameterPrefix + k))]));
        var filtered = await FilterAsync(db, q, ct);
        long last = 0, count = 0;
        while (true)
        {
            // Keyset paging: each page starts after the last id, so a large export never re-reads skipped rows.
            var after = last;
            var rows = await RowsAsync(db, filtered.Where(c => c.Id > after).OrderBy(c => c.Id).Take(1000), showPersonal, ct);
            if (rows.Count == 0) return count;
            foreach (var r in rows)
            {
                string Cell(string? value) => Analytics.Transactions.CsvText.Cell(value ?? "");
                static string Number(double? value) => value?.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture) ?? "";
                await writer.WriteLineAsync(string.Join(",", (string[])[r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Cell(r.Name), Cell(r.Email),
                    Cell(r.Phone), Cell(r.Country), Cell(r.Source), Cell(r.Segment), Number(r.ChurnRisk), Number(r.Clv),
                    .. customKeys.Select(k => Cell(CustomFieldColumns.Text(r.CustomFields.GetValueOrDefault(k))))]));
            }
            count += rows.Count;
            last = rows[^1].Id;
        }
    }

    /// <summary>The rows for the customers the query selects (in its order), with contact points and latest scores.</summary>
    private static async Task<List<CustomerRow>> RowsAsync(RapportDb db, IQueryable<Customer> page, bool showPersonal, CancellationToken ct)
    {
        var customers = await page.Select(c => new { c.Id, c.FirstName, c.LastName, c.Country, c.Source }).ToListAsync(ct);
        var ids = customers.Select(c => c.Id).ToList();
        var contacts = await db.ContactPoints.AsNoTracking()
            .Where(cp => cp.CustomerId != null && ids.Contains(cp.CustomerId.Value) && cp.Kind != ContactKind.Address)
            .OrderByDescending(cp => cp.IsPrimary).ThenBy(cp => cp.Id)
            .Select(cp => new { CustomerId = cp.CustomerId!.Value, cp.Kind, cp.Value }).ToListAsync(ct);
        string[] kinds = [InsightKinds.Segment, InsightKinds.ChurnRisk, InsightKinds.LifetimeValue];
        var scores = await db.CustomerInsights.AsNoTracking().Where(i => ids.Contains(i.CustomerId) && kinds.Contains(i.Kind))
            .OrderBy(i => i.Id).Select(i => new { i.CustomerId, i.Kind, i.Value, i.Label }).ToListAsync(ct);
        string? Show(string? value) => showPersonal ? value : PersonalDataMask.Mask(value);
        var custom = await CustomFieldColumns.ReadAsync(db, CustomFieldEntity.Customer, ids, showPersonal, ct);
        var contactsBy = contacts.ToLookup(p => p.CustomerId);
        var scoresBy = scores.ToLookup(s => s.CustomerId);

        return customers.Select(c =>
        {
            var mine = scoresBy[c.Id].ToList();
            return new CustomerRow(c.Id, Show($"{c.FirstName} {c.LastName}".Trim()) ?? "",
                Show(contactsBy[c.Id].FirstOrDefault(p => p.Kind == ContactKind.Email)?.Value),
                Show(contactsBy[c.Id].FirstOrDefault(p => p.Kind == ContactKind.Phone)?.Value),
                c.Country, c.Source,
                mine.LastOrDefault(s => s.Kind == InsightKinds.Segment)?.Label,
                mine.LastOrDefault(s => s.Kind == InsightKinds.ChurnRisk)?.Value,
                mine.LastOrDefault(s => s.Kind == InsightKinds.LifetimeValue)?.Value)
            { CustomFields = custom(c.Id) };
        }).ToList();
    }

    /// <summary>The distinct segment names the insights job has stored, for the filter.</summary>
    public async Task<IReadOnlyList<string>> SegmentsAsync(CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        return await db.CustomerInsights.Where(i => i.Kind == InsightKinds.Segment && i.Label != null).Select(i => i.Label!).Distinct().OrderBy(l => l).ToListAsync(ct);
    }

    /// <remarks>
    /// Every condition is an indexed lookup that selects customer ids (<c>id IN (…)</c>) rather than a test run per
    /// customer, so the list stays fast at a million customers: see the customer-list benchmark.
    /// </remarks>
    private async Task<IQueryable<Customer>> FilterAsync(RapportDb db, CustomerQuery q, CancellationToken ct)
    {
        var query = q.Scope.Apply(db.Customers.AsNoTracking()).Where(c => c.Status == RecordStatus.Active && c.MergedIntoId == null);
        if (q.SegmentId is { } segmentId) query = await segmentCatalog.FilterAsync(db, query, segmentId, ct);
        foreach (var ids in await CustomFieldQueries.MatchingIdsAsync(db, CustomFieldEntity.Customer, q.CustomFields, ct))
            query = query.Where(c => ids.Contains(c.Id));
        if (!string.IsNullOrWhiteSpace(q.Segment))
            query = query.Where(c => db.CustomerInsights.Where(i => i.Kind == InsightKinds.Segment && i.Label == q.Segment).Select(i => i.CustomerId).Contains(c.Id));
        if (q.MinChurnRisk is { } risk)
            query = query.Where(c => db.CustomerInsights.Where(i => i.Kind == InsightKinds.ChurnRisk && i.Value >= risk).Select(i => i.CustomerId).Contains(c.Id));
        if (q.MinClv is not null || q.MaxClv is not null)
        {
            double min = q.MinClv ?? double.MinValue, max = q.MaxClv ?? double.MaxValue;
            query = query.Where(c => db.CustomerInsights.Where(i => i.Kind == InsightKinds.LifetimeValue && i.Value >= min && i.Value <= max).Select(i => i.CustomerId).Contains(c.Id));
        }

        var term = q.Search?.Trim();
        if (string.IsNullOrEmpty(term)) return query;
        if (term.Contains('@'))
        {
            var email = term.ToLowerInvariant();
            return query.Where(c => db.ContactPoints.Where(cp => cp.Kind == ContactKind.Email && cp.NormalizedValue == email).Select(cp => cp.CustomerId!.Value).Contains(c.Id));
        }
        var digits = term.Count(char.IsAsciiDigit);
        if (digits >= 6 && digits >= term.Count(char.IsLetterOrDigit))
        {
            var phones = ContactNormalizer.PhoneCandidates(term);
            return query.Where(c => c.ExternalId == term
                                    || db.ContactPoints.Where(cp => cp.Kind == ContactKind.Phone && phones.Contains(cp.NormalizedValue!)).Select(cp => cp.CustomerId!.Value).Contains(c.Id));
        }
        var name = ContactNormalizer.Name(term);
        if (name.Length == 0) return query.Where(c => c.ExternalId == term);
        // A prefix as a range, which both SQLite and PostgreSQL answer from an index whatever their collation.
        var after = PrefixEnd(name);
        return query.Where(c => c.ExternalId == term
                                || (c.SearchName.CompareTo(name) >= 0 && c.SearchName.CompareTo(after) < 0)
                                || (c.SortName.CompareTo(name) >= 0 && c.SortName.CompareTo(after) < 0));
    }

    /// <summary>The smallest string greater than every string that starts with <paramref name="prefix"/>.</summary>
    internal static string PrefixEnd(string prefix)
        => prefix[^1] < '\uD7FF' ? prefix[..^1] + (char)(prefix[^1] + 1) : prefix + '\uFFFF';
}
