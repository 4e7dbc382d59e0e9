using System.Globalization;
using Rapport.Core.Domain;

namespace Rapport.Core.Demo;

/// <summary>
/// The generated product catalogue plus what the basket sampler needs: for each category and price-tier bin a
/// cumulative choice table over the category's products (popularity × closeness of the product's position in its
/// subcategory's price band to the customer's tier), and the planted bundles.
/// </summary>
internal sealed class DemoCatalogue
{
    public const int TierBins = 10;
    private const double TierBandwidth = 0.22;

    public sealed class Item
    {
        public required Product Product { get; init; }
        public required int Category { get; init; }
        public required string Subcategory { get; init; }
        public required string Noun { get; init; }
        public required double Price { get; init; }
        public required double Tier { get; init; }
        public required double Popularity { get; set; }
        public required double[] QuantityCumulative { get; init; }
        public required double MeanQuantity { get; init; }
        /// <summary>Sold by the unit in multiples (consumables, packs): a stocking-up customer doubles the quantity.</summary>
        public required bool MultiUnit { get; init; }
        /// <summary>Index into <see cref="Bundles"/> when this product triggers a bundle, else −1.</summary>
        public int BundleIndex { get; set; } = -1;
    }

    public sealed record Bundle(string Name, int Trigger, int[] AddOns, double Probability)
    {
        /// <summary>Expected value the add-ons bring to an order when the bundle fires (after the bundle discount).</summary>
        public double AddOnValue { get; init; }
    }

    public List<Item> Items { get; } = [];
    public List<Bundle> Bundles { get; } = [];
    public int CategoryCount => DemoCatalogueSpec.Categories.Length;
    /// <summary>Base popularity of each category (normalised).</summary>
    public double[] CategoryPopularity { get; }
    /// <summary>[category][month] seasonal multiplier of the category's share.</summary>
    public double[][] CategoryMonth { get; }

    // [category][bin] → product indices and their cumulative weights.
    private readonly int[][] _categoryItems;
    private readonly double[][][] _choice;
    /// <summary>[category][bin]: expected value of one base line (price × quantity), before discounts.</summary>
    public double[][] LineValue { get; }
    /// <summary>[category][bin]: the part of <see cref="LineValue"/> that comes from multi-unit products (what stocking up doubles).</summary>
    public double[][] LineValueMultiUnit { get; }
    /// <summary>[category][bin]: expected bundle add-on value per base line of this category.</summary>
    public double[][] BundleValuePerLine { get; }

    public DemoCatalogue(int seed, DateTime catalogueStart)
    {
        var rng = DemoRandom.For(seed, "catalogue");
        var specs = DemoCatalogueSpec.Categories;
        CategoryPopularity = [.. specs.Select(c => c.Popularity / specs.Sum(s => s.Popularity))];
        CategoryMonth = [.. specs.Select(c => c.MonthFactors)];
        var names = new HashSet<string>(StringComparer.Ordinal);

        for (var c = 0; c < specs.Length; c++)
        {
            var category = specs[c];
            for (var s = 0; s < category.Subcategories.Length; s++)
            {
                var sub = category.Subcategories[s];
                var ranks = Enumerable.Range(0, sub.Count).ToArray();
                Shuffle(ranks, rng);
                var popularityTotal = ranks.Sum(r => 1.0 / Math.Pow(r + 1, 0.7));
                var logMin = Math.Log(sub.MinPrice);
                var logMax = Math.Log(sub.MaxPrice);
                var quantity = DemoCatalogueSpec.QuantityDistribution(sub.Quantity);
                for (var j = 0; j < sub.Count; j++)
                {
                    var u = (j + rng.NextDouble()) / sub.Count;
                    var price = PsychologicalPrice(Math.Exp(logMin + u * (logMax - logMin)));
                    var tier = Math.Clamp((Math.Log((double)price) - logMin) / (logMax - logMin), 0, 1);
                    var noun = sub.Nouns[j % sub.Nouns.Length];
                    var brand = rng.Pick(category.Brands);
                    var name = ProductName(sub, noun, brand, rng, names);
                    var product = new Product
                    {
                        Id = Items.Count + 1,
                        Sku = string.Create(CultureInfo.InvariantCulture, $"{category.Code}-{s + 1:D2}{j + 1:D2}"),
                        Name = name,
                        Category = category.Name,
                        Subcategory = sub.Name,
                        Brand = brand,
                        Price = price,
                        Currency = "EUR",
                        Attributes = Attributes(sub.Attributes, noun, tier, rng),
                        IsActive = true,
                        CreatedAt = catalogueStart.AddDays(-rng.Next(30, 400)).AddHours(rng.Next(8, 18)),
                    };
                    product.Description = Description(sub, noun, brand, product.Attributes);
                    Items.Add(new Item
                    {
                        Product = product,
                        Category = c,
                        Subcategory = sub.Name,
                        Noun = noun,
                        Price = (double)price,
                        Tier = tier,
                        Popularity = sub.Popularity * (1.0 / Math.Pow(ranks[j] + 1, 0.7)) / popularityTotal,
                        QuantityCumulative = DemoRandom.Cumulative(quantity),
                        MeanQuantity = quantity.Select((p, i) => p * (i + 1)).Sum(),
                        MultiUnit = sub.Quantity != QuantityProfile.Single,
                    });
                }
            }
        }

        PlantBundles();

        _categoryItems = new int[specs.Length][];
        _choice = new double[specs.Length][][];
        LineValue = new double[specs.Length][];
        LineValueMultiUnit = new double[specs.Length][];
        BundleValuePerLine = new double[specs.Length][];
        for (var c = 0; c < specs.Length; c++)
        {
            var items = Enumerable.Range(0, Items.Count).Where(i => Items[i].Category == c).ToArray();
            _categoryItems[c] = items;
            _choice[c] = new double[TierBins][];
            LineValue[c] = new double[TierBins];
            LineValueMultiUnit[c] = new double[TierBins];
            BundleValuePerLine[c] = new double[TierBins];
            for (var b = 0; b < TierBins; b++)
            {
                var centre = (b + 0.5) / TierBins;
                var weights = items.Select(i =>
                {
                    var d = Items[i].Tier - centre;
                    return Items[i].Popularity * Math.Exp(-d * d / (2 * TierBandwidth * TierBandwidth));
                }).ToArray();
                var total = weights.Sum();
                _choice[c][b] = DemoRandom.Cumulative(weights);
                double value = 0, multiUnitValue = 0, bundleValue = 0;
                for (var k = 0; k < items.Length; k++)
                {
                    var item = Items[items[k]];
                    var share = weights[k] / total;
                    value += share * item.Price * item.MeanQuantity;
                    if (item.MultiUnit) multiUnitValue += share * item.Price * item.MeanQuantity;
                    if (item.BundleIndex >= 0)
                    {
                        var bundle = Bundles[item.BundleIndex];
                        bundleValue += share * bundle.Probability * bundle.AddOnValue;
                    }
                }
                LineValue[c][b] = value;
                LineValueMultiUnit[c][b] = multiUnitValue;
                BundleValuePerLine[c][b] = bundleValue;
            }
        }
    }

    public static int TierBin(double tier) => Math.Clamp((int)(tier * TierBins), 0, TierBins - 1);

    /// <summary>Draws a product of category <paramref name="category"/> for a customer in price-tier bin <paramref name="bin"/>.</summary>
    public int PickProduct(int category, int bin, DemoRandom rng) => _categoryItems[category][rng.PickCumulative(_choice[category][bin])];

    public int PickQuantity(int item, DemoRandom rng) => rng.PickCumulative(Items[item].QuantityCumulative) + 1;

    /// <summary>A product of this subcategory (by noun when given) whose tier is closest to <paramref name="tier"/>, preferring popular ones.</summary>
    private int Find(string subcategory, string? noun, double tier)
    {
        var candidates = Enumerable.Range(0, Items.Count)
            .Where(i => Items[i].Subcategory == subcategory && (noun is null || Items[i].Noun == noun))
            .ToList();
        if (candidates.Count == 0) throw new InvalidOperationException($"The catalogue has no '{noun}' in '{subcategory}'.");
        return candidates.OrderBy(i => Math.Abs(Items[i].Tier - tier) - 0.3 * Items[i].Popularity).ThenBy(i => i).First();
    }

    private void PlantBundles()
    {
        foreach (var spec in DemoCatalogueSpec.Bundles)
        {
            var trigger = Find(spec.TriggerSubcategory, null, 0.5);
            // A bestseller: the trigger is promoted in its subcategory so the bundle is seen often enough to be found.
            Items[trigger].Popularity *= 3.0;
            var addOns = spec.AddOns.Select(a => Find(a.Subcategory, a.Noun, 0.3)).ToArray();
            Items[trigger].BundleIndex = Bundles.Count;
            var addOnValue = addOns.Sum(a => Items[a].Price * (1.0 - (double)DemoCatalogueSpec.BundleDiscount));
            Bundles.Add(new Bundle(spec.Name, trigger, addOns, spec.Probability) { AddOnValue = addOnValue });
        }
    }

    private static decimal PsychologicalPrice(double raw)
    {
        if (raw < 10) return Math.Max(1.49m, Math.Round((decimal)Math.Floor(raw), 0) + (raw - Math.Floor(raw) < 0.5 ? 0.49m : 0.99m));
        if (raw < 100) return (decimal)Math.Floor(raw) + 0.99m;
        if (raw < 1000) return (decimal)(Math.Floor(raw / 10) * 10) + 9.00m;
        return (decimal)(Math.Floor(raw / 50) * 50) + 49.00m;
    }

    private static readonly string[] ModelSuffixes = ["Pro", "Plus", "Mini", "Max", "Lite", "2", "X", "Classic", "Eco", "Air", "Studio", "One", "S", "Go"];
    private static readonly string[] BookAdjectives = ["Silent", "Hidden", "Last", "Golden", "Northern", "Forgotten", "Winter", "Secret", "Little", "Lost", "Bright", "Salt", "Paper", "Quiet", "Wild"];
    private static readonly string[] BookNouns = ["Harbour", "Garden", "Lighthouse", "Orchard", "Letters", "River", "Island", "Kitchen", "Mountain", "Summer", "Clockmaker", "Library", "Atlas", "Tide", "Forest"];

    private static string ProductName(SubcategorySpec sub, string noun, string brand, DemoRandom rng, HashSet<string> names)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var name = sub.Attributes == AttributeKind.Book
                ? $"The {rng.Pick(BookAdjectives)} {rng.Pick(BookNouns)} ({noun})"
                : rng.Chance(0.35) ? $"{brand} {noun}" : $"{brand} {noun} {rng.Pick(ModelSuffixes)}";
            if (names.Add(name)) return name;
        }
        var fallback = $"{brand} {noun} {names.Count}";
        names.Add(fallback);
        return fallback;
    }

    private static readonly string[] Colours = ["black", "white", "grey", "navy", "red", "green", "beige", "blue", "pink", "olive"];

    private static Dictionary<string, string> Attributes(AttributeKind kind, string noun, double tier, DemoRandom rng)
    {
        var premium = tier > 0.66;
        switch (kind)
        {
            case AttributeKind.Tech:
                return new()
                {
                    ["colour"] = rng.Pick(["black", "white", "silver", "graphite", "blue"]),
                    ["warranty"] = premium ? "3 years" : "2 years",
                };
            case AttributeKind.Memory:
                return new() { ["capacity"] = rng.Pick(["32 GB", "64 GB", "128 GB", "256 GB"]), ["speed"] = rng.Pick(["UHS-I", "UHS-II", "USB 3.2"]) };
            case AttributeKind.Phone:
                return new()
                {
                    ["colour"] = rng.Pick(["black", "white", "blue", "green", "titanium"]),
                    ["storage"] = premium ? rng.Pick(["256 GB", "512 GB"]) : rng.Pick(["64 GB", "128 GB"]),
                    ["screen"] = rng.Pick(["6.1 in", "6.4 in", "6.7 in"]),
                };
            case AttributeKind.Fashion:
                return new()
                {
                    ["colour"] = rng.Pick(Colours),
                    ["size"] = rng.Pick(["XS", "S", "M", "L", "XL", "XXL"]),
                    ["material"] = premium ? rng.Pick(["wool", "leather", "organic cotton", "linen"]) : rng.Pick(["cotton", "polyester", "denim", "recycled polyester"]),
                };
            case AttributeKind.Shoes:
                return new()
                {
                    ["colour"] = rng.Pick(Colours),
                    ["size"] = rng.Next(36, 47).ToString(CultureInfo.InvariantCulture),
                    ["material"] = rng.Pick(["leather", "mesh", "canvas", "suede"]),
                };
            case AttributeKind.Home:
                return new()
                {
                    ["colour"] = rng.Pick(["white", "black", "stainless steel", "sage", "cream", "terracotta"]),
                    ["material"] = rng.Pick(["stainless steel", "ceramic", "glass", "cotton", "bamboo", "cast iron"]),
                };
            case AttributeKind.Food:
                return new()
                {
                    ["weight"] = rng.Pick(["250 g", "500 g", "1 kg", "100 g"]),
                    ["origin"] = rng.Pick(["Italy", "Colombia", "Ethiopia", "China", "Spain", "Greece", "India", "Belgium"]),
                    ["organic"] = rng.Chance(0.4) ? "yes" : "no",
                };
            case AttributeKind.Book:
                return new()
                {
                    ["format"] = rng.Pick(["paperback", "hardcover"]),
                    ["language"] = rng.Chance(0.85) ? "English" : "Chinese",
                    ["pages"] = rng.Next(120, 640).ToString(CultureInfo.InvariantCulture),
                };
            case AttributeKind.Beauty:
                return new() { ["volume"] = rng.Pick(["30 ml", "50 ml", "100 ml", "250 ml"]), ["skin_type"] = rng.Pick(["all", "dry", "sensitive", "oily"]) };
            case AttributeKind.Toy:
                return new() { ["age"] = rng.Pick(["3+", "6+", "8+", "12+", "14+"]), ["players"] = rng.Pick(["1", "1-4", "2-6", "2-8"]) };
            case AttributeKind.Sport:
                return new() { ["colour"] = rng.Pick(Colours), ["material"] = rng.Pick(["TPE", "stainless steel", "natural rubber", "nylon", "cork"]) };
            case AttributeKind.Garden:
                return new() { ["material"] = rng.Pick(["steel", "aluminium", "acacia wood", "plastic", "cast iron"]), ["season"] = noun.Contains("Grill", StringComparison.Ordinal) || noun.Contains("Barbecue", StringComparison.Ordinal) ? "summer" : "all year" };
            default:
                return new() { ["size"] = rng.Pick(["S", "M", "L"]), ["animal"] = noun.Contains("Cat", StringComparison.Ordinal) ? "cat" : "dog" };
        }
    }

    private static string Description(SubcategorySpec sub, string noun, string brand, Dictionary<string, string> attributes)
    {
        var details = string.Join(", ", attributes.Select(a => $"{a.Key.Replace('_', ' ')}: {a.Value}"));
        return $"{noun} by {brand} ({sub.Name.ToLowerInvariant()}). {details}.";
    }

    private static void Shuffle(int[] values, DemoRandom rng)
    {
        for (var i = values.Length - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (values[i], values[j]) = (values[j], values[i]);
        }
    }
}
