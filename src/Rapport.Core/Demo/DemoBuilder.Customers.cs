using System.Globalization;
using Rapport.Core.Domain;
using Rapport.Core.Unification;

namespace Rapport.Core.Demo;

internal sealed partial class DemoBuilder
{
    private readonly List<(long CustomerId, double At, ConsentChannel Channel, ConsentPurpose Purpose, ConsentStatus Status, string Source)> _consentEvents = [];

    /// <summary>Marketing consent at sign-up (most grant e-mail, a third SMS), some withdraw later; campaigns add unsubscribes.</summary>
    private void DecideConsents()
    {
        foreach (var c in _profiles)
        {
            var rng = DemoRandom.For(_seed, "consent", c.Index);
            var span = _cal.Days - c.AcquiredAt;
            if (rng.Chance(0.82))
            {
                c.EmailGranted = true;
                if (rng.Chance(0.12))
                {
                    c.EmailWithdrawnAt = c.AcquiredAt + rng.NextDouble() * span;
                    c.EmailWithdrawSource = rng.Chance(0.6) ? "unsubscribe link" : "preference centre";
                }
            }
            else
            {
                c.EmailDeclined = rng.Chance(0.55);
            }
            if (rng.Chance(0.35))
            {
                c.SmsGranted = true;
                if (rng.Chance(0.06)) c.SmsWithdrawnAt = c.AcquiredAt + rng.NextDouble() * span;
            }
            c.ProfilingGranted = rng.Chance(0.6) ? true : rng.Chance(0.5) ? false : null;
        }
    }

    private static string SignUpSource(CustomerProfile c) => c.Customer.Source switch
    {
        "pos" => "in-store sign-up",
        "call-centre" => "phone order",
        "marketplace" => "marketplace checkout",
        _ => "checkout",
    };

    /// <summary>Consent rows per customer in time order: the latest per channel and purpose is in force.</summary>
    private void WriteConsents()
    {
        foreach (var c in _profiles)
        {
            var at = c.AcquiredAt;
            var source = SignUpSource(c);
            if (c.EmailGranted) AddConsent(c, at, ConsentChannel.Email, ConsentPurpose.Marketing, ConsentStatus.Granted, source);
            else if (c.EmailDeclined) AddConsent(c, at, ConsentChannel.Email, ConsentPurpose.Marketing, ConsentStatus.Withdrawn, source);
            if (c.EmailGranted && c.EmailWithdrawnAt < _cal.Days)
                AddConsent(c, c.EmailWithdrawnAt, ConsentChannel.Email, ConsentPurpose.Marketing, ConsentStatus.Withdrawn, c.EmailWithdrawSource);
            if (c.SmsGranted) AddConsent(c, at, ConsentChannel.Sms, ConsentPurpose.Marketing, ConsentStatus.Granted, source);
            if (c.SmsGranted && c.SmsWithdrawnAt < _cal.Days)
                AddConsent(c, c.SmsWithdrawnAt, ConsentChannel.Sms, ConsentPurpose.Marketing, ConsentStatus.Withdrawn, "SMS STOP reply");
            if (c.ProfilingGranted is { } profiling)
                AddConsent(c, at, ConsentChannel.Email, ConsentPurpose.Profiling, profiling ? ConsentStatus.Granted : ConsentStatus.Withdrawn, "privacy settings");
        }
        _consentEvents.Sort((a, b) =>
        {
            var k = a.CustomerId.CompareTo(b.CustomerId);
            return k != 0 ? k : a.At.CompareTo(b.At);
        });
        foreach (var e in _consentEvents)
        {
            _data.Consents.Add(new Consent
            {
                Id = _data.Consents.Count + 1,
                CustomerId = e.CustomerId,
                Channel = e.Channel,
                Purpose = e.Purpose,
                Status = e.Status,
                Source = e.Source,
                RecordedAt = _cal.ToInstant(e.At),
            });
        }
    }

    private void AddConsent(CustomerProfile c, double at, ConsentChannel channel, ConsentPurpose purpose, ConsentStatus status, string source)
        => _consentEvents.Add((c.Id, at, channel, purpose, status, source));

    private sealed class CompanyDraft
    {
        public required Company Company;
        public required LocaleSpec Locale;
        public List<CustomerProfile> Contacts = [];
    }

    private readonly List<CompanyDraft> _companies = [];

    /// <summary>B2B accounts: about one company per 3 business contacts, in the contacts' language group.</summary>
    private void CreateCompanies()
    {
        var rng = DemoRandom.For(_seed, "companies");
        var drafts = new List<CompanyDraft>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chinese in new[] { false, true })
        {
            var contacts = _profiles.Where(p => p.IsB2B && p.Locale.IsChinese == chinese).ToList();
            if (contacts.Count == 0) continue;
            var count = Math.Max(1, (int)Math.Round(contacts.Count / 3.2));
            var group = new List<CompanyDraft>(count);
            var weights = new double[count];
            for (var i = 0; i < count; i++)
            {
                var locale = chinese ? DemoPeople.Locales[0] : contacts[rng.Next(contacts.Count)].Locale;
                var (name, industry, website, city) = _people.Company(locale, rng);
                for (var attempt = 0; attempt < 20 && names.Contains(name); attempt++) (name, industry, website, city) = _people.Company(locale, rng);
                if (!names.Add(name))
                {
                    name = string.Create(CultureInfo.InvariantCulture, $"{name} ({names.Count})");
                    names.Add(name);
                }
                var pool = _people.For(locale);
                var employees = (int)Math.Clamp(Math.Round(rng.LogNormal(Math.Log(40), 1.3)), 2, 20000);
                var company = new Company
                {
                    Name = name,
                    Industry = industry,
                    Website = website,
                    Country = locale.Country,
                    City = city ?? rng.Pick(pool.Places).City,
                    EmployeeCount = employees,
                    AnnualRevenue = rng.Chance(0.8) ? Math.Round((decimal)(employees * rng.LogNormal(Math.Log(120_000), 0.4)) / 1000m) * 1000m : null,
                    OwnerId = chinese && rng.Chance(0.7) ? 3 : rng.Pick(SalesUsers),
                    Source = "crm",
                };
                var draft = new CompanyDraft { Company = company, Locale = locale };
                group.Add(draft);
                weights[i] = Math.Pow(employees, 0.35);
            }
            // Every company gets one contact; the rest go to bigger companies more often.
            var shuffled = contacts.OrderBy(_ => rng.NextDouble()).ToList();
            for (var i = 0; i < shuffled.Count; i++)
            {
                var draft = i < group.Count ? group[i] : group[rng.PickWeighted(weights)];
                draft.Contacts.Add(shuffled[i]);
            }
            drafts.AddRange(group);
        }

        foreach (var draft in drafts)
        {
            var first = draft.Contacts.Min(c => c.Customer.CreatedAt);
            var created = first.AddDays(-rng.Next(0, 30)).AddHours(-rng.Next(0, 8));
            draft.Company.CreatedAt = created < _cal.Start.AddDays(-30) ? _cal.Start.AddDays(-30) : created;
            draft.Company.UpdatedAt = draft.Company.CreatedAt;
        }
        var ordered = drafts.Select((d, i) => (d, i)).OrderBy(x => x.d.Company.CreatedAt).ThenBy(x => x.i).Select(x => x.d).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            var draft = ordered[i];
            draft.Company.Id = i + 1;
            draft.Company.ExternalId = string.Create(CultureInfo.InvariantCulture, $"ACC-{i + 1:D5}");
            foreach (var contact in draft.Contacts)
            {
                contact.Company = draft.Company;
                contact.CompanyIndex = i;
                contact.Customer.CompanyId = draft.Company.Id;
                contact.Customer.OwnerId = draft.Company.OwnerId;
            }
            _companies.Add(draft);
            _data.Companies.Add(draft.Company);
        }
    }

    /// <summary>Source and external id from the first order's channel, update time, contact points.</summary>
    private void FinaliseCustomers()
    {
        foreach (var c in _profiles)
        {
            var rng = DemoRandom.For(_seed, "contact-points", c.Index);
            var customer = c.Customer;
            var first = c.Orders.MinBy(o => o.OrderedAt)!;
            (customer.Source, var prefix) = first.Channel switch
            {
                SalesChannel.Store => ("pos", "POS"),
                SalesChannel.Phone => ("call-centre", "TEL"),
                SalesChannel.Marketplace => ("marketplace", "MKT"),
                _ => ("webshop", "WEB"),
            };
            customer.ExternalId = string.Create(CultureInfo.InvariantCulture, $"{prefix}-{100000 + c.Id}");
            var last = c.Orders.Max(o => o.OrderedAt);
            customer.UpdatedAt = last > customer.CreatedAt ? last : customer.CreatedAt;

            var personal = _people.Email(c.Locale, customer.FirstName, customer.LastName, rng);
            if (c.Company is { } company)
            {
                var work = c.Locale.IsChinese
                    ? string.Create(CultureInfo.InvariantCulture, $"{DemoPeople.Ascii(personal.Split('@')[0])}@{DemoPeople.CompanyDomain(company.Website!)}")
                    : $"{DemoPeople.Ascii(customer.FirstName)}.{DemoPeople.Ascii(customer.LastName)}@{DemoPeople.CompanyDomain(company.Website!)}";
                AddEmail(c.Id, null, work, "work", true, customer.CreatedAt);
                if (rng.Chance(0.3)) AddEmail(c.Id, null, personal, "personal", false, customer.CreatedAt);
            }
            else
            {
                AddEmail(c.Id, null, personal, "personal", true, customer.CreatedAt);
            }
            if (rng.Chance(0.8))
            {
                var (value, normalized) = DemoPeople.Phone(c.Locale.Country, rng);
                AddContact(new ContactPoint { CustomerId = c.Id, Kind = ContactKind.Phone, Label = "mobile", Value = value, NormalizedValue = normalized, Country = c.Locale.Country, IsPrimary = true, CreatedAt = customer.CreatedAt });
            }
            if (rng.Chance(0.92))
            {
                var pool = _people.For(c.Locale);
                AddAddress(c.Id, null, rng.Pick(pool.Streets), rng.Pick(pool.Places), c.Locale.Country, "shipping", customer.CreatedAt);
            }
        }

        foreach (var draft in _companies)
        {
            var rng = DemoRandom.For(_seed, "company-contact-points", draft.Company.Id);
            var company = draft.Company;
            var (phone, normalized) = DemoPeople.Phone(draft.Locale.Country, rng);
            AddContact(new ContactPoint { CompanyId = company.Id, Kind = ContactKind.Phone, Label = "office", Value = phone, NormalizedValue = normalized, Country = draft.Locale.Country, IsPrimary = true, CreatedAt = company.CreatedAt });
            AddEmail(null, company.Id, $"info@{DemoPeople.CompanyDomain(company.Website!)}", "general", true, company.CreatedAt);
            var pool = _people.For(draft.Locale);
            var place = rng.Pick(pool.Places);
            AddAddress(null, company.Id, rng.Pick(pool.Streets), place with { City = company.City ?? place.City }, draft.Locale.Country, "billing", company.CreatedAt);
        }
    }

    private void AddEmail(long? customerId, long? companyId, string email, string label, bool primary, DateTime created)
        => AddContact(new ContactPoint
        {
            CustomerId = customerId,
            CompanyId = companyId,
            Kind = ContactKind.Email,
            Label = label,
            Value = email,
            NormalizedValue = ContactNormalizer.Email(email),
            IsPrimary = primary,
            CreatedAt = created,
        });

    private void AddAddress(long? customerId, long? companyId, string street, Place place, string country, string label, DateTime created)
        => AddContact(new ContactPoint
        {
            CustomerId = customerId,
            CompanyId = companyId,
            Kind = ContactKind.Address,
            Label = label,
            Value = street,
            NormalizedValue = ContactNormalizer.Address(street, place.PostalCode, place.City, country),
            City = place.City,
            Region = place.Region,
            PostalCode = place.PostalCode,
            Country = country,
            IsPrimary = true,
            CreatedAt = created,
        });

    private void AddContact(ContactPoint point)
    {
        point.Id = _data.ContactPoints.Count + 1;
        _data.ContactPoints.Add(point);
    }
}
