using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Rapport.Data.Encryption;

/// <summary>
/// The stored forms of protected values. A ciphertext is <c>enc:v1:&lt;keyId&gt;:&lt;base64(nonce | ciphertext | tag)&gt;</c>
/// (AES-256-GCM, 12-byte random nonce, 16-byte tag; the prefix with the key id is authenticated too, so a value cannot
/// be moved to another key). A blind index is <c>bi:v1:&lt;keyId&gt;:&lt;base64url(HMAC-SHA256)&gt;</c>: deterministic, so
/// equality lookups work on an index, and keyed, so nobody without the key can test guesses.
/// </summary>
public static class FieldCipher
{
    public const string CipherPrefix = "enc:v1:";
    public const string IndexPrefix = "bi:v1:";
    private const int NonceSize = 12;
    private const int TagSize = 16;
    public const int KeySize = 32;

    // Setting up an AES-GCM context per value cost more than the encryption itself (bulk loads write millions of
    // values); instances are not thread-safe, so each thread keeps one per key (keys are few and live as long as the ring).
    [ThreadStatic] private static Dictionary<byte[], AesGcm>? t_ciphers;

    private static AesGcm CipherFor(byte[] key)
    {
        t_ciphers ??= new Dictionary<byte[], AesGcm>(ReferenceEqualityComparer.Instance);
        if (!t_ciphers.TryGetValue(key, out var aes)) t_ciphers[key] = aes = new AesGcm(key, TagSize);
        return aes;
    }

    [ThreadStatic] private static Dictionary<byte[], IncrementalHash>? t_macs;

    private static IncrementalHash MacFor(byte[] key)
    {
        t_macs ??= new Dictionary<byte[], IncrementalHash>(ReferenceEqualityComparer.Instance);
        if (!t_macs.TryGetValue(key, out var mac)) t_macs[key] = mac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        return mac;
    }

    public static bool IsCiphertext(string stored) => stored.StartsWith(CipherPrefix, StringComparison.Ordinal);

    public static bool IsBlindIndex(string stored) => stored.StartsWith(IndexPrefix, StringComparison.Ordinal);

    /// <summary>The key id of a ciphertext or blind index, or null for a value that is neither (plain text).</summary>
    public static string? KeyIdOf(string stored)
    {
        var prefix = IsCiphertext(stored) ? CipherPrefix.Length : IsBlindIndex(stored) ? IndexPrefix.Length : -1;
        if (prefix < 0) return null;
        var end = stored.IndexOf(':', prefix);
        return end < 0 ? null : stored[prefix..end];
    }

    public static string Encrypt(string plaintext, string keyId, byte[] key)
    {
        var header = CipherPrefix + keyId + ":";
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var sealedBytes = new byte[NonceSize + plain.Length + TagSize];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        CipherFor(key).Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize, plain.Length), sealedBytes.AsSpan(NonceSize + plain.Length), Encoding.ASCII.GetBytes(header));
        return header + Convert.ToBase64String(sealedBytes);
    }

    /// <summary>Decrypts <paramref name="stored"/> (a ciphertext under <paramref name="keyId"/>); a changed byte anywhere fails the tag check.</summary>
    public static string Decrypt(string stored, string keyId, byte[] key)
    {
        var header = CipherPrefix + keyId + ":";
        if (!stored.StartsWith(header, StringComparison.Ordinal))
            throw new FieldDecryptionException($"The stored value is not a ciphertext under key {keyId}.");
        byte[] sealedBytes;
        try { sealedBytes = Convert.FromBase64String(stored[header.Length..]); }
        catch (FormatException) { throw new FieldDecryptionException($"The ciphertext under key {keyId} is not valid base64: the stored value was altered or truncated."); }
        if (sealedBytes.Length < NonceSize + TagSize)
            throw new FieldDecryptionException($"The ciphertext under key {keyId} is too short: the stored value was truncated.");
        var length = sealedBytes.Length - NonceSize - TagSize;
        var plain = new byte[length];
        try
        {
            CipherFor(key).Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize, length), sealedBytes.AsSpan(NonceSize + length), plain, Encoding.ASCII.GetBytes(header));
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new FieldDecryptionException($"The ciphertext under key {keyId} failed its integrity check (AES-GCM tag): the stored value was altered.");
        }
        return Encoding.UTF8.GetString(plain);
    }

    public static string BlindIndex(string normalized, string keyId, byte[] key)
    {
        Span<byte> mac = stackalloc byte[32];
        var hmac = MacFor(key);
        hmac.AppendData(Encoding.UTF8.GetBytes(normalized));
        hmac.GetHashAndReset(mac);
        return IndexPrefix + keyId + ":" + Base64Url.EncodeToString(mac);
    }
}

/// <summary>A protected value could not be read back: altered, truncated, or under a key the ring does not hold.</summary>
public sealed class FieldDecryptionException(string message) : CryptographicException(message);
