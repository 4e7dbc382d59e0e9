using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Rapport.Analytics.Marketing;

/// <summary>
/// The random control group of a campaign, drawn so that the same campaign and customer always land in the same group —
/// a rebuilt audience keeps its holdout, on any machine — while being unrelated to anything about the customer.
/// </summary>
public static class HoldoutAssignment
{
    /// <summary>Whether the customer is kept out of the campaign; about <paramref name="fraction"/> of customers are.</summary>
    public static bool IsHoldout(long campaignId, long customerId, double fraction)
    {
        if (!(fraction >= 0 && fraction <= 1)) throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The holdout fraction must lie between 0 and 1.");
        return Draw(campaignId, customerId) < fraction;
    }

    /// <summary>A uniform number in [0, 1) from SHA-256 of the two ids: stable across runs, unlike string hash codes.</summary>
    public static double Draw(long campaignId, long customerId)
    {
        Span<byte> key = stackalloc byte[16];
        BinaryPrimitives.WriteInt64LittleEndian(key, campaignId);
        BinaryPrimitives.WriteInt64LittleEndian(key[8..], customerId);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(key, hash);
        // The top 53 bits fill a double's mantissa exactly.
        return (BinaryPrimitives.ReadUInt64LittleEndian(hash) >> 11) * (1.0 / (1UL << 53));
    }
}
