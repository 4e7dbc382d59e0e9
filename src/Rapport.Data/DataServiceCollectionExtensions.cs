using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Rapport.Core.Auditing;
using Rapport.Core.Insights;
using Rapport.Core.Storage;
using Rapport.Core.Unification;
using Rapport.Data.Audit;
using Rapport.Data.Bulk;

namespace Rapport.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>Registers the database chosen by configuration, its bulk writer and the audit hook.</summary>
    public static IServiceCollection AddRapportData(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var unification = configuration.GetSection(UnificationOptions.Section).Get<UnificationOptions>() ?? new UnificationOptions();
        unification.Validate();
        services.AddSingleton(unification);
        services.TryAddSingleton(configuration.GetSection(InsightsOptions.Section).Get<InsightsOptions>() ?? new InsightsOptions());
        return services.AddRapportData(options);
    }

    public static IServiceCollection AddRapportData(this IServiceCollection services, DatabaseOptions options)
    {
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IAuditActorAccessor, SystemAuditActorAccessor>();
        services.AddSingleton<Automation.RecordEventSignal>();
        services.AddSingleton<AuditInterceptor>();
        // Data Protection keys live in the database, so the server, the CLI and jobs share them and thereby the
        // field-encryption keys they protect.
        services.AddDataProtection().SetApplicationName("Rapport").PersistKeysToDbContext<RapportDb>();
        services.AddSingleton<Encryption.FieldKeyRing>();
        services.AddScoped<Encryption.FieldKeyRotation>();
        services.AddScoped<DatabaseInitializer>();
        services.AddScoped<DemoInstaller>();
        services.AddScoped<Audit.AuditVerifier>();
        services.AddScoped<Audit.AuditRecorder>();
        services.AddScoped<Privacy.DataSubjectService>();
        services.AddScoped<Security.ApiTokenService>();
        services.AddScoped<Import.ImportService>();
        services.AddScoped<Import.ImportUndo>();
        services.AddScoped<Import.ImportBatches>();
        services.AddScoped<CustomFields.CustomFieldStore>();
        services.TryAddSingleton(new UnificationOptions());
        services.AddScoped<Unification.IdentityResolutionService>();
        services.TryAddSingleton(new InsightsOptions());
        services.AddScoped<IInsightsDataReader, Insights.InsightsDataReader>();
        services.AddSingleton<IInsightRunStore, Insights.InsightRunStore>();
        services.AddScoped<InsightsRefresher>();
        services.AddScoped<Segments.RuleSegmentMemberships>();
        // Registered before the segment follow-up, which stays the one a single IInsightsFollowUp resolves to.
        services.AddScoped<IInsightsFollowUp, Automation.ScoreThresholdEvents>();
        services.AddScoped<IInsightsFollowUp>(sp => sp.GetRequiredService<Segments.RuleSegmentMemberships>());

        if (options.Provider == DatabaseProvider.Sqlite)
        {
            Register<SqliteRapportDb>(services, options);
            services.AddSingleton<IBulkWriter, SqliteBulkWriter>();
        }
        else
        {
            Register<PostgresRapportDb>(services, options);
            services.AddSingleton<IBulkWriter, PostgresBulkWriter>();
        }
        return services;
    }

    private static void Register<TContext>(IServiceCollection services, DatabaseOptions options) where TContext : RapportDb
    {
        services.AddDbContextFactory<TContext>((sp, builder) =>
        {
            RapportDbOptions.Configure(builder, options);
            builder.AddInterceptors(sp.GetRequiredService<AuditInterceptor>());
        });
        services.AddScoped<RapportDb>(sp => sp.GetRequiredService<TContext>());
        services.AddSingleton<IDbContextFactory<RapportDb>>(sp =>
            new RapportDbFactory<TContext>(sp.GetRequiredService<IDbContextFactory<TContext>>()));
    }

    private sealed class RapportDbFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<RapportDb>
        where TContext : RapportDb
    {
        public RapportDb CreateDbContext() => inner.CreateDbContext();
    }
}

/// <summary>Provider choice and conventions shared by the running app and the design-time factories.</summary>
public static class RapportDbOptions
{
    public static void Configure(DbContextOptionsBuilder builder, DatabaseOptions options)
    {
        var connectionString = options.EffectiveConnectionString;
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            EnsureSqliteFolder(connectionString);
            builder.UseSqlite(connectionString);
        }
        else
        {
            builder.UseNpgsql(connectionString);
        }
        builder.UseSnakeCaseNamingConvention();
        builder.ReplaceService<Microsoft.EntityFrameworkCore.Infrastructure.IModelCacheKeyFactory, RapportModelCacheKeyFactory>();
    }

    /// <summary>The embedded database lives in a file under ./data/ by default; the folder is made on first run.</summary>
    private static void EnsureSqliteFolder(string connectionString)
    {
        var source = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(source) || source == ":memory:" || source.StartsWith("file:", StringComparison.Ordinal)) return;
        var folder = Path.GetDirectoryName(Path.GetFullPath(source));
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
    }
}
