namespace Rapport.Analytics.Segmentation;

/// <summary>
/// A dense feature matrix of <see cref="Rows"/> customers × <see cref="Columns"/> features, stored
/// row-major in one <see cref="Values"/> array: the value of row <c>i</c>, column <c>j</c> is
/// <c>Values[i * Columns + j]</c>. Every clustering routine in this namespace takes this type; it never
/// copies or changes the array it wraps (transformations return a new matrix).
/// </summary>
public sealed class FeatureMatrix
{
    /// <summary>Wraps <paramref name="values"/> (not copied) as <paramref name="rows"/> × <paramref name="columns"/>.</summary>
    /// <param name="values">Row-major values; length must be rows × columns; NaN and infinities are refused.</param>
    /// <param name="rows">Number of rows (customers).</param>
    /// <param name="columns">Number of columns (features), at least 1.</param>
    /// <param name="columnNames">Optional names, one per column; default <c>x0, x1, …</c>.</param>
    public FeatureMatrix(double[] values, int rows, int columns, IReadOnlyList<string>? columnNames = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        if ((long)rows * columns != values.Length)
            throw new ArgumentException($"A {rows} × {columns} matrix needs {(long)rows * columns} values, got {values.Length}.", nameof(values));
        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
                throw new ArgumentException($"Feature matrix value at row {i / columns}, column {i % columns} is {values[i]}; only finite numbers are allowed.", nameof(values));
        }

        if (columnNames is not null && columnNames.Count != columns)
            throw new ArgumentException($"{columnNames.Count} column names given for {columns} columns.", nameof(columnNames));
        Values = values;
        Rows = rows;
        Columns = columns;
        ColumnNames = columnNames ?? Enumerable.Range(0, columns).Select(j => "x" + j).ToArray();
    }

    /// <summary>Row-major values (row i, column j at <c>i * Columns + j</c>).</summary>
    public double[] Values { get; }

    public int Rows { get; }

    public int Columns { get; }

    public IReadOnlyList<string> ColumnNames { get; }

    public double this[int row, int column] => Values[row * Columns + column];

    /// <summary>The values of one row.</summary>
    public ReadOnlySpan<double> Row(int row) => Values.AsSpan(row * Columns, Columns);

    /// <summary>A copy of one column.</summary>
    public double[] Column(int column)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(column);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(column, Columns);
        var result = new double[Rows];
        for (var i = 0; i < Rows; i++) result[i] = Values[i * Columns + column];
        return result;
    }

    /// <summary>Index of the column with this name (ordinal, case-insensitive), or -1.</summary>
    public int IndexOf(string columnName)
    {
        for (var j = 0; j < Columns; j++)
        {
            if (string.Equals(ColumnNames[j], columnName, StringComparison.OrdinalIgnoreCase)) return j;
        }

        return -1;
    }

    /// <summary>Builds a matrix from equally long columns (copied).</summary>
    public static FeatureMatrix FromColumns(IReadOnlyList<string> names, IReadOnlyList<double[]> columns)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0) throw new ArgumentException("At least one column is needed.", nameof(columns));
        if (names.Count != columns.Count) throw new ArgumentException($"{names.Count} names for {columns.Count} columns.", nameof(names));
        var rows = columns[0].Length;
        for (var j = 1; j < columns.Count; j++)
        {
            if (columns[j].Length != rows)
                throw new ArgumentException($"Column '{names[j]}' has {columns[j].Length} values, column '{names[0]}' has {rows}.", nameof(columns));
        }

        var d = columns.Count;
        var values = new double[rows * d];
        for (var j = 0; j < d; j++)
        {
            var column = columns[j];
            for (var i = 0; i < rows; i++) values[i * d + j] = column[i];
        }

        return new FeatureMatrix(values, rows, d, names.ToArray());
    }

    /// <summary>Builds a matrix from a rectangular array (copied).</summary>
    public static FeatureMatrix FromArray(double[,] values, IReadOnlyList<string>? columnNames = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        int n = values.GetLength(0), d = values.GetLength(1);
        var flat = new double[n * d];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < d; j++) flat[i * d + j] = values[i, j];
        }

        return new FeatureMatrix(flat, n, d, columnNames);
    }

    /// <summary>The rows at <paramref name="rowIndexes"/>, in that order (copied).</summary>
    public FeatureMatrix SelectRows(ReadOnlySpan<int> rowIndexes)
    {
        var d = Columns;
        var values = new double[rowIndexes.Length * d];
        for (var r = 0; r < rowIndexes.Length; r++)
        {
            Values.AsSpan(rowIndexes[r] * d, d).CopyTo(values.AsSpan(r * d, d));
        }

        return new FeatureMatrix(values, rowIndexes.Length, d, ColumnNames);
    }
}
