using Rapport.Analytics.Text;

namespace Rapport.Analytics.Tests;

public class TextTokenizerTests
{
    private static string[] Tokens(string text) => TextTokenizer.Tokenize(text).Select(t => t.Text).ToArray();

    [Fact]
    public void Lower_cases_and_splits_on_spaces_and_punctuation()
    {
        Assert.Equal(["why", "hasn", "t", "my", "card", "arrived", "yet"], Tokens("Why hasn't my CARD arrived, yet?!"));
        Assert.Equal(["top_up", "100", "eur"], Tokens("  top_up: 100 EUR\r\n"));
        Assert.Empty(Tokens(" ,.!? "));
    }

    [Fact]
    public void Normalises_full_width_forms_and_no_break_spaces()
    {
        Assert.Equal(["abc", "123"], Tokens("ＡＢＣ\u00A0１２３"));
        Assert.Equal(["café", "naïve"], Tokens("CAFÉ Nai\u0308ve")); // combining diaeresis composed by NFKC
    }

    [Fact]
    public void Chinese_runs_are_unspaced_tokens_split_from_latin()
    {
        var tokens = TextTokenizer.Tokenize("我要退款refund，谢谢！ OK");
        Assert.Equal(
            [new TextToken("我要退款", true), new TextToken("refund", false), new TextToken("谢谢", true), new TextToken("ok", false)],
            tokens);
        Assert.Equal([new TextToken("カード", true), new TextToken("를", false)], TextTokenizer.Tokenize("カード를"));
    }

    [Fact]
    public void Featurizer_emits_word_bigrams_char_wb_grams_and_cjk_char_grams()
    {
        var options = new TextFeaturizerOptions(CharNgramMin: 2, CharNgramMax: 3, CharGramsKeepPunctuation: false);
        var features = TextFeaturizer.DescribeFeatures("My card, 退款", options).Select(kv => kv.Key).ToList();
        // "my": char_wb 2–3 grams of " my " and the word.
        Assert.Equal(["c: m", "c:my", "c:y ", "c: my", "c:my ", "w:my"], features.Take(6));
        Assert.Contains("w:card", features);
        Assert.Contains("w:my card", features);
        Assert.Contains("c:rd ", features);
        Assert.Equal(["u:退", "u:款", "u:退款"], features.Where(f => f.StartsWith("u:", StringComparison.Ordinal)));
        Assert.DoesNotContain(features, f => f.Contains("card 退", StringComparison.Ordinal));
        // Single-character words give char grams but no word feature (scikit-learn's \w\w+).
        var single = TextFeaturizer.DescribeFeatures("a b", options).Select(kv => kv.Key).ToList();
        Assert.Equal(["c: a", "c:a ", "c: a ", "c: b", "c:b ", "c: b "], single);

        // Default (char_wb exactly): grams of white-space chunks, punctuation included, CJK excluded.
        var wb = TextFeaturizer.DescribeFeatures("My card, 退款", new TextFeaturizerOptions(CharNgramMin: 2, CharNgramMax: 3)).Select(kv => kv.Key).ToList();
        Assert.Contains("c:d, ", wb);
        Assert.Contains("c:, ", wb);
        Assert.DoesNotContain("c:rd ", wb);
        Assert.DoesNotContain(wb, f => f.StartsWith("c:", StringComparison.Ordinal) && f.Contains('退'));
        Assert.Equal(["my", "card,", "ok!"], TextTokenizer.SpacedChunks("My card,退款OK!"));
    }

    [Fact]
    public void Tfidf_vectors_are_sorted_and_l2_normalised_per_block()
    {
        string[] texts = ["my card arrived", "card not arrived", "refund my card please", "退款 refund", "地址 address"];
        var featurizer = TextFeaturizer.FitTransform(texts, out var vectors);
        Assert.Equal(texts.Length, featurizer.DocumentCount);
        foreach (var v in vectors)
        {
            Assert.True(v.Indices.Zip(v.Indices.Skip(1)).All(p => p.First < p.Second));
            Assert.All(v.Values, x => Assert.True(x > 0));
        }
        // Word block and char block each have norm 1.
        Assert.Equal(2.0, vectors[0].SquaredNorm(), 5);
        // Transform of a training text gives the same vector.
        var again = featurizer.Transform(texts[2]);
        Assert.Equal(vectors[2].Indices, again.Indices);
        Assert.Equal(vectors[2].Values, again.Values);
        // Unknown text: nothing survives.
        Assert.Equal(0, featurizer.Transform("zzzz qqqq").Count);
    }

    [Fact]
    public void Csv_reader_handles_quotes_crlf_and_line_breaks_in_fields()
    {
        var csv = "\uFEFFtext,category\r\n\"\nHello, \"\"world\"\"\",greet\r\nplain text,other\r\n\r\n\"multi\nline\",other\r\n";
        var data = IntentCsvReader.Read(new StringReader(csv));
        Assert.Equal(["Hello, \"world\"", "plain text", "multi\nline"], data.Texts);
        Assert.Equal(["greet", "other", "other"], data.Labels);
        var byName = IntentCsvReader.Read(new StringReader("label;x,body\nL,T\n".Replace(";x", "")), "body", "label");
        Assert.Equal(["T"], byName.Texts);
        Assert.Throws<FormatException>(() => IntentCsvReader.Read(new StringReader("text,label\n\"open,x\n")));
    }
}
