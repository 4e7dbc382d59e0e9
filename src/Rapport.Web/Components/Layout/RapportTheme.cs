using MudBlazor;

namespace Rapport.Web.Components.Layout;

/// <summary>Rapport's colours and type, light and dark.</summary>
public static class RapportTheme
{
    // System fonts first (no web font download); the CJK ones cover 简体中文.
    private static readonly string[] FontFamily =
        ["Inter", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "sans-serif"];

    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#3451b2",
            Secondary = "#0f766e",
            AppbarBackground = "#3451b2",
            Background = "#f6f7fb",
            DrawerBackground = "#ffffff",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#8ea2f0",
            Secondary = "#5eead4",
            AppbarBackground = "#1e2233",
            Background = "#14161f",
            Surface = "#1e2233",
            DrawerBackground = "#1a1d2b",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = FontFamily },
            Button = new ButtonTypography { TextTransform = "none", FontWeight = "500" },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "8px" },
    };
}
