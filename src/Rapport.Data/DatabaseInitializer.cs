using Microsoft.EntityFrameworkCore;
using Rapport.Core.Domain;

namespace Rapport.Data;

/// <summary>Brings a database to the current schema on first run and seeds the reference rows every install needs.</summary>
public sealed class DatabaseInitializer(RapportDb db, DatabaseOptions options, Encryption.FieldKeyRotation fieldKeys)
{
    public async Task InitializeAsync(CancellationToken ct = default)
    {
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets the web app read while a job or an import writes; the setting is stored in the file.
            await db.Database.OpenConnectionAsync(ct);
            try { await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct); }
            finally { await db.Database.CloseConnectionAsync(); }
        }
        await db.Database.MigrateAsync(ct);
        // Before anything reads or writes personal fields: keys loaded, rows from before encryption encrypted.
        await fieldKeys.EnsureAsync(ct: ct);
        await Audit.AuditChainSealer.SealAsync(db, ct);
        await Audit.AuditAnchors.AnchorUnanchoredLogAsync(db, ct);
        await CustomerNameKeys.BackfillAsync(db, ct);
        await SeedRolesAsync(ct);
    }

    private async Task SeedRolesAsync(CancellationToken ct)
    {
        var existing = await db.Roles.Select(r => r.Name).ToListAsync(ct);
        foreach (var name in Roles.All.Except(existing.OfType<string>()))
            db.Roles.Add(new Role(name) { NormalizedName = name.ToUpperInvariant(), ConcurrencyStamp = Guid.NewGuid().ToString() });
        await db.SaveChangesAsync(ct);
    }
}
