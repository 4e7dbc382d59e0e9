using Rapport.Core.Unification;

namespace Rapport.Core.Tests.Unification;

public class ContactNormalizerTests
{
    [Theory]
    [InlineData("  John.Smith@Example.COM ", "john.smith@example.com")]
    [InlineData("jo hn@example.com", "john@example.com")]
    [InlineData("   ", null)]
    [InlineData(null, null)]
    public void Emails_are_trimmed_and_lower_cased_without_provider_tricks(string? value, string? expected)
        => Assert.Equal(expected, ContactNormalizer.Email(value));

    [Theory]
    [InlineData("j.smith+shop@gmail.com", "jsmith@gmail.com")]
    [InlineData("jsmith@gmail.com", "jsmith@gmail.com")]
    [InlineData("@x.com", null)]
    public void The_loose_email_form_drops_dots_and_tags(string value, string? expected)
        => Assert.Equal(expected, ContactNormalizer.EmailLoose(value));

    [Theory]
    [InlineData("+44 7700 900123", null, "447700900123")]
    [InlineData("07700 900123", "GB", "447700900123")]
    [InlineData("+44 (0) 7700 900123", null, "447700900123")]
    [InlineData("0044 7700-900-123", "DE", "447700900123")]
    [InlineData("135 1234 5678", "CN", "8613512345678")]
    [InlineData("+86 135 1234 5678", "CN", "8613512345678")]
    [InlineData("06 12 34 56 78", "FR", "33612345678")]
    [InlineData("06 12345678", "NL", "31612345678")]
    [InlineData("0151 12345678", "DE", "4915112345678")]
    [InlineData("612 345 678", "ES", "34612345678")]
    [InlineData("312 345 6789", "IT", "393123456789")]
    [InlineData("392 345 6789", "IT", "393923456789")]
    [InlineData("(415) 555-2671", "US", "14155552671")]
    [InlineData("1 415 555 2671", "US", "14155552671")]
    [InlineData("44 7700 900123", "GB", "447700900123")]
    [InlineData("7700 900123", null, "7700900123")]
    [InlineData("12-34", "GB", null)]
    [InlineData("", "GB", null)]
    public void Phones_become_digits_only_e164_with_the_country_as_default(string value, string? country, string? expected)
        => Assert.Equal(expected, ContactNormalizer.Phone(value, country));

    [Theory]
    [InlineData("Müller", "muller")]
    [InlineData("  ŁUKASZ  Nowak ", "lukasz nowak")]
    [InlineData("O'Brien-Smith", "obrien smith")]
    [InlineData("Groß", "gross")]
    [InlineData("Ørsted", "orsted")]
    [InlineData("François", "francois")]
    [InlineData("王 伟", "王 伟")]
    [InlineData("ＡＢＣ", "abc")]
    [InlineData("", "")]
    public void Names_are_folded_for_comparison_and_cjk_is_kept(string value, string expected)
        => Assert.Equal(expected, ContactNormalizer.Name(value));

    [Theory]
    [InlineData("sw1a 1aa", "SW1A1AA")]
    [InlineData("D02 X285", "D02X285")]
    [InlineData("75001", "75001")]
    [InlineData(" - ", null)]
    public void Postal_codes_keep_letters_and_digits(string value, string? expected)
        => Assert.Equal(expected, ContactNormalizer.PostalCode(value));

    [Fact]
    public void Addresses_keep_the_stored_format()
        => Assert.Equal("12 high street, sw1a 1aa london, gb", ContactNormalizer.Address(" 12 High Street ", "SW1A 1AA", "London", "GB"));

    [Fact]
    public void Apply_sets_the_normalised_value_by_kind()
    {
        Assert.Equal("a.b@x.org", ContactNormalizer.Apply(new Rapport.Core.Domain.ContactPoint { Kind = Rapport.Core.Domain.ContactKind.Email, Value = " A.B@X.org" }).NormalizedValue);
        Assert.Equal("33612345678", ContactNormalizer.Apply(new Rapport.Core.Domain.ContactPoint { Kind = Rapport.Core.Domain.ContactKind.Phone, Value = "06 12 34 56 78" }, "FR").NormalizedValue);
        Assert.Equal("1 rue x, 75001 paris, fr", ContactNormalizer.Apply(new Rapport.Core.Domain.ContactPoint { Kind = Rapport.Core.Domain.ContactKind.Address, Value = "1 Rue X", PostalCode = "75001", City = "Paris", Country = "FR" }).NormalizedValue);
    }

    [Theory]
    [InlineData("MARTHA", "MARHTA", 0.961)]
    [InlineData("DWAYNE", "DUANE", 0.840)]
    [InlineData("DIXON", "DICKSONX", 0.813)]
    [InlineData("JELLYFISH", "SMELLYFISH", 0.896)]
    public void Jaro_winkler_matches_the_published_values(string a, string b, double expected)
        // Winkler (1990) / the Wikipedia worked examples; F23.StringSimilarity with prefix scale 0.1, boost above 0.7.
        => Assert.Equal(expected, CustomerMatcher.Similarity(a, b), 3);
}
