using Microsoft.Data.Sqlite;

namespace Rapport.Cli.Tests;

/// <summary>`rapport admin verify-audit` on a SQLite database written through the application.</summary>
public sealed class AdminCommandTests
{
    [Fact]
    public async Task Verify_audit_passes_on_an_untouched_log_and_names_an_edited_entry()
    {
        using var folder = new TempFolder();
        var file = folder.File("audit.db");
        using var _ = CliRunner.Environment(("Rapport__Database__Provider", "Sqlite"), ("Rapport__Database__ConnectionString", $"Data Source={file}"));

        // Start-up seeds the roles through the ORM, which writes the first audit entries.
        var clean = await CliRunner.RunAsync("admin", "verify-audit");
        Assert.True(clean.ExitCode == 0, clean.Error);
        Assert.Matches(@"Audit log intact: [1-9]\d* entries", clean.Output);

        await using (var connection = new SqliteConnection($"Data Source={file}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE audit_entries SET entity_id = '999' WHERE sequence = 2";
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }
        var broken = await CliRunner.RunAsync("admin", "verify-audit");
        Assert.Equal(2, broken.ExitCode);
        Assert.Contains("Audit log BROKEN", broken.Error, StringComparison.Ordinal);
        Assert.Contains("entry 2", broken.Error, StringComparison.Ordinal);
        Assert.Contains("hash mismatch", broken.Error, StringComparison.Ordinal);
    }
}
