using System.Globalization;
using System.Text.Json.Serialization;

namespace Rapport.Analytics.Segmentation;

/// <summary>
/// Which columns play which role in segment naming (matched case-insensitively; a missing column simply
/// takes no part in the rules). The defaults are the RFM/loyalty feature names of <c>rapport analyze segments</c>.
/// </summary>
/// <param name="HighThreshold">A feature is "high" in a segment when the segment's mean standardised value is at
/// least this many overall standard deviations above the overall mean, "low" when at least this many below (default ½).</param>
public sealed record SegmentNamingOptions(
    string Recency = "recency_days",
    string Frequency = "frequency",
    string Monetary = "monetary",
    string Tenure = "tenure_days",
    string AverageOrderValue = "avg_order_value",
    double HighThreshold = 0.5,
    string UnitPrice = "avg_unit_price",
    string Discount = "discount_share",
    string ItemsPerOrder = "items_per_order",
    string RepeatItems = "repeat_item_share",
    string ActiveRate = "active_purchase_rate");

/// <summary>A readable profile of one segment.</summary>
/// <param name="Id">The cluster label (−1 = DBSCAN noise).</param>
/// <param name="Name">Readable name, unique within one profiling.</param>
/// <param name="Size">Customers in the segment.</param>
/// <param name="CustomerShare">Size / all customers.</param>
/// <param name="Revenue">Sum of the segment's revenue.</param>
/// <param name="RevenueShare">Revenue / all revenue (0 when all revenue is 0).</param>
/// <param name="FeatureMeans">Mean of every feature in original units, by column name.</param>
/// <param name="RelativeLevels">
/// Mean of every feature after the standard transformation (log1p where skewed, z-score), i.e. how many overall
/// standard deviations the segment sits above (+) or below (−) the overall mean; the naming rules read these.
/// </param>
public sealed record SegmentProfile(
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("size")] int Size,
    [property: JsonPropertyName("customerShare")] double CustomerShare,
    [property: JsonPropertyName("revenue")] double Revenue,
    [property: JsonPropertyName("revenueShare")] double RevenueShare,
    [property: JsonPropertyName("featureMeans")] IReadOnlyDictionary<string, double> FeatureMeans,
    [property: JsonPropertyName("relativeLevels")] IReadOnlyDictionary<string, double> RelativeLevels);

/// <summary>
/// Turns cluster labels into segment profiles a person can read: size, revenue share, feature means in original
/// units, and a name from a fixed rule set.
/// </summary>
/// <remarks>
/// <para><b>Levels.</b> Each feature is transformed as for clustering (<see cref="FeatureScaler"/>: log1p where
/// skewness &gt; 1, then z-score over all customers). A segment's level on a feature is the mean of its members'
/// transformed values, so "high" means at least <see cref="SegmentNamingOptions.HighThreshold"/> (½) overall
/// standard deviations above the overall mean and "low" as far below — robust to a few very large spenders,
/// unlike a comparison of raw means. For recency (days since the last purchase) low is good: "recent" means
/// low recency_days, "lapsed" high.</para>
/// <para><b>Rules</b>, first match wins (R recency, F frequency, M monetary — or average order value when there
/// is no monetary column —, T tenure, A average order value; the behaviour rules 2–7 apply only when those columns
/// are profiled):</para>
/// <list type="number">
/// <item>F high, M high, not lapsed → "High-value loyal"</item>
/// <item>D (discount share) high, U (average unit price) low or I (items per order) high → "Bargain hunters"</item>
/// <item>D high, F low → "One-time discount buyers"</item>
/// <item>D high, U not high → "Bargain hunters"</item>
/// <item>U high, F or P (purchase rate while active) high → "Premium regulars"</item>
/// <item>R (repeat-item share) high, F or P high → "Repeat regulars"</item>
/// <item>U high, F low → "One-time premium buyers"</item>
/// <item>lapsed, M or A high → "At-risk big spenders"</item>
/// <item>lapsed, F low → "Lapsed one-off buyers"</item>
/// <item>lapsed, F high → "Lapsing regulars"</item>
/// <item>lapsed → "Lapsed customers"</item>
/// <item>recent, T low → "Recent newcomers"</item>
/// <item>recent, F high → "Loyal regulars"</item>
/// <item>recent, M or A high → "Recent big spenders"</item>
/// <item>recent → "Active customers"</item>
/// <item>A high, F low → "Occasional big-basket buyers"</item>
/// <item>M high → "Big spenders"</item>
/// <item>F low, M low → "Low-value occasional buyers"</item>
/// <item>T low → "Newcomers"</item>
/// <item>T high, F high → "Long-standing regulars"</item>
/// <item>otherwise → "Steady middle" (or, when none of the role columns exists, "High x / low y" from the two
/// most distinctive features, "Average profile" if none is high or low)</item>
/// </list>
/// <para>Noise rows (label −1) form the segment "Unclustered outliers". <b>Uniqueness:</b> segments sharing a
/// name get, each, a qualifier from the feature on which they differ most from the mean of the tied segments
/// ("(higher spend)", "(fewer orders)", …); any name still shared gets " 2", " 3", … in id order. The result
/// depends only on the data and labels, so it is deterministic.</para>
/// </remarks>
public static class SegmentProfiler
{
    /// <summary>The name of the noise segment (label −1).</summary>
    public const string NoiseName = "Unclustered outliers";

    /// <summary>Profiles and names the segments, ordered by id.</summary>
    /// <param name="originalUnits">Features in original units, with their column names.</param>
    /// <param name="labels">Segment of each row (negative = noise; all negative labels form one segment −1).</param>
    /// <param name="revenue">Revenue of each row (e.g. monetary value), for the revenue shares.</param>
    /// <param name="naming">Column roles and threshold of the naming rules.</param>
    public static IReadOnlyList<SegmentProfile> Profile(FeatureMatrix originalUnits, ReadOnlySpan<int> labels, ReadOnlySpan<double> revenue, SegmentNamingOptions? naming = null)
    {
        ArgumentNullException.ThrowIfNull(originalUnits);
        naming ??= new SegmentNamingOptions();
        int n = originalUnits.Rows, d = originalUnits.Columns;
        if (labels.Length != n) throw new ArgumentException($"{labels.Length} labels for {n} rows.", nameof(labels));
        if (revenue.Length != n) throw new ArgumentException($"{revenue.Length} revenue values for {n} rows.", nameof(revenue));
        if (n == 0) return [];

        var standardised = FeatureScaler.FitTransform(originalUnits).Standardised;
        var ids = new SortedSet<int>();
        foreach (var label in labels) ids.Add(label < 0 ? -1 : label);
        var index = ids.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i);
        var m = ids.Count;
        var sizes = new int[m];
        var revenues = new double[m];
        var means = new double[m * d];
        var levels = new double[m * d];
        var totalRevenue = 0.0;
        for (var i = 0; i < n; i++)
        {
            var s = index[labels[i] < 0 ? -1 : labels[i]];
            sizes[s]++;
            revenues[s] += revenue[i];
            totalRevenue += revenue[i];
            for (var j = 0; j < d; j++)
            {
                means[s * d + j] += originalUnits.Values[i * d + j];
                levels[s * d + j] += standardised.Values[i * d + j];
            }
        }

        for (var s = 0; s < m; s++)
        {
            for (var j = 0; j < d; j++)
            {
                means[s * d + j] /= sizes[s];
                levels[s * d + j] /= sizes[s];
            }
        }

        var roles = new Roles(originalUnits, naming);
        var idList = ids.ToArray();
        var names = new string[m];
        for (var s = 0; s < m; s++)
        {
            names[s] = idList[s] < 0 ? NoiseName : roles.Name(levels.AsSpan(s * d, d).ToArray(), naming.HighThreshold);
        }

        MakeUnique(names, idList, levels, d, roles);
        var result = new List<SegmentProfile>(m);
        for (var s = 0; s < m; s++)
        {
            var featureMeans = new Dictionary<string, double>(d);
            var relative = new Dictionary<string, double>(d);
            for (var j = 0; j < d; j++)
            {
                featureMeans[originalUnits.ColumnNames[j]] = means[s * d + j];
                relative[originalUnits.ColumnNames[j]] = levels[s * d + j];
            }

            result.Add(new SegmentProfile(
                idList[s], names[s], sizes[s], (double)sizes[s] / n, revenues[s],
                totalRevenue != 0 ? revenues[s] / totalRevenue : 0, featureMeans, relative));
        }

        return result;
    }

    private static void MakeUnique(string[] names, int[] ids, double[] levels, int d, Roles roles)
    {
        foreach (var group in Enumerable.Range(0, names.Length).GroupBy(s => names[s]).Where(g => g.Count() > 1).ToList())
        {
            var members = group.ToArray();
            var groupMean = new double[d];
            foreach (var s in members)
            {
                for (var j = 0; j < d; j++) groupMean[j] += levels[s * d + j] / members.Length;
            }

            foreach (var s in members)
            {
                var bestColumn = -1;
                var bestGap = 0.0;
                foreach (var j in roles.QualifierOrder)
                {
                    var gap = levels[s * d + j] - groupMean[j];
                    if (Math.Abs(gap) > Math.Abs(bestGap) + 1e-12)
                    {
                        bestGap = gap;
                        bestColumn = j;
                    }
                }

                if (bestColumn >= 0) names[s] = $"{group.Key} ({roles.Qualifier(bestColumn, bestGap > 0)})";
            }
        }

        foreach (var group in Enumerable.Range(0, names.Length).GroupBy(s => names[s]).Where(g => g.Count() > 1).ToList())
        {
            var members = group.OrderBy(s => ids[s]).ToArray();
            for (var r = 1; r < members.Length; r++) names[members[r]] = $"{group.Key} {r + 1}";
        }
    }

    private sealed class Roles
    {
        private readonly IReadOnlyList<string> _columns;
        private readonly int _recency, _frequency, _monetary, _tenure, _aov, _unitPrice, _discount, _itemsPerOrder, _repeat, _activeRate;

        public Roles(FeatureMatrix matrix, SegmentNamingOptions naming)
        {
            _columns = matrix.ColumnNames;
            _recency = matrix.IndexOf(naming.Recency);
            _frequency = matrix.IndexOf(naming.Frequency);
            _monetary = matrix.IndexOf(naming.Monetary);
            _tenure = matrix.IndexOf(naming.Tenure);
            _aov = matrix.IndexOf(naming.AverageOrderValue);
            _unitPrice = matrix.IndexOf(naming.UnitPrice);
            _discount = matrix.IndexOf(naming.Discount);
            _itemsPerOrder = matrix.IndexOf(naming.ItemsPerOrder);
            _repeat = matrix.IndexOf(naming.RepeatItems);
            _activeRate = matrix.IndexOf(naming.ActiveRate);
            var order = new List<int>();
            foreach (var j in new[] { _monetary, _frequency, _recency, _tenure, _aov, _unitPrice, _discount, _itemsPerOrder, _repeat, _activeRate })
            {
                if (j >= 0) order.Add(j);
            }

            for (var j = 0; j < matrix.Columns; j++)
            {
                if (!order.Contains(j)) order.Add(j);
            }

            QualifierOrder = order;
        }

        /// <summary>Columns in the order they are tried for a disambiguating qualifier (role columns first).</summary>
        public IReadOnlyList<int> QualifierOrder { get; }

        private bool AnyRole => _recency >= 0 || _frequency >= 0 || _monetary >= 0 || _tenure >= 0 || _aov >= 0
            || _unitPrice >= 0 || _discount >= 0 || _itemsPerOrder >= 0 || _repeat >= 0 || _activeRate >= 0;

        public string Name(double[] z, double t)
        {
            if (!AnyRole) return GenericName(z, t);
            bool High(int j) => j >= 0 && z[j] >= t;
            bool Low(int j) => j >= 0 && z[j] <= -t;
            var recent = Low(_recency);
            var lapsed = High(_recency);
            var value = _monetary >= 0 ? _monetary : _aov;
            var valueHigh = High(value);
            var bigBaskets = valueHigh || High(_aov);

            if (High(_frequency) && valueHigh && !lapsed) return "High-value loyal";
            var buysOften = High(_frequency) || High(_activeRate);
            if (High(_discount) && (Low(_unitPrice) || High(_itemsPerOrder))) return "Bargain hunters";
            if (High(_discount) && Low(_frequency)) return "One-time discount buyers";
            if (High(_discount) && !High(_unitPrice)) return "Bargain hunters";
            if (High(_unitPrice) && buysOften) return "Premium regulars";
            if (High(_repeat) && buysOften) return "Repeat regulars";
            if (High(_unitPrice) && Low(_frequency)) return "One-time premium buyers";
            if (lapsed && bigBaskets) return "At-risk big spenders";
            if (lapsed && Low(_frequency)) return "Lapsed one-off buyers";
            if (lapsed && High(_frequency)) return "Lapsing regulars";
            if (lapsed) return "Lapsed customers";
            if (recent && Low(_tenure)) return "Recent newcomers";
            if (recent && High(_frequency)) return "Loyal regulars";
            if (recent && bigBaskets) return "Recent big spenders";
            if (recent) return "Active customers";
            if (High(_aov) && Low(_frequency)) return "Occasional big-basket buyers";
            if (valueHigh) return "Big spenders";
            if (Low(_frequency) && Low(value)) return "Low-value occasional buyers";
            if (Low(_tenure)) return "Newcomers";
            if (High(_tenure) && High(_frequency)) return "Long-standing regulars";
            return "Steady middle";
        }

        private string GenericName(double[] z, double t)
        {
            var top = Enumerable.Range(0, z.Length)
                .Select(j => (j, v: z[j]))
                .Where(p => Math.Abs(p.v) >= t)
                .OrderByDescending(p => Math.Abs(p.v)).ThenBy(p => p.j)
                .Take(2)
                .Select(p => (p.v > 0 ? "high " : "low ") + _columns[p.j])
                .ToList();
            if (top.Count == 0) return "Average profile";
            var text = string.Join(" / ", top);
            return char.ToUpper(text[0], CultureInfo.InvariantCulture) + text[1..];
        }

        public string Qualifier(int column, bool higher)
        {
            if (column == _monetary) return higher ? "higher spend" : "lower spend";
            if (column == _frequency) return higher ? "more orders" : "fewer orders";
            if (column == _recency) return higher ? "less recent" : "more recent";
            if (column == _tenure) return higher ? "longer tenure" : "shorter tenure";
            if (column == _aov) return higher ? "bigger baskets" : "smaller baskets";
            if (column == _unitPrice) return higher ? "dearer items" : "cheaper items";
            if (column == _discount) return higher ? "more discounts" : "fewer discounts";
            if (column == _itemsPerOrder) return higher ? "more items per order" : "fewer items per order";
            if (column == _repeat) return higher ? "more repeat items" : "fewer repeat items";
            if (column == _activeRate) return higher ? "buy more often" : "buy less often";
            return (higher ? "higher " : "lower ") + _columns[column];
        }
    }
}
