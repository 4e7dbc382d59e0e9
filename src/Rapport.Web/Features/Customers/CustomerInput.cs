using System.Globalization;
using Rapport.Core.Domain;
using Rapport.Web.Features.Common;

namespace Rapport.Web.Features.Customers;

/// <summary>
/// The editable profile of a customer, from the 360's form or the API. First name, last name and birth date are personal:
/// an editor without personal-data.read never sees them, so their values are kept whatever is sent.
/// </summary>
public sealed class CustomerInput
{
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public DateOnly? BirthDate { get; set; }
    public long? CompanyId { get; set; }
    public string? JobTitle { get; set; }
    public string? Country { get; set; }
    public string? PreferredLanguage { get; set; }

    public static CustomerInput From(Customer c) => new()
    {
        FirstName = c.FirstName, LastName = c.LastName, BirthDate = c.BirthDate, CompanyId = c.CompanyId, JobTitle = c.JobTitle,
        Country = c.Country, PreferredLanguage = c.PreferredLanguage,
    };

    /// <summary>Checks the fields; <paramref name="personal"/> false skips the personal ones (they are not written).</summary>
    public FieldErrors Validate(bool personal, DateOnly today)
    {
        var errors = new FieldErrors();
        if (personal)
        {
            if (string.IsNullOrWhiteSpace(FirstName) && string.IsNullOrWhiteSpace(LastName)) errors["lastName"] = ["a first or last name is required"];
            errors.MaxLength("firstName", FirstName, 100);
            errors.MaxLength("lastName", LastName, 100);
            if (BirthDate is { } born && (born > today || born.Year < 1900)) errors["birthDate"] = ["must be between 1900 and today"];
        }
        errors.MaxLength("jobTitle", JobTitle, 200);
        errors.MaxLength("country", Country, 100);
        if (FieldErrors.Clean(PreferredLanguage) is { } language && !IsLanguage(language)) errors["preferredLanguage"] = ["a language tag such as en or zh-CN"];
        return errors;
    }

    public void ApplyTo(Customer c, bool personal)
    {
        if (personal)
        {
            c.FirstName = FirstName?.Trim() ?? "";
            c.LastName = LastName?.Trim() ?? "";
            c.BirthDate = BirthDate;
        }
        c.CompanyId = CompanyId;
        c.JobTitle = FieldErrors.Clean(JobTitle);
        c.Country = FieldErrors.Clean(Country);
        c.PreferredLanguage = FieldErrors.Clean(PreferredLanguage) ?? "en";
    }

    private static bool IsLanguage(string tag)
    {
        if (tag.Length > 35) return false;
        try { return !CultureInfo.GetCultureInfo(tag, predefinedOnly: true).Equals(CultureInfo.InvariantCulture); }
        catch (CultureNotFoundException) { return false; }
    }
}

/// <summary>A new deal from the 360: title, amount and expected close; it starts in the default pipeline's first stage.</summary>
public sealed class NewDealInput
{
    public string? Title { get; set; }
    public decimal? Amount { get; set; }
    public DateOnly? ExpectedClose { get; set; }

    public FieldErrors Validate()
    {
        var errors = new FieldErrors();
        errors.Required("title", Title, 300);
        if (Amount is null) errors["amount"] = ["is required"];
        errors.NotNegative("amount", Amount);
        return errors;
    }
}
