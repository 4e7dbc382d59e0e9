using Rapport.Core.Domain;
using Rapport.Core.Unification;

namespace Rapport.Core.Tests.Unification;

public class CustomerMatcherTests
{
    private static readonly CustomerMatcher Matcher = new(new UnificationOptions());

    private static MatchRecord Person(long id, string first, string last, string? email = null, string? phone = null, string? postal = null,
        string? street = null, DateOnly? birth = null, string source = "webshop", string country = "GB")
    {
        var contacts = new List<MatchContact>();
        if (email is not null) contacts.Add(new MatchContact(ContactKind.Email, email, ContactNormalizer.Email(email)));
        if (phone is not null) contacts.Add(new MatchContact(ContactKind.Phone, phone, ContactNormalizer.Phone(phone, country)));
        if (postal is not null) contacts.Add(new MatchContact(ContactKind.Address, street ?? "", null, postal, "London", country));
        return new MatchRecord(id, source, $"{source}-{id}", first, last, birth, country, contacts);
    }

    [Fact]
    public void The_same_email_in_another_case_is_a_confident_match_with_reasons()
    {
        var (confidence, reasons) = Matcher.Compare(
            Person(1, "Anna", "Becker", "anna.becker@example.com", "07700 900123"),
            Person(2, "Anna", "Becker", " Anna.Becker@EXAMPLE.com", "+44 7700 900123", source: "pos"));
        Assert.True(confidence >= 0.95, $"confidence {confidence}");
        Assert.Contains("same e-mail", reasons);
        Assert.Contains("same phone", reasons);
        Assert.Contains("names 1.00 Jaro-Winkler", reasons);
    }

    [Fact]
    public void A_nickname_with_the_same_phone_is_proposed_and_a_typo_with_the_same_address_too()
    {
        var (nick, nickReasons) = Matcher.Compare(Person(1, "William", "Jones", phone: "07700 900123"), Person(2, "Bill", "Jones", phone: "+447700900123"));
        Assert.InRange(nick, 0.5, 1);
        Assert.Contains("first names are nickname forms of one name", nickReasons);
        var (typo, typoReasons) = Matcher.Compare(
            Person(1, "Katharina", "Schneider", postal: "10115", street: "Hauptstraße 5", country: "DE"),
            Person(2, "Katharina", "Schnieder", postal: "10115", street: "Hauptstrasse 5", country: "DE"));
        Assert.InRange(typo, 0.5, 1);
        Assert.Contains("same postal address", typoReasons);
    }

    [Fact]
    public void Family_members_at_one_address_and_namesakes_are_not_matched()
    {
        var (family, _) = Matcher.Compare(
            Person(1, "Peter", "Brown", "peter@example.com", "020 7946 0000", "SW1A 1AA", "1 High St", new DateOnly(1970, 1, 1)),
            Person(2, "Lucy", "Brown", "lucy@example.com", "020 7946 0000", "SW1A 1AA", "1 High St", new DateOnly(2001, 6, 1)));
        Assert.True(family < 0.5, $"family {family}");
        var (familyNoBirth, _) = Matcher.Compare(
            Person(1, "Peter", "Brown", "peter@example.com", "020 7946 0000", "SW1A 1AA", "1 High St"),
            Person(2, "Lucy", "Brown", "lucy@example.com", "020 7946 0000", "SW1A 1AA", "1 High St"));
        Assert.True(familyNoBirth < 0.5, $"family without birth dates {familyNoBirth}");
        var (namesake, reasons) = Matcher.Compare(
            Person(1, "Wei", "Wang", "wang1@qq.com", "+86 135 1234 5678", "200000", country: "CN", birth: new DateOnly(1980, 1, 1)),
            Person(2, "Wei", "Wang", "wang2@qq.com", "+86 138 8765 4321", "100000", country: "CN", birth: new DateOnly(1991, 3, 3)));
        Assert.True(namesake < 0.05, $"namesake {namesake}");
        Assert.Contains("different birth dates", reasons);
    }

    [Fact]
    public void Swapped_cjk_names_match()
    {
        var (confidence, reasons) = Matcher.Compare(Person(1, "伟", "王", "wangwei@163.com", country: "CN"), Person(2, "王", "伟", "WangWei@163.com", country: "CN"));
        Assert.True(confidence >= 0.95);
        Assert.Contains("first and last name swapped", reasons);
    }

    [Fact]
    public void Blocking_finds_pairs_and_a_focus_limits_them_to_new_records()
    {
        var records = new[]
        {
            Person(1, "Anna", "Becker", "anna@example.com"),
            Person(2, "Anna", "Becker", "ANNA@example.com"),
            Person(3, "Tom", "Lee", "tom@example.com", postal: "SW1A 1AA"),
            Person(4, "Tom", "Lee", "t.lee@example.com", postal: "sw1a1aa", street: ""),
            Person(5, "Zoe", "Park", "zoe@example.com"),
        };
        var all = Matcher.Match(records);
        Assert.Contains(all.Pairs, p => (p.A, p.B) == (1, 2));
        Assert.DoesNotContain(all.Pairs, p => p.A == 5 || p.B == 5);
        var focused = Matcher.Match(records, new HashSet<long> { 4 });
        Assert.All(focused.Pairs, p => Assert.True(p.A == 4 || p.B == 4));
        Assert.Equal(5, all.Records);
    }
}
