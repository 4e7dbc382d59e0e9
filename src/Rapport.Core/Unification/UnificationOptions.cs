namespace Rapport.Core.Unification;

/// <summary>Identity resolution settings (configuration section <c>Rapport:Unification</c>).</summary>
public sealed class UnificationOptions
{
    public const string Section = "Rapport:Unification";

    /// <summary>Pairs at or above this confidence are merged without asking anyone.</summary>
    public double AutoMergeThreshold { get; set; } = 0.95;

    /// <summary>Pairs at or above this confidence (and below <see cref="AutoMergeThreshold"/>) go to the review queue; lower ones are dropped.</summary>
    public double ReviewThreshold { get; set; } = 0.5;

    /// <summary>
    /// Sources in order of trust, most trusted first (e.g. ["crm", "webshop", "pos"]). A field of a more trusted source wins
    /// over a less trusted one; between equally ranked (or unlisted) sources the newest non-empty value wins.
    /// </summary>
    public List<string> SourcePriority { get; set; } = [];

    /// <summary>Country (ISO 3166 alpha-2) assumed for phone numbers without a country code when the record has no country.</summary>
    public string? DefaultCountry { get; set; }

    /// <summary>Fuzzy blocks (name + postal code, name + phone suffix …) larger than this are skipped, so one very common key cannot make matching quadratic; exact-key blocks may be 10 times larger.</summary>
    public int MaxBlockSize { get; set; } = 60;

    public void Validate()
    {
        if (ReviewThreshold is <= 0 or > 1 || AutoMergeThreshold is <= 0 or > 1 || ReviewThreshold > AutoMergeThreshold)
            throw new ArgumentException($"Unification thresholds must satisfy 0 < review ({ReviewThreshold}) <= auto-merge ({AutoMergeThreshold}) <= 1.");
        if (MaxBlockSize < 2) throw new ArgumentException("MaxBlockSize must be at least 2.");
    }
}
