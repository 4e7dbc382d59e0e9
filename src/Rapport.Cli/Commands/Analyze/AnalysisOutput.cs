using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Rapport.Analytics;
using Rapport.Analytics.Transactions;

namespace Rapport.Cli.Commands.Analyze;

/// <summary>Writes an analysis result as JSON with the shared <c>dataQuality</c> block first; all or nothing (temp file, then rename).</summary>
internal static class AnalysisOutput
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // Output files, not HTML: keep "7+", accents and Chinese readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static void WriteJson<T>(string path, DataQualityReport? quality, T result)
    {
        var node = JsonSerializer.SerializeToNode(result, Json) as JsonObject
                   ?? throw new InvalidOperationException("analysis result is not a JSON object");
        var output = new JsonObject();
        if (quality is not null) output["dataQuality"] = JsonNode.Parse(DataQualityJson.ToJson(quality));
        foreach (var (name, value) in node.ToList())
        {
            if (name == "dataQuality") continue;
            node.Remove(name);
            output[name] = value;
        }
        WriteAtomically(path, stream =>
        {
            using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = Json.Encoder });
            output.WriteTo(writer);
        });
    }

    /// <summary>Writes a finished text (JSON, HTML) as UTF-8, all or nothing.</summary>
    public static void WriteText(string path, string text) => WriteAtomically(path, stream => stream.Write(System.Text.Encoding.UTF8.GetBytes(text)));

    /// <summary>Writes through <see cref="AtomicFile"/>, so a failure never leaves half a file; a missing folder is bad input.</summary>
    public static void WriteAtomically(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        if (!Directory.Exists(Path.GetDirectoryName(full))) throw new CliInputException($"{full}: the output folder does not exist (--out).");
        AtomicFile.Write(full, write);
    }

    public static string Extension(FileInfo file) => file.Extension.ToLowerInvariant();
}
