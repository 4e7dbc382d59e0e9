using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Rapport.Data;

// Used only by `dotnet ef migrations add`; each provider keeps its own migrations.

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteRapportDb>
{
    public SqliteRapportDb CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<SqliteRapportDb>();
        RapportDbOptions.Configure(builder, new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = "Data Source=:memory:" });
        return new SqliteRapportDb(builder.Options);
    }
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresRapportDb>
{
    public PostgresRapportDb CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<PostgresRapportDb>();
        RapportDbOptions.Configure(builder, new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = "Host=localhost;Database=rapport_design" });
        return new PostgresRapportDb(builder.Options);
    }
}
