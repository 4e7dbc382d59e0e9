using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Rapport.Core.Automation;
using Rapport.Core.Domain;

namespace Rapport.Data.Automation;

/// <summary>
/// Turns what the audit hook detected into outbox events: customers, deals and tickets created or changed, with the
/// same before/after (personal values masked) and the chain of rules that caused the write (<see cref="AutomationCause"/>).
/// </summary>
public static class RecordEvents
{
    public static AutomationEvent? For(EntityEntry entry, AuditAction action, Dictionary<string, object?> changes, DateTime now)
    {
        if (action is not (AuditAction.Create or AuditAction.Update) || changes.Count == 0) return null;
        var type = AutomationTriggers.RecordEventType(entry.Metadata.ClrType.Name, action == AuditAction.Create);
        if (type is null) return null;
        var id = entry.Metadata.FindPrimaryKey()?.Properties is [var key] ? entry.Property(key.Name).CurrentValue as long? : null;
        return new AutomationEvent
        {
            Type = type,
            EntityType = entry.Metadata.ClrType.Name,
            EntityId = id,
            Changes = JsonSerializer.Serialize(changes),
            OccurredAt = now,
            CausedByRules = AutomationCause.Chain,
        };
    }
}

/// <summary>Wakes the automation worker when an event was committed, so it need not wait for its next poll.</summary>
public sealed class RecordEventSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Pulse()
    {
        if (_signal.CurrentCount == 0)
        {
            try { _signal.Release(); } catch (SemaphoreFullException) { /* already pulsed */ }
        }
    }

    /// <summary>Waits for a pulse or <paramref name="timeout"/>, whichever first.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken ct) => _signal.WaitAsync(timeout, ct);
}
