using Rapport.Analytics.Text;

namespace Rapport.Analytics.Recommendations;

/// <summary>
/// Content-based: every item is a unit vector of its attributes — category, subcategory, brand, price band (quintile of
/// the catalogue's prices) and TF-IDF description terms; a customer's profile is the purchase-weighted sum of the bought
/// items' vectors, and items are scored by cosine to the profile. Items without product data are never recommended.
/// The reason names the customer's most-bought item of the same category.
/// </summary>
public sealed class ContentRecommender(ProductCatalog catalog) : IRecommender
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "the", "and", "for", "with", "you", "your", "our", "this", "that", "from", "are", "its", "all", "any", "can", "has", "have", "was", "will", "not", "but", "into", "per",
    };

    private InteractionMatrix? _train;
    private int[] _featureStart = [];
    private int[] _feature = [];
    private float[] _weight = [];
    private int[] _postingStart = [];
    private int[] _postingItem = [];
    private float[] _postingWeight = [];
    private int[] _category = [];
    private string[] _categoryNames = [];

    public string Name => "content";
    public ProductCatalog Catalog { get; } = catalog ?? throw new ArgumentNullException(nameof(catalog));

    /// <summary>Category name of an item, or null.</summary>
    public string? CategoryOf(int item) => _category.Length > item && _category[item] >= 0 ? _categoryNames[_category[item]] : null;

    public void Fit(InteractionMatrix train)
    {
        ArgumentNullException.ThrowIfNull(train);
        _train = train;
        var items = train.Items;
        var features = new Dictionary<string, int>(StringComparer.Ordinal);
        var categories = new Dictionary<string, int>(StringComparer.Ordinal);
        var infos = new ProductInfo?[items];
        for (var i = 0; i < items; i++) infos[i] = Catalog.Find(train.ItemKey(i));
        var prices = infos.Where(p => p?.Price is not null).Select(p => p!.Price!.Value).Order().ToArray();
        // Document frequency of description terms over the items that have product data.
        var terms = new List<string>[items];
        var df = new Dictionary<string, int>(StringComparer.Ordinal);
        var documents = 0;
        for (var i = 0; i < items; i++)
        {
            if (infos[i]?.Description is not { } text) continue;
            documents++;
            terms[i] = [.. TextTokenizer.Tokenize(text).Select(t => t.Text).Where(t => t.Length >= 3 && !StopWords.Contains(t))];
            foreach (var t in terms[i].Distinct()) df[t] = df.GetValueOrDefault(t) + 1;
        }
        _category = new int[items];
        var rows = new List<(int Feature, float Weight)>[items];
        for (var i = 0; i < items; i++)
        {
            var p = infos[i];
            var row = rows[i] = [];
            _category[i] = -1;
            if (p is null) continue;
            void Add(string feature, float weight)
            {
                if (!features.TryGetValue(feature, out var id)) features[feature] = id = features.Count;
                row.Add((id, weight));
            }
            if (p.Category is { } c)
            {
                Add("c:" + c, 1f);
                if (!categories.TryGetValue(c, out var cid)) categories[c] = cid = categories.Count;
                _category[i] = cid;
            }
            if (p.Subcategory is { } s) Add("s:" + (p.Category ?? "") + "/" + s, 1f);
            if (p.Brand is { } b) Add("b:" + b, 0.5f);
            if (p.Price is { } price && prices.Length > 0) Add("p:" + (p.Category ?? "") + "/" + PriceBand(prices, price), 0.5f);
            if (terms[i] is { Count: > 0 } words)
            {
                var counts = words.GroupBy(w => w).Select(g => (Term: g.Key, Tf: 1 + Math.Log(g.Count()))).ToList();
                var vector = counts.Select(t => (t.Term, W: t.Tf * Math.Log((1.0 + documents) / (1 + df[t.Term])))).Where(t => t.W > 0).ToList();
                var norm = Math.Sqrt(vector.Sum(t => t.W * t.W));
                // Description terms together weigh as much as the category.
                foreach (var (term, w) in vector) Add("t:" + term, (float)(w / norm));
            }
            var length = MathF.Sqrt(row.Sum(t => t.Weight * t.Weight));
            for (var k = 0; k < row.Count; k++) row[k] = (row[k].Feature, row[k].Weight / length);
        }
        _categoryNames = [.. categories.OrderBy(c => c.Value).Select(c => c.Key)];
        _featureStart = new int[items + 1];
        for (var i = 0; i < items; i++) _featureStart[i + 1] = _featureStart[i] + rows[i].Count;
        _feature = [.. rows.SelectMany(r => r.Select(t => t.Feature))];
        _weight = [.. rows.SelectMany(r => r.Select(t => t.Weight))];
        // Inverted index: feature → (item, weight), for items bought in training only.
        var postings = new List<(int Item, float Weight)>[features.Count];
        for (var f = 0; f < postings.Length; f++) postings[f] = [];
        var byItem = train.ByItem;
        for (var i = 0; i < items; i++)
            if (byItem.RowLength(i) > 0)
                foreach (var (feature, weight) in rows[i]) postings[feature].Add((i, weight));
        _postingStart = new int[features.Count + 1];
        for (var f = 0; f < postings.Length; f++) _postingStart[f + 1] = _postingStart[f] + postings[f].Count;
        _postingItem = [.. postings.SelectMany(p => p.Select(t => t.Item))];
        _postingWeight = [.. postings.SelectMany(p => p.Select(t => t.Weight))];
    }

    private static int PriceBand(double[] sorted, double price)
    {
        var rank = Array.BinarySearch(sorted, price);
        if (rank < 0) rank = ~rank;
        return Math.Min(4, rank * 5 / sorted.Length);
    }

    public IReadOnlyList<Recommendation> Recommend(int customer, int count)
    {
        var train = _train ?? throw new InvalidOperationException("Fit first.");
        var m = train.Counts;
        var profile = new Dictionary<int, float>();
        var favourite = new Dictionary<int, (int Item, float Count)>();
        for (var q = m.RowStart[customer]; q < m.RowStart[customer + 1]; q++)
        {
            var i = m.Columns[q];
            var w = MathF.Log(1 + m.Values[q]);
            for (var k = _featureStart[i]; k < _featureStart[i + 1]; k++) profile[_feature[k]] = profile.GetValueOrDefault(_feature[k]) + w * _weight[k];
            if (_category[i] >= 0 && (!favourite.TryGetValue(_category[i], out var fav) || m.Values[q] > fav.Count)) favourite[_category[i]] = (i, m.Values[q]);
        }
        if (profile.Count == 0) return [];
        var norm = MathF.Sqrt(profile.Values.Sum(v => v * v));
        var scores = new Dictionary<int, float>();
        foreach (var (feature, value) in profile)
            for (var k = _postingStart[feature]; k < _postingStart[feature + 1]; k++)
                scores[_postingItem[k]] = scores.GetValueOrDefault(_postingItem[k]) + value / norm * _postingWeight[k];
        var top = scores.OrderByDescending(s => s.Value).ThenBy(s => s.Key).Take(count);
        return [.. top.Select(s => new Recommendation(s.Key, s.Value, m.Get(customer, s.Key) is var own and > 0
            ? new Reason(ReasonKind.OwnFavourite, s.Key, (int)own)
            : new Reason(ReasonKind.SimilarProduct, _category[s.Key] >= 0 && favourite.TryGetValue(_category[s.Key], out var f) ? f.Item : -1)))];
    }
}
