using Rapport.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Rapport.Data.Model;

namespace Rapport.Data.Encryption;

/// <summary>
/// Creates, rotates and retires the field-encryption keys of the database (<c>rapport admin rotate-keys</c>, and the
/// first-run set-up in <see cref="DatabaseInitializer"/>).
/// </summary>
public sealed class FieldKeyRotation(RapportDb db, FieldKeyRing ring, TimeProvider clock, Audit.AuditRecorder audit)
{
    public sealed record Outcome(string DataKeyId, string IndexKeyId, bool Resumed, long ValuesRewritten, IReadOnlyList<string> Retired,
        IReadOnlyDictionary<string, long> StillInUse);

    /// <summary>
    /// On start: makes the first keys if there are none and loads the ring. A database from before field encryption
    /// (or one whose first sweep was interrupted) then has its plain-text values encrypted, in batches.
    /// A rotation left unfinished is not resumed here (that is the CLI's job, so a server start stays short).
    /// </summary>
    public async Task EnsureAsync(Action<string>? progress = null, CancellationToken ct = default)
    {
        var keys = await db.FieldKeys.ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var purpose in Enum.GetValues<FieldKeyPurpose>())
            if (!keys.Any(k => k.Purpose == purpose && k.IsActive))
            {
                var key = ring.NewKey(purpose, now);
                db.FieldKeys.Add(key);
                keys.Add(key);
            }
        await db.SaveChangesAsync(ct);
        ring.Load(keys);
        var firstKeys = keys.Where(k => k.IsActive && k.SweptAt is null && keys.Count(o => o.Purpose == k.Purpose) == 1).ToList();
        if (firstKeys.Count == 0) return;
        await new FieldSweep(db, ring, progress ?? (_ => { })).RunAsync(ct);
        foreach (var key in firstKeys) key.SweptAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Makes a new active data key (and index key with <paramref name="indexKey"/>), re-encrypts every protected value
    /// under it, then retires the old keys no stored value uses any more. Readers decrypt with any live key meanwhile.
    /// Run again after an interruption, it resumes with the key it made (no new key while a pass is unfinished).
    /// </summary>
    public async Task<Outcome> RotateAsync(bool indexKey, Action<string> progress, CancellationToken ct = default)
    {
        await EnsureAsync(progress, ct);
        var keys = await db.FieldKeys.ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var resumed = false;
        foreach (var purpose in indexKey ? [FieldKeyPurpose.Data, FieldKeyPurpose.Index] : new[] { FieldKeyPurpose.Data })
        {
            var active = keys.Where(k => k.Purpose == purpose && k.IsActive).OrderBy(k => k.CreatedAt).Last();
            if (active.SweptAt is null)
            {
                resumed = true;
                progress($"Resuming the unfinished rotation to {purpose.ToString().ToLowerInvariant()} key {active.Id}.");
                continue;
            }
            var fresh = ring.NewKey(purpose, now);
            foreach (var old in keys.Where(k => k.Purpose == purpose)) old.IsActive = false;
            db.FieldKeys.Add(fresh);
            keys.Add(fresh);
            progress($"New {purpose.ToString().ToLowerInvariant()} key {fresh.Id}; {active.Id} stays readable until no value uses it.");
        }
        await db.SaveChangesAsync(ct);
        ring.Load(keys);

        var rewritten = await new FieldSweep(db, ring, progress).RunAsync(ct);
        foreach (var key in keys.Where(k => k.IsActive)) key.SweptAt ??= clock.GetUtcNow().UtcDateTime;

        var retired = new List<string>();
        var inUse = new Dictionary<string, long>();
        foreach (var old in keys.Where(k => !k.IsActive && k.RetiredAt is null))
        {
            var uses = await UsesAsync(old, ct);
            if (uses == 0)
            {
                old.RetiredAt = clock.GetUtcNow().UtcDateTime;
                retired.Add(old.Id);
            }
            else inUse[old.Id] = uses;
        }
        await db.SaveChangesAsync(ct);
        var outcome = new Outcome(ring.ActiveDataKeyId!, ring.ActiveIndexKeyId!, resumed, rewritten, retired, inUse);
        // Who rotated when, and what it did, belongs in the same tamper-evident log as every data change (key ids only, never material).
        await audit.RecordAsync(AuditAction.Update, nameof(FieldKey), outcome.DataKeyId, new
        {
            request = "rotate-keys", indexKey, dataKey = outcome.DataKeyId, indexKeyId = outcome.IndexKeyId, resumed, valuesRewritten = rewritten,
            retired, stillInUse = inUse,
        }, ct);
        return outcome;
    }

    /// <summary>How many stored values still carry <paramref name="key"/>'s id.</summary>
    public async Task<long> UsesAsync(FieldKey key, CancellationToken ct = default)
    {
        var prefix = (key.Purpose == FieldKeyPurpose.Data ? FieldCipher.CipherPrefix : FieldCipher.IndexPrefix) + key.Id + ":";
        long uses = 0;
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            foreach (var column in FieldSweep.Columns(db.Model).Where(c => c.IsIndex == (key.Purpose == FieldKeyPurpose.Index)))
            {
                await using var command = db.Database.GetDbConnection().CreateCommand();
                // Key ids are hex, so the prefix has no LIKE wildcards.
                command.CommandText = $"SELECT COUNT(*) FROM \"{column.Table}\" WHERE \"{column.Name}\" LIKE '{prefix}%'";
                uses += Convert.ToInt64(await command.ExecuteScalarAsync(ct));
            }
        }
        finally { await db.Database.CloseConnectionAsync(); }
        return uses;
    }
}
