namespace Rapport.Analytics.Rules;

/// <summary>Which frequent-itemset miner to run; both give the same itemsets.</summary>
public enum ItemsetAlgorithm
{
    FpGrowth,
    Apriori,
}

/// <summary>Thresholds for frequent itemsets and association rules (the flags of <c>rapport analyze rules</c>).</summary>
public sealed record RuleOptions
{
    /// <summary>Minimum support, a share of the baskets in (0, 1]: an itemset is frequent when count / baskets ≥ this.</summary>
    public required double MinSupport { get; init; }

    /// <summary>Minimum confidence in [0, 1].</summary>
    public required double MinConfidence { get; init; }

    /// <summary>Minimum lift (≥ 0); 0 keeps every rule.</summary>
    public double MinLift { get; init; }

    /// <summary>Most items in an itemset, i.e. in antecedent and consequent together; null = no limit.</summary>
    public int? MaxLength { get; init; }

    /// <summary>Most items on the right-hand side (default 1, as arules and most tools).</summary>
    public int MaxConsequent { get; init; } = 1;

    public ItemsetAlgorithm Algorithm { get; init; } = ItemsetAlgorithm.FpGrowth;

    /// <summary>Throws <see cref="ArgumentException"/> naming the option when a value is out of range.</summary>
    public void Validate()
    {
        if (!(MinSupport > 0 && MinSupport <= 1)) throw new ArgumentException($"min-support must be a share in (0, 1], got {MinSupport}", nameof(MinSupport));
        if (!(MinConfidence >= 0 && MinConfidence <= 1)) throw new ArgumentException($"min-confidence must be in [0, 1], got {MinConfidence}", nameof(MinConfidence));
        if (!(MinLift >= 0) || double.IsInfinity(MinLift)) throw new ArgumentException($"min-lift must be a number ≥ 0, got {MinLift}", nameof(MinLift));
        if (MaxLength is < 1) throw new ArgumentException($"max-length must be ≥ 1, got {MaxLength}", nameof(MaxLength));
        if (MaxConsequent < 1) throw new ArgumentException($"max-consequent must be ≥ 1, got {MaxConsequent}", nameof(MaxConsequent));
    }

    /// <summary>Parses the text of <c>--algorithm</c>.</summary>
    public static ItemsetAlgorithm ParseAlgorithm(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Trim().ToLowerInvariant() switch
        {
            "fpgrowth" or "fp-growth" or "fp_growth" => ItemsetAlgorithm.FpGrowth,
            "apriori" => ItemsetAlgorithm.Apriori,
            _ => throw new ArgumentException($"Unknown algorithm '{text}': use fpgrowth or apriori.", nameof(text)),
        };
    }
}
