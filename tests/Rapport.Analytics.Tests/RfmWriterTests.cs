using System.Text;
using System.Text.Json;
using Rapport.Analytics.Rfm;
using Rapport.Analytics.Transactions;

namespace Rapport.Analytics.Tests;

public class RfmWriterTests
{
    private static RfmResult Small() => RfmCalculator.Compute(ReaderExtensions.Open(TransactionsTestData.SmallFile));

    [Fact]
    public void Csv_has_the_issue_columns_and_rounded_values()
    {
        using var ms = new MemoryStream();
        RfmWriter.WriteCsv(Small(), ms);
        var lines = Encoding.UTF8.GetString(ms.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("customer,recency_days,frequency,monetary,r_score,f_score,m_score,rfm_segment,avg_order_value,purchase_frequency,tenure_days", lines[0]);
        Assert.Equal(5, lines.Length);
        Assert.Equal("C1,31,2,34,1,5,5,Cannot lose,17,0.6897,87", lines[1]);
        Assert.Equal("C2,12,2,20,4,4,4,Loyal,10,1.1765,51", lines[2]);
        Assert.Equal("C4,17,1,17.5,2,2,2,Hibernating,17.5,1,17", lines[3]);
        Assert.Equal("C5,1,1,10,5,1,1,New,10,1,1", lines[4]);
    }

    [Fact]
    public void Json_has_data_quality_as_of_customers_and_segments()
    {
        using var ms = new MemoryStream();
        RfmWriter.WriteJson(Small(), ms);
        using var doc = JsonDocument.Parse(ms.ToArray());
        var root = doc.RootElement;
        Assert.Equal(new[] { "dataQuality", "asOf", "frequencyBasis", "customersScored", "customersWithoutPurchases", "linesAfterAsOf", "customers", "segments" },
            root.EnumerateObject().Select(p => p.Name));
        var dq = root.GetProperty("dataQuality");
        Assert.Equal(15, dq.GetProperty("rowsRead").GetInt64());
        Assert.Equal(10, dq.GetProperty("rowsUsed").GetInt64());
        Assert.Equal(1, dq.GetProperty("rejected").GetProperty("zeroPrice").GetInt64());
        Assert.Equal(1, dq.GetProperty("returns").GetInt64());
        Assert.Equal("CustomerID", dq.GetProperty("columns").GetProperty("customer").GetString());
        Assert.Equal("2024-04-01", root.GetProperty("asOf").GetString());
        Assert.Equal(4, root.GetProperty("customersScored").GetInt32());
        var c1 = root.GetProperty("customers")[0];
        Assert.Equal("C1", c1.GetProperty("customer").GetString());
        Assert.Equal(31, c1.GetProperty("recency_days").GetInt32());
        Assert.Equal(34, c1.GetProperty("monetary").GetDouble());
        Assert.Equal("Cannot lose", c1.GetProperty("rfm_segment").GetString());
        Assert.Equal(0.6897, c1.GetProperty("purchase_frequency").GetDouble());
        var segments = root.GetProperty("segments");
        Assert.Equal(11, segments.GetArrayLength());
        Assert.Equal("Champions", segments[0].GetProperty("name").GetString());
        var cannotLose = segments.EnumerateArray().Single(s => s.GetProperty("name").GetString() == "Cannot lose");
        Assert.Equal(0.25, cannotLose.GetProperty("share").GetDouble());
        Assert.Equal(0.4172, cannotLose.GetProperty("revenueShare").GetDouble());
    }

    [Fact]
    public void WriteFile_writes_csv_with_a_quality_companion_or_one_json()
    {
        using var tmp = new TempDir();
        var result = Small();
        RfmWriter.WriteFile(result, tmp.File("rfm.csv"));
        Assert.Equal(new[] { "rfm.csv", "rfm.quality.json" }, Directory.GetFiles(tmp.Path).Select(Path.GetFileName).Order());
        using (var doc = JsonDocument.Parse(File.ReadAllBytes(tmp.File("rfm.quality.json"))))
        {
            Assert.Equal(5, doc.RootElement.GetProperty("dataQuality").GetProperty("rowsRejected").GetInt64());
            Assert.False(doc.RootElement.TryGetProperty("customers", out _));
        }
        RfmWriter.WriteFile(result, tmp.File("rfm.json"));
        Assert.Equal(3, Directory.GetFiles(tmp.Path).Length); // no temporary files left
        Assert.Throws<ArgumentException>(() => RfmWriter.WriteFile(result, tmp.File("rfm.txt")));
    }

    [Fact]
    public void Hostile_customer_keys_are_safe_in_csv_and_json()
    {
        var src = new ListSource()
            .Add("=cmd|' /C calc'!A0", "2024-01-01", 1, "1")
            .Add("a,\"b\"\nc", "2024-01-02", 2, "2")
            .Add("<script>", "2024-01-03", 3, "3");
        var result = RfmCalculator.Compute(src);
        using var csv = new MemoryStream();
        RfmWriter.WriteCsv(result, csv);
        var text = Encoding.UTF8.GetString(csv.ToArray());
        Assert.Contains("\n'=cmd|' /C calc'!A0,", text);
        Assert.Contains("\n\"a,\"\"b\"\"\nc\",", text);

        using var json = new MemoryStream();
        RfmWriter.WriteJson(result, json);
        var jsonText = Encoding.UTF8.GetString(json.ToArray());
        Assert.DoesNotContain("<script>", jsonText);
        using var doc = JsonDocument.Parse(json.ToArray());
        Assert.Equal(new[] { "=cmd|' /C calc'!A0", "a,\"b\"\nc", "<script>" },
            doc.RootElement.GetProperty("customers").EnumerateArray().Select(c => c.GetProperty("customer").GetString()));
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("dataQuality").ValueKind);
    }

    [Fact]
    public void Data_quality_json_round_trips_the_counts()
    {
        var reader = ReaderExtensions.Open(TransactionsTestData.SmallFile);
        reader.ReadAll();
        using var doc = JsonDocument.Parse(DataQualityJson.ToJson(reader.DataQuality!));
        var r = doc.RootElement;
        Assert.Equal(reader.DataQuality!.Rejected.Keys, r.GetProperty("rejected").EnumerateObject().Select(p => p.Name));
        Assert.Equal(81.5, r.GetProperty("totalAmount").GetDouble());
        Assert.Equal("2024-01-05", r.GetProperty("firstDate").GetString());
        Assert.Equal(JsonValueKind.Null, r.GetProperty("rejectsFile").ValueKind);
    }
}
