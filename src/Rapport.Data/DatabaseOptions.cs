namespace Rapport.Data;

public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>
/// Bound from <c>Rapport:Database</c> (environment: <c>Rapport__Database__Provider</c>,
/// <c>Rapport__Database__ConnectionString</c>); the CLI and the server read the same settings.
/// </summary>
public sealed class DatabaseOptions
{
    public const string Section = "Rapport:Database";
    public const string DefaultSqliteConnection = "Data Source=data/rapport.db";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
    public string? ConnectionString { get; set; }

    public string EffectiveConnectionString => string.IsNullOrWhiteSpace(ConnectionString)
        ? Provider == DatabaseProvider.Sqlite
            ? DefaultSqliteConnection
            : throw new InvalidOperationException("Rapport:Database:ConnectionString is required for PostgreSQL.")
        : ConnectionString;
}
