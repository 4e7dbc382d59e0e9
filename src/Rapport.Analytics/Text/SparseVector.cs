namespace Rapport.Analytics.Text;

/// <summary>A sparse vector: feature indices in increasing order and their values (same length).</summary>
public readonly record struct SparseVector(int[] Indices, float[] Values)
{
    /// <summary>Number of stored (non-zero) entries.</summary>
    public int Count => Indices.Length;

    /// <summary>Sum of the squared values.</summary>
    public double SquaredNorm()
    {
        var s = 0.0;
        foreach (var v in Values) s += (double)v * v;
        return s;
    }

    /// <summary>Dot product with a dense vector.</summary>
    public double Dot(ReadOnlySpan<double> dense)
    {
        var s = 0.0;
        var idx = Indices;
        var val = Values;
        for (var k = 0; k < idx.Length; k++) s += val[k] * dense[idx[k]];
        return s;
    }
}
