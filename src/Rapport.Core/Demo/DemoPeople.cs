using System.Globalization;
using System.Text;
using Bogus;
using Bogus.DataSets;
using Rapport.Core.Unification;

namespace Rapport.Core.Demo;

internal sealed record LocaleSpec(string Bogus, string Country, string Language, double Share, string Currency = "EUR")
{
    public bool IsChinese => Country == "CN";
}

internal sealed record Place(string City, string Region, string PostalCode);

/// <summary>
/// Names, places and streets per locale, drawn once from Bogus with a fixed seed and then sampled with the demo's
/// own generator (calling Bogus per customer would cost seconds at 100,000 customers).
/// </summary>
internal sealed class DemoPeople
{
    public static readonly LocaleSpec[] Locales =
    [
        new("zh_CN", "CN", "zh-CN", 0.22),
        new("en_GB", "GB", "en", 0.26),
        new("en_IE", "IE", "en", 0.04),
        new("de", "DE", "de", 0.18),
        new("fr", "FR", "fr", 0.12),
        new("nl", "NL", "nl", 0.08),
        new("es", "ES", "es", 0.05),
        new("it", "IT", "it", 0.05),
    ];

    public static readonly double[] LocaleCumulative = DemoRandom.Cumulative([.. Locales.Select(l => l.Share)]);

    public sealed class Pool
    {
        public required string[] FemaleFirst { get; init; }
        public required string[] MaleFirst { get; init; }
        public required string[] Last { get; init; }
        public required Place[] Places { get; init; }
        public required string[] Streets { get; init; }
    }

    private readonly Dictionary<string, Pool> _pools = new(StringComparer.Ordinal);
    private readonly HashSet<string> _emails = new(StringComparer.Ordinal);

    public DemoPeople(int seed)
    {
        var rng = DemoRandom.For(seed, "people-pools");
        foreach (var locale in Locales)
        {
            var faker = new Faker(locale.Bogus) { Random = new Randomizer(rng.NextSeed()) };
            var local = DemoRandom.For(seed, "places-" + locale.Country);
            _pools[locale.Country] = new Pool
            {
                FemaleFirst = Distinct(Enumerable.Range(0, 400).Select(_ => faker.Name.FirstName(Name.Gender.Female))),
                MaleFirst = Distinct(Enumerable.Range(0, 400).Select(_ => faker.Name.FirstName(Name.Gender.Male))),
                Last = Distinct(Enumerable.Range(0, 600).Select(_ => faker.Name.LastName())),
                Places = locale.Country switch
                {
                    "GB" => [.. Enumerable.Range(0, 300).Select(_ => UkPlace(faker, local))],
                    "IE" => [.. Enumerable.Range(0, 200).Select(_ => IrishPlace(local))],
                    _ => [.. Enumerable.Range(0, 300).Select(_ => new Place(faker.Address.City(), faker.Address.State(), faker.Address.ZipCode()))],
                },
                Streets = locale.Country is "GB" or "IE"
                    ? [.. Enumerable.Range(0, 600).Select(_ => BritishStreet(local))]
                    : [.. Enumerable.Range(0, 300).Select(_ => faker.Address.StreetAddress())],
            };
        }
    }

    public Pool For(LocaleSpec locale) => _pools[locale.Country];

    private static string[] Distinct(IEnumerable<string> values) => [.. values.Where(v => !string.IsNullOrWhiteSpace(v)).Distinct(StringComparer.Ordinal)];

    private static readonly (string City, string Region)[] UkCities =
    [
        ("London", "Greater London"), ("Manchester", "Greater Manchester"), ("Birmingham", "West Midlands"), ("Leeds", "West Yorkshire"),
        ("Glasgow", "Scotland"), ("Edinburgh", "Scotland"), ("Bristol", "Bristol"), ("Liverpool", "Merseyside"), ("Sheffield", "South Yorkshire"),
        ("Cardiff", "Wales"), ("Nottingham", "Nottinghamshire"), ("Brighton", "East Sussex"), ("Oxford", "Oxfordshire"), ("Cambridge", "Cambridgeshire"),
        ("York", "North Yorkshire"), ("Newcastle upon Tyne", "Tyne and Wear"), ("Leicester", "Leicestershire"), ("Southampton", "Hampshire"),
        ("Reading", "Berkshire"), ("Norwich", "Norfolk"), ("Bath", "Somerset"), ("Exeter", "Devon"), ("Belfast", "Northern Ireland"), ("Aberdeen", "Scotland"),
    ];

    private static readonly (string City, string Region, string Routing)[] IrishCities =
    [
        ("Dublin", "Dublin", "D02"), ("Dublin", "Dublin", "D04"), ("Dublin", "Dublin", "D06"), ("Cork", "Cork", "T12"), ("Galway", "Galway", "H91"),
        ("Limerick", "Limerick", "V94"), ("Waterford", "Waterford", "X91"), ("Drogheda", "Louth", "A92"), ("Kilkenny", "Kilkenny", "R95"), ("Sligo", "Sligo", "F91"),
    ];

    private static readonly string[] StreetNames =
    [
        "High", "Station", "Church", "Mill", "Park", "Victoria", "Green", "Manor", "Kings", "Queens", "Grange", "Chapel", "Orchard", "Meadow",
        "Riverside", "Albert", "York", "Oak", "Elm", "Beech", "Willow", "Castle", "Bridge", "School", "Harbour", "Abbey",
    ];

    private static readonly string[] StreetKinds = ["Street", "Road", "Lane", "Avenue", "Close", "Drive", "Way", "Gardens", "Crescent", "Terrace"];

    private static Place UkPlace(Faker faker, DemoRandom rng)
    {
        var (city, region) = rng.Pick(UkCities);
        return new Place(city, region, faker.Address.ZipCode());
    }

    private static Place IrishPlace(DemoRandom rng)
    {
        var (city, region, routing) = rng.Pick(IrishCities);
        const string letters = "ACDEFHKNPRTVWXY";
        var code = string.Create(CultureInfo.InvariantCulture, $"{routing} {letters[rng.Next(letters.Length)]}{rng.Next(100, 1000)}");
        return new Place(city, "County " + region, code);
    }

    private static string BritishStreet(DemoRandom rng)
        => string.Create(CultureInfo.InvariantCulture, $"{rng.Next(1, 240)} {rng.Pick(StreetNames)} {rng.Pick(StreetKinds)}");

    // ---- e-mail addresses and phone numbers --------------------------------------------------------------------

    private static readonly Dictionary<string, string[]> EmailDomains = new(StringComparer.Ordinal)
    {
        ["CN"] = ["qq.com", "163.com", "126.com", "sina.com", "outlook.com", "gmail.com"],
        ["GB"] = ["gmail.com", "outlook.com", "hotmail.co.uk", "yahoo.co.uk", "btinternet.com", "icloud.com"],
        ["IE"] = ["gmail.com", "outlook.com", "eircom.net", "yahoo.ie", "icloud.com"],
        ["DE"] = ["gmail.com", "web.de", "gmx.de", "t-online.de", "outlook.de", "posteo.de"],
        ["FR"] = ["gmail.com", "orange.fr", "free.fr", "laposte.net", "outlook.fr", "sfr.fr"],
        ["NL"] = ["gmail.com", "ziggo.nl", "kpnmail.nl", "outlook.com", "hotmail.nl"],
        ["ES"] = ["gmail.com", "hotmail.es", "yahoo.es", "telefonica.net", "outlook.es"],
        ["IT"] = ["gmail.com", "libero.it", "virgilio.it", "alice.it", "outlook.it"],
    };

    private static readonly Dictionary<string, string> SurnamePinyin = new(StringComparer.Ordinal)
    {
        ["王"] = "wang", ["李"] = "li", ["张"] = "zhang", ["刘"] = "liu", ["陈"] = "chen", ["杨"] = "yang", ["黄"] = "huang", ["赵"] = "zhao",
        ["吴"] = "wu", ["周"] = "zhou", ["徐"] = "xu", ["孙"] = "sun", ["马"] = "ma", ["朱"] = "zhu", ["胡"] = "hu", ["郭"] = "guo", ["何"] = "he",
        ["高"] = "gao", ["林"] = "lin", ["罗"] = "luo", ["郑"] = "zheng", ["梁"] = "liang", ["谢"] = "xie", ["宋"] = "song", ["唐"] = "tang",
        ["许"] = "xu", ["韩"] = "han", ["冯"] = "feng", ["邓"] = "deng", ["曹"] = "cao", ["彭"] = "peng", ["曾"] = "zeng", ["肖"] = "xiao",
        ["田"] = "tian", ["董"] = "dong", ["袁"] = "yuan", ["潘"] = "pan", ["于"] = "yu", ["蒋"] = "jiang", ["蔡"] = "cai", ["余"] = "yu",
        ["杜"] = "du", ["叶"] = "ye", ["程"] = "cheng", ["苏"] = "su", ["魏"] = "wei", ["吕"] = "lv", ["丁"] = "ding", ["任"] = "ren",
        ["沈"] = "shen", ["姚"] = "yao", ["卢"] = "lu", ["姜"] = "jiang", ["崔"] = "cui", ["钟"] = "zhong", ["谭"] = "tan", ["陆"] = "lu",
        ["汪"] = "wang", ["范"] = "fan", ["金"] = "jin", ["石"] = "shi", ["廖"] = "liao", ["贾"] = "jia", ["夏"] = "xia", ["韦"] = "wei",
        ["付"] = "fu", ["方"] = "fang", ["白"] = "bai", ["邹"] = "zou", ["孟"] = "meng", ["熊"] = "xiong", ["秦"] = "qin", ["邱"] = "qiu",
        ["江"] = "jiang", ["尹"] = "yin", ["薛"] = "xue", ["闫"] = "yan", ["段"] = "duan", ["雷"] = "lei", ["侯"] = "hou", ["龙"] = "long",
        ["史"] = "shi", ["陶"] = "tao", ["黎"] = "li", ["贺"] = "he", ["顾"] = "gu", ["毛"] = "mao", ["郝"] = "hao", ["龚"] = "gong",
        ["邵"] = "shao", ["万"] = "wan", ["钱"] = "qian", ["严"] = "yan", ["武"] = "wu", ["戴"] = "dai", ["莫"] = "mo", ["孔"] = "kong",
        ["向"] = "xiang", ["汤"] = "tang", ["常"] = "chang", ["康"] = "kang", ["易"] = "yi", ["乔"] = "qiao", ["赖"] = "lai", ["文"] = "wen",
    };

    private static readonly string[] ChineseHandles = ["xiaoming", "sunny", "happy", "tiger", "lily", "kevin", "jason", "dragon", "panda", "cloud", "star", "coco", "leo", "amy", "jack", "echo", "lucky", "rain"];

    /// <summary>A unique, plausible personal e-mail address for the person, lower-case.</summary>
    public string Email(LocaleSpec locale, string first, string last, DemoRandom rng)
    {
        var domain = rng.Pick(EmailDomains[locale.Country]);
        for (var attempt = 0; ; attempt++)
        {
            string local;
            if (locale.IsChinese)
            {
                var surname = SurnamePinyin.TryGetValue(last, out var py) ? py : rng.Pick(ChineseHandles);
                local = domain == "qq.com" && rng.Chance(0.6)
                    ? rng.Next(10000000, int.MaxValue).ToString(CultureInfo.InvariantCulture)
                    : string.Create(CultureInfo.InvariantCulture, $"{surname}{(rng.Chance(0.5) ? rng.Pick(ChineseHandles) : "")}{rng.Next(1, 10000)}");
            }
            else
            {
                var f = Ascii(first);
                var l = Ascii(last);
                local = rng.Next(6) switch
                {
                    0 => $"{f}.{l}",
                    1 => $"{f}{l}",
                    2 => $"{f[0]}.{l}",
                    3 => string.Create(CultureInfo.InvariantCulture, $"{f}.{l}{rng.Next(1, 100)}"),
                    4 => string.Create(CultureInfo.InvariantCulture, $"{f}{rng.Next(60, 100)}"),
                    _ => $"{l}.{f}",
                };
            }
            if (attempt > 0) local += attempt.ToString(CultureInfo.InvariantCulture);
            var email = $"{local}@{domain}";
            if (_emails.Add(email)) return email;
        }
    }

    /// <summary>(as given, digits-only E.164 without the plus, by <see cref="ContactNormalizer.Phone"/>) for a mobile number in the country.</summary>
    public static (string Value, string Normalized) Phone(string country, DemoRandom rng)
    {
        var value = PhoneAsGiven(country, rng);
        return (value, ContactNormalizer.Phone(value, country)!);
    }

    /// <summary>A mobile number of the country, written nationally (30 %) or with +code.</summary>
    private static string PhoneAsGiven(string country, DemoRandom rng)
    {
        string Digits(int n)
        {
            var sb = new StringBuilder(n);
            for (var i = 0; i < n; i++) sb.Append((char)('0' + rng.Next(10)));
            return sb.ToString();
        }

        var national = rng.Chance(0.3);
        switch (country)
        {
            case "CN":
            {
                var prefix = rng.Pick(["135", "136", "138", "139", "150", "151", "158", "186", "188", "177"]);
                var a = Digits(4);
                var b = Digits(4);
                return national ? $"{prefix} {a} {b}" : $"+86 {prefix} {a} {b}";
            }
            case "GB":
            {
                var a = "7" + Digits(3);
                var b = Digits(6);
                return national ? $"0{a} {b}" : $"+44 {a} {b}";
            }
            case "IE":
            {
                var a = "8" + rng.Pick(["3", "5", "6", "7", "9"]);
                var b = Digits(3);
                var c = Digits(4);
                return national ? $"0{a} {b} {c}" : $"+353 {a} {b} {c}";
            }
            case "DE":
            {
                var a = rng.Pick(["151", "152", "160", "170", "171", "176"]);
                var b = Digits(8);
                return national ? $"0{a} {b}" : $"+49 {a} {b}";
            }
            case "FR":
            {
                var a = rng.Pick(["6", "7"]);
                var pairs = string.Join(' ', Enumerable.Range(0, 4).Select(_ => Digits(2)));
                return national ? $"0{a} {pairs}" : $"+33 {a} {pairs}";
            }
            case "NL":
            {
                var b = Digits(8);
                return national ? $"06 {b}" : $"+31 6 {b}";
            }
            case "ES":
            {
                var a = "6" + Digits(2);
                var b = Digits(3);
                var c = Digits(3);
                return national ? $"{a} {b} {c}" : $"+34 {a} {b} {c}";
            }
            default:
            {
                var a = "3" + Digits(2);
                var b = Digits(3);
                var c = Digits(4);
                return national ? $"{a} {b} {c}" : $"+39 {a} {b} {c}";
            }
        }
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> AsciiCache = new(StringComparer.Ordinal);

    /// <summary>Lower-case ASCII form of a Latin name for e-mail addresses (Müller → muller, Ørsted → orsted).</summary>
    public static string Ascii(string text) => text.Length <= 40 ? AsciiCache.GetOrAdd(text, ToAscii) : ToAscii(text);

    private static string ToAscii(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var ch in decomposed)
        {
            switch (ch)
            {
                case 'ß': sb.Append("ss"); continue;
                case 'ø' or 'Ø': sb.Append('o'); continue;
                case 'æ' or 'Æ': sb.Append("ae"); continue;
                case 'œ' or 'Œ': sb.Append("oe"); continue;
                case 'ł' or 'Ł': sb.Append('l'); continue;
            }
            if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsAsciiLetterOrDigit(ch)) sb.Append(char.ToLowerInvariant(ch));
        }
        return sb.Length == 0 ? "user" : sb.ToString();
    }

    // ---- companies ---------------------------------------------------------------------------------------------

    private static readonly (string Zh, string Py)[] ZhCompanyWords =
    [
        ("锦程", "jincheng"), ("华盛", "huasheng"), ("鑫达", "xinda"), ("恒瑞", "hengrui"), ("佳美", "jiamei"), ("泰丰", "taifeng"), ("宏远", "hongyuan"),
        ("瑞祥", "ruixiang"), ("金桥", "jinqiao"), ("天宇", "tianyu"), ("博雅", "boya"), ("新源", "xinyuan"), ("东方", "dongfang"), ("盛世", "shengshi"),
        ("明德", "mingde"), ("卓越", "zhuoyue"), ("中和", "zhonghe"), ("汇通", "huitong"), ("长青", "changqing"), ("德信", "dexin"),
    ];

    private static readonly (string Zh, string Py, string Industry)[] ZhIndustries =
    [
        ("科技", "tech", "Technology"), ("贸易", "trade", "Wholesale"), ("电子", "electronics", "Electronics"), ("实业", "industry", "Manufacturing"),
        ("文化传媒", "media", "Media"), ("餐饮管理", "catering", "Hospitality"), ("物流", "logistics", "Logistics"), ("教育科技", "edu", "Education"),
        ("健康管理", "health", "Healthcare"), ("建筑设计", "design", "Professional Services"),
    ];

    private static readonly (string Zh, string Py)[] ZhCities =
    [
        ("上海", "sh"), ("北京", "bj"), ("深圳", "sz"), ("杭州", "hz"), ("广州", "gz"), ("成都", "cd"), ("苏州", "suzhou"), ("南京", "nj"), ("武汉", "wh"), ("西安", "xa"),
    ];

    private static readonly string[] CompanyWords =
    [
        "Nordic", "Alpine", "Atlas", "Blue Harbour", "Crescent", "Summit", "Meridian", "Silverline", "Brightwater", "Keystone", "Northgate",
        "Riverside", "Oakfield", "Redwood", "Lighthouse", "Greenway", "Horizon", "Copperleaf", "Westbrook", "Evergreen",
    ];

    private static readonly (string Word, string Industry)[] CompanyIndustries =
    [
        ("Consulting", "Professional Services"), ("Logistics", "Logistics"), ("Hospitality Group", "Hospitality"), ("Dental Care", "Healthcare"),
        ("Design Studio", "Media"), ("Software", "Technology"), ("Engineering", "Manufacturing"), ("Catering", "Hospitality"), ("Architects", "Professional Services"),
        ("Media", "Media"), ("Fitness Clubs", "Leisure"), ("Schools", "Education"), ("Retail", "Retail"), ("Legal", "Professional Services"),
    ];

    private static readonly Dictionary<string, string[]> LegalForms = new(StringComparer.Ordinal)
    {
        ["GB"] = ["Ltd", "Ltd", "LLP", "plc"], ["IE"] = ["Ltd", "Ltd", "DAC"], ["DE"] = ["GmbH", "GmbH", "AG", "KG"], ["FR"] = ["SARL", "SAS", "SA"],
        ["NL"] = ["B.V.", "B.V.", "N.V."], ["ES"] = ["S.L.", "S.A."], ["IT"] = ["S.r.l.", "S.p.A."],
    };

    private static readonly Dictionary<string, string> Tld = new(StringComparer.Ordinal)
    {
        ["GB"] = "co.uk", ["IE"] = "ie", ["DE"] = "de", ["FR"] = "fr", ["NL"] = "nl", ["ES"] = "es", ["IT"] = "it", ["CN"] = "com.cn",
    };

    /// <summary>(name, industry, website, city or null) of a company in the locale.</summary>
    public (string Name, string Industry, string Website, string? City) Company(LocaleSpec locale, DemoRandom rng)
    {
        if (locale.IsChinese)
        {
            var (city, cityPy) = rng.Pick(ZhCities);
            var (word, wordPy) = rng.Pick(ZhCompanyWords);
            var (industry, industryPy, industryName) = rng.Pick(ZhIndustries);
            return ($"{city}{word}{industry}有限公司", industryName, $"https://www.{wordPy}{industryPy}.com.cn", city);
        }
        var pool = For(locale);
        var form = rng.Pick(LegalForms[locale.Country]);
        string name, slug;
        string industryLabel;
        switch (rng.Next(3))
        {
            case 0:
            {
                var last = rng.Pick(pool.Last);
                var (w, ind) = rng.Pick(CompanyIndustries);
                name = $"{last} {w} {form}";
                slug = Ascii(last) + Ascii(w);
                industryLabel = ind;
                break;
            }
            case 1:
            {
                var a = rng.Pick(pool.Last);
                var b = rng.Pick(pool.Last);
                var (_, ind) = rng.Pick(CompanyIndustries);
                name = $"{a} & {b} {form}";
                slug = Ascii(a) + "-" + Ascii(b);
                industryLabel = ind;
                break;
            }
            default:
            {
                var w1 = rng.Pick(CompanyWords);
                var (w2, ind) = rng.Pick(CompanyIndustries);
                name = $"{w1} {w2} {form}";
                slug = Ascii(w1) + Ascii(w2);
                industryLabel = ind;
                break;
            }
        }
        return (name, industryLabel, $"https://www.{slug}.{Tld[locale.Country]}", null);
    }

    public static string CompanyDomain(string website) => website["https://www.".Length..];

    private static readonly string[] JobTitlesEn =
    [
        "Purchasing Manager", "Office Manager", "Operations Director", "Procurement Lead", "Facilities Coordinator", "Managing Director",
        "Head of People", "IT Manager", "Buyer", "Founder", "Finance Manager", "Executive Assistant",
    ];

    private static readonly string[] JobTitlesZh = ["采购经理", "行政主管", "总经理", "运营总监", "IT经理", "人事经理", "采购专员", "创始人", "财务经理", "总经理助理"];

    public static string JobTitle(LocaleSpec locale, DemoRandom rng) => locale.IsChinese ? rng.Pick(JobTitlesZh) : rng.Pick(JobTitlesEn);
}
