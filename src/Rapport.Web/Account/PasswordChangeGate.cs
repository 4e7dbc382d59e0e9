using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Endpoints;

namespace Rapport.Web.Account;

/// <summary>Marks the endpoints a user who must change the one-time password may still reach.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
internal sealed class AllowDuringPasswordChangeAttribute : Attribute;

/// <summary>
/// A user signed in with a one-time password gets nothing but the change-password page (and sign-out) until a new
/// password is set: pages redirect there, anything else (the circuit hub, later the API) answers 403.
/// </summary>
internal sealed class PasswordChangeGate(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (!context.User.MustChangePasswordNow()) return next(context);
        var endpoint = context.GetEndpoint();
        if (endpoint is null
            || endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null
            || endpoint.Metadata.GetMetadata<AllowDuringPasswordChangeAttribute>() is not null)
            return next(context);

        if (endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is not null && HttpMethods.IsGet(context.Request.Method))
        {
            var returnUrl = context.Request.Path + context.Request.QueryString;
            context.Response.Redirect($"{context.Request.PathBase}{IdentitySetup.ChangePasswordPath}?returnUrl={Uri.EscapeDataString(returnUrl)}");
            return Task.CompletedTask;
        }
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }
}
