namespace Rapport.Web.Resources;

/// <summary>
/// Marker for the UI strings in Strings.resx (English) and Strings.zh-CN.resx (简体中文); inject
/// <c>IStringLocalizer&lt;Strings&gt;</c>. Every key must exist in both files (a test checks it).
/// </summary>
public sealed class Strings;
