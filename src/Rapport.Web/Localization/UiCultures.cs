using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Rapport.Web.Localization;

/// <summary>The languages of the UI, each named in its own language (that is how people look for theirs).</summary>
public static class UiCultures
{
    public const string Default = "en";

    public static readonly IReadOnlyList<UiCulture> All =
    [
        new("en", "English"),
        new("zh-CN", "简体中文"),
    ];

    public static bool IsSupported(string? name) => All.Any(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The supported spelling of <paramref name="name"/> ("zh-cn" → "zh-CN").</summary>
    public static string Normalize(string name) => All.First(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)).Name;

    public static UiCulture Current
        => All.FirstOrDefault(c => c.Name == CultureInfo.CurrentUICulture.Name)
           ?? All.FirstOrDefault(c => c.Name == CultureInfo.CurrentUICulture.TwoLetterISOLanguageName)
           ?? All[0];

    internal static bool HasCookie(HttpContext context)
        => context.Request.Cookies.ContainsKey(CookieRequestCultureProvider.DefaultCookieName);

    /// <summary>The cookie the request localization middleware reads on every later request.</summary>
    internal static void WriteCookie(HttpContext context, string culture)
        => context.Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions
            {
                Path = context.Request.PathBase.HasValue ? context.Request.PathBase.Value : "/",
                Expires = DateTimeOffset.UtcNow.AddYears(1),
                IsEssential = true,
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
            });
}

public sealed record UiCulture(string Name, string NativeName);
