namespace Rapport.Analytics.Recommendations;

/// <summary>A sparse matrix in compressed sparse row form: row r's entries are <c>Columns[RowStart[r]..RowStart[r+1]]</c>, columns ascending.</summary>
public sealed class CsrMatrix
{
    public CsrMatrix(int rows, int columns, int[] rowStart, int[] columnIndex, float[] values)
    {
        if (rowStart.Length != rows + 1) throw new ArgumentException("rowStart must have rows + 1 entries");
        if (columnIndex.Length != values.Length || rowStart[rows] != values.Length) throw new ArgumentException("column and value arrays must match rowStart");
        Rows = rows;
        ColumnCount = columns;
        RowStart = rowStart;
        Columns = columnIndex;
        Values = values;
    }

    public int Rows { get; }
    public int ColumnCount { get; }
    public int[] RowStart { get; }
    public int[] Columns { get; }
    public float[] Values { get; }
    public int NonZeros => Values.Length;

    public ReadOnlySpan<int> RowColumns(int row) => Columns.AsSpan(RowStart[row], RowStart[row + 1] - RowStart[row]);
    public ReadOnlySpan<float> RowValues(int row) => Values.AsSpan(RowStart[row], RowStart[row + 1] - RowStart[row]);
    public int RowLength(int row) => RowStart[row + 1] - RowStart[row];

    /// <summary>The value at (row, column), or 0.</summary>
    public float Get(int row, int column)
    {
        var i = RowColumns(row).BinarySearch(column);
        return i >= 0 ? Values[RowStart[row] + i] : 0f;
    }

    /// <summary>The transpose (columns become rows), in O(non-zeros); rows of the result stay sorted.</summary>
    public CsrMatrix Transpose()
    {
        var start = new int[ColumnCount + 1];
        foreach (var c in Columns) start[c + 1]++;
        for (var c = 0; c < ColumnCount; c++) start[c + 1] += start[c];
        var next = (int[])start.Clone();
        var cols = new int[NonZeros];
        var vals = new float[NonZeros];
        for (var r = 0; r < Rows; r++)
            for (var k = RowStart[r]; k < RowStart[r + 1]; k++)
            {
                var at = next[Columns[k]]++;
                cols[at] = r;
                vals[at] = Values[k];
            }
        return new CsrMatrix(ColumnCount, Rows, start, cols, vals);
    }
}
