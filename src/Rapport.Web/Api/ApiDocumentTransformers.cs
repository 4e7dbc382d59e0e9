using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Rapport.Web.Api;

/// <summary>The document's title and the one security scheme: API tokens sent as bearer tokens.</summary>
internal sealed class ApiDocumentTransformer : IOpenApiDocumentTransformer
{
    public const string BearerScheme = "Bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Rapport API",
            Version = "v1",
            Description = "The Rapport CRM REST API. Every call except POST /api/v1/auth/token needs an API token "
                          + "(Authorization: Bearer rpt_…): get one from /auth/token or `rapport admin token create`. Errors are RFC 9457 problem details; "
                          + "invalid input answers 400 with `errors` naming each field.",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "rpt_ API token",
            Description = "An API token; it carries at most its owner's permissions.",
        };
        return Task.CompletedTask;
    }
}

/// <summary>
/// Marks every operation that needs a token with the bearer requirement and names the permission it checks, read from
/// the same authorisation metadata the endpoint enforces (so the document cannot claim less than the server does).
/// </summary>
internal sealed class ApiOperationTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IAllowAnonymous>().Any()) return Task.CompletedTask;
        var permissions = metadata.OfType<IAuthorizeData>().Select(a => a.Policy).Where(p => p is not null).Distinct().ToList();
        if (permissions.Count == 0) return Task.CompletedTask;

        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement
        {
            [new OpenApiSecuritySchemeReference(ApiDocumentTransformer.BearerScheme, context.Document)] = [],
        });
        var needs = $"Requires permission: {string.Join(", ", permissions)}.";
        operation.Description = string.IsNullOrEmpty(operation.Description) ? needs : operation.Description + "\n\n" + needs;
        return Task.CompletedTask;
    }
}
