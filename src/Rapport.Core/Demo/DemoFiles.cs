using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Rapport.Core.Demo;

/// <summary>Writes a demo data set as one CSV file per table (snake_case names, e.g. order_lines.csv) plus truth.json.</summary>
public static class DemoFiles
{
    public const string TruthFileName = "truth.json";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Options truth.json is written and read with (camelCase; Unicode and punctuation left readable, it is not embedded in HTML).</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    /// <summary>Writes (overwrites) the files into <paramref name="directory"/>, creating it when needed.</summary>
    public static void Write(DemoDataSet data, string directory)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory.CreateDirectory(directory);
        Parallel.ForEach(data.TableList, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount) }, table =>
        {
            using var writer = new StreamWriter(Path.Combine(directory, table.Name + ".csv"), append: false, Utf8, bufferSize: 1 << 16);
            table.WriteCsv(writer);
        });
        using (var transactions = new StreamWriter(Path.Combine(directory, DemoTransactions.FileName), append: false, Utf8, bufferSize: 1 << 16))
            DemoTransactions.Write(data, transactions);
        WriteTruth(data.Truth, Path.Combine(directory, TruthFileName));
    }

    /// <summary>The file names <see cref="Write"/> creates, CSV files in foreign-key order, then truth.json.</summary>
    public static IReadOnlyList<string> FileNames(DemoDataSet data) => [.. data.TableList.Select(t => t.Name + ".csv"), DemoTransactions.FileName, TruthFileName];

    /// <summary>
    /// Writes truth.json: one top-level property per line, and large arrays (customers, tickets …) with one compact
    /// element per line, so the file stays small, diffable and readable.
    /// </summary>
    public static void WriteTruth(DemoTruth truth, string path)
    {
        ArgumentNullException.ThrowIfNull(truth);
        var root = JsonSerializer.SerializeToElement(truth, JsonOptions);
        using var writer = new StreamWriter(path, append: false, Utf8, bufferSize: 1 << 16) { NewLine = "\n" };
        writer.Write("{");
        var first = true;
        foreach (var property in root.EnumerateObject())
        {
            writer.Write(first ? "\n  " : ",\n  ");
            first = false;
            writer.Write(JsonSerializer.Serialize(property.Name, JsonOptions));
            writer.Write(": ");
            if (property.Value.ValueKind == JsonValueKind.Array && property.Value.GetArrayLength() > 0)
            {
                writer.Write("[");
                var firstItem = true;
                foreach (var item in property.Value.EnumerateArray())
                {
                    writer.Write(firstItem ? "\n    " : ",\n    ");
                    firstItem = false;
                    writer.Write(item.GetRawText());
                }
                writer.Write("\n  ]");
            }
            else
            {
                writer.Write(property.Value.GetRawText());
            }
        }
        writer.Write("\n}\n");
    }

    public static DemoTruth ReadTruth(string path)
    {
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<DemoTruth>(stream, JsonOptions)
               ?? throw new InvalidDataException($"{path}: the file holds no truth object.");
    }
}
