using Microsoft.AspNetCore.Identity;
using Rapport.Core.Unification;

namespace Rapport.Core.Domain;

/// <summary>A person the business sells to or serves.</summary>
public class Customer
{
    public long Id { get; set; }
    /// <summary>Key in the source system the customer came from (shop, ERP, file); personal, since that system can re-identify the person.</summary>
    [PersonalData] public string? ExternalId { get; set; }
    public string? Source { get; set; }
    [ProtectedPersonalData] public string FirstName { get; set; } = "";
    [ProtectedPersonalData] public string LastName { get; set; } = "";
    [ProtectedPersonalData] public DateOnly? BirthDate { get; set; }
    /// <summary>"first last" folded (lower-case, no accents): the customer list finds a first or whole name by its start on an index.</summary>
    /// <remarks>Derived here so every writer (forms, import, bulk load, merges, erasure) stores it; the setter only serves the ORM.</remarks>
    [ProtectedPersonalData] public string SearchName { get => ContactNormalizer.Name($"{FirstName} {LastName}"); private set { } }
    /// <summary>"last first" folded: finds a last name by its start and orders the list by name.</summary>
    [ProtectedPersonalData] public string SortName { get => ContactNormalizer.Name($"{LastName} {FirstName}"); private set { } }
    public string? Gender { get; set; }
    /// <summary>BCP 47 tag of the language the customer is addressed in, e.g. "en" or "zh-CN".</summary>
    public string PreferredLanguage { get; set; } = "en";
    public string? Country { get; set; }
    public long? CompanyId { get; set; }
    public Company? Company { get; set; }
    public string? JobTitle { get; set; }
    public long? OwnerId { get; set; }
    public RecordStatus Status { get; set; } = RecordStatus.Active;
    /// <summary>Set when identity resolution merged this record into another one.</summary>
    public long? MergedIntoId { get; set; }
    public long? ImportBatchId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public List<ContactPoint> ContactPoints { get; set; } = [];
    public List<Order> Orders { get; set; } = [];
    public List<Consent> Consents { get; set; } = [];

    public string DisplayName => $"{FirstName} {LastName}".Trim();
}

/// <summary>An organisation (account) that customers can belong to; deals are made with it.</summary>
public class Company
{
    public long Id { get; set; }
    public string? ExternalId { get; set; }
    public string? Source { get; set; }
    public string Name { get; set; } = "";
    public string? Industry { get; set; }
    public string? Website { get; set; }
    public string? Country { get; set; }
    public string? City { get; set; }
    public int? EmployeeCount { get; set; }
    public decimal? AnnualRevenue { get; set; }
    public long? OwnerId { get; set; }
    public long? ImportBatchId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public List<Customer> Contacts { get; set; } = [];
    public List<ContactPoint> ContactPoints { get; set; } = [];
}

/// <summary>An e-mail address, phone number or postal address of a customer or a company.</summary>
public class ContactPoint
{
    public long Id { get; set; }
    public long? CustomerId { get; set; }
    public long? CompanyId { get; set; }
    public ContactKind Kind { get; set; }
    /// <summary>home, work, mobile, billing, shipping …</summary>
    public string? Label { get; set; }
    /// <summary>The address, number, or street line as given.</summary>
    [ProtectedPersonalData] public string Value { get; set; } = "";
    /// <summary>Lower-cased e-mail or digits-only phone, for exact matching.</summary>
    /// <remarks>Stored as a keyed hash (blind index): set it and compare it in queries (the value compared is hashed
    /// the same way), but read from the database it is the hash — recompute the matching form from <see cref="Value"/>.</remarks>
    [ProtectedPersonalData] public string? NormalizedValue { get; set; }
    [PersonalData] public string? City { get; set; }
    [PersonalData] public string? Region { get; set; }
    [ProtectedPersonalData] public string? PostalCode { get; set; }
    public string? Country { get; set; }
    public bool IsPrimary { get; set; }
    public DateTime CreatedAt { get; set; }
}
