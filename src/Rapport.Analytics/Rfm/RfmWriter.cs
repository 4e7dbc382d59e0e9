using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using System.Text.Json;
using Rapport.Analytics.Transactions;

namespace Rapport.Analytics.Rfm;

/// <summary>
/// Writes an <see cref="RfmResult"/> as CSV (one row per customer, snake_case header as in the issue) or JSON
/// (<c>{ dataQuality, asOf, frequencyBasis, customersScored, customersWithoutPurchases, linesAfterAsOf, customers: [...], segments: [...] }</c>).
/// Money is rounded to <c>moneyDecimals</c> (default 2), purchase_frequency to 4 decimals, shares to 4 decimals.
/// CSV text cells are protected against formula injection (<see cref="CsvText"/>).
/// </summary>
public static class RfmWriter
{
    // Escapes quotes, control characters and HTML-sensitive characters, keeps letters of every script readable.
    private static readonly JavaScriptEncoder JsonEncoder = JavaScriptEncoder.Create(UnicodeRanges.All);

    public const string CsvHeader =
        "customer,recency_days,frequency,monetary,r_score,f_score,m_score,rfm_segment,avg_order_value,purchase_frequency,tenure_days";

    public static void WriteCsv(RfmResult result, Stream stream, int moneyDecimals = 2)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(stream);
        var w = new Utf8Buffer(stream);
        w.Ascii(CsvHeader);
        w.Byte((byte)'\n');
        foreach (var c in result.Customers)
        {
            w.Text(CsvText.Cell(c.Customer));
            w.Byte((byte)',');
            w.Number(c.RecencyDays);
            w.Byte((byte)',');
            w.Number(c.Frequency);
            w.Byte((byte)',');
            w.Fixed(c.Monetary, moneyDecimals);
            w.Byte((byte)',');
            w.Byte((byte)('0' + c.RScore));
            w.Byte((byte)',');
            w.Byte((byte)('0' + c.FScore));
            w.Byte((byte)',');
            w.Byte((byte)('0' + c.MScore));
            w.Byte((byte)',');
            w.Ascii(c.RfmSegment);
            w.Byte((byte)',');
            w.Fixed(c.AvgOrderValue, moneyDecimals);
            w.Byte((byte)',');
            w.Fixed(c.PurchaseFrequency, 4);
            w.Byte((byte)',');
            w.Number(c.TenureDays);
            w.Byte((byte)'\n');
        }
        w.Flush();
    }

    /// <summary>A small UTF-8 output buffer (no per-value strings for numbers).</summary>
    private sealed class Utf8Buffer(Stream stream)
    {
        private readonly byte[] _buf = new byte[1 << 16];
        private int _pos;

        private void Ensure(int bytes)
        {
            if (_pos + bytes > _buf.Length) Flush();
        }

        public void Flush()
        {
            stream.Write(_buf, 0, _pos);
            _pos = 0;
        }

        public void Byte(byte b)
        {
            Ensure(1);
            _buf[_pos++] = b;
        }

        public void Ascii(string s) => Text(s);

        public void Text(string s)
        {
            int max = Encoding.UTF8.GetMaxByteCount(s.Length);
            if (max > _buf.Length)
            {
                Flush();
                stream.Write(Encoding.UTF8.GetBytes(s));
                return;
            }
            Ensure(max);
            _pos += Encoding.UTF8.GetBytes(s, _buf.AsSpan(_pos));
        }

        public void Number(int v)
        {
            Ensure(16);
            System.Buffers.Text.Utf8Formatter.TryFormat(v, _buf.AsSpan(_pos), out int n);
            _pos += n;
        }

        private static readonly long[] Pow10 = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000];

        /// <summary>
        /// <paramref name="v"/> rounded to <paramref name="decimals"/> places, without trailing zeros: the same text as
        /// <c>Math.Round(v, decimals).ToString("R")</c>, by integer arithmetic.
        /// </summary>
        public void Fixed(double v, int decimals)
        {
            double r = Math.Round(v, decimals);
            if ((uint)decimals > 8 || Math.Abs(r) >= 1e13)
            {
                Number(r);
                return;
            }
            long scale = Pow10[decimals];
            long scaled = (long)Math.Round(r * scale);
            Ensure(40);
            var span = _buf.AsSpan(_pos);
            int n = 0;
            if (scaled < 0)
            {
                span[n++] = (byte)'-';
                scaled = -scaled;
            }
            long whole = scaled / scale, frac = scaled % scale;
            System.Buffers.Text.Utf8Formatter.TryFormat(whole, span[n..], out int w);
            n += w;
            if (frac != 0)
            {
                int digits = decimals;
                while (frac % 10 == 0)
                {
                    frac /= 10;
                    digits--;
                }
                span[n++] = (byte)'.';
                for (int k = digits - 1; k >= 0; k--)
                {
                    span[n + k] = (byte)('0' + frac % 10);
                    frac /= 10;
                }
                n += digits;
            }
            _pos += n;
        }

        public void Number(double v)
        {
            Ensure(40);
            if (v == 0) v = 0; // no "-0"
            v.TryFormat(_buf.AsSpan(_pos), out int n, "R", CultureInfo.InvariantCulture);
            _pos += n;
        }
    }

    public static void WriteJson(RfmResult result, Stream stream, bool indented = false, int moneyDecimals = 2)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(stream);
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented, Encoder = JsonEncoder });
        w.WriteStartObject();
        if (result.DataQuality is { } dq)
        {
            w.WritePropertyName("dataQuality");
            DataQualityJson.Write(w, dq);
        }
        else
        {
            w.WriteNull("dataQuality");
        }
        WriteSummary(w, result);
        w.WriteStartArray("customers");
        foreach (var c in result.Customers)
        {
            w.WriteStartObject();
            w.WriteString("customer", c.Customer);
            w.WriteNumber("recency_days", c.RecencyDays);
            w.WriteNumber("frequency", c.Frequency);
            w.WriteNumber("monetary", Math.Round(c.Monetary, moneyDecimals));
            w.WriteNumber("r_score", c.RScore);
            w.WriteNumber("f_score", c.FScore);
            w.WriteNumber("m_score", c.MScore);
            w.WriteString("rfm_segment", c.RfmSegment);
            w.WriteNumber("avg_order_value", Math.Round(c.AvgOrderValue, moneyDecimals));
            w.WriteNumber("purchase_frequency", Math.Round(c.PurchaseFrequency, 4));
            w.WriteNumber("tenure_days", c.TenureDays);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        WriteSegments(w, result);
        w.WriteEndObject();
    }

    /// <summary>
    /// Writes to <paramref name="path"/> by its extension (.csv or .json) through a temporary file, so that a failure
    /// leaves no half-written output. A CSV cannot hold the data-quality block: it goes next to it as
    /// <c>NAME.quality.json</c> (with the as-of day and the segment table).
    /// </summary>
    public static void WriteFile(RfmResult result, string path, int moneyDecimals = 2)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string ext = Path.GetExtension(path).ToLowerInvariant();
        if (ext is not (".csv" or ".json")) throw new ArgumentException($"Output '{path}' must end in .csv or .json.", nameof(path));
        if (ext == ".json")
        {
            AtomicFile.Write(path, s => WriteJson(result, s, indented: true, moneyDecimals));
            return;
        }
        string sidecar = Path.ChangeExtension(path, ".quality.json");
        AtomicFile.Write(path, s => WriteCsv(result, s, moneyDecimals), () => AtomicFile.Write(sidecar, s =>
        {
            using var w = new Utf8JsonWriter(s, new JsonWriterOptions { Indented = true, Encoder = JsonEncoder });
            w.WriteStartObject();
            if (result.DataQuality is { } dq)
            {
                w.WritePropertyName("dataQuality");
                DataQualityJson.Write(w, dq);
            }
            WriteSummary(w, result);
            WriteSegments(w, result);
            w.WriteEndObject();
        }));
    }

    private static void WriteSummary(Utf8JsonWriter w, RfmResult result)
    {
        w.WriteString("asOf", result.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        w.WriteString("frequencyBasis", result.FrequencyBasis);
        w.WriteNumber("customersScored", result.Customers.Count);
        w.WriteNumber("customersWithoutPurchases", result.CustomersWithoutPurchases);
        w.WriteNumber("linesAfterAsOf", result.LinesAfterAsOf);
    }

    private static void WriteSegments(Utf8JsonWriter w, RfmResult result)
    {
        w.WriteStartArray("segments");
        foreach (var s in result.Segments)
        {
            w.WriteStartObject();
            w.WriteString("name", s.Name);
            w.WriteNumber("customers", s.Customers);
            w.WriteNumber("share", Math.Round(s.Share, 4));
            w.WriteNumber("revenueShare", Math.Round(s.RevenueShare, 4));
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    /// <summary>Writes to a temporary file in the target's folder and moves it into place; <paramref name="beforeMove"/> runs before the move (a companion file).</summary>
}
