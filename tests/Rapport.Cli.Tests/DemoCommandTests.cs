using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Rapport.Cli.Tests;

public sealed class DemoCommandTests
{
    [Fact]
    public async Task Demo_writes_one_csv_per_entity_and_the_truth()
    {
        using var folder = new TempFolder();
        var result = await CliRunner.RunAsync("demo", "--customers", "300", "--seed", "7", "--out", folder.Path);
        Assert.Equal(0, result.ExitCode);
        foreach (var file in new[] { "customers.csv", "orders.csv", "order_lines.csv", "products.csv", "tickets.csv", "campaigns.csv", "truth.json" })
            Assert.True(File.Exists(folder.File(file)), $"{file} missing");
        Assert.Equal(301, File.ReadLines(folder.File("customers.csv")).Count()); // header + 300
        using var truth = JsonDocument.Parse(await File.ReadAllTextAsync(folder.File("truth.json")));
        Assert.Equal(JsonValueKind.Object, truth.RootElement.ValueKind);
    }

    [Fact]
    public async Task Demo_loads_into_the_configured_sqlite_database_once()
    {
        using var folder = new TempFolder();
        var file = folder.File("demo.db");
        using var _ = CliRunner.Environment(("Rapport__Database__Provider", "Sqlite"), ("Rapport__Database__ConnectionString", $"Data Source={file}"));

        var first = await CliRunner.RunAsync("demo", "--customers", "200", "--load");
        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Equal(200L, await CountCustomersAsync(new SqliteConnection($"Data Source={file}")));

        var second = await CliRunner.RunAsync("demo", "--customers", "200", "--load");
        Assert.Equal(1, second.ExitCode);
        Assert.Contains("already holds", second.Error);
        Assert.Equal(200L, await CountCustomersAsync(new SqliteConnection($"Data Source={file}")));
    }

    [Fact]
    public async Task Demo_loads_into_postgresql_chosen_by_configuration_alone()
    {
        var server = Environment.GetEnvironmentVariable("RAPPORT_TEST_PG")
            ?? throw new InvalidOperationException("RAPPORT_TEST_PG is not set: run ./scripts/test, which starts a throwaway PostgreSQL.");
        var name = $"rapport_cli_{Guid.NewGuid():N}";
        await ExecuteAsync(server, $"CREATE DATABASE \"{name}\"");
        try
        {
            var database = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
            using var _ = CliRunner.Environment(("Rapport__Database__Provider", "postgres"), ("Rapport__Database__ConnectionString", database));
            var result = await CliRunner.RunAsync("demo", "--customers", "150", "--load");
            Assert.True(result.ExitCode == 0, result.Error);
            Assert.Equal(150L, await CountCustomersAsync(new NpgsqlConnection(database)));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        }
    }

    private static async Task<long> CountCustomersAsync(System.Data.Common.DbConnection connection)
    {
        await using (connection)
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM customers";
            return Convert.ToInt64(await command.ExecuteScalarAsync());
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
