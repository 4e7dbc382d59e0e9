using Rapport.Core.Domain;

namespace Rapport.Core.Sales;

/// <summary>
/// What scoring knows about one deal: its facts, its stage moves (by stage position) and the times of its activities.
/// Built from the database (or from test data) and turned into feature rows by <see cref="DealWinFeatures"/>.
/// </summary>
public sealed record DealHistory
{
    public required long Id { get; init; }
    public required decimal Amount { get; init; }
    public required DateTime CreatedAt { get; init; }
    public DateTime? ClosedAt { get; init; }
    public required DealStatus Status { get; init; }
    public long? OwnerId { get; init; }
    public int? CompanyEmployees { get; init; }
    public string? CompanyIndustry { get; init; }
    /// <summary>Whether a contact of the company had ordered before the deal was created.</summary>
    public bool ExistingCustomer { get; init; }
    /// <summary>Each move: the position of the stage entered (open stages only count as "reached") and when.</summary>
    public IReadOnlyList<(int Position, bool Closing, DateTime At)> Moves { get; init; } = [];
    public IReadOnlyList<DateTime> Activities { get; init; } = [];
}
