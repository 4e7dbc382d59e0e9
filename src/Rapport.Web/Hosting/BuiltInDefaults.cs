namespace Rapport.Web.Hosting;

/// <summary>
/// Settings Rapport ships with, at the lowest precedence: appsettings.json, <c>Rapport__…</c>/<c>Logging__…</c>
/// environment variables and the command line all override them. (Kept in code rather than in an appsettings.json
/// of this project, which would collide with the one of a host that references it.)
/// </summary>
internal static class BuiltInDefaults
{
    private static readonly Dictionary<string, string?> Values = new()
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
        ["AllowedHosts"] = "*",
    };

    public static void AddTo(ConfigurationManager configuration)
        => configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = Values });
}
