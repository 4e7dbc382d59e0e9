using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace Rapport.Cli.Tests;

/// <summary>`rapport admin rotate-keys` on a demo loaded into SQLite: every value moves to the new key, the old one retires.</summary>
public sealed class RotateKeysCommandTests
{
    [Fact]
    public async Task Rotation_re_encrypts_the_demo_under_a_new_key_and_later_commands_still_read_it()
    {
        using var folder = new TempFolder();
        var file = folder.File("rotate.db");
        using var _ = CliRunner.Environment(("Rapport__Database__Provider", "Sqlite"), ("Rapport__Database__ConnectionString", $"Data Source={file}"));
        var load = await CliRunner.RunAsync("demo", "--customers", "40", "--seed", "3", "--load");
        Assert.True(load.ExitCode == 0, load.Error);
        var before = await ContactValuesAsync(file);

        var rotated = await CliRunner.RunAsync("admin", "rotate-keys", "--index-key");
        Assert.True(rotated.ExitCode == 0, rotated.Error);
        Assert.Matches(@"contact_points: [\d,]+ rows checked, [\d,]+ values re-encrypted", rotated.Output);
        var key = Regex.Match(rotated.Output, @"Rotation finished: data key (?<id>[0-9a-f]{8}), index key (?<index>[0-9a-f]{8})");
        Assert.True(key.Success, rotated.Output);
        Assert.Contains("Retired: ", rotated.Output, StringComparison.Ordinal);

        var after = await ContactValuesAsync(file);
        Assert.Equal(before.Count, after.Count);
        Assert.All(after, v => Assert.StartsWith($"enc:v1:{key.Groups["id"].Value}:", v));
        Assert.All(before, v => Assert.DoesNotContain($"enc:v1:{key.Groups["id"].Value}:", v));

        // The rotation is in the audit log (key ids only) and the chain still verifies.
        Assert.Contains(await AuditDetailsAsync(file, "FieldKey"), d => d.Contains("rotate-keys", StringComparison.Ordinal) && d.Contains(key.Groups["id"].Value, StringComparison.Ordinal));
        var verified = await CliRunner.RunAsync("admin", "verify-audit");
        Assert.True(verified.ExitCode == 0, verified.Output + verified.Error);

        // A new process (new key ring, keys unprotected through Data Protection keys in the database) reads them.
        var export = folder.File("c1.json");
        var exported = await CliRunner.RunAsync("privacy", "export", "--customer", "1", "--out", export);
        Assert.True(exported.ExitCode == 0, exported.Error);
        using var json = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(export));
        Assert.Contains(json.RootElement.GetProperty("contactPoints").EnumerateArray(), p => p.GetProperty("value").GetString()!.Contains('@'));
    }

    private static async Task<List<string>> AuditDetailsAsync(string file, string entityType)
    {
        await using var connection = new SqliteConnection($"Data Source={file};Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT changes FROM audit_entries WHERE entity_type = $type";
        command.Parameters.AddWithValue("$type", entityType);
        var details = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) details.Add(reader.IsDBNull(0) ? "" : reader.GetString(0));
        return details;
    }

    private static async Task<List<string>> ContactValuesAsync(string file)
    {
        await using var connection = new SqliteConnection($"Data Source={file};Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM contact_points ORDER BY id";
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) values.Add(reader.GetString(0));
        return values;
    }
}
