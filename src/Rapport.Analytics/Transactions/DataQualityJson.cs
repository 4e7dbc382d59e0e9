using System.Text.Json;

namespace Rapport.Analytics.Transactions;

/// <summary>Writes a <see cref="DataQualityReport"/> as the <c>dataQuality</c> JSON block shared by every analysis output (camelCase names).</summary>
public static class DataQualityJson
{
    /// <summary>Writes the report as a JSON object (the caller writes the property name, e.g. <c>dataQuality</c>).</summary>
    public static void Write(Utf8JsonWriter writer, DataQualityReport report)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(report);
        writer.WriteStartObject();
        writer.WriteString("file", report.File);
        writer.WriteString("encoding", report.Encoding);
        writer.WriteString("delimiter", report.Delimiter);
        writer.WriteBoolean("hasHeader", report.HasHeader);
        writer.WriteStartObject("columns");
        foreach (var (role, column) in report.Columns) writer.WriteString(role, column);
        writer.WriteEndObject();
        writer.WriteString("columnsFoundBy", report.ColumnsFoundBy);
        if (report.DateFormat is null) writer.WriteNull("dateFormat");
        else writer.WriteString("dateFormat", report.DateFormat);
        writer.WriteNumber("rowsRead", report.RowsRead);
        writer.WriteNumber("rowsUsed", report.RowsUsed);
        writer.WriteNumber("rowsRejected", report.RowsRejected);
        writer.WriteStartObject("rejected");
        foreach (var (reason, count) in report.Rejected) writer.WriteNumber(reason, count);
        writer.WriteEndObject();
        writer.WriteNumber("returns", report.Returns);
        writer.WriteNumber("returnsAmount", Math.Round(report.ReturnsAmount, 2));
        writer.WriteNumber("zeroAmountLines", report.ZeroAmountLines);
        writer.WriteNumber("duplicateLines", report.DuplicateLines);
        writer.WriteNumber("missingItem", report.MissingItem);
        writer.WriteNumber("blankLines", report.BlankLines);
        writer.WriteNumber("totalAmount", Math.Round(report.TotalAmount, 2));
        writer.WriteNumber("customers", report.Customers);
        writer.WriteNumber("customersWithRowsUsed", report.CustomersWithRowsUsed);
        writer.WriteNumber("orders", report.Orders);
        writer.WriteNumber("items", report.Items);
        if (report.FirstDate is { } first) writer.WriteString("firstDate", first.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        else writer.WriteNull("firstDate");
        if (report.LastDate is { } last) writer.WriteString("lastDate", last.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        else writer.WriteNull("lastDate");
        if (report.RejectsFile is null) writer.WriteNull("rejectsFile");
        else writer.WriteString("rejectsFile", report.RejectsFile);
        writer.WriteEndObject();
    }

    /// <summary>The report as an indented JSON string.</summary>
    public static string ToJson(DataQualityReport report)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            Write(w, report);
        }
        return System.Text.Encoding.UTF8.GetString(ms.ToArray());
    }
}
