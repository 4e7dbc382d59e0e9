using System.Globalization;
using System.Security.Cryptography;
using CsvHelper;
using CsvHelper.Configuration;
using Rapport.Core.Demo;

namespace Rapport.Core.Tests.Demo;

public sealed class DemoFilesTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "rapport-demo-tests-" + Environment.ProcessId + "-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    private static Dictionary<string, string> Hashes(string directory)
        => Directory.GetFiles(directory).ToDictionary(f => Path.GetFileName(f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    [Fact]
    public void Same_options_give_byte_identical_files_and_another_seed_differs()
    {
        var options = new DemoOptions { Customers = 400, Seed = 5 };
        DemoFiles.Write(DemoGenerator.Generate(options), Path.Combine(_root, "a"));
        DemoFiles.Write(DemoGenerator.Generate(options), Path.Combine(_root, "b"));
        DemoFiles.Write(DemoGenerator.Generate(options with { Seed = 6 }), Path.Combine(_root, "c"));

        var a = Hashes(Path.Combine(_root, "a"));
        var b = Hashes(Path.Combine(_root, "b"));
        var c = Hashes(Path.Combine(_root, "c"));
        Assert.Equal(23, a.Count); // 21 tables, transactions.csv and truth.json
        Assert.Equal(a, b);
        foreach (var file in new[] { "customers.csv", "orders.csv", "order_lines.csv", "tickets.csv", "truth.json" })
            Assert.NotEqual(a[file], c[file]);
    }

    [Fact]
    public void Write_creates_one_csv_per_table_and_a_truth_that_parses_back()
    {
        var data = DemoGenerator.Generate(new DemoOptions { Customers = 500, Seed = 3 });
        var directory = Path.Combine(_root, "out");
        DemoFiles.Write(data, directory);

        var expected = data.Tables.Select(t => t.Name + ".csv").Append("transactions.csv").Append("truth.json").Order().ToList();
        Assert.Equal(expected, Directory.GetFiles(directory).Select(f => Path.GetFileName(f)).Order().ToList());
        Assert.Equal(expected, DemoFiles.FileNames(data).Order().ToList());
        Assert.Contains("order_lines.csv", expected);
        Assert.Contains("customers.csv", expected);

        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\n" };
        foreach (var (name, _, rows) in data.Tables)
        {
            var path = Path.Combine(directory, name + ".csv");
            using var reader = new CsvReader(new StreamReader(path), config);
            Assert.True(reader.Read());
            reader.ReadHeader();
            var header = reader.HeaderRecord!;
            Assert.Equal("id", header[0]);
            Assert.All(header, h => Assert.Matches("^[a-z0-9_]+$", h));
            var count = 0;
            while (reader.Read())
            {
                count++;
                Assert.Equal(count.ToString(CultureInfo.InvariantCulture), reader.GetField("id"));
            }
            Assert.Equal(((System.Collections.ICollection)rows).Count, count);
        }

        // Values are written in invariant culture, ISO-8601 UTC and by enum name.
        using (var reader = new CsvReader(new StreamReader(Path.Combine(directory, "orders.csv")), config))
        {
            reader.Read();
            reader.ReadHeader();
            reader.Read();
            var first = data.Orders[0];
            Assert.Equal(first.OrderedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), reader.GetField("ordered_at"));
            Assert.Equal(first.Status.ToString(), reader.GetField("status"));
            Assert.Equal(first.TotalAmount, decimal.Parse(reader.GetField("total_amount")!, CultureInfo.InvariantCulture));
            Assert.Equal(first.CustomerId.ToString(CultureInfo.InvariantCulture), reader.GetField("customer_id"));
        }
        var products = File.ReadAllText(Path.Combine(directory, "products.csv"));
        Assert.Contains("\"{\"\"", products);
        Assert.DoesNotContain("\r", File.ReadAllText(Path.Combine(directory, "tickets.csv")));

        var truth = DemoFiles.ReadTruth(Path.Combine(directory, "truth.json"));
        Assert.Equal(data.Truth.Options, truth.Options);
        Assert.Equal(data.Truth.WindowEnd, truth.WindowEnd);
        Assert.Equal(DateTimeKind.Utc, truth.WindowEnd.Kind);
        Assert.Equal(data.Truth.Customers, truth.Customers);
        Assert.Equal(data.Truth.Tickets, truth.Tickets);
        Assert.Equal(data.Truth.Deals, truth.Deals);
        Assert.Equal(data.Truth.Bundles.Select(b => (b.Name, string.Join(",", b.ProductIds), b.Probability)), truth.Bundles.Select(b => (b.Name, string.Join(",", b.ProductIds), b.Probability)));
        Assert.Equal(data.Truth.Segments.Select(s => s.Name), truth.Segments.Select(s => s.Name));
        Assert.Equal(data.Truth.Intents.Select(i => i.Name), truth.Intents.Select(i => i.Name));
        Assert.Equal(data.Truth.CampaignResponseModel.FrequencyCoefficient, truth.CampaignResponseModel.FrequencyCoefficient);
        Assert.Equal(data.Truth.DealWinModel.Intercept, truth.DealWinModel.Intercept);
        var text = File.ReadAllText(Path.Combine(directory, "truth.json"));
        Assert.Contains("\"customers\": [\n    {\"id\":1,", text);
        Assert.Contains("\"lambdaShape\"", text);
        Assert.Contains("\"campaignResponseModel\"", text);
    }
}
