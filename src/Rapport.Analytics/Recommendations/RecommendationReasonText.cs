using System.Globalization;

namespace Rapport.Analytics.Recommendations;

/// <summary>Turns a <see cref="Reason"/> into the words shown to staff ("bought together with X by 312 customers").</summary>
public sealed class RecommendationReasonText(IReadOnlyList<string> itemKeys, ProductCatalog? catalog, int popularityDays = 90)
{
    public string Format(Reason reason, int item) => reason.Kind switch
    {
        ReasonKind.BoughtTogether => string.Create(CultureInfo.InvariantCulture, $"bought together with {Label(reason.RelatedItem)} by {reason.Count} customers"),
        ReasonKind.SimilarCustomers => "similar customers bought",
        ReasonKind.Popular => Category(item) is { } category
            ? string.Create(CultureInfo.InvariantCulture, $"popular in category {category} ({reason.Count} buyers in the last {popularityDays} days)")
            : string.Create(CultureInfo.InvariantCulture, $"popular: {reason.Count} buyers in the last {popularityDays} days"),
        ReasonKind.SimilarProduct => reason.RelatedItem >= 0
            ? $"like {Label(reason.RelatedItem)} you bought" + (Category(item) is { } c ? $" (category {c})" : "")
            : "matches products you bought" + (Category(item) is { } c2 ? $" (category {c2})" : ""),
        ReasonKind.Repeat => string.Create(CultureInfo.InvariantCulture, $"you buy this every ~{Math.Max(1, Math.Round(reason.Value)):0} days") +
                             (reason.Due <= 0 ? ", due now" : string.Create(CultureInfo.InvariantCulture, $", next due in ~{reason.Due} days")),
        ReasonKind.OwnFavourite => reason.Count == 1 ? "you bought this before" : string.Create(CultureInfo.InvariantCulture, $"you bought this {reason.Count} times"),
        _ => reason.Kind.ToString(),
    };

    public string Label(int item)
    {
        if (item < 0 || item >= itemKeys.Count) return "another item";
        var key = itemKeys[item];
        return catalog?.Find(key)?.Name is { } name ? $"{name} ({key})" : key;
    }

    private string? Category(int item) => item >= 0 && item < itemKeys.Count ? catalog?.Find(itemKeys[item])?.Category : null;
}
