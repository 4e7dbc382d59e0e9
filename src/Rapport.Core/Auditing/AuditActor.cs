namespace Rapport.Core.Auditing;

/// <summary>Who is acting: a signed-in user, an API token, or the system itself (jobs, CLI).</summary>
public sealed record AuditActor(long? UserId, string UserName, string? RemoteAddress)
{
    public static readonly AuditActor System = new(null, "system", null);
}

/// <summary>Tells the audit hook who is acting in the current request, job or command.</summary>
public interface IAuditActorAccessor
{
    AuditActor Current { get; }
}

/// <summary>For processes with no signed-in user (CLI, background jobs): the OS user running them.</summary>
public sealed class SystemAuditActorAccessor : IAuditActorAccessor
{
    public AuditActor Current { get; } = new(null, $"system:{Environment.UserName}", null);
}
