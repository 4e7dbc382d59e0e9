namespace Rapport.Analytics.Prediction;

/// <summary>
/// A trained prediction model ready to score new rows of the same shape (e.g. every current customer): the column
/// encodings and scaling learnt on the training part, the model, and its calibration. Rows get the same
/// probabilities and reasons as the test rows of the report.
/// </summary>
public sealed class PredictionScorer
{
    private readonly IReadOnlyList<string> _columns;
    private readonly List<FeatureColumn> _features;
    private readonly double[] _mean;
    private readonly double[] _std;
    private readonly IBinaryModel _model;
    private readonly (double A, double B) _platt;
    private readonly string? _idColumn;
    private readonly int _reasonsPerRow;
    private readonly int _width;

    internal PredictionScorer(IReadOnlyList<string> columns, List<FeatureColumn> features, double[] mean, double[] std, IBinaryModel model,
        (double A, double B) platt, string? idColumn, int reasonsPerRow)
    {
        _columns = columns;
        _features = features;
        _mean = mean;
        _std = std;
        _model = model;
        _platt = platt;
        _idColumn = idColumn;
        _reasonsPerRow = reasonsPerRow;
        _width = features.Sum(f => f.Width);
    }

    /// <summary>Columns the scored table must have (the features and the id column).</summary>
    public IReadOnlyList<string> RequiredColumns =>
        _features.Select(f => f.Name).Concat(_idColumn is null ? [] : [_idColumn]).ToList();

    /// <summary>Calibrated probabilities and reasons for every row of <paramref name="table"/> (the target column may be absent).</summary>
    /// <param name="actual">Known outcomes to carry into the rows, or null (then reported as false).</param>
    public IReadOnlyList<PredictionRow> Score(RawTable table, IReadOnlyList<bool>? actual = null)
    {
        var missing = RequiredColumns.Where(c => table.IndexOf(c) < 0).ToList();
        if (missing.Count > 0) throw new ArgumentException("The table to score lacks columns: " + string.Join(", ", missing));
        // Lay the rows out as the training table was, so the learnt encodings apply unchanged.
        var map = _columns.Select(table.IndexOf).ToArray();
        var rows = table.Rows.Select(r => map.Select(m => m < 0 ? "" : r[m]).ToArray()).ToList();
        var laidOut = new RawTable(_columns, rows);
        var indexes = Enumerable.Range(0, rows.Count).ToList();
        var x = FeatureEncoding.Encode(laidOut, indexes, _features, _width);
        FeatureEncoding.Standardise(x, _mean, _std, _width);
        var scores = _model.Score(x);
        var probabilities = scores.Select(s => BinaryMetrics.Sigmoid(_platt.A * s + _platt.B)).ToArray();
        int? id = _idColumn is null ? null : laidOut.IndexOf(_idColumn);
        var known = actual?.ToArray() ?? new bool[rows.Count];
        return RowExplainer.Explain(laidOut, indexes, id, _features, _model, x, scores, probabilities, known, _platt, _reasonsPerRow);
    }
}
