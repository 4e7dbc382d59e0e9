using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;

namespace Rapport.Web.Hosting;

/// <summary>
/// Requests the API cannot even read — malformed JSON, a wrong type, a body over the limit — answered as problem
/// details that say what was wrong and where (`$.budget`, line and byte), instead of a bare "Bad Request".
/// </summary>
internal static class ApiBadRequests
{
    public static IServiceCollection AddApiBadRequestDetails(this IServiceCollection services)
    {
        // Binding failures throw (as they do in development) so the handler below sees the reason; otherwise the
        // framework answers an empty 400 and only logs why.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        // Problem details themselves are registered by the app (AddProblemDetails); this only adds the reason.
        services.Configure<ProblemDetailsOptions>(o => o.CustomizeProblemDetails = context =>
        {
            if (context.Exception is BadHttpRequestException bad)
            {
                context.ProblemDetails.Status = bad.StatusCode;
                context.ProblemDetails.Detail = Describe(bad);
            }
        });
        return services;
    }

    /// <summary>The status a failure answers with: a bad request keeps its own 4xx (400, 413, 415 …), anything else is 500.</summary>
    public static int StatusOf(Exception exception) => exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError;

    /// <summary>Problem details for exceptions on /api, with the client's mistakes not logged as server errors.</summary>
    public static void UseApiBadRequestDetails(this IApplicationBuilder api) => api.UseExceptionHandler(new ExceptionHandlerOptions
    {
        StatusCodeSelector = StatusOf,
        SuppressDiagnosticsCallback = context => context.Exception is BadHttpRequestException,
    });

    private static string Describe(BadHttpRequestException bad)
        // The JSON reader's message names the path and position ("… Path: $.lastName | LineNumber: 0 | BytePositionInLine: 13.").
        => bad.InnerException is JsonException json ? $"{bad.Message} {json.Message}" : bad.Message;
}
