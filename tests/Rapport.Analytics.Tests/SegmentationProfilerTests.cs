using System.Text.Json;
using Rapport.Analytics.Segmentation;
using static Rapport.Analytics.Tests.SegmentationTestData;

namespace Rapport.Analytics.Tests;

public class SegmentationProfilerTests
{
    private static readonly string[] Columns = ["recency_days", "frequency", "monetary", "tenure_days", "avg_order_value"];

    /// <summary>A planted customer type: typical recency, number of orders, basket and tenure.</summary>
    private sealed record Persona(double Recency, double Orders, double Basket, double Tenure);

    private static readonly Persona Champions = new(10, 15, 80, 600);
    private static readonly Persona LapsedOneOff = new(300, 1, 30, 320);
    private static readonly Persona Newcomers = new(15, 1.5, 40, 30);
    private static readonly Persona AtRiskBig = new(250, 6, 200, 700);

    /// <summary>Customers drawn around each persona (log-normal spread), with their true persona index.</summary>
    private static (FeatureMatrix Features, double[] Revenue, int[] Truth) Customers(Persona[] personas, int perPersona, int seed)
    {
        var rng = new Random(seed);
        var columns = Columns.Select(_ => new List<double>()).ToArray();
        var revenue = new List<double>();
        var truth = new List<int>();
        for (var p = 0; p < personas.Length; p++)
        {
            var persona = personas[p];
            for (var i = 0; i < perPersona; i++)
            {
                double Spread(double typical, double sigma) => typical * Math.Exp(sigma * Normal(rng));
                var orders = Math.Max(1, Math.Round(Spread(persona.Orders, 0.25)));
                var basket = Spread(persona.Basket, 0.25);
                var recency = Math.Round(Spread(persona.Recency, 0.3));
                var tenure = Math.Max(recency, Math.Round(Spread(persona.Tenure, 0.2)));
                var monetary = Math.Round(orders * basket, 2);
                columns[0].Add(recency);
                columns[1].Add(orders);
                columns[2].Add(monetary);
                columns[3].Add(tenure);
                columns[4].Add(monetary / orders);
                revenue.Add(monetary);
                truth.Add(p);
            }
        }

        return (FeatureMatrix.FromColumns(Columns, columns.Select(c => c.ToArray()).ToArray()), revenue.ToArray(), truth.ToArray());
    }

    [Fact]
    public void Planted_personas_get_the_expected_unique_names_and_shares()
    {
        var (x, revenue, truth) = Customers([Champions, LapsedOneOff, Newcomers, AtRiskBig], 400, seed: 1);
        var profiles = SegmentProfiler.Profile(x, truth, revenue);

        Assert.Equal(["High-value loyal", "Lapsed one-off buyers", "Recent newcomers", "At-risk big spenders"], profiles.Select(p => p.Name));
        Assert.Equal([0, 1, 2, 3], profiles.Select(p => p.Id));
        Assert.All(profiles, p => Assert.Equal(400, p.Size));
        Assert.All(profiles, p => Assert.Equal(0.25, p.CustomerShare, 12));
        Assert.Equal(1.0, profiles.Sum(p => p.RevenueShare), 12);
        Assert.Equal(revenue.Take(400).Sum() / revenue.Sum(), profiles[0].RevenueShare, 12);
        // Feature means are in original units.
        Assert.Equal(Enumerable.Range(0, 400).Average(i => x[i, 0]), profiles[0].FeatureMeans["recency_days"], 9);
        Assert.True(profiles[0].RelativeLevels["frequency"] > 0.5);
        Assert.True(profiles[1].RelativeLevels["recency_days"] > 0.5);
    }

    [Fact]
    public void Naming_is_deterministic_and_independent_of_label_numbers()
    {
        var (x, revenue, truth) = Customers([Champions, LapsedOneOff, Newcomers, AtRiskBig], 200, seed: 2);
        var first = SegmentProfiler.Profile(x, truth, revenue).Select(p => p.Name).ToArray();
        var again = SegmentProfiler.Profile(x, truth, revenue).Select(p => p.Name).ToArray();
        Assert.Equal(first, again);
        // Relabel 0..3 → 3..0: the same groups keep their names.
        var permuted = truth.Select(t => 3 - t).ToArray();
        var byId = SegmentProfiler.Profile(x, permuted, revenue).ToDictionary(p => p.Id, p => p.Name);
        for (var t = 0; t < 4; t++) Assert.Equal(first[t], byId[3 - t]);
    }

    [Fact]
    public void Segments_that_share_a_name_get_distinct_qualifiers()
    {
        var cheaper = LapsedOneOff with { Basket = 15 };
        var dearer = LapsedOneOff with { Basket = 45 };
        var (x, revenue, truth) = Customers([Champions, cheaper, dearer, Newcomers, AtRiskBig], 300, seed: 3);
        var names = SegmentProfiler.Profile(x, truth, revenue).Select(p => p.Name).ToArray();
        Assert.Equal(names.Length, names.Distinct().Count());
        Assert.StartsWith("Lapsed one-off buyers (", names[1]);
        Assert.StartsWith("Lapsed one-off buyers (", names[2]);
        Assert.Contains(names[1][(names[1].IndexOf('(') + 1)..^1], new[] { "lower spend", "smaller baskets" });
        Assert.Contains(names[2][(names[2].IndexOf('(') + 1)..^1], new[] { "higher spend", "bigger baskets" });
    }

    [Fact]
    public void Identical_groups_are_numbered_and_noise_is_named()
    {
        var (x, revenue, truth) = Customers([Champions, Champions, LapsedOneOff], 100, seed: 4);
        // Same persona twice: names differ (qualifier or number); label −1 is the outlier segment.
        truth[^1] = -1;
        var profiles = SegmentProfiler.Profile(x, truth, revenue);
        Assert.Equal(-1, profiles[0].Id);
        Assert.Equal(SegmentProfiler.NoiseName, profiles[0].Name);
        Assert.Equal(1, profiles[0].Size);
        Assert.Equal(profiles.Count, profiles.Select(p => p.Name).Distinct().Count());
    }

    [Fact]
    public void Without_known_columns_names_come_from_the_most_distinctive_features()
    {
        var (blobs, truth) = Blobs([[0, 0], [5, -5]], 100, 0.5, seed: 1);
        var x = new FeatureMatrix(blobs.Values, blobs.Rows, 2, ["alpha", "beta"]);
        var names = SegmentProfiler.Profile(x, truth, new double[x.Rows]).Select(p => p.Name).ToArray();
        Assert.Equal(["Low alpha / high beta", "High alpha / low beta"], names);
    }

    [Theory]
    [InlineData(SegmentationMethod.KMeans)]
    [InlineData(SegmentationMethod.Hierarchical)]
    public void Segmenter_recovers_planted_personas_with_automatic_k(SegmentationMethod method)
    {
        var (x, revenue, truth) = Customers([Champions, LapsedOneOff, Newcomers, AtRiskBig], 500, seed: 5);
        var keys = Enumerable.Range(0, x.Rows).Select(i => $"C{i:D5}").ToArray();
        var result = Segmenter.Run(x, keys, revenue, new SegmentationOptions(method, Seed: 1));

        Assert.Equal(4, result.K);
        Assert.Equal(Enumerable.Range(2, 9), result.KScores!.Select(s => s.K));
        Assert.True(result.Silhouette > 0.5, $"silhouette {result.Silhouette}");
        var labels = result.Customers.Select(c => c.Segment).ToArray();
        Assert.True(AdjustedRandIndex.Compute(labels, truth) > 0.95, $"ARI {AdjustedRandIndex.Compute(labels, truth)}");
        Assert.Equal(
            new[] { "At-risk big spenders", "High-value loyal", "Lapsed one-off buyers", "Recent newcomers" },
            result.Segments.Select(s => s.Name).Order());
        Assert.Equal(keys, result.Customers.Select(c => c.Customer));
        Assert.Contains(result.Features, f => f.Name == "frequency" && f.LogTransformed && f.Skewness > 1);
        Assert.Contains(result.Features, f => f.Name == "tenure_days" && !f.LogTransformed);
    }

    [Fact]
    public void Segmenter_labels_are_a_pure_function_of_the_features()
    {
        var (x, _, _) = Customers([Champions, LapsedOneOff, Newcomers, AtRiskBig], 300, seed: 6);
        var options = new SegmentationOptions(SegmentationMethod.KMeans, K: 4, Seed: 3);
        Assert.Equal(Segmenter.Fit(x, options).Labels, Segmenter.Fit(x, options).Labels);
    }

    [Fact]
    public void Dbscan_segmentation_reports_eps_and_noise()
    {
        var (x, revenue, truth) = Customers([Champions, LapsedOneOff, Newcomers, AtRiskBig], 500, seed: 7);
        var keys = Enumerable.Range(0, x.Rows).Select(i => i.ToString()).ToArray();
        var result = Segmenter.Run(x, keys, revenue, new SegmentationOptions(SegmentationMethod.Dbscan, Seed: 1));
        Assert.Equal("dbscan", result.Method);
        Assert.Equal(10, result.MinPts);
        Assert.True(result.Eps > 0);
        Assert.Equal(result.K, result.Segments.Count(s => s.Id >= 0));
        var labels = result.Customers.Select(c => c.Segment).ToArray();
        var clustered = Enumerable.Range(0, labels.Length).Where(i => labels[i] >= 0).ToArray();
        var ari = AdjustedRandIndex.Compute(clustered.Select(i => labels[i]).ToArray(), clustered.Select(i => truth[i]).ToArray());
        Assert.True(clustered.Length > 0.8 * labels.Length, $"{clustered.Length} clustered, k = {result.K}, eps = {result.Eps}, ARI {ari}");
        Assert.True(ari > 0.9, $"{clustered.Length} clustered, k = {result.K}, eps = {result.Eps}, ARI {ari}");
    }

    [Fact]
    public void Result_serialises_to_the_documented_json_shape()
    {
        var (x, revenue, _) = Customers([Champions, LapsedOneOff, Newcomers], 100, seed: 8);
        var keys = Enumerable.Range(0, x.Rows).Select(i => $"C{i}").ToArray();
        var result = Segmenter.Run(x, keys, revenue, new SegmentationOptions(K: 3));
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(result));
        var root = json.RootElement;
        Assert.Equal("kmeans", root.GetProperty("method").GetString());
        Assert.Equal(3, root.GetProperty("k").GetInt32());
        Assert.True(root.GetProperty("silhouette").GetDouble() > 0);
        var segment = root.GetProperty("segments")[0];
        foreach (var name in new[] { "id", "name", "size", "revenueShare", "featureMeans" }) Assert.True(segment.TryGetProperty(name, out _), name);
        Assert.True(segment.GetProperty("featureMeans").TryGetProperty("recency_days", out _));
        var customer = root.GetProperty("customers")[0];
        Assert.Equal("C0", customer.GetProperty("customer").GetString());
        Assert.Equal(JsonValueKind.Number, customer.GetProperty("segment").ValueKind);
        Assert.False(root.TryGetProperty("kScores", out _));
        Assert.False(root.TryGetProperty("eps", out _));
    }
}
