using System.Reflection;

namespace Rapport.Web.Hosting;

/// <summary>
/// Finds the static web assets (<c>_framework/blazor.web.js</c>, MudBlazor's css/js, <c>wwwroot</c>) wherever the app
/// runs: from this project's build output, from the build or publish output of a host that references it (the
/// <c>rapport</c> CLI), or from a test assembly, in any environment.
/// </summary>
/// <remarks>
/// ASP.NET Core looks for <c>{ApplicationName}.staticwebassets.endpoints.json</c> (what to serve) and, in Development
/// only, <c>{ApplicationName}.staticwebassets.runtime.json</c> (where the files of a build output live), with
/// ApplicationName = the entry assembly, and serves files from <c>{content root}/wwwroot</c>. Each of those assumptions
/// breaks somewhere: a Production run of a build output (no runtime manifest is applied, so blazor.web.js is missing),
/// a test host (the manifests are named after Rapport.Web, not testhost), a publish output started from another
/// directory (wwwroot is beside the dll, not in the current directory). So: take the manifests of the entry
/// assembly if it has them (a web project that references Rapport.Web carries its assets, which are published at the
/// site root thanks to StaticWebAssetBasePath=/), else Rapport.Web's; apply the runtime manifest whenever it exists;
/// and without one (a publish output) use the wwwroot beside the binaries.
/// </remarks>
internal sealed class StaticAssetsHosting
{
    private const string EndpointsSuffix = ".staticwebassets.endpoints.json";
    private const string RuntimeSuffix = ".staticwebassets.runtime.json";

    private StaticAssetsHosting(string? applicationName, string? endpointsManifest, string? runtimeManifest, string? webRoot)
    {
        ApplicationName = applicationName;
        EndpointsManifest = endpointsManifest;
        RuntimeManifest = runtimeManifest;
        WebRoot = webRoot;
    }

    /// <summary>The application name whose manifests were found, or null to keep the default.</summary>
    public string? ApplicationName { get; }
    public string? EndpointsManifest { get; }
    /// <summary>Set in a build output (files still in the project and package folders), null in a publish output.</summary>
    public string? RuntimeManifest { get; }
    /// <summary>Set in a publish output: the wwwroot beside the binaries.</summary>
    public string? WebRoot { get; }

    public static StaticAssetsHosting Locate()
        => Locate(AppContext.BaseDirectory, Assembly.GetEntryAssembly()?.GetName().Name);

    internal static StaticAssetsHosting Locate(string baseDirectory, string? entryAssemblyName)
    {
        string[] candidates = entryAssemblyName is null
            ? [typeof(StaticAssetsHosting).Assembly.GetName().Name!]
            : [entryAssemblyName, typeof(StaticAssetsHosting).Assembly.GetName().Name!];
        foreach (var name in candidates)
        {
            var endpoints = Path.Combine(baseDirectory, name + EndpointsSuffix);
            if (!File.Exists(endpoints)) continue;
            var runtime = Path.Combine(baseDirectory, name + RuntimeSuffix);
            var hasRuntime = File.Exists(runtime);
            var wwwroot = Path.Combine(baseDirectory, "wwwroot");
            return new StaticAssetsHosting(name, endpoints, hasRuntime ? runtime : null,
                !hasRuntime && Directory.Exists(wwwroot) ? wwwroot : null);
        }
        return new StaticAssetsHosting(null, null, null, null);
    }

    public WebApplicationOptions ApplyTo(WebApplicationOptions options) => new()
    {
        Args = options.Args,
        EnvironmentName = options.EnvironmentName,
        ContentRootPath = options.ContentRootPath,
        ApplicationName = options.ApplicationName ?? ApplicationName,
        WebRootPath = options.WebRootPath ?? WebRoot,
    };

    /// <summary>Outside Development ASP.NET Core ignores the runtime manifest of a build output; apply it anyway.</summary>
    public void Configure(WebApplicationBuilder builder)
    {
        if (RuntimeManifest is null || builder.Environment.IsDevelopment()) return;
        builder.WebHost.UseSetting(WebHostDefaults.StaticWebAssetsKey, RuntimeManifest);
        builder.WebHost.UseStaticWebAssets();
    }

    /// <summary>Maps the assets; they are public (the sign-in page needs them), unlike everything else.</summary>
    public void Map(WebApplication app)
    {
        if (EndpointsManifest is not null)
        {
            app.MapStaticAssets(EndpointsManifest).AllowAnonymous();
        }
        else
        {
            app.Logger.LogWarning("No static web assets manifest found in {Directory}; serving wwwroot only.", AppContext.BaseDirectory);
            app.UseStaticFiles();
        }
    }
}
