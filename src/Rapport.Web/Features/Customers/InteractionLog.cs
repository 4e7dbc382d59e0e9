using Microsoft.EntityFrameworkCore;
using Rapport.Core.Domain;
using Rapport.Core.Security;
using Rapport.Data;
using Rapport.Web.Features.Common;

namespace Rapport.Web.Features.Customers;

/// <summary>A logged call, e-mail, meeting, chat or note as the API shows it; the body masked without personal-data.read.</summary>
public sealed record InteractionRow(long Id, long CustomerId, long? CompanyId, long? DealId, InteractionKind Kind, InteractionDirection Direction,
    DateTime OccurredAt, int? DurationMinutes, string Subject, string? Body, long? UserId);

/// <summary>What a client sends to log an interaction; <see cref="Validate"/> names the field at fault.</summary>
public sealed class InteractionInput
{
    public string? Kind { get; set; }
    public string? Direction { get; set; }
    public string? Subject { get; set; }
    public string? Body { get; set; }
    public DateTime? OccurredAt { get; set; }
    public int? DurationMinutes { get; set; }
    public long? DealId { get; set; }

    public FieldErrors Validate(DateTime now)
    {
        var errors = new FieldErrors();
        if (!Enum.TryParse<InteractionKind>(Kind, ignoreCase: true, out _) || int.TryParse(Kind, out _))
            errors["kind"] = [$"one of {string.Join(", ", Enum.GetNames<InteractionKind>())}"];
        if (Direction is not null && (!Enum.TryParse<InteractionDirection>(Direction, ignoreCase: true, out _) || int.TryParse(Direction, out _)))
            errors["direction"] = [$"one of {string.Join(", ", Enum.GetNames<InteractionDirection>())}"];
        errors.Required("subject", Subject, 300);
        errors.MaxLength("body", Body, 20_000);
        if (OccurredAt is { } at && at.ToUniversalTime() > now.AddDays(1)) errors["occurredAt"] = ["cannot be in the future"];
        if (DurationMinutes is < 0 or > 24 * 60) errors["durationMinutes"] = ["must be between 0 and 1440"];
        return errors;
    }
}

/// <summary>A customer's interactions for the API: paged newest first, and logged through the audited ORM path.</summary>
public sealed class InteractionLog(IDbContextFactory<RapportDb> databases, TimeProvider clock)
{
    public static readonly SortFields<Interaction> Sorts = new SortFields<Interaction>(i => i.Id, "-occurredAt")
        .Add("occurredAt", i => i.OccurredAt).Add("kind", i => i.Kind);

    /// <summary>The customer's interactions, or null when there is no such customer.</summary>
    public async Task<Paged<InteractionRow>?> FindAsync(long customerId, PageRequest request, bool showPersonal, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        if (!await db.Customers.AnyAsync(c => c.Id == customerId, ct)) return null;
        var page = await Paging.PageAsync(db.Interactions.AsNoTracking().Where(i => i.CustomerId == customerId), Sorts, request,
            i => new InteractionRow(i.Id, i.CustomerId, i.CompanyId, i.DealId, i.Kind, i.Direction, i.OccurredAt, i.DurationMinutes, i.Subject, i.Body, i.UserId), ct);
        return showPersonal ? page : page with { Items = page.Items.Select(r => r with { Body = PersonalDataMask.Mask(r.Body) }).ToList() };
    }

    public async Task<WriteResult> AddAsync(long customerId, InteractionInput input, long? userId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (input.Validate(now) is { Count: > 0 } errors) return WriteResult.Invalid(errors);
        await using var db = await databases.CreateDbContextAsync(ct);
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == customerId).Select(c => new { c.CompanyId }).SingleOrDefaultAsync(ct);
        if (customer is null) return WriteResult.NotFound();
        if (input.DealId is { } dealId && !await db.Deals.AnyAsync(d => d.Id == dealId, ct)) return WriteResult.Invalid("dealId", "no such deal");
        var kind = Enum.Parse<InteractionKind>(input.Kind!, ignoreCase: true);
        var interaction = new Interaction
        {
            CustomerId = customerId, CompanyId = customer.CompanyId, DealId = input.DealId, Kind = kind,
            Direction = input.Direction is { } d ? Enum.Parse<InteractionDirection>(d, ignoreCase: true)
                : kind == InteractionKind.Note ? InteractionDirection.Internal : InteractionDirection.Outbound,
            OccurredAt = input.OccurredAt?.ToUniversalTime() ?? now, DurationMinutes = input.DurationMinutes, Subject = input.Subject!.Trim(),
            Body = string.IsNullOrWhiteSpace(input.Body) ? null : input.Body.Trim(), UserId = userId,
        };
        db.Interactions.Add(interaction);
        await db.SaveChangesAsync(ct);
        return WriteResult.Done(interaction.Id);
    }
}
