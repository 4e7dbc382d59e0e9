namespace Rapport.Web.Hosting;

/// <summary>
/// Security headers on every response: no MIME sniffing, no framing by other sites, no referrer leaks to other
/// origins, and a content security policy: scripts only from this origin (no inline script: the app renders no
/// import map, which would be one), no plugins, no foreign forms or frames, no rewritten base URL. Inline styles
/// stay allowed because MudBlazor sets style attributes.
/// </summary>
internal sealed class SecurityHeaders(RequestDelegate next)
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            return Task.CompletedTask;
        });
        return next(context);
    }
}
