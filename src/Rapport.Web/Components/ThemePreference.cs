namespace Rapport.Web.Components;

/// <summary>Light or dark, remembered in a cookie so that the first paint (server-rendered) is already right.</summary>
public static class ThemePreference
{
    public const string CookieName = "rapport.theme";
    public const string Dark = "dark";
    public const string Light = "light";

    public static bool IsDark(HttpContext? context)
        => context?.Request.Cookies[CookieName] == Dark;
}
