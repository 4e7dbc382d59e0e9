using Rapport.Core.Domain;
using Rapport.Core.Import;

namespace Rapport.Data.Import;

/// <summary>Company (account) files. Key: external id in the import's source, else the name; existing keys are skipped.</summary>
internal sealed class CompanyLoader(RapportDb db) : IKindLoader
{
    public async Task LoadAsync(ImportContext context, TabularFile file, ColumnMapping mapping, ImportReadOptions options, IProgress<string>? progress, CancellationToken ct)
    {
        var directory = await CompanyDirectory.LoadAsync(db, context.Request.Source, ct);
        var seen = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        var companies = new List<Company>();
        var customValues = new List<CustomFieldValue>();
        foreach (var tabular in file.ReadRows())
        {
            context.Summary.RowsRead++;
            var row = new ImportRow(tabular, mapping, options);
            var externalId = row.Text("external_id");
            var name = row.Text("name");
            var industry = row.Text("industry");
            var website = row.Text("website");
            var country = row.Country("country");
            var city = row.Text("city");
            var employees = row.Integer("employee_count");
            var revenue = row.Decimal("annual_revenue");
            var custom = context.ReadCustomValues(row, mapping, CustomFieldEntity.Company);
            if (employees < 0) row.Reject("employee_count", "negative");
            if (revenue < 0) row.Reject("annual_revenue", "negative");
            var key = externalId is not null ? "id:" + externalId : "name:" + name;
            if (row.IsValid && seen.TryGetValue(key, out var firstRow)) row.Reject(externalId is not null ? "external_id" : "name", $"same company as row {firstRow}");
            if (!row.IsValid)
            {
                await context.RejectAsync(row, ct);
                continue;
            }
            seen[key] = row.RowNumber;
            if (externalId is not null ? directory.HasExternalId(externalId) : directory.Find(name!) is not null)
            {
                context.Summary.RowsAlreadyPresent++;
                continue;
            }
            context.Note(row);
            var id = await context.NextIdAsync<Company>(ct);
            directory.Add(name!, id, externalId);
            companies.Add(new Company
            {
                Id = id, ExternalId = externalId, Source = context.Request.Source, Name = name!, Industry = industry, Website = website, Country = country,
                City = city, EmployeeCount = employees, AnnualRevenue = revenue, ImportBatchId = context.BatchId, CreatedAt = context.Now, UpdatedAt = context.Now,
            });
            foreach (var value in custom)
            {
                value.Id = await context.NextIdAsync<CustomFieldValue>(ct);
                value.EntityId = id;
                customValues.Add(value);
            }
            context.Summary.RowsLoaded++;
            if (companies.Count >= context.Chunk)
            {
                // Parents before their values: PostgreSQL checks foreign keys as rows arrive.
                await context.WriteAsync(companies, "companies", ct);
                await context.WriteAsync(customValues, "custom field values", ct);
            }
        }
        await context.WriteAsync(companies, "companies", ct);
        await context.WriteAsync(customValues, "custom field values", ct);
        await context.FlushRejectsAsync(ct);
    }
}
