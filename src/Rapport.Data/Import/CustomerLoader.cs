using Microsoft.EntityFrameworkCore;
using Rapport.Core.Domain;
using Rapport.Core.Import;
using Rapport.Core.Unification;

namespace Rapport.Data.Import;

/// <summary>
/// Customer files: one row per person with their e-mail, phone and postal address (stored as contact points) and
/// optionally a company (found by external id or name, else created). A customer's key is its external id in the
/// import's source, or its e-mail when the file has no ids; a key already in the database is skipped (counted as
/// already present), a key repeated within the file is rejected with the row it repeats.
/// </summary>
internal sealed class CustomerLoader(RapportDb db) : IKindLoader
{
    public async Task LoadAsync(ImportContext context, TabularFile file, ColumnMapping mapping, ImportReadOptions options, IProgress<string>? progress, CancellationToken ct)
    {
        var source = context.Request.Source;
        var byExternalId = await CustomerDirectory.LoadAsync(db, source, ct);
        // NormalizedValue is stored as a keyed hash (blind index): the matching form is recomputed from the decrypted value.
        var byEmail = (await db.ContactPoints.AsNoTracking()
                .Where(p => p.Kind == ContactKind.Email && p.CustomerId != null && p.NormalizedValue != null)
                .Select(p => p.Value).ToListAsync(ct))
            .Select(ContactNormalizer.Email).OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        var companies = await CompanyDirectory.LoadAsync(db, source, ct);
        var seen = new Dictionary<string, long>(StringComparer.Ordinal);
        var customers = new List<Customer>();
        var points = new List<ContactPoint>();
        var newCompanies = new List<Company>();
        var customValues = new List<CustomFieldValue>();

        foreach (var tabular in file.ReadRows())
        {
            context.Summary.RowsRead++;
            var row = new ImportRow(tabular, mapping, options);
            var externalId = row.Text("external_id");
            var (first, last) = Names(row.Text("first_name"), row.Text("last_name"), row.Text("full_name"));
            var email = row.Email("email");
            var phone = row.Phone("phone");
            var street = row.Text("street");
            var city = row.Text("city");
            var region = row.Text("region");
            var postal = row.Text("postal_code");
            var country = row.Country("country");
            var birth = row.Date("birth_date");
            var gender = row.Text("gender");
            var language = row.Text("language");
            var job = row.Text("job_title");
            var company = row.Text("company");
            var custom = context.ReadCustomValues(row, mapping, CustomFieldEntity.Customer);
            if (row.IsValid && externalId is null && email is null && phone is null && first.Length + last.Length == 0)
                row.Reject("", "no id, name, e-mail or phone");
            if (row.IsValid && birth is { } b && (b > DateOnly.FromDateTime(context.Now) || b.Year < 1900))
                row.Reject("birth_date", "not a plausible date of birth");
            var key = externalId is not null ? "id:" + CustomerDirectory.Key(externalId) : email is not null ? "email:" + email : null;
            if (row.IsValid && key is not null && seen.TryGetValue(key, out var firstRow))
                row.Reject(externalId is not null ? "external_id" : "email", $"same customer as row {firstRow}");
            if (!row.IsValid)
            {
                await context.RejectAsync(row, ct);
                continue;
            }
            if (key is not null) seen[key] = row.RowNumber;
            if ((externalId is not null && byExternalId.TryFind(externalId, out _)) || (externalId is null && email is not null && byEmail.Contains(email)))
            {
                context.Summary.RowsAlreadyPresent++;
                continue;
            }
            context.Note(row);

            var id = await context.NextIdAsync<Customer>(ct);
            if (externalId is not null) byExternalId.Add(externalId, id);
            long? companyId = null;
            if (company is not null)
            {
                companyId = companies.Find(company);
                if (companyId is null)
                {
                    companyId = await context.NextIdAsync<Company>(ct);
                    companies.Add(company, companyId.Value);
                    newCompanies.Add(new Company { Id = companyId.Value, Name = company, Source = source, ImportBatchId = context.BatchId, CreatedAt = context.Now, UpdatedAt = context.Now });
                }
            }
            customers.Add(new Customer
            {
                Id = id, ExternalId = externalId is null ? null : CustomerDirectory.Key(externalId), Source = source, FirstName = first, LastName = last,
                BirthDate = birth, Gender = gender, PreferredLanguage = language ?? "en", Country = country, CompanyId = companyId, JobTitle = job,
                ImportBatchId = context.BatchId, CreatedAt = context.Now, UpdatedAt = context.Now,
            });
            // The matching form of every contact value comes from one place, the one identity resolution compares.
            async Task Point(ContactKind kind, string value, string? c = null, string? r = null, string? p = null, string? n = null) =>
                points.Add(ContactNormalizer.Apply(new ContactPoint
                {
                    Id = await context.NextIdAsync<ContactPoint>(ct), CustomerId = id, Kind = kind, Value = value,
                    City = c, Region = r, PostalCode = p, Country = n, IsPrimary = true, CreatedAt = context.Now,
                }));
            if (email is not null) await Point(ContactKind.Email, email);
            if (phone is { } ph) await Point(ContactKind.Phone, ph.Value, n: country);
            if (street is not null || city is not null || postal is not null)
                await Point(ContactKind.Address, street ?? "", city, region, postal, country);
            foreach (var value in custom)
            {
                value.Id = await context.NextIdAsync<CustomFieldValue>(ct);
                value.EntityId = id;
                customValues.Add(value);
            }
            context.Summary.RowsLoaded++;

            if (customers.Count >= context.Chunk)
            {
                // Parents before children: PostgreSQL checks foreign keys as rows arrive.
                await context.WriteAsync(newCompanies, "companies", ct);
                await context.WriteAsync(customers, "customers", ct);
                await context.WriteAsync(points, "contact points", ct);
                await context.WriteAsync(customValues, "custom field values", ct);
                progress?.Report($"wrote {context.Summary.RowsLoaded:N0} customers");
            }
        }
        await context.WriteAsync(newCompanies, "companies", ct);
        await context.WriteAsync(customers, "customers", ct);
        await context.WriteAsync(points, "contact points", ct);
        await context.WriteAsync(customValues, "custom field values", ct);
        await context.FlushRejectsAsync(ct);
    }

    /// <summary>First and last name from their own columns, else split from the full name ("Ada Lovelace"; "卢绍齐" → 卢 + 绍齐).</summary>
    internal static (string First, string Last) Names(string? first, string? last, string? full)
    {
        if (first is not null || last is not null || full is null) return (first ?? "", last ?? "");
        var space = full.LastIndexOf(' ');
        if (space > 0) return (full[..space].Trim(), full[(space + 1)..].Trim());
        // Chinese names have no space and put the (usually one-character) family name first.
        if (full.Length is >= 2 and <= 4 && full.All(c => c >= '\u4E00' && c <= '\u9FFF')) return (full[1..], full[..1]);
        return ("", full);
    }
}
