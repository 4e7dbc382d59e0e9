using System.Text;

namespace Rapport.Analytics.Prediction;

/// <summary>Writes a <see cref="RawTable"/> as RFC-4180 CSV (fields with commas, quotes or line breaks quoted), LF line ends.</summary>
public static class TableWriter
{
    public static string ToCsv(RawTable table)
    {
        var sb = new StringBuilder();
        AppendRow(sb, table.Columns);
        foreach (var row in table.Rows) AppendRow(sb, row);
        return sb.ToString();
    }

    private static void AppendRow(StringBuilder sb, IReadOnlyList<string> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0) sb.Append(',');
            var cell = cells[i];
            if (cell.AsSpan().IndexOfAny(",\"\r\n") >= 0) sb.Append('"').Append(cell.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            else sb.Append(cell);
        }
        sb.Append('\n');
    }
}
