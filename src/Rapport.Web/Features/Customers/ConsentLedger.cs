using Microsoft.EntityFrameworkCore;
using Rapport.Core.Domain;
using Rapport.Data;
using Rapport.Web.Features.Common;

namespace Rapport.Web.Features.Customers;

/// <summary>A consent decision to record: for which channel and purpose, granted or withdrawn, and where it was captured.</summary>
public sealed class ConsentInput
{
    public string? Channel { get; set; }
    public string? Purpose { get; set; }
    public string? Status { get; set; }
    /// <summary>Where the decision was captured: web form, call, import file …</summary>
    public string? Source { get; set; }

    public FieldErrors Validate()
    {
        var errors = new FieldErrors();
        if (!Enums.TryParse<ConsentChannel>(Channel, out _)) errors["channel"] = [$"one of {string.Join(", ", Enum.GetNames<ConsentChannel>())}"];
        if (!Enums.TryParse<ConsentPurpose>(Purpose, out _)) errors["purpose"] = [$"one of {string.Join(", ", Enum.GetNames<ConsentPurpose>())}"];
        if (!Enums.TryParse<ConsentStatus>(Status, out _)) errors["status"] = [$"one of {string.Join(", ", Enum.GetNames<ConsentStatus>())}"];
        errors.Required("source", Source, 100);
        return errors;
    }
}

/// <summary>A customer's consents: every decision ever recorded (newest first) and the one in force per channel and purpose.</summary>
public sealed record ConsentHistory(IReadOnlyList<Consent> History, IReadOnlyList<Consent> Current);

/// <summary>
/// Consent as an append-only history: a new decision is a new row (never an edit), so what was allowed at any time can
/// be shown; the decision in force for a channel and purpose is the latest recorded one. Written through the tracked ORM
/// path, so each decision is in the audit trail.
/// </summary>
public sealed class ConsentLedger(IDbContextFactory<RapportDb> databases, TimeProvider clock)
{
    /// <summary>The history and the decisions in force, or null when there is no such customer.</summary>
    public async Task<ConsentHistory?> HistoryAsync(long customerId, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        if (!await db.Customers.AnyAsync(c => c.Id == customerId, ct)) return null;
        var history = await db.Consents.AsNoTracking().Where(c => c.CustomerId == customerId)
            .OrderByDescending(c => c.RecordedAt).ThenByDescending(c => c.Id).ToListAsync(ct);
        return new ConsentHistory(history, Rapport.Core.Privacy.ConsentDecisions.InForce(history));
    }

    public async Task<WriteResult> RecordAsync(long customerId, ConsentInput input, CancellationToken ct = default)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var status = await db.Customers.AsNoTracking().Where(c => c.Id == customerId).Select(c => (RecordStatus?)c.Status).SingleOrDefaultAsync(ct);
        if (status is null) return WriteResult.NotFound();
        if (status != RecordStatus.Active) return WriteResult.Refused($"the customer is {status.Value.ToString().ToLowerInvariant()}: consents of active customers only");
        if (input.Validate() is { Count: > 0 } errors) return WriteResult.Invalid(errors);
        var consent = new Consent
        {
            CustomerId = customerId, Channel = Enums.Parse<ConsentChannel>(input.Channel)!.Value, Purpose = Enums.Parse<ConsentPurpose>(input.Purpose)!.Value,
            Status = Enums.Parse<ConsentStatus>(input.Status)!.Value, Source = input.Source!.Trim(), RecordedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Consents.Add(consent);
        await db.SaveChangesAsync(ct);
        return WriteResult.Done(consent.Id);
    }
}
