namespace Rapport.Core.Demo;

/// <summary>
/// One latent customer segment: how often its customers buy (λ ~ Gamma), how likely they are to drop out after a
/// repeat purchase (p ~ Beta), how much they spend (price tier ~ Beta, basket size, discounts) and what they buy.
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
    double DiscountProbability,
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
    public static readonly IReadOnlyList<SegmentSpec> All =
    [
        new("vip", "Frequent, loyal, premium buyers; many are business contacts.",
            Share: 0.08, LambdaShape: 6.0, LambdaScale: 0.05 / 6.0, DropoutAlpha: 1.2, DropoutBeta: 40.0,
            TierAlpha: 5.0, TierBeta: 2.0, LinesDistribution: [0.25, 0.30, 0.25, 0.20], DiscountProbability: 0.05, B2BShare: 0.25,
            CategoryAffinity: [1.6, 1.5, 1.2, 1.3, 1.0, 1.1, 0.9, 0.8, 0.7, 1.0, 0.8],
            CampaignEffect: 0.5, NpsMean: 8.6),
        new("regular", "Steady repeat buyers of everyday and home products at mid prices.",
            Share: 0.27, LambdaShape: 4.0, LambdaScale: 0.018 / 4.0, DropoutAlpha: 2.0, DropoutBeta: 30.0,
            TierAlpha: 3.0, TierBeta: 3.0, LinesDistribution: [0.40, 0.32, 0.18, 0.10], DiscountProbability: 0.10, B2BShare: 0.10,
            CategoryAffinity: [1.0, 1.0, 1.3, 1.2, 1.1, 1.0, 0.9, 1.0, 1.1, 1.0, 1.1],
            CampaignEffect: 0.2, NpsMean: 7.9),
        new("bargain", "Price-sensitive buyers of cheap consumables who wait for discounts.",
            Share: 0.20, LambdaShape: 3.0, LambdaScale: 0.012 / 3.0, DropoutAlpha: 2.0, DropoutBeta: 18.0,
            TierAlpha: 1.5, TierBeta: 6.0, LinesDistribution: [0.35, 0.35, 0.20, 0.10], DiscountProbability: 0.55, B2BShare: 0.02,
            CategoryAffinity: [0.6, 0.5, 1.0, 1.0, 1.5, 0.9, 1.0, 1.3, 1.8, 0.8, 1.4],
            CampaignEffect: 0.35, NpsMean: 7.0),
        new("occasional", "Infrequent buyers with gift and hobby purchases, mostly around holidays.",
            Share: 0.27, LambdaShape: 2.0, LambdaScale: 0.005 / 2.0, DropoutAlpha: 2.0, DropoutBeta: 10.0,
            TierAlpha: 2.5, TierBeta: 2.5, LinesDistribution: [0.55, 0.28, 0.12, 0.05], DiscountProbability: 0.12, B2BShare: 0.06,
            CategoryAffinity: [1.0, 0.8, 1.0, 1.0, 0.9, 1.1, 1.4, 1.3, 0.8, 1.2, 0.9],
            CampaignEffect: 0.0, NpsMean: 7.3),
        new("one-off", "Bought once (often a single gadget or gift) and rarely come back.",
            Share: 0.18, LambdaShape: 1.5, LambdaScale: 0.0012 / 1.5, DropoutAlpha: 6.0, DropoutBeta: 4.0,
            TierAlpha: 2.0, TierBeta: 2.0, LinesDistribution: [0.70, 0.20, 0.08, 0.02], DiscountProbability: 0.20, B2BShare: 0.02,
            CategoryAffinity: [1.3, 1.0, 1.0, 1.1, 0.9, 1.0, 1.3, 0.9, 0.7, 0.9, 0.8],
            CampaignEffect: -0.3, NpsMean: 6.6),
    ];

    public static readonly double[] ShareCumulative = DemoRandom.Cumulative([.. All.Select(s => s.Share)]);
}
