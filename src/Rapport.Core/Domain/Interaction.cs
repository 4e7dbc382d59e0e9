using Microsoft.AspNetCore.Identity;

namespace Rapport.Core.Domain;

/// <summary>A call, e-mail, meeting, note, chat or social-media exchange with a customer.</summary>
public class Interaction
{
    public long Id { get; set; }
    public long CustomerId { get; set; }
    public long? CompanyId { get; set; }
    public long? DealId { get; set; }
    public InteractionKind Kind { get; set; }
    public InteractionDirection Direction { get; set; }
    public DateTime OccurredAt { get; set; }
    public int? DurationMinutes { get; set; }
    public string Subject { get; set; } = "";
    [ProtectedPersonalData] public string? Body { get; set; }
    /// <summary>Staff member who had the interaction.</summary>
    public long? UserId { get; set; }
    public long? ImportBatchId { get; set; }
}
