using Rapport.Core.Domain;

namespace Rapport.Web.Features.Customers;

/// <summary>Everything the 360 page shows about one customer; personal values already masked when the viewer may not see them.</summary>
public sealed record CustomerProfile(
    long Id,
    string Name,
    RecordStatus Status,
    string? Source,
    string? ExternalId,
    string? Country,
    string? BirthDate,
    string? JobTitle,
    string? PreferredLanguage,
    (long Id, string Name)? Company,
    IReadOnlyList<ContactLine> Contacts,
    IReadOnlyList<ConsentLine> Consents,
    IReadOnlyList<TimelineEntry> Timeline,
    IReadOnlyList<InsightLine> Insights,
    IReadOnlyList<InsightLine> Recommendations,
    ProfileTotals Totals,
    bool Masked);

public sealed record ContactLine(ContactKind Kind, string? Label, string Value, string? Place, bool IsPrimary);

public sealed record ConsentLine(ConsentChannel Channel, ConsentPurpose Purpose, ConsentStatus Status, string? Source, DateTime RecordedAt);

public enum TimelineKind { Order, Interaction, Ticket, Campaign }

/// <summary>One event of the customer's history; <see cref="Title"/> is data (order number, subject), never translated.</summary>
public sealed record TimelineEntry(DateTime At, TimelineKind Kind, string Title, string? Detail, decimal? Amount, string? Currency);

public sealed record InsightLine(string Kind, double Value, string? Label, IReadOnlyList<InsightReason> Reasons, string ModelVersion, DateTime ComputedAt);

public sealed record ProfileTotals(int Orders, decimal NetSpend, string? Currency, DateTime? FirstOrder, DateTime? LastOrder);
