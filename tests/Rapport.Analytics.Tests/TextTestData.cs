using Rapport.Analytics.Text;

namespace Rapport.Analytics.Tests;

/// <summary>Shared data for the text (intent) tests: Banking77 from ../shared/datasets and a small Chinese + English set.</summary>
internal static class TextTestData
{
    /// <summary>The Banking77 folder, or null when the shared data sets are absent.</summary>
    public static string? Banking77Dir
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "datasets", "banking77");
                if (File.Exists(Path.Combine(candidate, "train.csv")) && File.Exists(Path.Combine(candidate, "test.csv"))) return candidate;
            }
            return null;
        }
    }

    private static readonly Lazy<(IntentDataset Train, IntentDataset Test)?> Banking = new(() =>
        Banking77Dir is { } dir
            ? (IntentCsvReader.Read(Path.Combine(dir, "train.csv")), IntentCsvReader.Read(Path.Combine(dir, "test.csv")))
            : null);

    /// <summary>Banking77 train and official test split, read once.</summary>
    public static (IntentDataset Train, IntentDataset Test)? Banking77 => Banking.Value;

    /// <summary>A file of ../shared/datasets, or null when the shared data sets are absent.</summary>
    public static string? SharedFile(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            var candidate = Path.Combine([dir.FullName, "shared", "datasets", .. parts]);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>The 1,764 bank FAQ rows, or null when absent.</summary>
    public static IReadOnlyList<KnowledgeBaseRow>? BankFaqs =>
        SharedFile("bank-faqs", "BankFAQs.csv") is { } path ? KnowledgeBaseReader.Read(path) : null;

    /// <summary>The 3,000 labelled sentences (Amazon, IMDb, Yelp), or null when absent.</summary>
    public static SentimentDataset? SentimentSentences =>
        new[] { "amazon_cells_labelled.txt", "imdb_labelled.txt", "yelp_labelled.txt" }
            .Select(f => SharedFile("sentiment-labelled-sentences", f)).ToArray() is var paths && paths.All(p => p != null)
            ? SentimentDataset.Concat(paths.Select(p => SentimentDataReader.Read(p!)))
            : null;

    /// <summary>Writes text to a temporary file with the given extension; the caller deletes it.</summary>
    public static string TempFile(string text, string extension)
    {
        var path = Path.Combine(Path.GetTempPath(), $"rapport-text-{Guid.NewGuid():N}{extension}");
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Mixed Chinese / English tickets: refund vs address change vs card lost.</summary>
    public static readonly (string Text, string Label)[] ToyTrain =
    [
        ("我要退款", "refund"),
        ("请给我退款", "refund"),
        ("退款什么时候到账", "refund"),
        ("申请退款", "refund"),
        ("I want a refund", "refund"),
        ("please refund my order", "refund"),
        ("how do I get my money back, refund please", "refund"),
        ("我想修改地址", "address"),
        ("收货地址错了", "address"),
        ("更改地址", "address"),
        ("地址怎么改", "address"),
        ("I need to change my address", "address"),
        ("update my delivery address", "address"),
        ("wrong shipping address on my order", "address"),
        ("我的卡丢了", "card_lost"),
        ("银行卡被偷了", "card_lost"),
        ("卡丢失了怎么办", "card_lost"),
        ("I lost my card", "card_lost"),
        ("my card was stolen", "card_lost"),
        ("someone stole my card yesterday", "card_lost"),
    ];
}
