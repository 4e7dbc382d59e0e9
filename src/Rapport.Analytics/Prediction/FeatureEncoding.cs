namespace Rapport.Analytics.Prediction;

/// <summary>Encodes typed columns into a dense matrix and standardises it with the training part's statistics.</summary>
internal static class FeatureEncoding
{
    public static float[][] Encode(RawTable t, IReadOnlyList<int> rows, IReadOnlyList<FeatureColumn> features, int width)
    {
        var x = new float[rows.Count][];
        for (var i = 0; i < rows.Count; i++)
        {
            x[i] = new float[width];
            foreach (var f in features) f.Encode(t.Rows[rows[i]][f.Source], x[i], 0);
        }
        return x;
    }

    public static (double[] Mean, double[] Std) Moments(float[][] x, int width)
    {
        var mean = new double[width];
        var std = new double[width];
        foreach (var row in x) for (var j = 0; j < width; j++) mean[j] += row[j];
        for (var j = 0; j < width; j++) mean[j] /= Math.Max(1, x.Length);
        foreach (var row in x) for (var j = 0; j < width; j++) { var d = row[j] - mean[j]; std[j] += d * d; }
        // A constant column keeps scale 1 so that standardising never divides by zero.
        for (var j = 0; j < width; j++) { std[j] = Math.Sqrt(std[j] / Math.Max(1, x.Length)); if (std[j] < 1e-12) std[j] = 1; }
        return (mean, std);
    }

    public static void Standardise(float[][] x, double[] mean, double[] std, int width)
    {
        foreach (var row in x) for (var j = 0; j < width; j++) row[j] = (float)((row[j] - mean[j]) / std[j]);
    }
}
