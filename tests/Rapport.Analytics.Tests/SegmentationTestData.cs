using System.Globalization;
using Rapport.Analytics.Segmentation;

namespace Rapport.Analytics.Tests;

/// <summary>Parsers for <see cref="SegmentationFixtures"/> and small synthetic data sets for the segmentation tests.</summary>
internal static class SegmentationTestData
{
    public static FeatureMatrix Matrix(string csv)
    {
        var rows = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var d = rows[0].Split(',').Length;
        var values = new double[rows.Length * d];
        for (var i = 0; i < rows.Length; i++)
        {
            var cells = rows[i].Split(',');
            for (var j = 0; j < d; j++) values[i * d + j] = double.Parse(cells[j], CultureInfo.InvariantCulture);
        }

        return new FeatureMatrix(values, rows.Length, d);
    }

    public static int[] Ints(string text) =>
        text.Split(',', StringSplitOptions.TrimEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();

    public static double[] Doubles(string text) =>
        text.Split(',', StringSplitOptions.TrimEntries).Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();

    public static double Double(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    /// <summary>Isotropic Gaussian blobs: <paramref name="perCluster"/> rows around each centre, with the true labels.</summary>
    public static (FeatureMatrix Matrix, int[] Truth) Blobs(double[][] centres, int perCluster, double std, int seed)
    {
        var rng = new Random(seed);
        var d = centres[0].Length;
        var n = centres.Length * perCluster;
        var values = new double[n * d];
        var truth = new int[n];
        var order = Enumerable.Range(0, n).OrderBy(_ => rng.Next()).ToArray(); // interleave the clusters
        for (var r = 0; r < n; r++)
        {
            var c = r / perCluster;
            var i = order[r];
            truth[i] = c;
            for (var j = 0; j < d; j++) values[i * d + j] = centres[c][j] + std * Normal(rng);
        }

        return (new FeatureMatrix(values, n, d), truth);
    }

    public static double Normal(Random rng)
    {
        var u1 = 1.0 - rng.NextDouble();
        var u2 = rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
