using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Rapport.Web.Account;

namespace Rapport.Web.Hosting;

/// <summary>
/// Slows password guessing: sign-in form posts are limited per client address (default 10 a minute, setting
/// <c>Rapport:Security:SignInAttemptsPerMinute</c>); beyond that the answer is 429 with Retry-After. Identity's
/// lockout still guards each account; this guards the door against one address trying many accounts. API calls
/// are limited per client address too (default 600 a minute, <c>Rapport:Security:ApiRequestsPerMinute</c>).
/// </summary>
internal static class SignInRateLimit
{
    public const string SettingKey = "Rapport:Security:SignInAttemptsPerMinute";
    public const int DefaultPerMinute = 10;
    public const string ApiSettingKey = "Rapport:Security:ApiRequestsPerMinute";
    public const int DefaultApiPerMinute = 600;

    public static IServiceCollection AddSignInRateLimit(this IServiceCollection services, IConfiguration configuration)
    {
        var perMinute = configuration.GetValue(SettingKey, DefaultPerMinute);
        var apiPerMinute = configuration.GetValue(ApiSettingKey, DefaultApiPerMinute);
        return services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, ct) =>
            {
                // Keep the 429: the status-code pages would otherwise re-run the request as the not-found page.
                if (context.HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages) pages.Enabled = false;
                context.HttpContext.Response.Headers.RetryAfter = "60";
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await context.HttpContext.Response.WriteAsync("Too many requests from this address; try again in a minute.", ct);
            };
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                if (IsSignInPost(context.Request))
                    return RateLimitPartition.GetFixedWindowLimiter("sign-in " + address,
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
                if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
                    return RateLimitPartition.GetFixedWindowLimiter("api " + address,
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = apiPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
                return RateLimitPartition.GetNoLimiter("other");
            });
        });
    }

    /// <summary>A password check: the sign-in form, or the API's password-for-token call.</summary>
    private static bool IsSignInPost(HttpRequest request)
        => HttpMethods.IsPost(request.Method) && (request.Path.StartsWithSegments(IdentitySetup.LoginPath, StringComparison.OrdinalIgnoreCase)
                                                   || request.Path.StartsWithSegments("/api/v1/auth/token", StringComparison.OrdinalIgnoreCase));
}
