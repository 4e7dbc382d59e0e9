using System.Globalization;
using System.Text;
using Rapport.Core.Domain;
using Rapport.Core.Unification;

namespace Rapport.Core.Demo;

/// <summary>
/// Duplicates for identity resolution to find (only with <see cref="DemoOptions.DuplicateShare"/> &gt; 0). Runs last, from
/// its own random streams, and only appends customers (ids after the last real one) and their contact points, so every row
/// of the data set without duplicates stays byte-identical. The planted records have no orders, consents or other history:
/// they are what a second system (loyalty app, another shop) knew about a person.
/// </summary>
internal sealed partial class DemoBuilder
{
    private static readonly (string Source, string Prefix)[] SecondSources =
        [("webshop", "WEB"), ("pos", "POS"), ("call-centre", "TEL"), ("marketplace", "MKT"), ("loyalty-app", "APP")];

    private sealed record PlantedRecord(Customer Customer, List<ContactPoint> Contacts, DemoDuplicateTruth? Duplicate, DemoLookalikeTruth? Lookalike);

    private void PlantDuplicates()
    {
        var share = _options.DuplicateShare;
        if (share <= 0) return;
        var n = _profiles.Length;
        var duplicates = Math.Min(n, (int)Math.Round(n * share));
        var lookalikes = Math.Min(n - duplicates, (int)Math.Round(duplicates / 3.0));
        if (duplicates + lookalikes == 0) return;

        var rng = DemoRandom.For(_seed, "duplicates");
        var order = Enumerable.Range(0, n).ToArray();
        for (var i = 0; i < duplicates + lookalikes; i++)
        {
            var j = i + rng.Next(n - i);
            (order[i], order[j]) = (order[j], order[i]);
        }
        var contacts = _data.ContactPoints.Where(p => p.CustomerId is not null).ToLookup(p => p.CustomerId!.Value);
        var windowEnd = _cal.End;

        var planted = new List<PlantedRecord>(duplicates + lookalikes);
        for (var k = 0; k < duplicates + lookalikes; k++)
        {
            var original = _profiles[order[k]];
            var local = DemoRandom.For(_seed, "duplicate", k);
            var points = contacts[original.Id].ToList();
            planted.Add(k < duplicates
                ? Duplicate(original, points, k, local, windowEnd)
                : k % 2 == 0 ? Family(original, points, k, local, windowEnd) : Namesake(original, k, local, windowEnd));
        }
        for (var i = planted.Count - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (planted[i], planted[j]) = (planted[j], planted[i]);
        }

        var duplicateTruth = new List<DemoDuplicateTruth>();
        var lookalikeTruth = new List<DemoLookalikeTruth>();
        foreach (var record in planted)
        {
            var id = _data.Customers.Count + 1L;
            record.Customer.Id = id;
            _data.Customers.Add(record.Customer);
            foreach (var point in record.Contacts)
            {
                point.CustomerId = id;
                AddContact(point);
            }
            if (record.Duplicate is { } d) duplicateTruth.Add(d with { DuplicateId = id });
            if (record.Lookalike is { } l) lookalikeTruth.Add(l with { LookalikeId = id });
        }
        _data.Truth = _data.Truth with { Duplicates = duplicateTruth, Lookalikes = lookalikeTruth };
    }

    private static (string Source, string ExternalId) SecondSource(Customer original, int k, DemoRandom rng)
    {
        var choices = SecondSources.Where(s => s.Source != original.Source).ToArray();
        var (source, prefix) = rng.Pick(choices);
        return (source, string.Create(CultureInfo.InvariantCulture, $"{prefix}-{2_000_000 + k}"));
    }

    private static DateTime Later(DateTime from, DateTime windowEnd, DemoRandom rng)
    {
        var room = (windowEnd - from).TotalDays;
        var at = room > 1 ? from.AddDays(rng.NextDouble() * (room - 1)) : from;
        return new DateTime(at.Ticks - at.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
    }

    private PlantedRecord Duplicate(CustomerProfile profile, List<ContactPoint> points, int k, DemoRandom rng, DateTime windowEnd)
    {
        var original = profile.Customer;
        var variations = new List<string>();
        var (source, externalId) = SecondSource(original, k, rng);
        var created = Later(original.CreatedAt, windowEnd, rng);
        var copy = new Customer
        {
            Source = source,
            ExternalId = externalId,
            FirstName = original.FirstName,
            LastName = original.LastName,
            Gender = original.Gender,
            PreferredLanguage = original.PreferredLanguage,
            Country = original.Country,
            Status = RecordStatus.Active,
            CreatedAt = created,
            UpdatedAt = Later(created, windowEnd, rng),
        };

        // Name as the second system has it.
        var roll = rng.NextDouble();
        if (profile.Locale.IsChinese)
        {
            if (roll < 0.2)
            {
                (copy.FirstName, copy.LastName) = (original.LastName, original.FirstName);
                variations.Add("name-swapped");
            }
        }
        else if (roll < 0.25)
        {
            if (rng.Chance(0.5)) copy.LastName = Typo(original.LastName, rng);
            else copy.FirstName = Typo(original.FirstName, rng);
            variations.Add("name-typo");
        }
        else if (roll < 0.40)
        {
            var nicknames = Nicknames.VariantsOf(ContactNormalizer.Name(original.FirstName));
            if (nicknames.Count > 0)
            {
                var nick = rng.Pick(nicknames);
                copy.FirstName = char.ToUpperInvariant(nick[0]) + nick[1..];
                variations.Add("nickname");
            }
            else
            {
                copy.FirstName = Typo(original.FirstName, rng);
                variations.Add("name-typo");
            }
        }
        else if (roll < 0.50)
        {
            var plain = WithoutAccents(original.LastName);
            copy.LastName = plain != original.LastName ? plain : original.LastName.ToUpperInvariant();
            variations.Add(plain != original.LastName ? "name-accents" : "name-case");
        }

        var evidence = false;
        var contacts = new List<ContactPoint>();
        var email = points.FirstOrDefault(p => p.Kind == ContactKind.Email && p.IsPrimary);
        roll = rng.NextDouble();
        if (email is not null && roll < 0.5)
        {
            contacts.Add(EmailPoint(CaseVariant(email.Value, rng), created));
            variations.Add("email-case");
            evidence = true;
        }
        else if (email is not null && roll < 0.65)
        {
            contacts.Add(EmailPoint(DotVariant(email.Value, rng), created));
            variations.Add("email-dots");
            evidence = true;
        }
        else if (roll < 0.85)
        {
            variations.Add("email-missing");
        }
        else
        {
            var locale = profile.Locale;
            contacts.Add(EmailPoint(_people.Email(locale, original.FirstName, original.LastName, rng), created));
            variations.Add("email-other");
        }

        var phone = points.FirstOrDefault(p => p.Kind == ContactKind.Phone);
        if (phone is not null && rng.Chance(0.6))
        {
            var value = PhoneVariant(phone.NormalizedValue!, rng);
            contacts.Add(new ContactPoint { Kind = ContactKind.Phone, Label = "mobile", Value = value, NormalizedValue = ContactNormalizer.Phone(value, original.Country), Country = original.Country, IsPrimary = true, CreatedAt = created });
            variations.Add("phone-format");
            evidence = true;
        }
        else
        {
            variations.Add("phone-missing");
        }

        var address = points.FirstOrDefault(p => p.Kind == ContactKind.Address);
        roll = rng.NextDouble();
        if (address is not null && roll < 0.6)
        {
            var postal = rng.Chance(0.5) ? address.PostalCode!.ToLowerInvariant() : address.PostalCode!.Replace(" ", "", StringComparison.Ordinal);
            contacts.Add(AddressPoint(address.Value, new Place(address.City!, address.Region!, postal), address.Country!, created));
            variations.Add("address-same");
            evidence = true;
        }
        else if (address is not null && roll < 0.8)
        {
            var pool = _people.For(profile.Locale);
            contacts.Add(AddressPoint(rng.Pick(pool.Streets), rng.Pick(pool.Places), original.Country!, created));
            variations.Add("address-moved");
        }
        else
        {
            variations.Add("address-missing");
        }

        if (original.BirthDate is not null && (rng.Chance(0.5) || !evidence))
        {
            copy.BirthDate = original.BirthDate;
            evidence = true;
        }
        else
        {
            variations.Add("birthdate-missing");
        }
        if (!evidence && email is not null)
        {
            contacts.RemoveAll(c => c.Kind == ContactKind.Email);
            contacts.Add(EmailPoint(CaseVariant(email.Value, rng), created));
            variations.RemoveAll(v => v.StartsWith("email-", StringComparison.Ordinal));
            variations.Add("email-case");
        }
        return new PlantedRecord(copy, contacts, new DemoDuplicateTruth { OriginalId = original.Id, DuplicateId = 0, Variations = variations }, null);
    }

    /// <summary>A family member: same surname and address (and often the household phone), another first name, e-mail and age.</summary>
    private PlantedRecord Family(CustomerProfile profile, List<ContactPoint> points, int k, DemoRandom rng, DateTime windowEnd)
    {
        var original = profile.Customer;
        var pool = _people.For(profile.Locale);
        var female = rng.Chance(0.5);
        string first;
        do first = rng.Pick(female ? pool.FemaleFirst : pool.MaleFirst);
        while (first == original.FirstName);
        var (source, externalId) = SecondSource(original, k, rng);
        var created = Later(_cal.Start, windowEnd, rng);
        var member = new Customer
        {
            Source = source, ExternalId = externalId, FirstName = first, LastName = original.LastName, Gender = female ? "female" : "male",
            PreferredLanguage = original.PreferredLanguage, Country = original.Country, Status = RecordStatus.Active, CreatedAt = created, UpdatedAt = Later(created, windowEnd, rng),
        };
        if (original.BirthDate is { } birth && rng.Chance(0.7))
            member.BirthDate = birth.AddYears((rng.Chance(0.5) ? 1 : -1) * rng.Next(2, 30)).AddDays(rng.Next(0, 300));
        var contacts = new List<ContactPoint> { EmailPoint(_people.Email(profile.Locale, first, original.LastName, rng), created) };
        if (points.FirstOrDefault(p => p.Kind == ContactKind.Phone) is { } phone && rng.Chance(0.5))
            contacts.Add(new ContactPoint { Kind = ContactKind.Phone, Label = "home", Value = phone.Value, NormalizedValue = phone.NormalizedValue, Country = phone.Country, IsPrimary = true, CreatedAt = created });
        if (points.FirstOrDefault(p => p.Kind == ContactKind.Address) is { } address)
            contacts.Add(AddressPoint(address.Value, new Place(address.City!, address.Region!, address.PostalCode!), address.Country!, created));
        else
            contacts.Add(AddressPoint(rng.Pick(pool.Streets), rng.Pick(pool.Places), original.Country!, created));
        return new PlantedRecord(member, contacts, null, new DemoLookalikeTruth { ExistingId = original.Id, LookalikeId = 0, Kind = "family" });
    }

    /// <summary>Someone else with exactly the same name, living elsewhere.</summary>
    private PlantedRecord Namesake(CustomerProfile profile, int k, DemoRandom rng, DateTime windowEnd)
    {
        var original = profile.Customer;
        var pool = _people.For(profile.Locale);
        var (source, externalId) = SecondSource(original, k, rng);
        var created = Later(_cal.Start, windowEnd, rng);
        var other = new Customer
        {
            Source = source, ExternalId = externalId, FirstName = original.FirstName, LastName = original.LastName, Gender = original.Gender,
            PreferredLanguage = original.PreferredLanguage, Country = original.Country, Status = RecordStatus.Active, CreatedAt = created, UpdatedAt = Later(created, windowEnd, rng),
        };
        if (rng.Chance(0.78))
        {
            var birth = _cal.EndDate.AddYears(-Math.Clamp((int)Math.Round(rng.Normal(41, 13)), 18, 85)).AddDays(-rng.Next(0, 365));
            other.BirthDate = birth == original.BirthDate ? birth.AddDays(1) : birth;
        }
        var contacts = new List<ContactPoint> { EmailPoint(_people.Email(profile.Locale, original.FirstName, original.LastName, rng), created) };
        if (rng.Chance(0.8))
        {
            var (value, normalized) = DemoPeople.Phone(profile.Locale.Country, rng);
            contacts.Add(new ContactPoint { Kind = ContactKind.Phone, Label = "mobile", Value = value, NormalizedValue = normalized, Country = original.Country, IsPrimary = true, CreatedAt = created });
        }
        contacts.Add(AddressPoint(rng.Pick(pool.Streets), rng.Pick(pool.Places), original.Country!, created));
        return new PlantedRecord(other, contacts, null, new DemoLookalikeTruth { ExistingId = original.Id, LookalikeId = 0, Kind = "namesake" });
    }

    private static ContactPoint EmailPoint(string value, DateTime created) => new()
    {
        Kind = ContactKind.Email, Label = "personal", Value = value, NormalizedValue = ContactNormalizer.Email(value), IsPrimary = true, CreatedAt = created,
    };

    private static ContactPoint AddressPoint(string street, Place place, string country, DateTime created) => new()
    {
        Kind = ContactKind.Address, Label = "shipping", Value = street, NormalizedValue = ContactNormalizer.Address(street, place.PostalCode, place.City, country),
        City = place.City, Region = place.Region, PostalCode = place.PostalCode, Country = country, IsPrimary = true, CreatedAt = created,
    };

    /// <summary>One keyboard slip: two letters swapped, one dropped or one doubled.</summary>
    internal static string Typo(string name, DemoRandom rng)
    {
        if (name.Length < 3) return name + name[^1];
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var i = rng.Next(1, name.Length - 1);
            var result = rng.Next(3) switch
            {
                0 => string.Concat(name.AsSpan(0, i), name[i + 1].ToString(), name[i].ToString(), name.AsSpan(i + 2)),
                1 => name.Remove(i, 1),
                _ => name.Insert(i, name[i].ToString()),
            };
            if (result != name) return result;
        }
        return name.Remove(1, 1);
    }

    private static string WithoutAccents(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var ch in text.Normalize(NormalizationForm.FormD))
            if (CharUnicodeInfo.GetUnicodeCategory(ch) != UnicodeCategory.NonSpacingMark) sb.Append(ch);
        return sb.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>The same address with other capitals and stray white space, as typed into another system.</summary>
    private static string CaseVariant(string email, DemoRandom rng)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        var local = email[..at];
        var variant = rng.Next(3) switch
        {
            0 => char.ToUpperInvariant(local[0]) + local[1..] + email[at..],
            1 => email.ToUpperInvariant(),
            _ => local + email[at..].ToUpperInvariant(),
        };
        return rng.Chance(0.3) ? " " + variant + " " : variant;
    }

    /// <summary>The address with its local part's dots removed, or one added.</summary>
    private static string DotVariant(string email, DemoRandom rng)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        var local = email[..at];
        if (local.Contains('.', StringComparison.Ordinal)) return local.Replace(".", "", StringComparison.Ordinal) + email[at..];
        var i = local.Length > 2 ? rng.Next(1, local.Length - 1) : 1;
        return local[..i] + "." + local[i..] + email[at..];
    }

    /// <summary>The same E.164 number written another way: +CC with other grouping, 00CC, or dashes.</summary>
    private static string PhoneVariant(string digits, DemoRandom rng)
    {
        var groups = new List<string>();
        for (var i = 0; i < digits.Length; i += 3) groups.Add(digits.Substring(i, Math.Min(3, digits.Length - i)));
        return rng.Next(3) switch
        {
            0 => "+" + digits,
            1 => "00" + string.Join(' ', groups),
            _ => "+" + string.Join('-', groups),
        };
    }
}
