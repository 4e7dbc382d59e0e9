using Rapport.Core.Domain;

namespace Rapport.Core.Unification;

/// <summary>One contact point as identity resolution sees it.</summary>
public sealed record MatchContact(ContactKind Kind, string Value, string? NormalizedValue, string? PostalCode = null, string? City = null, string? Country = null);

/// <summary>What the matcher needs of one customer record (a plain projection, so it can come from the database, a file or the demo).</summary>
public sealed record MatchRecord(
    long Id,
    string? Source,
    string? ExternalId,
    string FirstName,
    string LastName,
    DateOnly? BirthDate,
    string? Country,
    IReadOnlyList<MatchContact> Contacts)
{
    public static MatchRecord From(Customer customer, IEnumerable<ContactPoint> contactPoints) => new(
        customer.Id, customer.Source, customer.ExternalId, customer.FirstName, customer.LastName, customer.BirthDate, customer.Country,
        [.. contactPoints.Select(p => new MatchContact(p.Kind, p.Value, p.NormalizedValue, p.PostalCode, p.City, p.Country))]);
}

/// <summary>A record with every compared value folded once (names, e-mails, phones, postal codes, streets).</summary>
internal sealed class PreparedRecord
{
    public required long Id;
    public required string SourceKey;
    public required string First;
    public required string Last;
    public required string FullName;
    public required bool Cjk;
    public required DateOnly? BirthDate;
    public required string[] Emails;
    public required string[] LooseEmails;
    public required string[] Phones;
    /// <summary>(postal code, folded street) of each address; the street may be empty.</summary>
    public required (string Postal, string Street, string City)[] Addresses;

    public static PreparedRecord From(MatchRecord r, string? defaultCountry)
    {
        var emails = new List<string>();
        var phones = new List<string>();
        var addresses = new List<(string, string, string)>();
        foreach (var c in r.Contacts)
        {
            switch (c.Kind)
            {
                case ContactKind.Email:
                    if (ContactNormalizer.Email(c.NormalizedValue ?? c.Value) is { } email) emails.Add(email);
                    break;
                case ContactKind.Phone:
                    if ((c.NormalizedValue is { Length: > 0 } n ? n : ContactNormalizer.Phone(c.Value, c.Country ?? r.Country ?? defaultCountry)) is { } phone) phones.Add(phone);
                    break;
                case ContactKind.Address:
                    var postal = ContactNormalizer.PostalCode(c.PostalCode) ?? "";
                    var street = ContactNormalizer.Name(c.Value);
                    if (postal.Length > 0 || street.Length > 0) addresses.Add((postal, street, ContactNormalizer.Name(c.City)));
                    break;
            }
        }
        var first = ContactNormalizer.Name(r.FirstName);
        var last = ContactNormalizer.Name(r.LastName);
        return new PreparedRecord
        {
            Id = r.Id,
            SourceKey = r.Source is { Length: > 0 } && r.ExternalId is { Length: > 0 } ? $"{r.Source.Trim().ToLowerInvariant()}\u001f{r.ExternalId.Trim()}" : "",
            First = first,
            Last = last,
            FullName = $"{first} {last}".Trim(),
            Cjk = ContactNormalizer.IsCjk(first + last),
            BirthDate = r.BirthDate,
            Emails = [.. emails.Distinct(StringComparer.Ordinal)],
            LooseEmails = [.. emails.Select(ContactNormalizer.EmailLoose).OfType<string>().Distinct(StringComparer.Ordinal)],
            Phones = [.. phones.Distinct(StringComparer.Ordinal)],
            Addresses = [.. addresses.Distinct()],
        };
    }
}
