namespace Rapport.Core.Demo;

internal enum QuantityProfile { Single, Few, Consumable }

internal enum AttributeKind { Tech, Memory, Phone, Fashion, Shoes, Home, Food, Book, Beauty, Toy, Sport, Garden, Pet }

internal sealed record SubcategorySpec(
    string Name, string[] Nouns, double MinPrice, double MaxPrice, int Count, double Popularity,
    QuantityProfile Quantity, AttributeKind Attributes);

internal sealed record CategorySpec(
    string Name, string Code, double Popularity, string[] Brands, double[] MonthFactors, SubcategorySpec[] Subcategories);

/// <summary>A planted co-purchase: when the trigger product is bought, the add-ons join the order with this probability.</summary>
internal sealed record BundleSpec(string Name, string TriggerSubcategory, (string Subcategory, string? Noun)[] AddOns, double Probability);

/// <summary>The shop's assortment: 11 categories, 58 subcategories, about 310 products, and the planted bundles.</summary>
internal static class DemoCatalogueSpec
{
    private static readonly double[] Flat = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];

    public static readonly CategorySpec[] Categories =
    [
        new("Electronics", "EL", 0.13, ["Voltra", "Sonique", "Pixelon", "Kairo", "Audiva", "Lumetra"],
            [0.9, 0.85, 0.9, 0.9, 0.95, 0.95, 0.95, 1.0, 1.0, 1.0, 1.35, 1.5],
            [
                new("Headphones", ["Wireless Headphones", "Noise-Cancelling Headphones", "True Wireless Earbuds", "Sport Earbuds", "Studio Headphones"], 25, 280, 7, 1.2, QuantityProfile.Single, AttributeKind.Tech),
                new("Cameras", ["Mirrorless Camera", "Compact Camera", "Action Camera", "Instant Camera"], 120, 1200, 5, 0.6, QuantityProfile.Single, AttributeKind.Tech),
                new("Smartphones", ["Smartphone", "5G Smartphone", "Smartphone Mini"], 180, 1100, 5, 0.9, QuantityProfile.Single, AttributeKind.Phone),
                new("Memory Cards", ["microSD Card", "SD Card", "USB Flash Drive"], 8, 60, 5, 1.0, QuantityProfile.Few, AttributeKind.Memory),
                new("Phone Cases", ["Phone Case", "Silicone Case", "Leather Wallet Case", "Rugged Case"], 9, 39, 6, 1.1, QuantityProfile.Single, AttributeKind.Tech),
                new("Screen Protectors", ["Tempered Glass Screen Protector", "Privacy Screen Protector"], 6, 25, 4, 0.8, QuantityProfile.Single, AttributeKind.Tech),
                new("Chargers & Cables", ["USB-C Charger", "Fast Charging Cable", "Power Bank", "Wireless Charging Pad"], 8, 60, 6, 1.3, QuantityProfile.Few, AttributeKind.Tech),
                new("Smart Home", ["Smart Plug", "Smart Bulb", "Smart Speaker", "Video Doorbell"], 15, 180, 5, 0.8, QuantityProfile.Few, AttributeKind.Tech),
            ]),
        new("Computers & Office", "CO", 0.08, ["Nordbyte", "Keystone", "Inkwell", "Vexa", "Datamark"],
            [1.0, 1.0, 1.0, 0.95, 0.9, 0.9, 0.95, 1.25, 1.2, 1.0, 1.1, 1.05],
            [
                new("Laptops", ["Laptop", "Ultrabook", "2-in-1 Laptop", "Gaming Laptop"], 450, 1900, 5, 0.6, QuantityProfile.Single, AttributeKind.Tech),
                new("Laptop Sleeves", ["Laptop Sleeve", "Laptop Backpack"], 15, 60, 4, 0.7, QuantityProfile.Single, AttributeKind.Tech),
                new("Wireless Mice", ["Wireless Mouse", "Ergonomic Mouse", "Keyboard and Mouse Set"], 12, 90, 5, 0.9, QuantityProfile.Single, AttributeKind.Tech),
                new("Printers", ["Inkjet Printer", "Laser Printer", "All-in-One Printer"], 80, 450, 4, 0.5, QuantityProfile.Single, AttributeKind.Tech),
                new("Ink & Toner", ["Ink Cartridge Multipack", "Black Ink Cartridge", "Toner Cartridge"], 15, 80, 5, 0.9, QuantityProfile.Few, AttributeKind.Tech),
                new("Monitors", ["27-inch Monitor", "24-inch Monitor", "Curved Monitor"], 120, 700, 4, 0.5, QuantityProfile.Single, AttributeKind.Tech),
                new("Office Supplies", ["Notebook Set", "Gel Pens", "Desk Organiser", "A4 Copy Paper"], 3, 25, 6, 1.0, QuantityProfile.Consumable, AttributeKind.Home),
            ]),
        new("Home & Kitchen", "HK", 0.13, ["Casa Verde", "Brewhaus", "Kochwerk", "Maison Lune", "Hearthstone"],
            [0.95, 0.9, 0.95, 0.95, 1.0, 0.95, 0.95, 0.95, 1.0, 1.05, 1.15, 1.2],
            [
                new("Coffee Machines", ["Espresso Machine", "Bean-to-Cup Coffee Machine", "Filter Coffee Maker", "Capsule Coffee Machine"], 60, 800, 5, 0.6, QuantityProfile.Single, AttributeKind.Home),
                new("Coffee Beans", ["Espresso Beans", "Single-Origin Coffee Beans", "Decaf Coffee Beans", "Ground Coffee"], 7, 25, 6, 1.2, QuantityProfile.Consumable, AttributeKind.Food),
                new("Cookware", ["Non-Stick Frying Pan", "Cast Iron Casserole", "Saucepan Set", "Wok"], 20, 200, 6, 0.9, QuantityProfile.Single, AttributeKind.Home),
                new("Small Appliances", ["Electric Kettle", "Toaster", "Blender", "Air Fryer", "Hand Mixer"], 25, 250, 6, 1.0, QuantityProfile.Single, AttributeKind.Home),
                new("Tableware", ["Dinner Plate Set", "Glass Tumblers", "Coffee Mugs", "Cutlery Set"], 10, 90, 6, 1.0, QuantityProfile.Few, AttributeKind.Home),
                new("Bedding", ["Duvet Cover Set", "Pillow", "Fitted Sheet", "Throw Blanket"], 20, 160, 6, 0.9, QuantityProfile.Few, AttributeKind.Home),
            ]),
        new("Fashion", "FA", 0.15, ["Atelier Nord", "Urban Fox", "Linea", "Mistral", "Harbor & Pine"],
            [0.85, 0.85, 1.15, 1.2, 1.1, 1.0, 0.95, 0.95, 1.15, 1.15, 1.1, 1.05],
            [
                new("Jackets", ["Rain Jacket", "Down Jacket", "Denim Jacket", "Wool Coat"], 60, 320, 6, 0.8, QuantityProfile.Single, AttributeKind.Fashion),
                new("T-Shirts", ["Organic Cotton T-Shirt", "Graphic T-Shirt", "Long-Sleeve Top", "Polo Shirt"], 12, 45, 7, 1.3, QuantityProfile.Few, AttributeKind.Fashion),
                new("Jeans", ["Slim Jeans", "Straight Jeans", "Chinos"], 40, 130, 6, 1.0, QuantityProfile.Single, AttributeKind.Fashion),
                new("Dresses", ["Summer Dress", "Wrap Dress", "Knit Dress"], 35, 180, 5, 0.8, QuantityProfile.Single, AttributeKind.Fashion),
                new("Bags", ["Tote Bag", "Crossbody Bag", "Leather Backpack", "Weekend Bag"], 25, 260, 5, 0.7, QuantityProfile.Single, AttributeKind.Fashion),
                new("Sneakers", ["Leather Sneakers", "Canvas Sneakers", "Slip-On Sneakers"], 50, 180, 5, 0.9, QuantityProfile.Single, AttributeKind.Shoes),
            ]),
        new("Beauty & Health", "BH", 0.10, ["Lumière", "Puro", "Velvet Leaf", "Nordic Glow"],
            [1.0, 0.95, 1.0, 1.0, 1.05, 1.05, 1.0, 0.95, 0.95, 0.95, 1.05, 1.35],
            [
                new("Skincare", ["Face Cream", "Vitamin C Serum", "Sunscreen SPF 50", "Cleansing Gel"], 8, 90, 7, 1.2, QuantityProfile.Few, AttributeKind.Beauty),
                new("Haircare", ["Shampoo", "Conditioner", "Hair Oil", "Hair Mask"], 5, 40, 6, 1.1, QuantityProfile.Consumable, AttributeKind.Beauty),
                new("Fragrance", ["Eau de Parfum", "Eau de Toilette", "Body Mist"], 25, 140, 5, 0.6, QuantityProfile.Single, AttributeKind.Beauty),
                new("Oral Care", ["Electric Toothbrush", "Replacement Brush Heads", "Whitening Toothpaste"], 3, 130, 5, 0.8, QuantityProfile.Few, AttributeKind.Beauty),
            ]),
        new("Sports & Outdoors", "SO", 0.09, ["Stride", "Peakline", "Fjello", "Aerofit", "Trailhead"],
            [1.45, 1.1, 1.05, 1.1, 1.15, 1.15, 1.1, 1.0, 0.95, 0.9, 0.8, 0.8],
            [
                new("Running Shoes", ["Road Running Shoes", "Trail Running Shoes", "Lightweight Racing Shoes"], 70, 200, 5, 0.8, QuantityProfile.Single, AttributeKind.Shoes),
                new("Sports Socks", ["Running Socks 3-Pack", "Compression Socks", "Hiking Socks"], 8, 22, 4, 0.9, QuantityProfile.Few, AttributeKind.Fashion),
                new("Yoga Mats", ["Yoga Mat", "Travel Yoga Mat", "Cork Yoga Mat"], 20, 90, 4, 0.6, QuantityProfile.Single, AttributeKind.Sport),
                new("Water Bottles", ["Insulated Water Bottle", "Sports Bottle", "Glass Water Bottle"], 10, 40, 4, 0.8, QuantityProfile.Single, AttributeKind.Sport),
                new("Fitness", ["Resistance Bands Set", "Adjustable Dumbbells", "Foam Roller", "Kettlebell"], 10, 300, 5, 0.8, QuantityProfile.Single, AttributeKind.Sport),
                new("Camping", ["Two-Person Tent", "Sleeping Bag", "Camping Stove", "Headlamp"], 20, 350, 5, 0.5, QuantityProfile.Single, AttributeKind.Sport),
            ]),
        new("Toys & Games", "TG", 0.07, ["Brickly", "Funfair", "Wonderbox", "Little Owl"],
            [0.7, 0.7, 0.75, 0.8, 0.8, 0.8, 0.85, 0.85, 0.85, 0.95, 1.6, 2.4],
            [
                new("Board Games", ["Strategy Board Game", "Family Board Game", "Card Game", "Party Game"], 12, 60, 7, 1.0, QuantityProfile.Single, AttributeKind.Toy),
                new("Building Sets", ["Building Blocks Set", "Construction Kit", "Marble Run"], 12, 180, 6, 0.9, QuantityProfile.Single, AttributeKind.Toy),
                new("Puzzles", ["1000-Piece Jigsaw Puzzle", "500-Piece Jigsaw Puzzle", "3D Puzzle"], 10, 40, 5, 0.7, QuantityProfile.Single, AttributeKind.Toy),
                new("Soft Toys & Dolls", ["Plush Bear", "Fashion Doll", "Action Figure"], 10, 60, 5, 0.8, QuantityProfile.Single, AttributeKind.Toy),
            ]),
        new("Books", "BK", 0.08, ["Penbridge Press", "Lantern Books", "Blue Door"],
            [1.0, 0.95, 0.95, 0.95, 0.95, 1.0, 1.1, 1.1, 0.95, 0.95, 1.05, 1.3],
            [
                new("Fiction", ["Novel", "Crime Thriller", "Fantasy Epic", "Short Story Collection"], 8, 25, 8, 1.2, QuantityProfile.Single, AttributeKind.Book),
                new("Non-fiction", ["Biography", "Popular Science", "History", "Self-Help Guide"], 12, 40, 7, 0.9, QuantityProfile.Single, AttributeKind.Book),
                new("Children's Books", ["Picture Book", "Bedtime Stories", "Activity Book"], 6, 20, 6, 0.8, QuantityProfile.Few, AttributeKind.Book),
                new("Cookbooks", ["Italian Cookbook", "Vegetarian Cookbook", "Baking Book", "Asian Cookbook"], 15, 40, 5, 0.6, QuantityProfile.Single, AttributeKind.Book),
            ]),
        new("Grocery & Gourmet", "GG", 0.08, ["Olivia's", "Mountain Leaf", "Cacao & Co", "Terra Buona"],
            [1.0, 1.0, 1.0, 0.95, 0.95, 0.9, 0.9, 0.9, 1.0, 1.05, 1.1, 1.3],
            [
                new("Tea", ["Green Tea", "Earl Grey Tea", "Herbal Tea", "Jasmine Tea", "Oolong Tea"], 4, 22, 6, 1.1, QuantityProfile.Consumable, AttributeKind.Food),
                new("Snacks", ["Roasted Almonds", "Dark Chocolate Bar", "Granola", "Rice Crackers"], 2, 10, 7, 1.3, QuantityProfile.Consumable, AttributeKind.Food),
                new("Olive Oil & Vinegar", ["Extra Virgin Olive Oil", "Organic Olive Oil", "Balsamic Vinegar"], 7, 32, 4, 0.7, QuantityProfile.Consumable, AttributeKind.Food),
                new("Pantry", ["Basmati Rice", "Durum Wheat Pasta", "Basil Pesto", "Spice Set"], 2, 25, 6, 0.9, QuantityProfile.Consumable, AttributeKind.Food),
            ]),
        new("Garden & Outdoor", "GO", 0.05, ["Greenthumb", "Ember Grill", "Yardcraft"],
            [0.45, 0.6, 1.2, 1.65, 1.85, 1.75, 1.5, 1.15, 0.85, 0.6, 0.45, 0.45],
            [
                new("Grills", ["Charcoal Grill", "Gas Grill", "Kettle Barbecue", "Portable Grill"], 80, 900, 5, 0.5, QuantityProfile.Single, AttributeKind.Garden),
                new("BBQ Tools", ["BBQ Tool Set", "Grill Thermometer", "Grill Brush"], 10, 60, 4, 0.7, QuantityProfile.Single, AttributeKind.Garden),
                new("Garden Tools", ["Pruning Shears", "Garden Hose", "Spade", "Leaf Rake"], 10, 120, 6, 0.8, QuantityProfile.Single, AttributeKind.Garden),
                new("Plants & Seeds", ["Herb Seed Kit", "Flower Bulbs", "Potting Soil"], 3, 30, 5, 0.8, QuantityProfile.Consumable, AttributeKind.Garden),
                new("Outdoor Furniture", ["Garden Chair", "Patio Table", "Sun Lounger", "Hammock"], 50, 700, 4, 0.4, QuantityProfile.Single, AttributeKind.Garden),
            ]),
        new("Pet Supplies", "PS", 0.04, ["Pawsome", "Happy Tail", "Whisker & Co"], Flat,
            [
                new("Dog Food", ["Adult Dog Food", "Puppy Food", "Grain-Free Dog Food"], 15, 70, 5, 1.1, QuantityProfile.Few, AttributeKind.Pet),
                new("Cat Food", ["Adult Cat Food", "Wet Cat Food Multipack", "Senior Cat Food"], 10, 50, 5, 1.0, QuantityProfile.Few, AttributeKind.Pet),
                new("Pet Toys", ["Chew Toy", "Cat Teaser", "Squeaky Ball"], 4, 25, 5, 0.8, QuantityProfile.Few, AttributeKind.Pet),
                new("Pet Beds", ["Dog Bed", "Cat Bed", "Pet Blanket"], 20, 120, 4, 0.5, QuantityProfile.Single, AttributeKind.Pet),
            ]),
    ];

    public static readonly BundleSpec[] Bundles =
    [
        new("Camera kit", "Cameras", [("Memory Cards", "SD Card")], 0.45),
        new("Phone protection", "Smartphones", [("Phone Cases", null), ("Screen Protectors", null)], 0.35),
        new("Coffee starter", "Coffee Machines", [("Coffee Beans", "Espresso Beans")], 0.55),
        new("Printer and ink", "Printers", [("Ink & Toner", "Ink Cartridge Multipack")], 0.60),
        new("Runner's pack", "Running Shoes", [("Sports Socks", "Running Socks 3-Pack")], 0.40),
        new("Yoga starter", "Yoga Mats", [("Water Bottles", null), ("Fitness", "Resistance Bands Set")], 0.30),
        new("BBQ season", "Grills", [("BBQ Tools", "BBQ Tool Set")], 0.50),
        new("Laptop setup", "Laptops", [("Laptop Sleeves", null), ("Wireless Mice", "Wireless Mouse")], 0.30),
    ];

    /// <summary>Probabilities of quantity 1, 2, 3, 4 per line.</summary>
    public static double[] QuantityDistribution(QuantityProfile profile) => profile switch
    {
        QuantityProfile.Single => [0.92, 0.07, 0.01],
        QuantityProfile.Few => [0.70, 0.22, 0.08],
        _ => [0.45, 0.30, 0.15, 0.10],
    };

    /// <summary>Share of a line's value taken off when a discount applies: uniform over these.</summary>
    public static readonly decimal[] DiscountRates = [0.10m, 0.15m, 0.20m, 0.25m];
    public const double MeanDiscountRate = 0.175;
    /// <summary>Bundle add-ons are sold at this discount.</summary>
    public const decimal BundleDiscount = 0.10m;
}
