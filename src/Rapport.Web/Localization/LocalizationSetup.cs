using Rapport.Web.Account;

namespace Rapport.Web.Localization;

internal static class LocalizationSetup
{
    public const string SetCulturePath = "/culture/set";

    /// <summary>Resources in Resources/Strings*.resx; the culture comes from the cookie, else the browser, else English.</summary>
    public static IServiceCollection AddRapportLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(options =>
        {
            var names = UiCultures.All.Select(c => c.Name).ToArray();
            options.SetDefaultCulture(UiCultures.Default).AddSupportedCultures(names).AddSupportedUICultures(names);
            options.ApplyCurrentCultureToResponseHeaders = true;
            // Query string, then cookie, then Accept-Language (the defaults), minus the query string:
            // a shared link must not switch the reader's language.
            options.RequestCultureProviders.RemoveAt(0);
        });
        return services;
    }

    /// <summary>
    /// <c>GET /culture/set?culture=zh-CN&amp;returnUrl=customers</c>: stores the choice in the culture cookie (and on the
    /// signed-in user) and goes back; returnUrl is relative to the app's base.
    /// </summary>
    public static IEndpointConventionBuilder MapCultureEndpoints(this IEndpointRouteBuilder endpoints)
        => endpoints.MapGet(SetCulturePath, async (HttpContext context, AccountService accounts, string culture, string? returnUrl) =>
            {
                if (!UiCultures.IsSupported(culture)) return Results.BadRequest($"Unsupported culture '{culture}'.");
                culture = UiCultures.Normalize(culture);
                UiCultures.WriteCookie(context, culture);
                if (context.User.Identity?.IsAuthenticated == true) await accounts.SetCultureAsync(context.User, culture);
                return Results.LocalRedirect("~/" + (IsSafeRelative(returnUrl) ? returnUrl : ""));
            })
            .AllowAnonymous()
            .WithMetadata(new AllowDuringPasswordChangeAttribute());

    /// <summary>A path relative to the app's base: no scheme, host, or leading slash that could leave the site.</summary>
    internal static bool IsSafeRelative(string? url)
        => !string.IsNullOrEmpty(url)
           && url[0] is not ('/' or '\\' or '~')
           && !url.Contains("://", StringComparison.Ordinal)
           && !url.Contains('\\')
           && Uri.IsWellFormedUriString(url, UriKind.Relative)
           && !url.Split('/', '?', '#')[0].Contains(':');
}
