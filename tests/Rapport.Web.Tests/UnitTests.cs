using System.Globalization;
using System.Resources;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Rapport.Core.Domain;
using Rapport.Web.Account;
using Rapport.Web.Bootstrap;
using Rapport.Web.Localization;
using Rapport.Web.Resources;

namespace Rapport.Web.Tests;

public sealed class OneTimePasswordTests
{
    [Fact]
    public async Task One_time_passwords_meet_the_password_policy_and_do_not_repeat()
    {
        var options = new IdentityOptions();
        options.Password.RequiredLength = PasswordPolicy.MinimumLength;
        var users = new UserManager<User>(new NoStore(), Options.Create(options), null!, [], [], null!, new IdentityErrorDescriber(), null!, null!);
        var validator = new PasswordValidator<User>();

        var passwords = Enumerable.Range(0, 200).Select(_ => OneTimePassword.Create()).ToList();

        Assert.Equal(passwords.Count, passwords.Distinct().Count());
        foreach (var password in passwords)
        {
            Assert.Equal(OneTimePassword.Length, password.Length);
            var result = await validator.ValidateAsync(users, new User(), password);
            Assert.True(result.Succeeded, $"{password}: {string.Join(", ", result.Errors.Select(e => e.Code))}");
            Assert.DoesNotContain(password, c => "0O1lI".Contains(c));
        }
    }

    private sealed class NoStore : IUserStore<User>
    {
        public void Dispose() { }
        public Task<string> GetUserIdAsync(User user, CancellationToken ct) => throw new NotSupportedException();
        public Task<string?> GetUserNameAsync(User user, CancellationToken ct) => throw new NotSupportedException();
        public Task SetUserNameAsync(User user, string? userName, CancellationToken ct) => throw new NotSupportedException();
        public Task<string?> GetNormalizedUserNameAsync(User user, CancellationToken ct) => throw new NotSupportedException();
        public Task SetNormalizedUserNameAsync(User user, string? normalizedName, CancellationToken ct) => throw new NotSupportedException();
        public Task<IdentityResult> CreateAsync(User user, CancellationToken ct) => throw new NotSupportedException();
        public Task<IdentityResult> UpdateAsync(User user, CancellationToken ct) => throw new NotSupportedException();
        public Task<IdentityResult> DeleteAsync(User user, CancellationToken ct) => throw new NotSupportedException();
        public Task<User?> FindByIdAsync(string userId, CancellationToken ct) => throw new NotSupportedException();
        public Task<User?> FindByNameAsync(string normalizedUserName, CancellationToken ct) => throw new NotSupportedException();
    }
}

public sealed class LocalizationTests
{
    private static readonly ResourceManager Resources = new(typeof(Strings).FullName!, typeof(Strings).Assembly);

    [Fact]
    public void Every_string_has_a_simplified_chinese_translation()
    {
        var english = Entries(CultureInfo.InvariantCulture);
        var chinese = Entries(CultureInfo.GetCultureInfo("zh-CN"));

        Assert.True(english.Count > 50, $"only {english.Count} strings");
        Assert.Empty(english.Keys.Except(chinese.Keys));
        Assert.Empty(chinese.Keys.Except(english.Keys));
        Assert.All(chinese, e => Assert.False(string.IsNullOrWhiteSpace(e.Value), e.Key));
        // Translated, not copied (the product name is the same in both).
        Assert.Empty(english.Where(e => e.Key != "App_Name" && chinese[e.Key] == e.Value).Select(e => e.Key));
        // Placeholders survive translation.
        Assert.All(english, e => Assert.Equal(Placeholders(e.Value), Placeholders(chinese[e.Key])));
    }

    [Fact]
    public void Segment_rule_problems_read_in_both_languages_with_the_api_field_paths_kept()
    {
        var zh = CultureInfo.GetCultureInfo("zh-CN");
        foreach (var (code, english) in Rapport.Core.Segments.SegmentRuleProblem.EnglishTemplates)
        {
            // The English screen text is the API's text; the Chinese one exists and is a translation.
            Assert.Equal(english, Resources.GetString($"SegmentRule_{code}", CultureInfo.InvariantCulture));
            Assert.NotEqual(english, Resources.GetString($"SegmentRule_{code}", zh));
        }
        var parse = Rapport.Core.Segments.SegmentRuleParser.Parse("""{"conditions":[{"field":"clv","op":">","value":500},{"field":"segment","op":">","value":"x"},{"field":"clv","op":">","value":"a lot"}]}""");
        Assert.Equal(["conditions[1].op", "conditions[2].value"], parse.Problems.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(parse.Errors.Keys.Order(StringComparer.Ordinal), parse.Problems.Keys.Order(StringComparer.Ordinal));
        var op = parse.Problems["conditions[1].op"];
        Assert.Equal(parse.Errors["conditions[1].op"][0], op.English);
        var chinese = string.Format(zh, Resources.GetString($"SegmentRule_{op.Code}", zh)!, [.. op.Args]);
        Assert.Equal("运算符“>”不适用于文本字段“segment”；请使用 = 或 ≠", chinese);
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("customers", true)]
    [InlineData("account/login?x=1", true)]
    [InlineData("/customers", false)]
    [InlineData("//evil.example", false)]
    [InlineData("\\\\evil.example", false)]
    [InlineData("https://evil.example/", false)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("~/x", false)]
    public void Only_paths_inside_the_app_are_accepted_as_return_urls(string url, bool safe)
        => Assert.Equal(safe, LocalizationSetup.IsSafeRelative(url));

    [Fact]
    public void Culture_names_are_matched_regardless_of_case()
    {
        Assert.True(UiCultures.IsSupported("zh-cn"));
        Assert.Equal("zh-CN", UiCultures.Normalize("zh-cn"));
        Assert.False(UiCultures.IsSupported("fr"));
    }

    private static Dictionary<string, string> Entries(CultureInfo culture)
        => Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)!
            .Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string)e.Value!);

    private static string Placeholders(string text)
        => string.Join(",", System.Text.RegularExpressions.Regex.Matches(text, @"\{\d+\}").Select(m => m.Value).Order());
}

public sealed class ListenAddressTests
{
    [Fact]
    public void Without_urls_the_app_listens_on_loopback_port_5080()
    {
        var configuration = new ConfigurationBuilder().Build();
        Assert.False(RapportWebApp.ListenAddressConfigured(configuration));
        Assert.Equal("http://127.0.0.1:5080", RapportWebApp.DefaultUrl);
    }

    [Theory]
    [InlineData("urls", "http://0.0.0.0:8080")]
    [InlineData("http_ports", "8080")]
    [InlineData("Kestrel:Endpoints:Http:Url", "http://127.0.0.1:9000")]
    public void Configured_addresses_are_respected(string key, string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new(key, value)]).Build();
        Assert.True(RapportWebApp.ListenAddressConfigured(configuration));
    }

    [Fact]
    public async Task Build_uses_the_default_address_only_when_none_is_given()
    {
        if (Environment.GetEnvironmentVariable("ASPNETCORE_URLS") is { Length: > 0 } || Environment.GetEnvironmentVariable("DOTNET_URLS") is { Length: > 0 })
            return; // the environment already chose an address
        var database = TestDatabase.TemporarySqlite();
        await using (var app = RapportWebApp.Build([], b => b.Configuration.AddInMemoryCollection(database.Settings)))
            Assert.Equal(RapportWebApp.DefaultUrl, app.Configuration["urls"]);
        await using (var app = RapportWebApp.Build(["--urls", "http://127.0.0.1:5999"], b => b.Configuration.AddInMemoryCollection(database.Settings)))
            Assert.Equal("http://127.0.0.1:5999", app.Configuration["urls"]);
    }
}
