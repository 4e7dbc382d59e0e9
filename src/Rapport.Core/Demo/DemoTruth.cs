using System.Text.Json.Serialization;
using Rapport.Core.Domain;

namespace Rapport.Core.Demo;

/// <summary>
/// The structure planted in a demo data set, written next to the CSV files as <c>truth.json</c>, so tests can prove
/// that the analytics recover it: latent segments and their parameters, each customer's purchase rate, dropout
/// probability and churn, seasonality, co-purchase bundles, ticket intents, and the campaign, deal and feedback models.
/// </summary>
public sealed record DemoTruth
{
    public required DemoOptions Options { get; init; }
    /// <summary>First instant of the simulated window (UTC).</summary>
    public required DateTime WindowStart { get; init; }
    /// <summary>First instant after the window (UTC midnight after <see cref="DemoOptions.End"/>); nothing happens at or after it.</summary>
    public required DateTime WindowEnd { get; init; }
    public required string PurchaseProcess { get; init; }
    public required List<DemoSegmentTruth> Segments { get; init; }
    public required DemoSeasonalityTruth Seasonality { get; init; }
    public required List<DemoCustomerTruth> Customers { get; init; }
    public required List<DemoBundleTruth> Bundles { get; init; }
    public required List<DemoIntentTruth> Intents { get; init; }
    public required List<DemoTicketTruth> Tickets { get; init; }
    public required DemoCampaignResponseModel CampaignResponseModel { get; init; }
    public required List<DemoCampaignTruth> Campaigns { get; init; }
    public required DemoDealWinModel DealWinModel { get; init; }
    public required List<DemoDealTruth> Deals { get; init; }
    public required DemoFeedbackModel FeedbackModel { get; init; }
    /// <summary>Duplicate records planted as if from a second source (only when <see cref="DemoOptions.DuplicateShare"/> &gt; 0).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<DemoDuplicateTruth>? Duplicates { get; init; }
    /// <summary>Different people that look alike (family members at one address, namesakes): pairs a matcher must not merge.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<DemoLookalikeTruth>? Lookalikes { get; init; }
}

/// <summary>A planted duplicate: <see cref="DuplicateId"/> is the same person as <see cref="OriginalId"/>, recorded by another source with the listed variations.</summary>
public sealed record DemoDuplicateTruth
{
    public required long OriginalId { get; init; }
    public required long DuplicateId { get; init; }
    /// <summary>e.g. email-case, email-dots, email-missing, phone-format, phone-missing, name-typo, nickname, name-accents, name-swapped, address-moved, address-missing, birthdate-missing.</summary>
    public required List<string> Variations { get; init; }
}

/// <summary>Two different people who look alike: <c>family</c> (same surname, address and often phone) or <c>namesake</c> (same name, elsewhere).</summary>
public sealed record DemoLookalikeTruth
{
    public required long ExistingId { get; init; }
    public required long LookalikeId { get; init; }
    public required string Kind { get; init; }
}

/// <summary>A latent segment: λ ~ Gamma(shape, scale) purchases per day, p ~ Beta(α, β) dropout after each repeat purchase.</summary>
public sealed record DemoSegmentTruth
{
    public required string Name { get; init; }
    public required string Description { get; init; }
    public required double Share { get; init; }
    public required double LambdaShape { get; init; }
    /// <summary>Scale of the Gamma for λ in purchases per day (mean λ = shape × scale).</summary>
    public required double LambdaScale { get; init; }
    public required double MeanLambda { get; init; }
    public required double DropoutAlpha { get; init; }
    public required double DropoutBeta { get; init; }
    public required double MeanDropout { get; init; }
    /// <summary>Beta distribution of the customer's price tier (0 = cheapest of a subcategory, 1 = dearest).</summary>
    public required double PriceTierAlpha { get; init; }
    public required double PriceTierBeta { get; init; }
    /// <summary>P(1, 2, 3, … lines) before bundle add-ons.</summary>
    public required double[] LinesPerOrder { get; init; }
    /// <summary>Chance that a line re-buys one of the customer's earlier products (from the second order on).</summary>
    public required double RepeatProbability { get; init; }
    /// <summary>Chance that a line of a multi-unit product (consumables, packs) is bought at twice the usual quantity.</summary>
    public required double StockUpProbability { get; init; }
    public required double DiscountProbability { get; init; }
    /// <summary>Multiplier of the base return rates (fashion orders 5 % fully / 8 % partly returned, others 2 % / 3 %).</summary>
    public required double ReturnFactor { get; init; }
    /// <summary>Share of the segment's customers that are contacts of a company (B2B).</summary>
    [JsonPropertyName("b2bShare")]
    public required double B2BShare { get; init; }
    public required Dictionary<string, double> CategoryAffinity { get; init; }
    /// <summary>How many customers of the data set are in the segment.</summary>
    public required int Customers { get; init; }
    /// <summary>Mean over the segment's customers of <see cref="DemoCustomerTruth.ExpectedSpendPerOrder"/>.</summary>
    public required double MeanExpectedSpendPerOrder { get; init; }
}

public sealed record DemoSeasonalityTruth
{
    /// <summary>Relative purchase intensity per calendar month (January first; mean over the window's days ≈ 1).</summary>
    public required double[] MonthFactors { get; init; }
    /// <summary>Monday first, mean 1.</summary>
    public required double[] WeekdayFactors { get; init; }
    /// <summary>Hour of day (UTC), mean 1.</summary>
    public required double[] HourFactors { get; init; }
    /// <summary>Multiplier of each category's share of lines per month (January first).</summary>
    public required Dictionary<string, double[]> CategoryMonthFactors { get; init; }
    /// <summary>New customers per day grow linearly over the window: rate at the end / rate at the start − 1.</summary>
    public required double AcquisitionGrowth { get; init; }
    public required string Notes { get; init; }
}

public sealed record DemoCustomerTruth
{
    public required long Id { get; init; }
    public required string Segment { get; init; }
    /// <summary>Purchase rate while alive, per day.</summary>
    public required double Lambda { get; init; }
    /// <summary>Probability of dropping out right after each repeat purchase.</summary>
    public required double P { get; init; }
    /// <summary>Time of the first purchase (the acquisition).</summary>
    public required DateTime AcquiredAt { get; init; }
    /// <summary>The purchase after which the customer dropped out; null while alive.</summary>
    public DateTime? DropoutAt { get; init; }
    public required bool Churned { get; init; }
    /// <summary>Purchases made by the buy-till-you-die process (first one included): non-cancelled orders without a campaign.</summary>
    public required int Purchases { get; init; }
    /// <summary>Expected order total (before returns) of an ordinary order of this customer.</summary>
    public required double ExpectedSpendPerOrder { get; init; }
    public required double PriceTier { get; init; }
    public required string FavouriteCategory { get; init; }
    public long? CompanyId { get; init; }
}

public sealed record DemoBundleTruth
{
    public required string Name { get; init; }
    /// <summary>Trigger first, then the add-ons.</summary>
    public required long[] ProductIds { get; init; }
    public required string[] Skus { get; init; }
    /// <summary>Probability that the add-ons join an order that contains the trigger.</summary>
    public required double Probability { get; init; }
}

public sealed record DemoIntentTruth
{
    public required string Name { get; init; }
    public required string Category { get; init; }
    public required string Description { get; init; }
    public required int EnglishTemplates { get; init; }
    public required int ChineseTemplates { get; init; }
    /// <summary>Knowledge article id per language ("en", "zh-CN").</summary>
    public required Dictionary<string, long> KnowledgeArticleIds { get; init; }
}

public sealed record DemoTicketTruth
{
    public required long Id { get; init; }
    public required string Intent { get; init; }
    public required string Language { get; init; }
    public long? OrderId { get; init; }
}

/// <summary>
/// Responses to a campaign come in stages (opened → clicked → purchased for e-mail, clicked → purchased for SMS),
/// each with P(stage | previous stage) = logistic(intercept[channel][stage] + recency·recencyMonths + frequency·frequencyLog + segmentEffect[segment]).
/// </summary>
public sealed record DemoCampaignResponseModel
{
    public required string Form { get; init; }
    public required Dictionary<string, string> Features { get; init; }
    public required Dictionary<string, DemoStageIntercepts> Intercepts { get; init; }
    public required double RecencyCoefficient { get; init; }
    public required double FrequencyCoefficient { get; init; }
    public required Dictionary<string, double> SegmentEffects { get; init; }
    /// <summary>P(unsubscribe | opened), e-mail only.</summary>
    public required double UnsubscribeProbability { get; init; }
    public required string Notes { get; init; }

    /// <summary>recencyMonths = min(days since the last non-cancelled order before the send, 730) / 30.</summary>
    public static double RecencyMonths(double daysSinceLastOrder) => Math.Min(daysSinceLastOrder, 730.0) / 30.0;

    /// <summary>frequencyLog = ln(1 + non-cancelled orders in the 365 days before the send).</summary>
    public static double FrequencyLog(int ordersLastYear) => Math.Log(1.0 + ordersLastYear);

    /// <summary>P(stage | previous stage) under the model; null when the channel has no such stage.</summary>
    public double? Probability(CampaignChannel channel, CampaignResponseKind stage, double recencyMonths, double frequencyLog, string segment)
    {
        var intercepts = Intercepts[channel.ToString()];
        double? intercept = stage switch
        {
            CampaignResponseKind.Opened => intercepts.Opened,
            CampaignResponseKind.Clicked => intercepts.Clicked,
            CampaignResponseKind.Purchased => intercepts.Purchased,
            _ => null,
        };
        if (intercept is null) return null;
        var eta = intercept.Value + RecencyCoefficient * recencyMonths + FrequencyCoefficient * frequencyLog + SegmentEffects[segment];
        return 1.0 / (1.0 + Math.Exp(-eta));
    }
}

public sealed record DemoStageIntercepts(double? Opened, double Clicked, double Purchased);

public sealed record DemoCampaignTruth
{
    public required long Id { get; init; }
    public required string Name { get; init; }
    public required string Channel { get; init; }
    public required DateTime SentAt { get; init; }
    public required string Target { get; init; }
    public required double HoldoutFraction { get; init; }
    public required int Members { get; init; }
}

/// <summary>P(won) = logistic(intercept + log10Employees·log10(employees) + log10Amount·(log10(amount) − 4) + existingCustomer·[a contact had ordered before the deal]).</summary>
public sealed record DemoDealWinModel
{
    public required string Form { get; init; }
    public required double Intercept { get; init; }
    public required double Log10Employees { get; init; }
    public required double Log10Amount { get; init; }
    public required double ExistingCustomer { get; init; }
    /// <summary>Mean days spent in a stage before the next move (exponential).</summary>
    public required double MeanDaysPerStage { get; init; }
    /// <summary>Deals per account (times 0.6 + 0.35·log10(employees), Poisson), raised so the demo has about 150 deals at least.</summary>
    public required double DealsPerAccount { get; init; }
    /// <summary>Where lost deals are lost: Lead, Qualified, Proposal, Negotiation.</summary>
    public required double[] LostAtStageWeights { get; init; }

    public double Probability(int employees, double amount, bool existingCustomer)
    {
        var eta = Intercept + Log10Employees * Math.Log10(Math.Max(1, employees)) + Log10Amount * (Math.Log10(Math.Max(1.0, amount)) - 4.0)
                  + (existingCustomer ? ExistingCustomer : 0.0);
        return 1.0 / (1.0 + Math.Exp(-eta));
    }
}

public sealed record DemoDealTruth
{
    public required long Id { get; init; }
    public required double WinProbability { get; init; }
    /// <summary>"won" or "lost": where the deal ends, even when it is still open at the end of the window.</summary>
    public required string Outcome { get; init; }
    public required bool ExistingCustomer { get; init; }
}

/// <summary>
/// NPS = clamp(round(segmentMean + ticket·[ticket in the 180 days before] + return·[returned order in the 180 days before] + N(0, sd)), 0, 10);
/// CSAT = clamp(round(base + slow·[resolved after 3 days] + negative·[negative intent] + slaMissed·[SLA missed] + N(0, sd)), 1, 5).
/// </summary>
public sealed record DemoFeedbackModel
{
    public required Dictionary<string, double> NpsSegmentMean { get; init; }
    public required double NpsTicketEffect { get; init; }
    public required double NpsReturnEffect { get; init; }
    public required double NpsNoiseSd { get; init; }
    public required double NpsResponseRate { get; init; }
    public required double CsatBase { get; init; }
    public required double CsatSlowResolutionEffect { get; init; }
    public required double CsatNegativeIntentEffect { get; init; }
    public required double CsatSlaMissedEffect { get; init; }
    public required double CsatNoiseSd { get; init; }
    public required double CsatResponseRate { get; init; }
    public required string[] NegativeIntents { get; init; }
}
