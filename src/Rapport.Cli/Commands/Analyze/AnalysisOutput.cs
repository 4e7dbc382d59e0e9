using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
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

    /// <summary>Writes to a temporary file beside the target and renames it, so a failure never leaves half a file.</summary>
    public static void WriteAtomically(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder)) throw new CliInputException($"{full}: the output folder does not exist (--out).");
        var temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var stream = File.Create(temp)) write(stream);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    public static string Extension(FileInfo file) => file.Extension.ToLowerInvariant();
}
