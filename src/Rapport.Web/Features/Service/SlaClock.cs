using Rapport.Core.Domain;

namespace Rapport.Web.Features.Service;

/// <summary>Where a ticket stands against its SLA.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<SlaState>))]
public enum SlaState
{
    /// <summary>No due time.</summary>
    None,
    /// <summary>Open, more than the warning share of the window left.</summary>
    OnTrack,
    /// <summary>Open, less than the warning share of the window left: about to breach.</summary>
    DueSoon,
    /// <summary>Open and past its due time.</summary>
    Breached,
    /// <summary>Answered (or resolved) by the due time.</summary>
    Met,
    /// <summary>Answered (or resolved) after the due time.</summary>
    Missed,
}

/// <summary>
/// The SLA clock: due = created + hours of the priority; the clock stops at the first reply to the customer (or at
/// resolution, whichever is first). An open ticket is due soon once less than <see cref="ServiceDeskOptions.SlaWarningShare"/>
/// of its window is left, and breached once past due.
/// </summary>
public sealed class SlaClock(ServiceDeskOptions options)
{
    public DateTime DueAt(DateTime createdAt, TicketPriority priority)
        => createdAt.AddHours(options.SlaHours.TryGetValue(priority, out var hours) ? hours : 24);

    public SlaState StateOf(Ticket ticket, DateTime now)
        => StateOf(ticket.CreatedAt, ticket.SlaDueAt, ticket.FirstResponseAt, ticket.ResolvedAt, now);

    public SlaState StateOf(DateTime createdAt, DateTime? dueAt, DateTime? firstResponseAt, DateTime? resolvedAt, DateTime now)
    {
        if (dueAt is not { } due) return SlaState.None;
        DateTime? stopped = firstResponseAt is { } f && resolvedAt is { } r ? (f < r ? f : r) : firstResponseAt ?? resolvedAt;
        if (stopped is { } s) return s <= due ? SlaState.Met : SlaState.Missed;
        if (now > due) return SlaState.Breached;
        var window = (due - createdAt).TotalSeconds;
        var left = (due - now).TotalSeconds;
        return window > 0 && left < options.SlaWarningShare * window ? SlaState.DueSoon : SlaState.OnTrack;
    }
}
