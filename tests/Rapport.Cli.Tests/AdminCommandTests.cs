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

    [Fact]
    public async Task Verify_audit_reports_the_newest_entries_deleted()
    {
        using var folder = new TempFolder();
        var file = folder.File("truncated.db");
        using var _ = CliRunner.Environment(("Rapport__Database__Provider", "Sqlite"), ("Rapport__Database__ConnectionString", $"Data Source={file}"));
        Assert.Equal(0, (await CliRunner.RunAsync("admin", "verify-audit")).ExitCode);

        long last;
        await using (var connection = new SqliteConnection($"Data Source={file}"))
        {
            await connection.OpenAsync();
            await using var count = connection.CreateCommand();
            count.CommandText = "SELECT MAX(sequence) FROM audit_entries";
            last = (long)(await count.ExecuteScalarAsync())!;
            Assert.True(last >= 3);
            // Tail truncation: what is left still links from the first entry to the new last one.
            await using var delete = connection.CreateCommand();
            delete.CommandText = $"DELETE FROM audit_entries WHERE sequence > {last - 2}";
            Assert.Equal(2, await delete.ExecuteNonQueryAsync());
        }
        var broken = await CliRunner.RunAsync("admin", "verify-audit");
        Assert.Equal(2, broken.ExitCode);
        Assert.Contains($"entries {last - 1}–{last} are missing at the end of the log", broken.Error, StringComparison.Ordinal);
    }
}

/// <summary>`rapport privacy export|erase` on a demo loaded into SQLite.</summary>
public sealed class PrivacyCommandTests
{
    [Fact]
    public async Task Export_then_erase_with_confirmation()
    {
        using var folder = new TempFolder();
        var file = folder.File("privacy.db");
        using var _ = CliRunner.Environment(("Rapport__Database__Provider", "Sqlite"), ("Rapport__Database__ConnectionString", $"Data Source={file}"));
        var load = await CliRunner.RunAsync("demo", "--customers", "50", "--seed", "5", "--load");
        Assert.True(load.ExitCode == 0, load.Error);

        var export = folder.File("c1.json");
        var exported = await CliRunner.RunAsync("privacy", "export", "--customer", "1", "--out", export);
        Assert.True(exported.ExitCode == 0, exported.Error);
        using (var json = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(export)))
        {
            Assert.NotEqual("", json.RootElement.GetProperty("customer").GetProperty("firstName").GetString());
            Assert.NotEmpty(json.RootElement.GetProperty("orders").EnumerateArray());
        }

        var refused = await CliRunner.RunAsync("privacy", "erase", "--customer", "1");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("--confirm", refused.Error, StringComparison.Ordinal);

        var erased = await CliRunner.RunAsync("privacy", "erase", "--customer", "1", "--confirm");
        Assert.True(erased.ExitCode == 0, erased.Error);
        Assert.Contains("Erased customer 1", erased.Output, StringComparison.Ordinal);
        var again = await CliRunner.RunAsync("privacy", "erase", "--customer", "1", "--confirm");
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already erased", again.Error, StringComparison.Ordinal);
        var missing = await CliRunner.RunAsync("privacy", "export", "--customer", "999999", "--out", folder.File("x.json"));
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("No customer with id 999999", missing.Error, StringComparison.Ordinal);
        Assert.Equal(0, (await CliRunner.RunAsync("admin", "verify-audit")).ExitCode);
    }
}

/// <summary>`rapport admin token create|list|revoke` and `rapport admin reset-password`.</summary>
public sealed class TokenCommandTests
{
    [Fact]
    public async Task Tokens_and_password_reset_by_an_admin()
    {
        using var folder = new TempFolder();
        var file = folder.File("tokens.db");
        using var _ = CliRunner.Environment(("Rapport__Database__Provider", "Sqlite"), ("Rapport__Database__ConnectionString", $"Data Source={file}"));
        var load = await CliRunner.RunAsync("demo", "--customers", "30", "--seed", "2", "--load");
        Assert.True(load.ExitCode == 0, load.Error);
        // The demo staff: a sales user may not hand out more than sales holds.
        string salesUser;
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT u.user_name FROM \"AspNetUsers\" u JOIN \"AspNetUserRoles\" ur ON ur.user_id = u.id JOIN \"AspNetRoles\" r ON r.id = ur.role_id WHERE r.name = 'Sales' ORDER BY u.id LIMIT 1";
            salesUser = (string)(await command.ExecuteScalarAsync())!;
        }
        var tooMuch = await CliRunner.RunAsync("admin", "token", "create", "--user", salesUser, "--scopes", "users.manage");
        Assert.Equal(1, tooMuch.ExitCode);
        Assert.Contains("does not hold users.manage", tooMuch.Error, StringComparison.Ordinal);

        var created = await CliRunner.RunAsync("admin", "token", "create", "--user", salesUser, "--scopes", "customers.read,sales.manage", "--days", "7");
        Assert.True(created.ExitCode == 0, created.Error);
        var token = created.Output.Split('\n').Single(l => l.StartsWith("rpt_", StringComparison.Ordinal)).Trim();
        var listed = await CliRunner.RunAsync("admin", "token", "list");
        Assert.Contains("customers.read sales.manage", listed.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(token, listed.Output, StringComparison.Ordinal);
        Assert.Equal(0, (await CliRunner.RunAsync("admin", "token", "revoke", "--id", "1")).ExitCode);
        Assert.Contains("revoked", (await CliRunner.RunAsync("admin", "token", "list")).Output, StringComparison.Ordinal);
        Assert.Equal(1, (await CliRunner.RunAsync("admin", "token", "revoke", "--id", "1")).ExitCode);

        // Password reset by an admin: a one-time password that must be changed, stored only as a hash; a lost
        // authenticator no longer locks the user out.
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"UPDATE \"AspNetUsers\" SET two_factor_enabled = 1 WHERE user_name = '{salesUser}'";
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }
        var reset = await CliRunner.RunAsync("admin", "reset-password", "--user", salesUser);
        Assert.True(reset.ExitCode == 0, reset.Error);
        var password = reset.Output.Trim().Split(' ').Last();
        Assert.Equal(16, password.Length);
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT password_hash, must_change_password, two_factor_enabled FROM \"AspNetUsers\" WHERE user_name = '{salesUser}'";
            await using var reader = await command.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.False(reader.IsDBNull(0));
            Assert.DoesNotContain(password, reader.GetString(0), StringComparison.Ordinal);
            Assert.True(reader.GetBoolean(1));
            Assert.False(reader.GetBoolean(2));
        }
        var unknown = await CliRunner.RunAsync("admin", "reset-password", "--user", "nobody-here");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("No user 'nobody-here'", unknown.Error, StringComparison.Ordinal);
    }
}
