using Microsoft.Data.Sqlite;

namespace Rapport.Cli.Tests;

public sealed class InsightsCommandTests
{
    [Fact]
    public async Task Insights_refresh_scores_the_configured_database_and_reports_its_steps()
    {
        using var folder = new TempFolder();
        var file = folder.File("insights.db");
        using var _ = CliRunner.Environment(("Rapport__Database__Provider", "Sqlite"), ("Rapport__Database__ConnectionString", $"Data Source={file}"));
        var load = await CliRunner.RunAsync("demo", "--customers", "200", "--seed", "3", "--load");
        Assert.True(load.ExitCode == 0, load.Error);

        var result = await CliRunner.RunAsync("insights", "refresh", "--as-of", "2026-06-30");
        Assert.True(result.ExitCode == 0, result.Error + result.Output);
        Assert.Contains("[1/9] read", result.Output);
        Assert.Contains("[9/9] write", result.Output);
        Assert.Matches(@"Insights run \d+ finished", result.Output);

        await using var connection = new SqliteConnection($"Data Source={file}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(DISTINCT customer_id), MAX(model_version) FROM customer_insights WHERE kind = 'p_alive'";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.InRange(reader.GetInt64(0), 150, 200);
        Assert.EndsWith("data to 2026-06-30", reader.GetString(1));
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task Insights_refresh_rejects_a_malformed_date_with_exit_code_1()
    {
        var result = await CliRunner.RunAsync("insights", "refresh", "--as-of", "30/06/2026");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--as-of", result.Error);
    }
}
