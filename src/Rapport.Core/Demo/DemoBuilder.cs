using Rapport.Core.Domain;

namespace Rapport.Core.Demo;

/// <summary>What the generator knows about one customer beyond the <see cref="Domain.Customer"/> row (the latent truth).</summary>
internal sealed class CustomerProfile
{
    public int Index;
    public long Id;
    public int Segment;
    public SegmentSpec Spec = null!;
    public double Lambda;
    public double P;
    public double Tier;
    public int Bin;
    public int Favourite;
    public double[] CategoryWeights = [];
    public LocaleSpec Locale = null!;
    public bool IsB2B;
    public bool Female;
    public SalesChannel MainChannel;
    /// <summary>Days since the window start of the first purchase.</summary>
    public double AcquiredAt;
    public double? DropoutAt;
    /// <summary>Times (days) of the buy-till-you-die purchases, first one included.</summary>
    public double[] Purchases = [];
    public double ExpectedSpend;
    public Customer Customer = null!;
    /// <summary>Every order of the customer (ordinary, cancelled, campaign), in the order they were generated.</summary>
    public List<Order> Orders = [];
    /// <summary>Products the customer has bought so far (each once), which a repeat buyer re-buys.</summary>
    public List<int> Staples = [];
    public Company? Company;
    public int CompanyIndex = -1;

    // Consent state (days; +∞ = never).
    public bool EmailGranted;
    public bool EmailDeclined;
    public double EmailWithdrawnAt = double.PositiveInfinity;
    public string EmailWithdrawSource = "";
    public bool SmsGranted;
    public double SmsWithdrawnAt = double.PositiveInfinity;
    public bool? ProfilingGranted;

    public string Language => Locale.Language;
    public bool Alive(double t) => DropoutAt is null || t <= DropoutAt.Value;
    public bool EmailOk(double t) => EmailGranted && t >= AcquiredAt && t < EmailWithdrawnAt;
    public bool SmsOk(double t) => SmsGranted && t >= AcquiredAt && t < SmsWithdrawnAt;
}

/// <summary>Builds one <see cref="DemoDataSet"/>; the steps run in a fixed order, each from its own random stream.</summary>
internal sealed partial class DemoBuilder
{
    public const double AcquisitionGrowth = 2.0;
    public const double CancelledReorderProbability = 0.02;
    public const int MaxLines = 8;

    private readonly DemoOptions _options;
    private readonly int _seed;
    private readonly DemoCalendar _cal;
    private readonly DemoCatalogue _catalogue;
    private readonly DemoPeople _people;
    private readonly DemoDataSet _data = new();
    private CustomerProfile[] _profiles = [];

    public DemoBuilder(DemoOptions options)
    {
        options.Validate();
        _options = options;
        _seed = options.Seed;
        _cal = new DemoCalendar(options.End, options.Years);
        _catalogue = new DemoCatalogue(_seed, _cal.Start);
        _people = new DemoPeople(_seed);
    }

    public DemoDataSet Build()
    {
        _data.Products.AddRange(_catalogue.Items.Select(i => i.Product));
        AddStaff();
        CreateCustomers();
        SimulatePurchases();
        DecideConsents();
        CreateCompanies();
        RunCampaigns();
        FinaliseOrders();
        FinaliseCustomers();
        CreateDeals();
        CreateInteractions();
        CreateTickets();
        CreateFeedback();
        WriteConsents();
        _data.Truth = BuildTruth();
        PlantDuplicates();
        DetachLines();
        return _data;
    }

    private static readonly (string User, string Name, string Culture, string Role)[] Staff =
    [
        ("anna.becker", "Anna Becker", "en", Roles.Sales),
        ("james.carter", "James Carter", "en", Roles.Sales),
        ("li.na", "李娜", "zh-CN", Roles.Sales),
        ("marco.rossi", "Marco Rossi", "en", Roles.Sales),
        ("sophie.martin", "Sophie Martin", "en", Roles.Service),
        ("wang.lei", "王磊", "zh-CN", Roles.Service),
        ("emma.wilson", "Emma Wilson", "en", Roles.Service),
        ("chen.jing", "陈静", "zh-CN", Roles.Service),
        ("lucas.meyer", "Lucas Meyer", "en", Roles.Marketing),
        ("zhang.wei", "张伟", "zh-CN", Roles.Marketing),
    ];

    /// <summary>Role of each staff user by id, for the CLI to grant (the data set has no role rows).</summary>
    public static IReadOnlyDictionary<long, string> StaffRoles { get; } = Staff.Select((s, i) => (Id: (long)(i + 1), s.Role)).ToDictionary(x => x.Id, x => x.Role);

    private static readonly long[] SalesUsers = [1, 2, 3, 4];
    private static readonly long[] ServiceUsersEnglish = [5, 7];
    private static readonly long[] ServiceUsersChinese = [6, 8];
    private static readonly long[] MarketingUsers = [9, 10];

    private void AddStaff()
    {
        var rng = DemoRandom.For(_seed, "staff");
        for (var i = 0; i < Staff.Length; i++)
        {
            var (userName, name, culture, _) = Staff[i];
            var email = $"{userName}@demo.rapport.example";
            _data.Users.Add(new User
            {
                Id = i + 1,
                UserName = userName,
                NormalizedUserName = userName.ToUpperInvariant(),
                Email = email,
                NormalizedEmail = email.ToUpperInvariant(),
                EmailConfirmed = true,
                PasswordHash = null,
                SecurityStamp = rng.NextGuidString().Replace("-", "", StringComparison.Ordinal).ToUpperInvariant(),
                ConcurrencyStamp = rng.NextGuidString(),
                LockoutEnabled = true,
                DisplayName = name,
                Culture = culture,
                CreatedAt = _cal.Start.AddDays(-rng.Next(60, 400)).AddHours(9),
                MustChangePassword = false,
            });
        }
    }

    private static double RoundSignificant(double value, int digits)
    {
        if (value == 0 || double.IsNaN(value) || double.IsInfinity(value)) return value;
        var scale = (int)Math.Floor(Math.Log10(Math.Abs(value))) + 1;
        return Math.Round(value, Math.Clamp(digits - scale, 0, 15));
    }

    private void CreateCustomers()
    {
        var n = _options.Customers;
        // Acquisition (first purchase) times: rate grows linearly over the window, shaped by the same seasonality.
        var acquisition = DemoRandom.For(_seed, "acquisition");
        var dayWeights = new double[_cal.Days];
        for (var d = 0; d < _cal.Days; d++) dayWeights[d] = (1.0 + AcquisitionGrowth * (d + 0.5) / _cal.Days) * _cal.DayFactor[d];
        var dayCumulative = DemoRandom.Cumulative(dayWeights);
        var times = new double[n];
        for (var i = 0; i < n; i++) times[i] = acquisition.PickCumulative(dayCumulative) + _cal.TimeOfDay(acquisition);
        Array.Sort(times);

        _profiles = new CustomerProfile[n];
        Parallel.For(0, n, i => _profiles[i] = NewCustomer(i, times[i]));
        _data.Customers.AddRange(_profiles.Select(p => p.Customer));
    }

    /// <summary>Latent parameters, preferences, language and name of customer <paramref name="i"/> (from its own random stream).</summary>
    private CustomerProfile NewCustomer(int i, double acquiredAt)
    {
        var popularity = _catalogue.CategoryPopularity;
        var rng = DemoRandom.For(_seed, "customer", i);
        var segment = rng.PickCumulative(DemoSegments.ShareCumulative);
        var spec = DemoSegments.All[segment];
        var profile = new CustomerProfile
        {
            Index = i,
            Id = i + 1,
            Segment = segment,
            Spec = spec,
            Lambda = Math.Max(1e-6, RoundSignificant(rng.Gamma(spec.LambdaShape, spec.LambdaScale), 6)),
            P = Math.Clamp(RoundSignificant(rng.Beta(spec.DropoutAlpha, spec.DropoutBeta), 6), 0.0001, 0.9999),
            Tier = Math.Round(rng.Beta(spec.TierAlpha, spec.TierBeta), 4),
            AcquiredAt = acquiredAt,
        };
        profile.Bin = DemoCatalogue.TierBin(profile.Tier);
        var affinity = new double[popularity.Length];
        for (var c = 0; c < affinity.Length; c++) affinity[c] = popularity[c] * spec.CategoryAffinity[c];
        profile.Favourite = rng.PickWeighted(affinity);
        profile.CategoryWeights = new double[affinity.Length];
        for (var c = 0; c < affinity.Length; c++)
            profile.CategoryWeights[c] = affinity[c] * (c == profile.Favourite ? 2.5 : 1.0) * rng.LogNormal(0, 0.3);
        profile.Locale = DemoPeople.Locales[rng.PickCumulative(DemoPeople.LocaleCumulative)];
        profile.IsB2B = rng.Chance(spec.B2BShare);
        profile.Female = rng.Chance(0.52);
        profile.MainChannel = profile.Locale.IsChinese
            ? (SalesChannel)rng.PickWeighted([0.55, 0.05, 0.05, 0.35])
            : (SalesChannel)rng.PickWeighted([0.68, 0.17, 0.05, 0.10]);

        var pool = _people.For(profile.Locale);
        var customer = new Customer
        {
            Id = profile.Id,
            FirstName = rng.Pick(profile.Female ? pool.FemaleFirst : pool.MaleFirst),
            LastName = rng.Pick(pool.Last),
            Gender = rng.Chance(0.04) ? null : profile.Female ? "female" : "male",
            PreferredLanguage = profile.Locale.Language,
            Country = profile.Locale.Country,
            Status = RecordStatus.Active,
        };
        if (rng.Chance(0.78))
        {
            var age = Math.Clamp((int)Math.Round(rng.Normal(41, 13)), 18, 85);
            customer.BirthDate = _cal.EndDate.AddYears(-age).AddDays(-rng.Next(0, 365));
        }
        if (profile.IsB2B) customer.JobTitle = DemoPeople.JobTitle(profile.Locale, rng);
        profile.Customer = customer;
        profile.ExpectedSpend = ExpectedSpend(profile);
        return profile;
    }

    /// <summary>
    /// E[order total] = Σ_month share(month) · E[lines] · Σ_category π(category | month) · ((E[line value] + stock-up share ·
    /// E[multi-unit line value]) · (1 − discount share) + E[bundle add-ons per line]).
    /// </summary>
    private double ExpectedSpend(CustomerProfile c)
    {
        var spec = c.Spec;
        var discountFactor = 1.0 - spec.DiscountProbability * DemoCatalogueSpec.MeanDiscountRate;
        double total = 0;
        for (var m = 0; m < 12; m++)
        {
            if (_cal.MonthMass[m] == 0) continue;
            double weightSum = 0, value = 0;
            for (var k = 0; k < c.CategoryWeights.Length; k++)
            {
                var w = c.CategoryWeights[k] * _catalogue.CategoryMonth[k][m];
                weightSum += w;
                var lineValue = _catalogue.LineValue[k][c.Bin] + spec.StockUpProbability * _catalogue.LineValueMultiUnit[k][c.Bin];
                value += w * (lineValue * discountFactor + _catalogue.BundleValuePerLine[k][c.Bin]);
            }
            total += _cal.MonthMass[m] * spec.MeanLines * value / weightSum;
        }
        return Math.Round(total, 2);
    }

}
