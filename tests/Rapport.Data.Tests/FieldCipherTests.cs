using System.Security.Cryptography;
using Rapport.Data.Encryption;

namespace Rapport.Data.Tests;

/// <summary>The stored formats of field encryption and the blind index, without a database.</summary>
public sealed class FieldCipherTests
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);
    private static readonly byte[] OtherKey = RandomNumberGenerator.GetBytes(32);

    [Fact]
    public void A_ciphertext_names_its_key_round_trips_and_differs_each_time()
    {
        var first = FieldCipher.Encrypt("grace@example.com", "a1b2c3d4", Key);
        var second = FieldCipher.Encrypt("grace@example.com", "a1b2c3d4", Key);

        Assert.StartsWith("enc:v1:a1b2c3d4:", first);
        Assert.DoesNotContain("grace", first);
        Assert.NotEqual(first, second); // random nonce: equal values do not look equal at rest
        Assert.Equal("a1b2c3d4", FieldCipher.KeyIdOf(first));
        Assert.Equal("grace@example.com", FieldCipher.Decrypt(first, "a1b2c3d4", Key));
        Assert.Equal("北京市朝阳区 1号", FieldCipher.Decrypt(FieldCipher.Encrypt("北京市朝阳区 1号", "k", Key), "k", Key));
        // nonce (12) + 17 bytes + tag (16), base64
        Assert.Equal(Convert.ToBase64String(new byte[12 + 17 + 16]).Length, first.Length - "enc:v1:a1b2c3d4:".Length);
    }

    [Fact]
    public void A_changed_byte_a_wrong_key_or_a_moved_key_id_fail_the_tag_check_loudly()
    {
        var stored = FieldCipher.Encrypt("Grace said the kettle leaks", "k1", Key);
        var payload = Convert.FromBase64String(stored["enc:v1:k1:".Length..]);
        payload[20] ^= 0x01;
        var tampered = "enc:v1:k1:" + Convert.ToBase64String(payload);

        var altered = Assert.Throws<FieldDecryptionException>(() => FieldCipher.Decrypt(tampered, "k1", Key));
        Assert.Contains("integrity check", altered.Message);
        Assert.Throws<FieldDecryptionException>(() => FieldCipher.Decrypt(stored, "k1", OtherKey));
        // The key id is authenticated: relabelling a value as another key's fails even when the key bytes match.
        Assert.Throws<FieldDecryptionException>(() => FieldCipher.Decrypt(stored.Replace("enc:v1:k1:", "enc:v1:k2:"), "k2", Key));
        Assert.Throws<FieldDecryptionException>(() => FieldCipher.Decrypt("enc:v1:k1:AAAA", "k1", Key));
        Assert.Throws<FieldDecryptionException>(() => FieldCipher.Decrypt("enc:v1:k1:not base64!", "k1", Key));
    }

    [Fact]
    public void A_blind_index_is_deterministic_per_key_and_does_not_show_the_value()
    {
        var a = FieldCipher.BlindIndex("grace@example.com", "i1", Key);
        Assert.Equal(a, FieldCipher.BlindIndex("grace@example.com", "i1", Key));
        Assert.NotEqual(a, FieldCipher.BlindIndex("grace@example.con", "i1", Key));
        Assert.NotEqual(a, FieldCipher.BlindIndex("grace@example.com", "i1", OtherKey));
        Assert.StartsWith("bi:v1:i1:", a);
        Assert.DoesNotContain("grace", a);
        Assert.True(FieldCipher.IsBlindIndex(a));
        Assert.False(FieldCipher.IsCiphertext(a));
        Assert.Null(FieldCipher.KeyIdOf("grace@example.com"));
    }
}
