using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Rapport.Data;

namespace Rapport.Data.Tests;

/// <summary>A fresh, migrated database of one provider, with the app's services around it; dropped at the end.</summary>
public abstract class DatabaseFixture : IAsyncLifetime
{
    public ServiceProvider Services { get; private set; } = null!;
    public DatabaseOptions Options { get; private set; } = null!;

    protected abstract Task<DatabaseOptions> CreateDatabaseAsync();
    protected abstract Task DropDatabaseAsync();

    public async Task InitializeAsync()
    {
        Options = await CreateDatabaseAsync();
        Services = new ServiceCollection().AddLogging().AddRapportData(Options).BuildServiceProvider();
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Services.DisposeAsync();
        await DropDatabaseAsync();
    }

    public AsyncServiceScope Scope() => Services.CreateAsyncScope();
}

public sealed class SqliteDatabase : DatabaseFixture
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"rapport-test-{Guid.NewGuid():N}.db");

    protected override Task<DatabaseOptions> CreateDatabaseAsync()
        => Task.FromResult(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={_file}" });

    protected override Task DropDatabaseAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(_file + suffix);
        return Task.CompletedTask;
    }

    public string FilePath => _file;
}

public sealed class PostgresDatabase : DatabaseFixture
{
    private readonly string _name = $"rapport_test_{Guid.NewGuid():N}";
    private string _server = "";

    /// <summary>
    /// ./scripts/test starts a throwaway PostgreSQL and sets RAPPORT_TEST_PG; without it these tests fail
    /// rather than pass silently, because the PostgreSQL half of the suite is part of "done".
    /// </summary>
    public static string ServerConnectionString => Environment.GetEnvironmentVariable("RAPPORT_TEST_PG")
        ?? throw new InvalidOperationException("RAPPORT_TEST_PG is not set: run ./scripts/test, which starts a throwaway PostgreSQL.");

    protected override async Task<DatabaseOptions> CreateDatabaseAsync()
    {
        _server = ServerConnectionString;
        await ExecuteAsync($"CREATE DATABASE \"{_name}\"");
        var builder = new NpgsqlConnectionStringBuilder(_server) { Database = _name };
        return new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = builder.ConnectionString };
    }

    protected override async Task DropDatabaseAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
