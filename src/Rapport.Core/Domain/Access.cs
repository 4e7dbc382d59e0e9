namespace Rapport.Core.Domain;

/// <summary>
/// A sales team. A Sales user sees the customers, companies and deals owned by themselves and by every member of the
/// teams they belong to; a manager grants that visibility by adding the user to the team.
/// </summary>
public class Team
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public List<TeamMember> Members { get; set; } = [];
}

/// <summary>A user's membership of a team (see <see cref="Team"/>).</summary>
public class TeamMember
{
    public long Id { get; set; }
    public long TeamId { get; set; }
    public long UserId { get; set; }
    public DateTime AddedAt { get; set; }
}

/// <summary>
/// The latest head of the audit hash chain, written in the same transaction as the entries and signed with a key
/// (<see cref="SecretKey"/>): deleting the newest entries leaves a shorter chain that still links, and this row is
/// what shows it was longer.
/// </summary>
public class AuditAnchor
{
    public long Id { get; set; }
    public long Sequence { get; set; }
    public string Hash { get; set; } = "";
    /// <summary>HMAC-SHA256 (hex) of the sequence and hash under the audit-anchor key.</summary>
    public string Signature { get; set; } = "";
    public DateTime UpdatedAt { get; set; }
}

/// <summary>A random key the application keeps for a keyed hash (audit anchor signature, analyst pseudonyms), by name.</summary>
public class SecretKey
{
    public string Name { get; set; } = "";
    /// <summary>The key bytes, Base64.</summary>
    public string Value { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}
