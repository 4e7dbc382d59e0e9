namespace Rapport.Web.Features.Service;

/// <summary>The text the models read for a ticket: its subject and description.</summary>
public static class TicketText
{
    public static string Of(string subject, string description) => $"{subject}\n{description}".Trim();

    /// <summary>"zh-CN" when the text has Chinese characters, else "en".</summary>
    public static string LanguageOf(string text) => text.Any(c => c is >= '\u4e00' and <= '\u9fff') ? "zh-CN" : "en";
}
