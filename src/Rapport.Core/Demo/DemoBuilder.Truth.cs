using Rapport.Core.Domain;

namespace Rapport.Core.Demo;

internal sealed partial class DemoBuilder
{
    public const string PurchaseProcessDescription =
        "BG/NBD buy-till-you-die. Each customer's first purchase (the acquisition) falls in the window with a rate that grows linearly " +
        "(x(1 + acquisitionGrowth) from start to end) shaped by the seasonality. While alive, purchases follow a Poisson process with rate " +
        "lambda * monthFactor(day) * weekdayFactor(day) * hourFactor(hour) per day (the factors have mean 1, so lambda is the long-run rate). " +
        "Right after each repeat purchase (not the first) the customer drops out for good with probability p: dropoutAt is that purchase, " +
        "churned means dropped out before the window end. Purchases are the orders without campaign_id whose status is not Cancelled; " +
        "2% of purchases are preceded by a cancelled order of the same customer (noise), and campaign purchases are extra orders with campaign_id.";

    private DemoTruth BuildTruth()
    {
        var categoryNames = DemoCatalogueSpec.Categories.Select(c => c.Name).ToArray();
        var customers = _profiles.Select(c => new DemoCustomerTruth
        {
            Id = c.Id,
            Segment = c.Spec.Name,
            Lambda = c.Lambda,
            P = c.P,
            AcquiredAt = _cal.ToInstant(c.AcquiredAt),
            DropoutAt = c.DropoutAt is { } d ? _cal.ToInstant(d) : null,
            Churned = c.DropoutAt is not null,
            Purchases = c.Purchases.Length,
            ExpectedSpendPerOrder = c.ExpectedSpend,
            PriceTier = c.Tier,
            FavouriteCategory = categoryNames[c.Favourite],
            CompanyId = c.Company?.Id,
        }).ToList();

        var segments = DemoSegments.All.Select((s, index) =>
        {
            var members = _profiles.Where(p => p.Segment == index).ToList();
            return new DemoSegmentTruth
            {
                Name = s.Name,
                Description = s.Description,
                Share = s.Share,
                LambdaShape = s.LambdaShape,
                LambdaScale = RoundSignificant(s.LambdaScale, 10),
                MeanLambda = RoundSignificant(s.MeanLambda, 10),
                DropoutAlpha = s.DropoutAlpha,
                DropoutBeta = s.DropoutBeta,
                MeanDropout = RoundSignificant(s.MeanDropout, 10),
                PriceTierAlpha = s.TierAlpha,
                PriceTierBeta = s.TierBeta,
                LinesPerOrder = s.LinesDistribution,
                StockUpProbability = s.StockUpProbability,
                RepeatProbability = s.RepeatProbability,
                DiscountProbability = s.DiscountProbability,
                ReturnFactor = s.ReturnFactor,
                B2BShare = s.B2BShare,
                CategoryAffinity = categoryNames.Select((name, i) => (name, i)).ToDictionary(x => x.name, x => s.CategoryAffinity[x.i]),
                Customers = members.Count,
                MeanExpectedSpendPerOrder = members.Count == 0 ? 0 : Math.Round(members.Average(m => m.ExpectedSpend), 2),
            };
        }).ToList();

        var bundles = _catalogue.Bundles.Select(b =>
        {
            var items = new[] { b.Trigger }.Concat(b.AddOns).Select(i => _catalogue.Items[i].Product).ToArray();
            return new DemoBundleTruth { Name = b.Name, ProductIds = [.. items.Select(p => p.Id)], Skus = [.. items.Select(p => p.Sku)], Probability = b.Probability };
        }).ToList();

        var intents = DemoTexts.Intents.Select(i => new DemoIntentTruth
        {
            Name = i.Name,
            Category = i.Category,
            Description = i.Description,
            EnglishTemplates = i.English.Length,
            ChineseTemplates = i.Chinese.Length,
            KnowledgeArticleIds = _articles[i.Name],
        }).ToList();

        return new DemoTruth
        {
            Options = _options,
            WindowStart = _cal.Start,
            WindowEnd = _cal.End,
            PurchaseProcess = PurchaseProcessDescription,
            Segments = segments,
            Seasonality = new DemoSeasonalityTruth
            {
                MonthFactors = _cal.MonthFactors(),
                WeekdayFactors = DemoCalendar.WeekdayFactors(),
                HourFactors = _cal.RoundedHourFactors(),
                CategoryMonthFactors = categoryNames.Select((name, i) => (name, i)).ToDictionary(x => x.name, x => _catalogue.CategoryMonth[x.i]),
                AcquisitionGrowth = AcquisitionGrowth,
                Notes = "Black Friday (the day after the fourth Thursday of November) x2.6, its weekend x1.8, Cyber Monday x2.0, the week before x1.25; " +
                        "1-20 December x1.12; Christmas Eve x0.55, Christmas Day x0.35, Boxing Day x0.8. Month factors are averages of the daily intensity.",
            },
            Customers = customers,
            Bundles = bundles,
            Intents = intents,
            Tickets = _ticketTruth,
            CampaignResponseModel = ResponseModel,
            Campaigns = _campaignTruth,
            DealWinModel = WinModel,
            Deals = _dealTruth,
            FeedbackModel = FeedbackModel,
        };
    }
}

/// <summary>Generates the demo retailer. Same options, same data, byte for byte.</summary>
public static class DemoGenerator
{
    public static DemoDataSet Generate(DemoOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new DemoBuilder(options).Build();
    }

    /// <summary>Role name of each staff user id in the demo (1–4 Sales, 5–8 Service, 9–10 Marketing).</summary>
    public static IReadOnlyDictionary<long, string> StaffRoles => DemoBuilder.StaffRoles;
}
