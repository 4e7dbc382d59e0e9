using Rapport.Web.Account;
using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Rapport.Core.Auditing;

namespace Rapport.Web.Hosting;

/// <summary>
/// Tells the audit hook who acts: the signed-in user of the current request or circuit activity, "anonymous" for
/// requests without one (a failed sign-in), and the process itself outside requests (start-up, jobs).
/// </summary>
internal sealed class WebAuditActorAccessor(IHttpContextAccessor http) : IAuditActorAccessor
{
    private static readonly AuditActor Process = new SystemAuditActorAccessor().Current;

    /// <summary>Set around each inbound activity of a Blazor circuit, where there is no HttpContext to ask.</summary>
    internal static readonly AsyncLocal<ClaimsPrincipal?> CircuitUser = new();

    public AuditActor Current
    {
        get
        {
            if (CircuitUser.Value is { } circuitUser) return From(circuitUser, null);
            var context = http.HttpContext;
            return context is null ? Process : From(context.User, context.Connection.RemoteIpAddress?.ToString());
        }
    }

    private static AuditActor From(ClaimsPrincipal user, string? remoteAddress)
    {
        if (user.Identity?.IsAuthenticated != true) return new AuditActor(null, "anonymous", remoteAddress);
        long? id = user.UserId();
        return new AuditActor(id, user.Identity.Name ?? $"user:{id}", remoteAddress);
    }
}

/// <summary>Makes the circuit's user known to <see cref="WebAuditActorAccessor"/> while the circuit handles an event.</summary>
internal sealed class AuditActorCircuitHandler(AuthenticationStateProvider authentication) : CircuitHandler
{
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next)
        => async context =>
        {
            var state = await authentication.GetAuthenticationStateAsync();
            WebAuditActorAccessor.CircuitUser.Value = state.User;
            try { await next(context); }
            finally { WebAuditActorAccessor.CircuitUser.Value = null; }
        };
}
