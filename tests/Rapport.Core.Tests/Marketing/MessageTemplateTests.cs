using Rapport.Core.Marketing;

namespace Rapport.Core.Tests.Marketing;

public sealed class MessageTemplateTests
{
    private static readonly RecipientContent Ana = new("Ana", [
        new RecommendedProduct("Trail shoes", "you bought Running socks"),
        new RecommendedProduct("Water bottle", null),
        new RecommendedProduct("Cap", "popular in Outdoor"),
        new RecommendedProduct("Fourth item", "never shown: only the top three"),
    ]);

    [Fact]
    public void Placeholders_are_filled_with_the_first_name_the_campaign_and_the_top_three_recommendations_with_their_reason()
    {
        var m = MessageTemplate.Render("{{first_name}}, for you", "Hi {{first_name}}!\n{{recommendations}}\n-- {{campaign}}", "Spring", Ana);
        Assert.Equal("Ana, for you", m.Subject);
        Assert.Equal("Hi Ana!\n- Trail shoes (because you bought Running socks)\n- Water bottle\n- Cap (because popular in Outdoor)\n-- Spring", m.Text);
        Assert.Equal("<div>Hi Ana!<br>\n<ul><li><b>Trail shoes</b> <i>because you bought Running socks</i></li><li><b>Water bottle</b></li>"
                     + "<li><b>Cap</b> <i>because popular in Outdoor</i></li></ul><br>\n-- Spring</div>", m.Html);
        Assert.DoesNotContain("Fourth item", m.Text);
    }

    [Fact]
    public void Html_in_names_products_reasons_and_the_template_itself_is_escaped()
    {
        var evil = new RecipientContent("<script>alert(1)</script>", [new RecommendedProduct("<img src=x onerror=alert(2)>", "\"quoted\" & <b>bold</b>")]);
        var m = MessageTemplate.Render(null, "<a href=\"javascript:x\">{{first_name}}</a> {{recommendations}} {{campaign}}", "<i>Sale</i>", evil);

        Assert.DoesNotContain("<script>", m.Html);
        Assert.DoesNotContain("<img", m.Html);
        Assert.DoesNotContain("<a ", m.Html);
        Assert.DoesNotContain("<i>Sale", m.Html);
        Assert.Contains("&lt;a href=&quot;javascript:x&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;/a&gt;", m.Html);
        Assert.Contains("<li><b>&lt;img src=x onerror=alert(2)&gt;</b> <i>because &quot;quoted&quot; &amp; &lt;b&gt;bold&lt;/b&gt;</i></li>", m.Html);
        Assert.Contains("&lt;i&gt;Sale&lt;/i&gt;", m.Html);
        // The plain-text part carries the values as they are (it is never interpreted as markup).
        Assert.StartsWith("<a href=\"javascript:x\"><script>alert(1)</script></a>", m.Text);
    }

    [Fact]
    public void Defaults_fill_in_for_an_empty_template_name_or_recommendation_list()
    {
        var m = MessageTemplate.Render("", null, "C", new RecipientContent(" ", []));
        Assert.Equal("there, picked for you", m.Subject);
        Assert.Equal("Hello there,\n\nWe thought you might like:\n\n\nThe team", m.Text);
        // A subject never spans lines (a header injection would need one).
        Assert.Equal("a b", MessageTemplate.Render("a\r\n{{first_name}}", "x", "C", new RecipientContent("b", [])).Subject);
    }
}
