using System.Net;
using System.Text;

namespace Rapport.Core.Marketing;

/// <summary>A recommended product with its "because" reason, as the recipient's message lists it.</summary>
public sealed record RecommendedProduct(string Name, string? Because);

/// <summary>What a template is filled with for one recipient.</summary>
public sealed record RecipientContent(string FirstName, IReadOnlyList<RecommendedProduct> Recommendations);

/// <summary>A message ready to send: the plain text and the HTML body (every inserted value and the template itself escaped).</summary>
public sealed record RenderedMessage(string Subject, string Text, string Html);

/// <summary>
/// Fills a campaign template. Placeholders: <c>{{first_name}}</c>, <c>{{recommendations}}</c> (the top products, each
/// with its reason), <c>{{campaign}}</c>. The template is plain text: the HTML body escapes the template and every value,
/// so neither a customer's name nor a product name nor the template can inject markup into the message.
/// </summary>
public static class MessageTemplate
{
    public const string FirstName = "{{first_name}}", Recommendations = "{{recommendations}}", CampaignName = "{{campaign}}";
    public const int MaxRecommendations = 3;

    public const string DefaultSubject = "{{first_name}}, picked for you";
    public const string DefaultBody = "Hello {{first_name}},\n\nWe thought you might like:\n{{recommendations}}\n\nThe team";

    public static IReadOnlyList<string> Placeholders { get; } = [FirstName, Recommendations, CampaignName];

    public static RenderedMessage Render(string? subject, string? template, string campaignName, RecipientContent recipient, string fallbackName = "there")
    {
        var name = string.IsNullOrWhiteSpace(recipient.FirstName) ? fallbackName : recipient.FirstName.Trim();
        var products = recipient.Recommendations.Take(MaxRecommendations).ToList();
        var textList = string.Join("\n", products.Select(p => $"- {p.Name}" + (string.IsNullOrWhiteSpace(p.Because) ? "" : $" (because {p.Because})")));
        var htmlList = products.Count == 0 ? "" : "<ul>" + string.Concat(products.Select(p =>
            $"<li><b>{Escape(p.Name)}</b>" + (string.IsNullOrWhiteSpace(p.Because) ? "" : $" <i>because {Escape(p.Because)}</i>") + "</li>")) + "</ul>";

        var subjectText = Fill(string.IsNullOrWhiteSpace(subject) ? DefaultSubject : subject, name, campaignName, "");
        var body = string.IsNullOrWhiteSpace(template) ? DefaultBody : template;
        var text = Fill(body, name, campaignName, textList);
        return new RenderedMessage(subjectText.ReplaceLineEndings(" "), text, Html(body, name, campaignName, htmlList));
    }

    private static string Fill(string template, string name, string campaign, string recommendations)
        => template.Replace(FirstName, name, StringComparison.Ordinal).Replace(CampaignName, campaign, StringComparison.Ordinal)
            .Replace(Recommendations, recommendations, StringComparison.Ordinal);

    /// <summary>The template escaped piece by piece: literal text and values are encoded, only the list markup is ours.</summary>
    private static string Html(string template, string name, string campaign, string htmlList)
    {
        var html = new StringBuilder("<div>");
        var rest = template;
        while (rest.Length > 0)
        {
            var (at, placeholder) = Placeholders.Select(p => (At: rest.IndexOf(p, StringComparison.Ordinal), P: p)).Where(x => x.At >= 0)
                .OrderBy(x => x.At).FirstOrDefault((-1, ""));
            if (at < 0)
            {
                html.Append(Lines(rest));
                break;
            }
            html.Append(Lines(rest[..at]));
            html.Append(placeholder switch { FirstName => Escape(name), CampaignName => Escape(campaign), _ => htmlList });
            rest = rest[(at + placeholder.Length)..];
        }
        return html.Append("</div>").ToString();
    }

    private static string Lines(string text) => Escape(text).ReplaceLineEndings("\n").Replace("\n", "<br>\n", StringComparison.Ordinal);

    private static string Escape(string text) => WebUtility.HtmlEncode(text);
}
