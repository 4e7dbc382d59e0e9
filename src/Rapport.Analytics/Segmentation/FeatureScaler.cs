namespace Rapport.Analytics.Segmentation;

/// <summary>When to log-transform a column before standardising it.</summary>
public enum LogTransformMode
{
    /// <summary>Log-transform the columns whose skewness exceeds <see cref="FeatureScalingOptions.SkewThreshold"/>.</summary>
    Auto,
    /// <summary>Never log-transform (plain z-scores).</summary>
    Never,
    /// <summary>Log-transform every column.</summary>
    Always,
}

/// <summary>Options of <see cref="FeatureScaler.Fit"/>.</summary>
/// <param name="LogTransform">Which columns get <c>log1p</c> before the z-score.</param>
/// <param name="SkewThreshold">
/// In <see cref="LogTransformMode.Auto"/>, a column is log-transformed when its sample skewness (the biased
/// Fisher–Pearson coefficient g1 = m3 / m2^1.5, as <c>scipy.stats.skew</c>) is greater than this (default 1:
/// a common rule of thumb for "highly skewed"). Only right skew counts: log compresses long right tails
/// (monetary, frequency) and would make a left-skewed column worse.
/// </param>
public sealed record FeatureScalingOptions(LogTransformMode LogTransform = LogTransformMode.Auto, double SkewThreshold = 1.0);

/// <summary>
/// A fitted feature transformation: optional <c>log1p</c> per column, then a z-score
/// (x − mean) / std with the population standard deviation (ddof = 0, as scikit-learn's StandardScaler).
/// It remembers every mean and standard deviation, so standardised centroids can be mapped back to
/// original units with <see cref="InverseTransform(ReadOnlySpan{double}, Span{double})"/>.
/// </summary>
/// <remarks>
/// Customer features are non-negative (days, counts, amounts). A log-transformed column that still holds
/// negative values (net refunds) uses the signed form sign(x)·log1p(|x|), which is continuous, monotone and
/// equal to log1p on x ≥ 0. A constant column (std 0) is given std 1, so it becomes all zeros and plays no part.
/// </remarks>
/// <param name="ColumnNames">Names of the columns, as in the fitted matrix.</param>
/// <param name="Skewness">Skewness g1 of each original column.</param>
/// <param name="LogTransformed">Whether each column is log-transformed.</param>
/// <param name="Means">Mean of each (possibly log-transformed) column.</param>
/// <param name="StdDevs">Population standard deviation of each (possibly log-transformed) column (1 when it was 0).</param>
public sealed record FeatureScaler(
    IReadOnlyList<string> ColumnNames,
    IReadOnlyList<double> Skewness,
    IReadOnlyList<bool> LogTransformed,
    IReadOnlyList<double> Means,
    IReadOnlyList<double> StdDevs)
{
    private const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>Decides the log columns and learns the means and standard deviations of <paramref name="matrix"/>.</summary>
    public static FeatureScaler Fit(FeatureMatrix matrix, FeatureScalingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        options ??= new FeatureScalingOptions();
        if (matrix.Rows == 0) throw new ArgumentException("Cannot fit a feature scaler on an empty matrix.", nameof(matrix));
        var d = matrix.Columns;
        var skew = new double[d];
        var log = new bool[d];
        var means = new double[d];
        var stds = new double[d];
        for (var j = 0; j < d; j++)
        {
            var column = matrix.Column(j);
            skew[j] = ComputeSkewness(column);
            log[j] = options.LogTransform switch
            {
                LogTransformMode.Always => true,
                LogTransformMode.Never => false,
                _ => skew[j] > options.SkewThreshold,
            };
            if (log[j])
            {
                for (var i = 0; i < column.Length; i++) column[i] = SignedLog1P(column[i]);
            }

            var (mean, std) = MeanAndStd(column);
            means[j] = mean;
            // As scikit-learn's StandardScaler: a std at rounding level of the mean counts as zero.
            stds[j] = std > 0 && std > 10 * MachineEpsilon * Math.Abs(mean) ? std : 1.0;
        }

        return new FeatureScaler(matrix.ColumnNames.ToArray(), skew, log, means, stds);
    }

    /// <summary>Fits on <paramref name="matrix"/> and returns the scaler with the standardised matrix.</summary>
    public static (FeatureScaler Scaler, FeatureMatrix Standardised) FitTransform(FeatureMatrix matrix, FeatureScalingOptions? options = null)
    {
        var scaler = Fit(matrix, options);
        return (scaler, scaler.Transform(matrix));
    }

    /// <summary>Applies the transformation to a matrix with the same columns (a new matrix).</summary>
    public FeatureMatrix Transform(FeatureMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var d = ColumnNames.Count;
        if (matrix.Columns != d) throw new ArgumentException($"The scaler was fitted on {d} columns, the matrix has {matrix.Columns}.", nameof(matrix));
        var source = matrix.Values;
        var result = new double[source.Length];
        for (var i = 0; i < source.Length; i += d)
        {
            TransformRow(source.AsSpan(i, d), result.AsSpan(i, d));
        }

        return new FeatureMatrix(result, matrix.Rows, d, matrix.ColumnNames);
    }

    /// <summary>Transforms one row of original values into standardised values.</summary>
    public void TransformRow(ReadOnlySpan<double> original, Span<double> standardised)
    {
        for (var j = 0; j < original.Length; j++)
        {
            var x = LogTransformed[j] ? SignedLog1P(original[j]) : original[j];
            standardised[j] = (x - Means[j]) / StdDevs[j];
        }
    }

    /// <summary>
    /// Maps a standardised point (e.g. a centroid) back to original units. For a log-transformed column this
    /// gives expm1 of the mean log, a geometric-type mean, which is smaller than the arithmetic mean of the
    /// cluster's members; segment profiles therefore report member means in original units instead.
    /// </summary>
    public void InverseTransform(ReadOnlySpan<double> standardised, Span<double> original)
    {
        for (var j = 0; j < standardised.Length; j++)
        {
            var x = standardised[j] * StdDevs[j] + Means[j];
            original[j] = LogTransformed[j] ? SignedExpM1(x) : x;
        }
    }

    /// <summary>Biased sample skewness g1 = m3 / m2^1.5 (0 for a constant column), as <c>scipy.stats.skew</c>.</summary>
    public static double ComputeSkewness(ReadOnlySpan<double> values)
    {
        if (values.Length == 0) return 0;
        var mean = 0.0;
        foreach (var v in values) mean += v;
        mean /= values.Length;
        double m2 = 0, m3 = 0;
        foreach (var v in values)
        {
            var e = v - mean;
            m2 += e * e;
            m3 += e * e * e;
        }

        m2 /= values.Length;
        m3 /= values.Length;
        // Relative threshold: a column constant up to rounding has no meaningful skew.
        return m2 <= 1e-24 * Math.Max(1.0, mean * mean) ? 0.0 : m3 / Math.Pow(m2, 1.5);
    }

    /// <summary>sign(x)·log1p(|x|): log1p on x ≥ 0, extended oddly to negative values.</summary>
    public static double SignedLog1P(double x) => x >= 0 ? double.LogP1(x) : -double.LogP1(-x);

    private static double SignedExpM1(double y) => y >= 0 ? double.ExpM1(y) : -double.ExpM1(-y);

    private static (double Mean, double Std) MeanAndStd(ReadOnlySpan<double> values)
    {
        var mean = 0.0;
        foreach (var v in values) mean += v;
        mean /= values.Length;
        var ss = 0.0;
        foreach (var v in values)
        {
            var e = v - mean;
            ss += e * e;
        }

        return (mean, Math.Sqrt(ss / values.Length));
    }
}
