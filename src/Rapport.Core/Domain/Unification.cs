using Microsoft.AspNetCore.Identity;

namespace Rapport.Core.Domain;

/// <summary>How a merge was decided: by the matcher above the auto-merge threshold, or by a person from the review queue.</summary>
public enum MergeRule { Auto, Manual }

/// <summary>State of a proposed pair in the review queue.</summary>
public enum MatchStatus { Pending, Accepted, Rejected }

/// <summary>
/// One merge of two customer records: the merged record points to the survivor (<see cref="Customer.MergedIntoId"/>),
/// its children were moved, and <see cref="Record"/> says exactly what moved and which survivor fields changed from what,
/// so that <c>undo</c> puts everything back.
/// </summary>
public class CustomerMerge
{
    public long Id { get; set; }
    public long SurvivorId { get; set; }
    public long MergedId { get; set; }
    public double Confidence { get; set; }
    /// <summary>The matcher's reasons, "; "-separated ("same e-mail; names 0.97 Jaro-Winkler").</summary>
    public string Reasons { get; set; } = "";
    public MergeRule Rule { get; set; }
    public long? UserId { get; set; }
    public string UserName { get; set; } = "";
    public DateTime MergedAt { get; set; }
    public DateTime? UndoneAt { get; set; }
    public string? UndoneBy { get; set; }
    /// <summary>JSON: survivor field changes (before/after), ids of the moved children per table, flags changed; personal (it holds names).</summary>
    [ProtectedPersonalData] public string Record { get; set; } = "{}";
}

/// <summary>A pair the matcher proposed below the auto-merge threshold (the review queue), or a decided pair kept so re-runs do not ask again.</summary>
public class MatchCandidate
{
    public long Id { get; set; }
    /// <summary>The lower customer id of the pair.</summary>
    public long CustomerId { get; set; }
    /// <summary>The higher customer id of the pair.</summary>
    public long OtherCustomerId { get; set; }
    public double Confidence { get; set; }
    public string Reasons { get; set; } = "";
    public MatchStatus Status { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string? DecidedBy { get; set; }
    /// <summary>The merge that accepting the pair (or the auto-merge) made.</summary>
    public long? MergeId { get; set; }
}
