using System.Globalization;
using System.Text;
using Rapport.Analytics.Rfm;
using Rapport.Analytics.Transactions.Parsing;

namespace Rapport.Analytics.Tests;

/// <summary>The byte-level pieces of the reader against the framework's own parsers.</summary>
public class TransactionsParsingTests
{
    [Fact]
    public void Number_parser_agrees_with_double_parse()
    {
        var rng = new Random(11);
        var samples = new List<string> { "0", "-0", "0.0", "1.", ".5", "-.5", "007.50", "123456789012345", "1234567890123456789",
            "0.1", "0.7", "2.675", "1e3", "1.5E-3", "-2.55", "99999999.99", "4.35", "0.000001", "1e22", "1e23", "9007199254740993" };
        for (int i = 0; i < 20_000; i++)
        {
            samples.Add((rng.Next(-100_000, 100_000) / 100.0).ToString("0.##", CultureInfo.InvariantCulture));
            samples.Add((rng.NextDouble() * Math.Pow(10, rng.Next(-6, 12))).ToString("R", CultureInfo.InvariantCulture));
        }
        foreach (var text in samples)
        {
            Assert.True(NumberParser.TryParse(Encoding.ASCII.GetBytes(text), false, out double v), text);
            Assert.Equal(double.Parse(text, CultureInfo.InvariantCulture), v);
        }
        foreach (var bad in new[] { "", "-", ".", "1.2.3", "1,5", "1e", "e5", "NaN", "Infinity", "1 2", "0x1F", "+-1", "1e400", "１２" })
            Assert.False(NumberParser.TryParse(Encoding.UTF8.GetBytes(bad), false, out _), bad);
        Assert.True(NumberParser.TryParse("12,50"u8, true, out double comma));
        Assert.Equal(12.5, comma);
    }

    [Fact]
    public void Date_parser_checks_the_calendar()
    {
        var auto = new DateParser(null);
        Assert.True(auto.TryParse("2024-02-29"u8, out int leap));
        Assert.Equal(new DateOnly(2024, 2, 29).DayNumber, leap);
        Assert.False(auto.TryParse("2023-02-29"u8, out _));
        Assert.False(auto.TryParse("2024-13-01"u8, out _));
        Assert.False(auto.TryParse("2024-01-01x"u8, out _));
        Assert.False(auto.TryParse("01/02/2024"u8, out _)); // ambiguous: needs a format
        Assert.False(auto.TryParse("20240230"u8, out _));
        Assert.True(auto.TryParse("19970101"u8, out int basic));
        Assert.Equal(new DateOnly(1997, 1, 1).DayNumber, basic);

        var us = new DateParser("M/d/yyyy h:mm tt");
        Assert.True(us.TryParse("12/1/2010 8:26 PM"u8, out int d));
        Assert.Equal(new DateOnly(2010, 12, 1).DayNumber, d);
        Assert.False(us.TryParse("13/1/2010 8:26 PM"u8, out _));
        Assert.Throws<FormatException>(() => new DateParser("yyyy-%"));
    }

    [Fact]
    public void Key_table_interns_in_order_of_first_appearance_with_either_path()
    {
        foreach (bool ascending in new[] { false, true })
        {
            var table = new KeyTable(42, 4, ascending);
            var keys = new List<string>();
            var rng = new Random(5);
            // Mostly increasing invoice-like keys, some repeats and some out of order, long and short.
            for (int i = 0; i < 50_000; i++)
            {
                string k = rng.Next(10) switch
                {
                    0 => "old-" + rng.Next(100),
                    1 => "a-rather-long-key-" + rng.Next(1000),
                    _ => (100_000 + i).ToString(CultureInfo.InvariantCulture),
                };
                keys.Add(k);
            }
            var expected = new Dictionary<string, int>();
            foreach (var k in keys)
            {
                var bytes = Encoding.ASCII.GetBytes(k);
                int index = table.GetOrAdd(bytes, table.Hash(bytes));
                if (!expected.TryGetValue(k, out int e)) expected[k] = e = expected.Count;
                Assert.Equal(e, index);
            }
            Assert.Equal(expected.Count, table.Count);
            var scratch = new byte[8];
            foreach (var (k, i) in expected) Assert.Equal(k, Encoding.ASCII.GetString(table.GetKey(i, scratch)));
        }
    }

    [Fact]
    public void Csv_money_columns_read_like_rounded_round_trip_numbers()
    {
        var rng = new Random(9);
        var src = new ListSource();
        var expected = new Dictionary<string, double>();
        for (int i = 0; i < 2000; i++)
        {
            double amount = Math.Round((rng.NextDouble() - 0.1) * Math.Pow(10, rng.Next(0, 7)), rng.Next(0, 4));
            if (amount == 0) amount = 0.01;
            string key = "k" + i;
            src.Add(key, "2024-01-01", amount, "o" + i);
            expected[key] = amount;
        }
        var result = RfmCalculator.Compute(src);
        using var ms = new MemoryStream();
        RfmWriter.WriteCsv(result, ms);
        var lines = Encoding.UTF8.GetString(ms.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1);
        foreach (var line in lines)
        {
            var f = line.Split(',');
            var c = result.Customers.Single(x => x.Customer == f[0]);
            Assert.Equal(Math.Round(c.Monetary, 2).ToString("R", CultureInfo.InvariantCulture), f[3]);
            Assert.Equal(Math.Round(c.PurchaseFrequency, 4).ToString("R", CultureInfo.InvariantCulture), f[9]);
        }
    }
}
