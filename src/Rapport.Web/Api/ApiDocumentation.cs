using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Rapport.Core.Security;
using Rapport.Web.Account;

namespace Rapport.Web.Api;

/// <summary>
/// The API's description: the OpenAPI document at /openapi/v1.json (every /api/v1 endpoint, generated from the endpoints'
/// own metadata by Microsoft.AspNetCore.OpenApi) and the interactive page at /api-docs (Swagger UI, served from its NuGet
/// package: its index page loads only scripts of this origin, so it runs under the strict CSP).
/// </summary>
internal static class ApiDocumentation
{
    public const string DocumentName = "v1";
    public const string DocumentPath = "/openapi/v1.json";
    public const string UiPath = "api-docs";

    public static IServiceCollection AddRapportOpenApi(this IServiceCollection services)
        => services.AddOpenApi(DocumentName, options =>
        {
            // Only the REST API: pages, account forms and downloads are not part of the contract.
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/v1/", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer<ApiDocumentTransformer>();
            options.AddOperationTransformer<ApiOperationTransformer>();
        });

    /// <summary>The document for signed-in staff (cookie) and for token holders; the page for signed-in staff (the fallback policy).</summary>
    public static WebApplication MapRapportApiDocs(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").RequireAuthorization(new AuthorizeAttribute(Permissions.OwnAccount)
        {
            AuthenticationSchemes = $"{IdentityConstants.ApplicationScheme},{ApiTokenAuthentication.SchemeName}",
        });
        return app;
    }

    /// <summary>Swagger UI's files and its generated config script; runs after authorisation, so anonymous visitors are sent to sign in.</summary>
    public static IApplicationBuilder UseRapportApiPage(this IApplicationBuilder app)
        => app.UseSwaggerUI(options =>
        {
            options.RoutePrefix = UiPath;
            // Relative, so the page also works under a path base (index.js resolves it against the page's address).
            options.SwaggerEndpoint(".." + DocumentPath, "Rapport API v1");
            options.DocumentTitle = "Rapport API";
            options.EnableTryItOutByDefault();
            options.DisplayRequestDuration();
        });
}
