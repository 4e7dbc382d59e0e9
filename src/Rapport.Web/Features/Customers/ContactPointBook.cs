using Microsoft.EntityFrameworkCore;
using Rapport.Core.Domain;
using Rapport.Core.Import;
using Rapport.Core.Unification;
using Rapport.Data;
using Rapport.Web.Features.Common;

namespace Rapport.Web.Features.Customers;

/// <summary>What a client sends for one contact point (e-mail, phone or postal address) of a customer.</summary>
public sealed class ContactPointInput
{
    public string? Kind { get; set; }
    public string? Value { get; set; }
    /// <summary>home, work, mobile, billing, shipping …</summary>
    public string? Label { get; set; }
    public string? City { get; set; }
    public string? Region { get; set; }
    public string? PostalCode { get; set; }
    public string? Country { get; set; }
    public bool IsPrimary { get; set; }

    /// <summary>
    /// Problems named by field: an unknown kind, a missing value, an e-mail that is not one, a phone number the normaliser
    /// cannot read (national numbers need the point's or the customer's country), text too long.
    /// </summary>
    public FieldErrors Validate(string? customerCountry)
    {
        var errors = new FieldErrors();
        if (!Enums.TryParse<ContactKind>(Kind, out var kind)) errors["kind"] = [$"one of {string.Join(", ", Enum.GetNames<ContactKind>())}"];
        errors.Required("value", Value, 500);
        errors.MaxLength("label", Label, 50);
        errors.MaxLength("city", City, 100);
        errors.MaxLength("region", Region, 100);
        errors.MaxLength("postalCode", PostalCode, 20);
        errors.MaxLength("country", Country, 100);
        if (errors.Count > 0) return errors;
        if (kind == ContactKind.Email && !ImportValues.TryEmail(Value!, out _)) errors["value"] = ["not an e-mail address"];
        if (kind == ContactKind.Phone && (!ImportValues.TryPhone(Value!, out _) || ContactNormalizer.Phone(Value, FieldErrors.Clean(Country) ?? customerCountry) is null))
            errors["value"] = ["not a phone number (6 to 15 digits; + and the country code, or a country for a national number)"];
        return errors;
    }

    /// <summary>Copies the input onto the point and sets its matching form, as the import does (<see cref="ContactNormalizer"/>).</summary>
    public void ApplyTo(ContactPoint point, string? customerCountry)
    {
        point.Kind = Enums.Parse<ContactKind>(Kind)!.Value;
        point.Value = point.Kind == ContactKind.Email ? Value!.Trim().ToLowerInvariant() : Value!.Trim();
        point.Label = FieldErrors.Clean(Label);
        point.City = FieldErrors.Clean(City);
        point.Region = FieldErrors.Clean(Region);
        point.PostalCode = FieldErrors.Clean(PostalCode);
        point.Country = FieldErrors.Clean(Country);
        point.IsPrimary = IsPrimary;
        ContactNormalizer.Apply(point, customerCountry);
    }
}

/// <summary>
/// A customer's contact points for the API: listed, added, changed and deleted through the tracked ORM path (so every
/// change is audited, and field encryption set up on the model applies). One primary point per kind: making a point
/// primary demotes the others of its kind. Only active customers (not merged or erased) take changes.
/// </summary>
public sealed class ContactPointBook(IDbContextFactory<RapportDb> databases, TimeProvider clock)
{
    /// <summary>The customer's points (primary first per kind), or null when there is no such customer.</summary>
    public async Task<List<ContactPoint>?> ListAsync(long customerId, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == customerId).Select(c => new { c.Country }).SingleOrDefaultAsync(ct);
        if (customer is null) return null;
        var points = await db.ContactPoints.AsNoTracking().Where(p => p.CustomerId == customerId)
            .OrderBy(p => p.Kind).ThenByDescending(p => p.IsPrimary).ThenBy(p => p.Id).ToListAsync(ct);
        return points.Select(p => Readable(p, customer.Country)).ToList();
    }

    public async Task<ContactPoint?> GetAsync(long customerId, long pointId, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var point = await db.ContactPoints.AsNoTracking().SingleOrDefaultAsync(p => p.Id == pointId && p.CustomerId == customerId, ct);
        var country = await db.Customers.AsNoTracking().Where(c => c.Id == customerId).Select(c => c.Country).SingleOrDefaultAsync(ct);
        return point is null ? null : Readable(point, country);
    }

    /// <summary>The stored matching form is a blind index (a keyed hash): the one shown is recomputed from the decrypted value.</summary>
    private static ContactPoint Readable(ContactPoint point, string? customerCountry) => ContactNormalizer.Apply(point, customerCountry);

    public Task<WriteResult> AddAsync(long customerId, ContactPointInput input, CancellationToken ct = default) => WriteAsync(customerId, null, input, ct);

    public Task<WriteResult> UpdateAsync(long customerId, long pointId, ContactPointInput input, CancellationToken ct = default) => WriteAsync(customerId, pointId, input, ct);

    public async Task<WriteResult> DeleteAsync(long customerId, long pointId, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var point = await db.ContactPoints.SingleOrDefaultAsync(p => p.Id == pointId && p.CustomerId == customerId, ct);
        if (point is null) return WriteResult.NotFound();
        db.ContactPoints.Remove(point);
        await db.SaveChangesAsync(ct);
        return WriteResult.Done(pointId);
    }

    private async Task<WriteResult> WriteAsync(long customerId, long? pointId, ContactPointInput input, CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == customerId).Select(c => new { c.Status, c.Country }).SingleOrDefaultAsync(ct);
        if (customer is null) return WriteResult.NotFound();
        if (customer.Status != RecordStatus.Active) return WriteResult.Refused($"the customer is {customer.Status.ToString().ToLowerInvariant()}: contact points of active customers only");
        if (input.Validate(customer.Country) is { Count: > 0 } errors) return WriteResult.Invalid(errors);
        ContactPoint? point;
        if (pointId is { } id)
        {
            point = await db.ContactPoints.SingleOrDefaultAsync(p => p.Id == id && p.CustomerId == customerId, ct);
            if (point is null) return WriteResult.NotFound();
        }
        else
        {
            point = new ContactPoint { CustomerId = customerId, CreatedAt = clock.GetUtcNow().UtcDateTime };
            db.ContactPoints.Add(point);
        }
        input.ApplyTo(point, customer.Country);
        if (point.IsPrimary)
            foreach (var other in await db.ContactPoints.Where(p => p.CustomerId == customerId && p.Kind == point.Kind && p.IsPrimary && p.Id != point.Id).ToListAsync(ct))
                other.IsPrimary = false;
        await db.SaveChangesAsync(ct);
        return WriteResult.Done(point.Id);
    }
}
