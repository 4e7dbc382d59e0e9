using Microsoft.AspNetCore.Identity;

namespace Rapport.Core.Domain;

/// <summary>A member of staff who signs in to Rapport.</summary>
public class User : IdentityUser<long>
{
    [PersonalData] public string DisplayName { get; set; } = "";
    /// <summary>UI language: "en" or "zh-CN".</summary>
    public string Culture { get; set; } = "en";
    public DateTime CreatedAt { get; set; }
    /// <summary>Set when the password is a one-time password that must be changed at first sign-in.</summary>
    public bool MustChangePassword { get; set; }
}

public class Role : IdentityRole<long>
{
    public Role() { }
    public Role(string name) : base(name) { }
}

/// <summary>The roles Rapport knows; permissions hang off these names.</summary>
public static class Roles
{
    public const string Admin = "Admin";
    public const string Manager = "Manager";
    public const string Sales = "Sales";
    public const string Service = "Service";
    public const string Marketing = "Marketing";
    public const string Analyst = "Analyst";
    public const string ReadOnly = "ReadOnly";

    public static readonly IReadOnlyList<string> All = [Admin, Manager, Sales, Service, Marketing, Analyst, ReadOnly];
}

/// <summary>
/// A key for the REST API. Only its SHA-256 is stored (the token is shown once, at creation); it carries a subset
/// of its owner's permissions, expires, and can be revoked.
/// </summary>
public class ApiToken
{
    public long Id { get; set; }
    public long UserId { get; set; }
    public string Name { get; set; } = "";
    /// <summary>The token's first characters, so that a person can tell their tokens apart; not enough to use it.</summary>
    public string Prefix { get; set; } = "";
    /// <summary>SHA-256 (lower-case hex) of the whole token.</summary>
    public string Hash { get; set; } = "";
    /// <summary>Permissions the token may use, space-separated (see Rapport.Core.Security.Permissions).</summary>
    public string Scopes { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? RevokedAt { get; set; }
}

/// <summary>Who did what to which record, when and from where.</summary>
public class AuditEntry
{
    public long Id { get; set; }
    public DateTime OccurredAt { get; set; }
    public long? UserId { get; set; }
    public string? UserName { get; set; }
    public AuditAction Action { get; set; }
    public string EntityType { get; set; } = "";
    public string? EntityId { get; set; }
    /// <summary>JSON object of changed properties: {"Name": {"before": …, "after": …}}; personal values masked.</summary>
    public string? Changes { get; set; }
    public string? RemoteAddress { get; set; }
    /// <summary>Position in the hash chain: 1, 2, 3, … with no gaps.</summary>
    public long Sequence { get; set; }
    /// <summary>SHA-256 (hex) of the previous entry; empty for the first.</summary>
    public string PreviousHash { get; set; } = "";
    /// <summary>SHA-256 (hex) over this entry's fields and <see cref="PreviousHash"/>: editing or deleting any entry breaks the chain.</summary>
    public string Hash { get; set; } = "";
}

/// <summary>One load of a file or an API batch; everything it created can be traced and undone.</summary>
public class ImportBatch
{
    public long Id { get; set; }
    /// <summary>What was imported: customers, orders, demo …</summary>
    public string Kind { get; set; } = "";
    public string? FileName { get; set; }
    public string? Source { get; set; }
    /// <summary>SHA-256 of the file, so a re-import of the same file is recognised.</summary>
    public string? ContentHash { get; set; }
    public ImportStatus Status { get; set; }
    public long RowsRead { get; set; }
    public long RowsLoaded { get; set; }
    public long RowsRejected { get; set; }
    public long? UserId { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }

    public List<ImportRejectedRow> RejectedRows { get; set; } = [];
}

public class ImportRejectedRow
{
    public long Id { get; set; }
    public long ImportBatchId { get; set; }
    public long RowNumber { get; set; }
    public string? Field { get; set; }
    public string Reason { get; set; } = "";
    [ProtectedPersonalData] public string? RawText { get; set; }
}
