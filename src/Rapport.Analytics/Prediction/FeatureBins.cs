namespace Rapport.Analytics.Prediction;

/// <summary>
/// Per feature, at most 64 ordered bins with cut points halfway between neighbouring distinct values (quantile bins
/// when there are more distinct values), so a tree finds splits from histograms in one pass over the rows.
/// </summary>
internal sealed class FeatureBins
{
    public const int MaxBins = 64;

    private FeatureBins(float[][] cuts) => Cuts = cuts;

    /// <summary>[feature][k]: rows with value ≤ Cuts[k] fall in bins 0..k.</summary>
    public float[][] Cuts { get; }

    public static FeatureBins Build(float[][] x, int[] rows, int width)
    {
        var cuts = new float[width][];
        var values = new float[rows.Length];
        for (var j = 0; j < width; j++)
        {
            for (var i = 0; i < rows.Length; i++) values[i] = x[rows[i]][j];
            Array.Sort(values);
            var distinct = new List<float>();
            foreach (var v in values) if (distinct.Count == 0 || v != distinct[^1]) distinct.Add(v);
            var list = new List<float>();
            if (distinct.Count <= MaxBins)
            {
                for (var k = 0; k + 1 < distinct.Count; k++) list.Add((distinct[k] + distinct[k + 1]) / 2);
            }
            else
            {
                // Quantile cuts: after the value at each 1/MaxBins position, halfway to the next larger value.
                for (var q = 1; q < MaxBins; q++)
                {
                    var v = values[(int)((long)q * values.Length / MaxBins)];
                    var upper = values.AsSpan().LastIndexOf(v);
                    if (upper + 1 >= values.Length) continue;
                    var cut = (v + values[upper + 1]) / 2;
                    if (list.Count == 0 || cut > list[^1]) list.Add(cut);
                }
            }
            cuts[j] = list.ToArray();
        }
        return new FeatureBins(cuts);
    }

    /// <summary>Bin index of every row for every feature: [row][feature].</summary>
    public byte[][] Assign(float[][] x, int[] rows)
    {
        var bins = new byte[x.Length][];
        foreach (var i in rows)
        {
            var b = new byte[Cuts.Length];
            for (var j = 0; j < Cuts.Length; j++) b[j] = (byte)BinOf(j, x[i][j]);
            bins[i] = b;
        }
        return bins;
    }

    private int BinOf(int feature, float value)
    {
        var c = Cuts[feature];
        int lo = 0, hi = c.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >> 1;
            if (value <= c[mid]) hi = mid; else lo = mid + 1;
        }
        return lo;
    }
}
