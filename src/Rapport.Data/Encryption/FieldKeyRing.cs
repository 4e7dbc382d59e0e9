using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Rapport.Data.Encryption;

/// <summary>
/// The field-encryption keys of one database, in memory: every live key decrypts (so values under an old key stay
/// readable while a rotation runs), the active data key encrypts, the active index key makes blind indexes.
/// The EF model's value converters call it, so every writer and reader — forms, API, import, bulk loads, CLI — goes
/// through it. Loaded from <c>field_keys</c> at start-up; reloaded when a value names a key it does not know yet
/// (another process rotated).
/// </summary>
public sealed class FieldKeyRing
{
    public const string ProtectorPurpose = "Rapport.FieldEncryption.KeyMaterial.v1";

    /// <summary>How long a process writes under the active keys it knows before looking for newer ones (another process rotated).</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMinutes(2);

    private sealed record Snapshot(FrozenDictionary<string, byte[]> Keys, string? ActiveData, string? ActiveIndex, long LoadedAt)
    {
        public static readonly Snapshot Empty = new(FrozenDictionary<string, byte[]>.Empty, null, null, 0);
    }

    private readonly IServiceScopeFactory? _scopes;
    private readonly IDataProtector? _protector;
    private volatile Snapshot _snapshot = Snapshot.Empty;
    private readonly Lock _reloading = new();

    public FieldKeyRing(IServiceScopeFactory scopes, IDataProtectionProvider dataProtection)
    {
        _scopes = scopes;
        _protector = dataProtection.CreateProtector(ProtectorPurpose);
    }

    private FieldKeyRing() { }

    /// <summary>The ring of a context built without the app's services (design-time migrations): shapes the model, cannot encrypt.</summary>
    public static FieldKeyRing Unavailable { get; } = new();

    public string? ActiveDataKeyId => _snapshot.ActiveData;
    public string? ActiveIndexKeyId => _snapshot.ActiveIndex;
    public bool IsLoaded => _snapshot.ActiveData is not null;

    /// <summary>Encrypts a value under the active data key; the empty string stays empty (it tells nothing).</summary>
    public string Protect(string plaintext)
    {
        if (plaintext.Length == 0) return plaintext;
        var s = Current();
        return FieldCipher.Encrypt(plaintext, s.ActiveData!, s.Keys[s.ActiveData!]);
    }

    /// <summary>
    /// The plain value of a stored one. A value without the ciphertext prefix is returned as it is: rows written before
    /// encryption existed stay readable until the start-up sweep has encrypted them.
    /// </summary>
    public string Unprotect(string stored)
    {
        if (!FieldCipher.IsCiphertext(stored)) return stored;
        var keyId = FieldCipher.KeyIdOf(stored) ?? throw new FieldDecryptionException("The ciphertext has no key id: the stored value was altered.");
        return FieldCipher.Decrypt(stored, keyId, KeyFor(keyId));
    }

    /// <summary>The keyed hash stored for an exact-match value. Already hashed values pass unchanged (a copied point keeps its index).</summary>
    public string BlindIndex(string normalized)
    {
        if (FieldCipher.IsBlindIndex(normalized)) return normalized;
        var s = Current();
        return FieldCipher.BlindIndex(normalized, s.ActiveIndex!, s.Keys[s.ActiveIndex!]);
    }

    /// <summary>Blind index under a given key (a rotation re-hashes under the new one).</summary>
    public string BlindIndex(string normalized, string keyId) => FieldCipher.BlindIndex(normalized, keyId, KeyFor(keyId));

    /// <summary>Replaces the ring with <paramref name="keys"/> (as stored, material protected).</summary>
    public void Load(IReadOnlyCollection<FieldKey> keys)
    {
        if (_protector is null) throw Unavailability();
        var material = new Dictionary<string, byte[]>();
        foreach (var key in keys)
        {
            try { material[key.Id] = _protector.Unprotect(Convert.FromBase64String(key.ProtectedMaterial)); }
            catch (CryptographicException ex)
            {
                throw new FieldDecryptionException($"Field key {key.Id} cannot be unprotected with this installation's Data Protection keys ({ex.Message}).");
            }
        }
        // Newest active key of each purpose (two processes creating the first keys at once leave two; the newer wins).
        string? Active(FieldKeyPurpose purpose) => keys.Where(k => k.IsActive && k.Purpose == purpose).MaxBy(k => k.CreatedAt)?.Id;
        _snapshot = new Snapshot(material.ToFrozenDictionary(), Active(FieldKeyPurpose.Data), Active(FieldKeyPurpose.Index), Environment.TickCount64);
    }

    /// <summary>New key material, protected for storage.</summary>
    public FieldKey NewKey(FieldKeyPurpose purpose, DateTime now)
    {
        if (_protector is null) throw Unavailability();
        var material = RandomNumberGenerator.GetBytes(FieldCipher.KeySize);
        return new FieldKey
        {
            Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)),
            Purpose = purpose,
            ProtectedMaterial = Convert.ToBase64String(_protector.Protect(material)),
            IsActive = true,
            CreatedAt = now,
        };
    }

    /// <summary>Reads <c>field_keys</c> again, through a context of its own (value converters have none to lend).</summary>
    public void Reload()
    {
        if (_scopes is null) throw Unavailability();
        lock (_reloading)
        {
            using var scope = _scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<RapportDb>();
            Load(db.Set<FieldKey>().AsNoTracking().ToList());
        }
    }

    private Snapshot Current()
    {
        var s = _snapshot;
        if (s.ActiveData is not null && s.ActiveIndex is not null)
        {
            if (Environment.TickCount64 - s.LoadedAt < RefreshInterval.TotalMilliseconds || _scopes is null) return s;
            // Time to pick up a key another process made. If the database cannot answer now, the known keys still
            // write valid values (a later rotation pass moves them), so the write goes on with them.
            try { Reload(); }
            catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException) { _snapshot = s with { LoadedAt = Environment.TickCount64 }; }
            return _snapshot;
        }
        Reload();
        s = _snapshot;
        return s.ActiveData is not null && s.ActiveIndex is not null
            ? s
            : throw new InvalidOperationException("Field encryption has no active key: the database initializer creates the keys on start.");
    }

    private byte[] KeyFor(string keyId)
    {
        if (_snapshot.Keys.TryGetValue(keyId, out var key)) return key;
        Reload();
        return _snapshot.Keys.TryGetValue(keyId, out key)
            ? key
            : throw new FieldDecryptionException($"Field key {keyId} is not in the key ring: the value was written with a key this database does not hold.");
    }

    private static InvalidOperationException Unavailability()
        => new("Field encryption keys are not available in this context (built without the app's services, e.g. design time).");
}
