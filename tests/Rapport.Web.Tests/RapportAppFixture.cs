using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Rapport.Core.Domain;
using Rapport.Data;

namespace Rapport.Web.Tests;

/// <summary>
/// The real app (<see cref="RapportWebApp.Build"/> + <see cref="RapportWebApp.InitializeAsync"/>, as the CLI runs it)
/// on Kestrel at a random loopback port, against a fresh database with a small demo data set and an admin whose
/// one-time password is known. SQLite in a temporary file by default; PostgreSQL when RAPPORT_TEST_PG holds a
/// connection string (a database of its own is created and dropped).
/// </summary>
/// <remarks>
/// Started through RapportWebApp rather than WebApplicationFactory on purpose: the entry assembly is then the test
/// host, not Rapport.Web, which is exactly the situation of the CLI hosting the app (static assets must still be
/// served), and InitializeAsync needs the WebApplication itself.
/// </remarks>
public sealed class RapportAppFixture : IAsyncLifetime
{
    public const int DemoCustomers = 200;

    private readonly TestDatabase _database = TestDatabase.Create();
    private WebApplication? _app;
    private BrowserSession? _browser;

    public WebApplication App => _app ?? throw new InvalidOperationException("Not started.");
    public Uri BaseAddress { get; private set; } = null!;
    public StartupReport Startup { get; private set; } = null!;
    public string DatabaseDescription => _database.Description;
    public string OutboxFolder { get; } = Path.Combine(Path.GetTempPath(), "rapport-web-tests-outbox", Guid.NewGuid().ToString("N"));

    public async Task InitializeAsync()
    {
        await _database.CreateAsync();
        // Production, as `rapport serve` runs by default (static assets then come from the runtime manifest, see StaticAssetsHosting).
        // Many tests sign in or ask for tokens from the same address within a minute; the limit itself is tested in SecurityTests.
        // The API limit is raised too: the permission matrix alone makes several hundred calls from this one address.
        var settings = new Dictionary<string, string?>(_database.Settings)
        {
            ["Rapport:Security:SignInAttemptsPerMinute"] = "1000",
            ["Rapport:Security:ApiRequestsPerMinute"] = "100000",
            // Campaign messages (file channel) go to a folder of this run: ids restart with every fresh database.
            ["Rapport:Marketing:DropFolder"] = OutboxFolder,
            // Automation retries after fractions of a second here, so a failing action or webhook is reported failed quickly.
            ["Rapport:Automation:PollSeconds"] = "0.5",
            ["Rapport:Automation:RetryBaseSeconds"] = "0.2",
            ["Rapport:Automation:MaxAttempts"] = "3",
        };
        _app = BuildApp(settings, environment: "Production");
        Startup = await RapportWebApp.InitializeAsync(_app, new DemoSetup(Customers: DemoCustomers, Seed: 7));
        await _app.StartAsync();
        BaseAddress = new Uri(_app.Urls.Single());
    }

    /// <summary>Builds the app on a random loopback port with the given database settings.</summary>
    internal static WebApplication BuildApp(IReadOnlyDictionary<string, string?> settings, string environment)
        => RapportWebApp.Build(["--urls", "http://127.0.0.1:0", "--environment", environment], builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
        });

    public HttpClient CreateClient(bool followRedirects = false)
        => new(new HttpClientHandler { AllowAutoRedirect = followRedirects, UseCookies = false }) { BaseAddress = BaseAddress };

    /// <summary>Runs <paramref name="query"/> against the app's database in a scope of its own.</summary>
    public async Task<T> QueryAsync<T>(Func<RapportDb, Task<T>> query)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<RapportDb>());
    }

    public Task<int> ActiveCustomersAsync()
        => QueryAsync(db => db.Customers.CountAsync(c => c.Status == RecordStatus.Active));

    public async Task<BrowserSession> BrowserAsync() => _browser ??= await BrowserSession.LaunchAsync();

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        await _database.DropAsync();
        try { Directory.Delete(OutboxFolder, recursive: true); } catch (DirectoryNotFoundException) { } catch (IOException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class RapportAppCollection : ICollectionFixture<RapportAppFixture>
{
    public const string Name = "Rapport app";
}

/// <summary>A database that exists for one test run only.</summary>
internal abstract class TestDatabase
{
    public const string PostgresVariable = "RAPPORT_TEST_PG";

    public abstract IReadOnlyDictionary<string, string?> Settings { get; }
    public abstract string Description { get; }
    public abstract Task CreateAsync();
    public abstract Task DropAsync();

    public static TestDatabase Create()
        => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } pg ? new Postgres(pg) : new Sqlite();

    /// <summary>A file in a fresh temporary folder (not in-memory: the app opens many connections).</summary>
    public static TestDatabase TemporarySqlite() => new Sqlite();

    private sealed class Sqlite(string? folder = null) : TestDatabase
    {
        private readonly string _folder = folder ?? Path.Combine(Path.GetTempPath(), "rapport-web-tests", Guid.NewGuid().ToString("N"));

        private string File => Path.Combine(_folder, "rapport.db");
        public override string Description => $"SQLite {File}";

        public override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Rapport:Database:Provider"] = "Sqlite",
            ["Rapport:Database:ConnectionString"] = $"Data Source={File}",
        };

        public override Task CreateAsync()
        {
            Directory.CreateDirectory(_folder);
            return Task.CompletedTask;
        }

        public override Task DropAsync()
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            return Task.CompletedTask;
        }
    }

    private sealed class Postgres(string adminConnectionString) : TestDatabase
    {
        private readonly string _name = $"rapport_web_test_{Guid.NewGuid():N}";

        private string ConnectionString => new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = _name }.ConnectionString;
        public override string Description => $"PostgreSQL database {_name}";

        public override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Rapport:Database:Provider"] = "Postgres",
            ["Rapport:Database:ConnectionString"] = ConnectionString,
        };

        public override Task CreateAsync() => ExecuteAsync($"CREATE DATABASE \"{_name}\"");

        public override async Task DropAsync()
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");
        }

        private async Task ExecuteAsync(string sql)
        {
            await using var connection = new NpgsqlConnection(adminConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
