namespace Rapport.Core.Demo;

/// <summary>
/// One latent customer segment: how often its customers buy (λ ~ Gamma), how likely they are to drop out after a
/// repeat purchase (p ~ Beta), and how they shop — price tier (~ Beta), basket size, stocking up on consumables,
/// discounts, returns, B2B share and what they buy. The shopping habits are what a transaction file shows even of a
/// customer with one or two orders; λ and p need many orders to show.
/// </summary>
internal sealed record SegmentSpec(
    string Name,
    string Description,
    double Share,
    double LambdaShape,
    double LambdaScale,
    double DropoutAlpha,
    double DropoutBeta,
    double TierAlpha,
    double TierBeta,
    double[] LinesDistribution,
    double StockUpProbability,
    double RepeatProbability,
    double DiscountProbability,
    double ReturnFactor,
    double B2BShare,
    double[] CategoryAffinity,
    double CampaignEffect,
    double NpsMean)
{
    public double MeanLambda => LambdaShape * LambdaScale;
    public double MeanDropout => DropoutAlpha / (DropoutAlpha + DropoutBeta);
    public double MeanTier => TierAlpha / (TierAlpha + TierBeta);
    public double MeanLines { get; } = LinesDistribution.Select((p, i) => p * (i + 1)).Sum();
}

internal static class DemoSegments
{
    // Category order: Electronics, Computers & Office, Home & Kitchen, Fashion, Beauty & Health, Sports & Outdoors,
    // Toys & Games, Books, Grocery & Gourmet, Garden & Outdoor, Pet Supplies (see DemoCatalogueSpec).
    // Habits: RepeatProbability = chance that a line re-buys one of the customer's earlier products (their staples);
    // StockUpProbability = chance that a line of a multi-unit product (consumables, packs) is bought at twice the
    // usual quantity; ReturnFactor multiplies the base return rates (5 % / 8 % of fashion orders fully / partly returned,
    // 2 % / 3 % of others).
    public static readonly IReadOnlyList<SegmentSpec> All =
    [
        new("vip", "Frequent, loyal, premium buyers: dear products in several-line baskets, rarely on discount; many are business contacts.",
            Share: 0.08, LambdaShape: 6.0, LambdaScale: 0.05 / 6.0, DropoutAlpha: 1.2, DropoutBeta: 40.0,
            TierAlpha: 8.0, TierBeta: 2.0, LinesDistribution: [0.15, 0.30, 0.30, 0.25], StockUpProbability: 0.0, RepeatProbability: 0.2,
            DiscountProbability: 0.03, ReturnFactor: 0.7, B2BShare: 0.25,
            CategoryAffinity: [1.8, 1.7, 1.2, 1.3, 1.0, 1.1, 0.7, 0.6, 0.4, 1.0, 0.6],
            CampaignEffect: 0.5, NpsMean: 8.6),
        new("regular", "Steady repeat buyers of everyday and home products at mid prices; seldom return anything.",
            Share: 0.27, LambdaShape: 4.0, LambdaScale: 0.018 / 4.0, DropoutAlpha: 2.0, DropoutBeta: 30.0,
            TierAlpha: 4.0, TierBeta: 4.0, LinesDistribution: [0.35, 0.35, 0.20, 0.10], StockUpProbability: 0.15, RepeatProbability: 0.45,
            DiscountProbability: 0.08, ReturnFactor: 0.6, B2BShare: 0.10,
            CategoryAffinity: [0.8, 0.9, 1.4, 1.0, 1.3, 1.0, 0.7, 1.0, 1.4, 1.0, 1.4],
            CampaignEffect: 0.2, NpsMean: 7.9),
        new("bargain", "Price-sensitive buyers: big baskets of cheap consumables, stocked up when on discount, and more returns.",
            Share: 0.20, LambdaShape: 3.0, LambdaScale: 0.012 / 3.0, DropoutAlpha: 2.0, DropoutBeta: 18.0,
            TierAlpha: 1.0, TierBeta: 8.0, LinesDistribution: [0.10, 0.20, 0.25, 0.25, 0.20], StockUpProbability: 0.5, RepeatProbability: 0.15,
            DiscountProbability: 0.65, ReturnFactor: 2.0, B2BShare: 0.02,
            CategoryAffinity: [0.5, 0.5, 1.1, 1.0, 1.6, 0.8, 1.0, 1.0, 2.0, 0.7, 1.5],
            CampaignEffect: 0.35, NpsMean: 7.0),
        new("occasional", "Infrequent buyers of gifts and hobby items (toys, books, sports, garden) at full price, one or two at a time.",
            Share: 0.27, LambdaShape: 2.0, LambdaScale: 0.005 / 2.0, DropoutAlpha: 2.0, DropoutBeta: 10.0,
            TierAlpha: 3.0, TierBeta: 3.0, LinesDistribution: [0.50, 0.35, 0.15], StockUpProbability: 0.0, RepeatProbability: 0.0,
            DiscountProbability: 0.05, ReturnFactor: 1.0, B2BShare: 0.06,
            CategoryAffinity: [0.8, 0.5, 0.9, 1.0, 1.1, 1.3, 2.0, 1.8, 0.6, 1.4, 0.6],
            CampaignEffect: 0.0, NpsMean: 7.3),
        new("one-off", "Bought once, usually a single gadget with a first-order voucher, and rarely come back.",
            Share: 0.18, LambdaShape: 1.5, LambdaScale: 0.0012 / 1.5, DropoutAlpha: 6.0, DropoutBeta: 4.0,
            TierAlpha: 5.0, TierBeta: 2.0, LinesDistribution: [0.90, 0.10], StockUpProbability: 0.0, RepeatProbability: 0.0,
            DiscountProbability: 0.5, ReturnFactor: 1.0, B2BShare: 0.02,
            CategoryAffinity: [2.5, 1.4, 1.1, 0.7, 0.6, 0.7, 0.6, 0.5, 0.4, 0.6, 0.4],
            CampaignEffect: -0.3, NpsMean: 6.6),
    ];

    public static readonly double[] ShareCumulative = DemoRandom.Cumulative([.. All.Select(s => s.Share)]);
}
