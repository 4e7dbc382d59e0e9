using Rapport.Core.Domain;
using Rapport.Web.Features.Common;

namespace Rapport.Web.Features.Companies;

/// <summary>The company list's filter: a term matched against the start of the name, industry or country, and custom field filters.</summary>
public sealed record CompanyQuery(string? Search, PageRequest Page)
{
    public IReadOnlyList<Rapport.Core.CustomFields.CustomFieldFilter> CustomFields { get; init; } = [];
    /// <summary>The records the viewer may see (<see cref="RecordScope"/>).</summary>
    public RecordScope Scope { get; init; } = RecordScope.Everything;
}

public sealed record CompanyRow(long Id, string Name, string? Industry, string? Country, string? City, int? EmployeeCount, decimal? AnnualRevenue, int Contacts)
{
    /// <summary>Custom field values by key, as the API writes them (personal ones masked for viewers without personal-data.read).</summary>
    public IReadOnlyDictionary<string, object?> CustomFields { get; init; } = new Dictionary<string, object?>();
}

/// <summary>A company with its contacts (customers linked to it, names masked when the viewer may not see them), deals and order totals.</summary>
public sealed record CompanyDetails(Company Company, IReadOnlyList<CompanyContact> Contacts, IReadOnlyList<CompanyDeal> Deals,
    int Orders, IReadOnlyList<CurrencyAmount> OrderTotals, bool Masked);

public sealed record CompanyContact(long Id, string Name, string? JobTitle, string? Country);

public sealed record CompanyDeal(long Id, string Title, decimal Amount, string Currency, DealStatus Status, string? Stage, DateOnly? ExpectedClose);

public sealed record CurrencyAmount(string Currency, decimal Amount);

/// <summary>What a company form or API call sends; the same checks apply to both.</summary>
public sealed class CompanyInput
{
    public string? Name { get; set; }
    public string? Industry { get; set; }
    public string? Website { get; set; }
    public string? Country { get; set; }
    public string? City { get; set; }
    public int? EmployeeCount { get; set; }
    public decimal? AnnualRevenue { get; set; }

    public static CompanyInput From(Company c) => new()
    {
        Name = c.Name, Industry = c.Industry, Website = c.Website, Country = c.Country, City = c.City,
        EmployeeCount = c.EmployeeCount, AnnualRevenue = c.AnnualRevenue,
    };

    public FieldErrors Validate()
    {
        var errors = new FieldErrors();
        errors.Required("name", Name, 300);
        errors.MaxLength("industry", Industry, 100);
        errors.MaxLength("website", Website, 300);
        errors.MaxLength("country", Country, 100);
        errors.MaxLength("city", City, 100);
        if (EmployeeCount is < 0) errors["employeeCount"] = ["must not be negative"];
        errors.NotNegative("annualRevenue", AnnualRevenue);
        return errors;
    }

    public void ApplyTo(Company c)
    {
        c.Name = Name!.Trim();
        c.Industry = FieldErrors.Clean(Industry);
        c.Website = FieldErrors.Clean(Website);
        c.Country = FieldErrors.Clean(Country);
        c.City = FieldErrors.Clean(City);
        c.EmployeeCount = EmployeeCount;
        c.AnnualRevenue = AnnualRevenue;
    }
}
